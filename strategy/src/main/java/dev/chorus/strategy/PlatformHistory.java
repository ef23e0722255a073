package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;

/**
 * What a workspace measured on a platform for the objective's KPI (engagement rate, conversions
 * per post, ...): the mean value over {@code samples} posts. Higher must be better; all histories
 * given to one recommendation must measure the same KPI.
 */
public record PlatformHistory(Platform platform, double value, int samples) {

  public PlatformHistory {
    Checks.required("history.platform", platform);
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidValueException("history.value", value, "must be a finite number of at least 0");
    }
    if (samples < 0) {
      throw new InvalidValueException("history.samples", samples, "must not be negative");
    }
  }
}
