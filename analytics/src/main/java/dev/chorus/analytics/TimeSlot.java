package dev.chorus.analytics;

import dev.chorus.model.Checks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;

/**
 * A slot of the week in the audience's zone with its score.
 *
 * @param score the shrunk mean of per-account standardised engagement (z-scores); higher is better
 * @param samples posts published in the slot within the window
 * @param priorOnly whether the slot had fewer posts than the minimum and its score is the prior's
 */
public record TimeSlot(DayOfWeek day, LocalTime start, Duration length, double score, int samples, boolean priorOnly) {

  /** Validates. */
  public TimeSlot {
    Checks.required("slot.day", day);
    Checks.required("slot.start", start);
    Checks.required("slot.length", length);
  }
}
