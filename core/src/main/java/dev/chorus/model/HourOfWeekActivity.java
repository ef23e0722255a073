package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.time.DayOfWeek;
import java.util.Arrays;

/**
 * How active an audience is in each of the 168 hours of a week (Monday 00:00 first), in the
 * audience's own zone. Weights are relative and non-negative; only their shape matters.
 */
public final class HourOfWeekActivity {

  /** Hours in a week. */
  public static final int HOURS = 7 * 24;

  private final double[] weights;

  private HourOfWeekActivity(double[] weights) {
    this.weights = weights;
  }

  /** Wraps 168 weights; the array is copied. */
  public static HourOfWeekActivity of(double... weights) {
    if (weights == null) {
      throw new InvalidValueException("audience.activity", null, "is required");
    }
    if (weights.length != HOURS) {
      throw new InvalidValueException(
          "audience.activity", weights.length + " values", "must have exactly 168 values (7 x 24)");
    }
    for (int i = 0; i < HOURS; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new InvalidValueException("audience.activity[" + i + "]", weights[i], "must be a finite number >= 0");
      }
    }
    return new HourOfWeekActivity(weights.clone());
  }

  /** The same weight in every hour: no knowledge. */
  public static HourOfWeekActivity uniform() {
    double[] flat = new double[HOURS];
    Arrays.fill(flat, 1.0);
    return new HourOfWeekActivity(flat);
  }

  /** The weight of an hour of the week. */
  public double weight(DayOfWeek day, int hour) {
    if (hour < 0 || hour > 23) {
      throw new InvalidValueException("hour", hour, "must be 0-23");
    }
    return weights[(day.getValue() - 1) * 24 + hour];
  }

  /** The weight at an index 0..167. */
  public double weight(int hourOfWeek) {
    return weights[hourOfWeek];
  }

  /** A copy of the 168 weights. */
  public double[] toArray() {
    return weights.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HourOfWeekActivity that && Arrays.equals(weights, that.weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "HourOfWeekActivity" + Arrays.toString(weights);
  }
}
