package dev.chorus.analytics;

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
 * Working hours in a zone: the same local opening window on each working day. Used to measure
 * response times that exclude nights and weekends.
 *
 * @param open local opening time
 * @param close local closing time, after {@code open}
 */
public record BusinessHours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days) {

  /** Validates and copies. */
  public BusinessHours {
    Checks.required("businessHours.zone", zone);
    Checks.required("businessHours.open", open);
    Checks.required("businessHours.close", close);
    if (!close.isAfter(open)) {
      throw new InvalidValueException("businessHours.close", close, "must be after open " + open);
    }
    days = Checks.set("businessHours.days", days);
    if (days.isEmpty()) {
      throw new InvalidValueException("businessHours.days", "[]", "must contain at least one day");
    }
  }

  /** 9:00–17:00, Monday to Friday, in the zone (Sprout's default). */
  public static BusinessHours nineToFive(ZoneId zone) {
    return new BusinessHours(zone, LocalTime.of(9, 0), LocalTime.of(17, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }

  /**
   * The business time between two instants: the length of the overlap of {@code [from, to)} with
   * the opening windows, measured on the clock (so a DST change inside a window counts real time).
   * Zero when {@code to} is not after {@code from}.
   */
  public Duration between(Instant from, Instant to) {
    Checks.required("from", from);
    Checks.required("to", to);
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    long seconds = 0;
    long nanos = 0;
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant start = ZonedDateTime.of(day, open, zone).toInstant();
      Instant end = ZonedDateTime.of(day, close, zone).toInstant();
      Instant a = start.isAfter(from) ? start : from;
      Instant b = end.isBefore(to) ? end : to;
      if (b.isAfter(a)) {
        Duration d = Duration.between(a, b);
        seconds += d.getSeconds();
        nanos += d.getNano();
      }
    }
    return Duration.ofSeconds(seconds, nanos);
  }
}
