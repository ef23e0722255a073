package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Where planning put one target: the intent as written, the zone its local times are read in, the
 * first publication and, for a recurrence, every occurrence materialised so far.
 *
 * @param zone the intent's zone, or the account's when the intent names none
 * @param at the (first) publication time
 * @param occurrences the publication times to dispatch, starting with {@code at} for a one-off
 */
public record PlannedTarget(AccountId account, ScheduleIntent intent, ZoneId zone, Instant at, List<Instant> occurrences) {

  public PlannedTarget {
    Checks.required("planned.account", account);
    Checks.required("planned.intent", intent);
    Checks.required("planned.zone", zone);
    Checks.required("planned.at", at);
    occurrences = Checks.list("planned.occurrences", occurrences);
    if (occurrences.isEmpty()) {
      throw new InvalidValueException("planned.occurrences", occurrences, "needs at least one time");
    }
  }

  /** Whether this is a recurrence (one dispatch per occurrence, in one series). */
  public boolean recurring() {
    return intent instanceof ScheduleIntent.Recurring;
  }

  /** The publication time as wall-clock time in {@link #zone()}, for messages and the audit trail. */
  public String describe() {
    return at + " (" + at.atZone(zone).toLocalDateTime() + " " + zone.getId() + ")"
        + (recurring() ? ", recurring " + ((ScheduleIntent.Recurring) intent).rule() : "");
  }
}
