package dev.chorus.schedule.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.schedule.Recurrence;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/** {@link Recurrence} over lib-recur, iterating floating (zone-less) date-times. */
public final class LibRecurRecurrence implements Recurrence {

  /** Guards against rules whose matches are astronomically sparse. */
  private static final int MAX_STEPS = 100_000;

  private final String rule;
  private final RecurrenceRule parsed;

  private LibRecurRecurrence(String rule, RecurrenceRule parsed) {
    this.rule = rule;
    this.parsed = parsed;
  }

  /** Parses in strict RFC 5545 mode. */
  public static LibRecurRecurrence parse(String rule) {
    if (rule == null || rule.isBlank()) {
      throw new InvalidValueException("recurrence", rule, "must not be blank");
    }
    String body = rule.strip();
    if (body.regionMatches(true, 0, "RRULE:", 0, 6)) {
      body = body.substring(6);
    }
    try {
      RecurrenceRule parsed = new RecurrenceRule(body, RecurrenceRule.RfcMode.RFC5545_STRICT);
      if (parsed.getUntil() != null && !parsed.getUntil().isFloating() && !parsed.getUntil().isAllDay()) {
        // A UTC UNTIL cannot be compared with floating local occurrences; keep it local.
        throw new InvalidValueException("recurrence", rule, "UNTIL must be a local date-time (no trailing Z) or a date");
      }
      return new LibRecurRecurrence(body, parsed);
    } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
      throw new InvalidValueException("recurrence", rule, "is not a valid RFC 5545 RRULE: " + e.getMessage());
    }
  }

  @Override
  public String rule() {
    return rule;
  }

  @Override
  public boolean infinite() {
    return parsed.isInfinite();
  }

  @Override
  public List<LocalDateTime> localOccurrences(
      LocalDateTime start, LocalDateTime fromInclusive, LocalDateTime toExclusive, int max) {
    List<LocalDateTime> result = new ArrayList<>();
    RecurrenceRuleIterator it = parsed.iterator(toFloating(start));
    int steps = 0;
    while (it.hasNext() && result.size() < max && steps++ < MAX_STEPS) {
      LocalDateTime next = toLocal(it.nextDateTime());
      if (!next.isBefore(toExclusive)) {
        break;
      }
      if (!next.isBefore(fromInclusive)) {
        result.add(next);
      }
    }
    return result;
  }

  private static DateTime toFloating(LocalDateTime local) {
    // rfc5545-datetime months are 0-based.
    return new DateTime(local.getYear(), local.getMonthValue() - 1, local.getDayOfMonth(),
        local.getHour(), local.getMinute(), local.getSecond());
  }

  private static LocalDateTime toLocal(DateTime dateTime) {
    return LocalDateTime.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDayOfMonth(),
        dateTime.getHours(), dateTime.getMinutes(), dateTime.getSeconds());
  }

  @Override
  public String toString() {
    return "RRULE:" + rule;
  }
}
