package dev.chorus.strategy;

import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One draft slot of a content plan: an account posts the pillar in the format at the instant.
 *
 * @param zone the account's zone, which the slot's wall-clock time and week are read in
 * @param week the Monday of the slot's ISO week, in the account's zone
 */
public record PlannedSlot(
    AccountId account, Platform platform, Instant at, ZoneId zone, LocalDate week, String pillar, PostFormat format) {

  public PlannedSlot {
    Checks.required("slot.account", account);
    Checks.required("slot.platform", platform);
    Checks.required("slot.at", at);
    Checks.required("slot.zone", zone);
    Checks.required("slot.week", week);
    Checks.notBlank("slot.pillar", pillar);
    Checks.required("slot.format", format);
  }

  /** The slot as wall-clock time in the account's zone. */
  public ZonedDateTime localTime() {
    return at.atZone(zone);
  }
}
