package dev.chorus.inbox;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hours a team answers in, in a zone: the same opening and closing time on each of the given
 * days. Response times count only time inside these hours; a daylight-saving change is handled by
 * the zone rules (an opening or closing in a gap moves forward).
 *
 * @param open inclusive
 * @param close exclusive; after {@code open}
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

  /** Checks the values. */
  public BusinessHours {
    Checks.required("businessHours.zone", zone);
    days = Set.copyOf(Checks.set("businessHours.days", days));
    Checks.required("businessHours.open", open);
    Checks.required("businessHours.close", close);
    if (days.isEmpty()) {
      throw new InvalidValueException("businessHours.days", days, "must not be empty");
    }
    if (!close.isAfter(open) && !close.equals(LocalTime.MIDNIGHT)) {
      throw new InvalidValueException("businessHours.close", close, "must be after open " + open);
    }
  }

  /** Every hour of every day in the zone: response times are plain elapsed time. */
  public static BusinessHours always(ZoneId zone) {
    return new BusinessHours(zone, EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
  }

  /** Monday to Friday between the two times. */
  public static BusinessHours weekdays(ZoneId zone, LocalTime open, LocalTime close) {
    return new BusinessHours(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), open, close);
  }

  /**
   * The business time between the two instants (zero when {@code to} is not after {@code from}).
   */
  public Duration between(Instant from, Instant to) {
    Checks.required("from", from);
    Checks.required("to", to);
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant start = ZonedDateTime.of(day, open, zone).toInstant();
      Instant end = close.equals(LocalTime.MIDNIGHT)
          ? day.plusDays(1).atStartOfDay(zone).toInstant()
          : ZonedDateTime.of(day, close, zone).toInstant();
      Instant a = start.isAfter(from) ? start : from;
      Instant b = end.isBefore(to) ? end : to;
      if (b.isAfter(a)) {
        total = total.plus(Duration.between(a, b));
      }
    }
    return total;
  }
}
