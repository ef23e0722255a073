package dev.chorus.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The calendar period a rollup groups by, read in the rollup's zone. Weeks start on Monday. */
public enum RollupPeriod {
  /** A calendar day (23, 24 or 25 hours long across DST changes). */
  DAY,
  /** An ISO week, Monday to Sunday. */
  WEEK,
  /** A calendar month. */
  MONTH;

  /** The first day of the period containing {@code date}. */
  public LocalDate start(LocalDate date) {
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
    };
  }

  /** The first day of the next period after the one starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
  }
}
