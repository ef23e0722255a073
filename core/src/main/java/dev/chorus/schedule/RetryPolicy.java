package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for transient failures. A platform's reset time, when it sent
 * one, wins over a shorter backoff.
 *
 * @param initialDelay the delay after the first failure
 * @param multiplier the growth per further failure, at least 1
 * @param maxDelay the cap on the backoff (not on a platform's reset time)
 * @param maxAttempts attempts in all, after which the dispatch fails for good
 * @param jitter the random spread as a fraction of the delay, in {@code [0, 1)}
 */
public record RetryPolicy(
    Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter) {

  public RetryPolicy {
    if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
      throw new InvalidValueException("retryPolicy.initialDelay", initialDelay, "must be positive");
    }
    if (!(multiplier >= 1.0)) {
      throw new InvalidValueException("retryPolicy.multiplier", multiplier, "must be at least 1");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new InvalidValueException("retryPolicy.maxDelay", maxDelay, "must be at least initialDelay");
    }
    if (maxAttempts < 1) {
      throw new InvalidValueException("retryPolicy.maxAttempts", maxAttempts, "must be at least 1");
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new InvalidValueException("retryPolicy.jitter", jitter, "must be in [0, 1)");
    }
  }

  /** 30 s, doubling, at most 1 h between attempts, 8 attempts, ±20 % jitter. */
  public static RetryPolicy ofDefaults() {
    return new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofHours(1), 8, 0.2);
  }

  /** The backoff after the {@code failures}-th failure (1 for the first). */
  public Duration delay(int failures, RandomGenerator random) {
    double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
    base = Math.min(base, maxDelay.toMillis());
    double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
    return Duration.ofMillis(Math.max(1, Math.round(base * (1 + spread))));
  }
}
