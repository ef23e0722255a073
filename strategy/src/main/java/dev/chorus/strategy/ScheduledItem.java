package dev.chorus.strategy;

import dev.chorus.calendar.CalendarEntry;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One scheduled or published post target with its content pillar, as the drift check reads it.
 *
 * @param zone the zone its week is read in (the account's)
 * @param pillar the post's pillar, or {@code null} when untagged
 */
public record ScheduledItem(Platform platform, AccountId account, Instant at, ZoneId zone, String pillar) {

  public ScheduledItem {
    Checks.required("item.platform", platform);
    Checks.required("item.account", account);
    Checks.required("item.at", at);
    Checks.required("item.zone", zone);
    pillar = Checks.blankToNull("item.pillar", pillar);
  }

  /** The calendar entry tagged with its post's pillar (the post must be the entry's). */
  public static ScheduledItem of(CalendarEntry entry, Post post) {
    Checks.required("entry", entry);
    Checks.required("post", post);
    if (!post.id().equals(entry.postId())) {
      throw new dev.chorus.InvalidValueException("post", post.id(), "is not the entry's post " + entry.postId());
    }
    return new ScheduledItem(entry.platform(), entry.accountId(), entry.at(), entry.zone(), post.pillar());
  }
}
