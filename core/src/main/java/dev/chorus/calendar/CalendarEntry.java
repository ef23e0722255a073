package dev.chorus.calendar;

import dev.chorus.model.AccountId;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostId;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One planned or past publication on the content calendar: a post target at its time.
 *
 * @param campaignId the post's campaign, or {@code null}
 * @param at when it goes (or went) out
 * @param zone the zone the time was planned in (the account's unless the intent named one)
 * @param text the text the target publishes, after its variant's override
 */
public record CalendarEntry(
    WorkspaceId workspaceId,
    PostId postId,
    AccountId accountId,
    Platform platform,
    CampaignId campaignId,
    Instant at,
    ZoneId zone,
    TargetState state,
    PostFormat format,
    String text) {

  public CalendarEntry {
    Checks.required("entry.workspaceId", workspaceId);
    Checks.required("entry.postId", postId);
    Checks.required("entry.accountId", accountId);
    Checks.required("entry.platform", platform);
    Checks.required("entry.at", at);
    Checks.required("entry.zone", zone);
    Checks.required("entry.state", state);
    Checks.required("entry.format", format);
    text = text == null ? "" : text;
  }

  /** The campaign, if the post belongs to one. */
  public Optional<CampaignId> campaign() {
    return Optional.ofNullable(campaignId);
  }

  /** The time as wall-clock time in the entry's zone. */
  public ZonedDateTime localTime() {
    return at.atZone(zone);
  }
}
