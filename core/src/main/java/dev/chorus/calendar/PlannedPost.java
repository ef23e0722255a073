package dev.chorus.calendar;

import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * One valid row of an imported calendar: a post to draft for an account at a wall-clock time.
 *
 * @param row the row it came from
 * @param zone the zone of {@code local} (the row's, or the account's when the row names none)
 * @param campaignId the campaign, or {@code null}
 * @param firstComment the first comment, or {@code null}
 * @param pillar the content pillar, or {@code null}
 */
public record PlannedPost(
    int row,
    SocialAccount account,
    LocalDateTime local,
    ZoneId zone,
    PostFormat format,
    String text,
    List<URI> media,
    CampaignId campaignId,
    String firstComment,
    String pillar) {

  public PlannedPost {
    Checks.required("planned.account", account);
    Checks.required("planned.local", local);
    Checks.required("planned.zone", zone);
    Checks.required("planned.format", format);
    text = text == null ? "" : text;
    media = Checks.list("planned.media", media);
  }
}
