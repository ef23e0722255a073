package dev.chorus.schedule;

import dev.chorus.schedule.internal.LibRecurRecurrence;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 5545 recurrence rule ({@code FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9}), evaluated in local
 * time from a local start and converted to instants one occurrence at a time, so a daily 09:00
 * stays 09:00 across DST changes and a time-zone database update moves future occurrences.
 */
public interface Recurrence {

  /**
   * Parses a rule (with or without the {@code RRULE:} prefix).
   *
   * @throws dev.chorus.InvalidValueException naming the rule when it is not valid RFC 5545
   */
  static Recurrence parse(String rule) {
    return LibRecurRecurrence.parse(rule);
  }

  /** The rule as written. */
  String rule();

  /** Whether the rule never ends (no COUNT and no UNTIL). */
  boolean infinite();

  /**
   * Local occurrences of the rule started at {@code start}, from {@code fromInclusive} until
   * {@code toExclusive}, at most {@code max} of them.
   */
  List<LocalDateTime> localOccurrences(
      LocalDateTime start, LocalDateTime fromInclusive, LocalDateTime toExclusive, int max);

  /**
   * Occurrences as instants in the zone under the DST policy, in the instant window {@code [from,
   * to)}, at most {@code max}. Occurrences the policy skips are left out.
   */
  default List<Instant> occurrences(
      LocalDateTime start, ZoneId zone, DstPolicy policy, Instant from, Instant to, int max) {
    // Widen the local window by a day each side: offsets move local times by at most ~26 h.
    LocalDateTime localFrom = LocalDateTime.ofInstant(from, zone).minusDays(1);
    LocalDateTime localTo = LocalDateTime.ofInstant(to, zone).plusDays(1);
    List<Instant> result = new ArrayList<>();
    for (LocalDateTime local : localOccurrences(start, localFrom, localTo, max + 64)) {
      policy.resolve(local, zone).ifPresent(instant -> {
        if (!instant.isBefore(from) && instant.isBefore(to) && result.size() < max) {
          result.add(instant);
        }
      });
    }
    return result;
  }
}
