package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How often a post's metrics are refreshed as it ages: a post younger than a step's age is
 * refreshed at that step's interval, older posts at {@link #after()}. New posts change fast and old
 * posts barely change, so the schedule decays.
 *
 * @param steps by increasing age, each with its interval
 * @param after the interval once a post is older than the last step
 */
public record RefreshPolicy(List<Step> steps, Duration after) {

  /** Posts younger than {@code age} are refreshed every {@code interval}. */
  public record Step(Duration age, Duration interval) {
    /** Both durations must be positive. */
    public Step {
      positive("refreshPolicy.step.age", age);
      positive("refreshPolicy.step.interval", interval);
    }
  }

  /** Checks that ages increase and every interval is positive. */
  public RefreshPolicy {
    steps = Checks.list("refreshPolicy.steps", steps);
    positive("refreshPolicy.after", after);
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).age().compareTo(steps.get(i - 1).age()) <= 0) {
        throw new InvalidValueException("refreshPolicy.steps[" + i + "].age", steps.get(i).age(),
            "must be greater than the previous step's age " + steps.get(i - 1).age());
      }
    }
  }

  /** Hourly in the first day, every 6 hours in the first week, daily to 30 days, weekly after. */
  public static RefreshPolicy defaults() {
    return new RefreshPolicy(List.of(
        new Step(Duration.ofDays(1), Duration.ofHours(1)),
        new Step(Duration.ofDays(7), Duration.ofHours(6)),
        new Step(Duration.ofDays(30), Duration.ofDays(1))), Duration.ofDays(7));
  }

  /** The interval for a post of this age (a negative age, a post from the future, counts as new). */
  public Duration intervalFor(Duration age) {
    Checks.required("age", age);
    for (Step step : steps) {
      if (age.compareTo(step.age()) < 0) {
        return step.interval();
      }
    }
    return after;
  }

  /**
   * Whether a post published at {@code publishedAt} and last refreshed at {@code lastRefreshed}
   * ({@code null} for never) is due at {@code now}.
   */
  public boolean due(Instant publishedAt, Instant lastRefreshed, Instant now) {
    Checks.required("publishedAt", publishedAt);
    Checks.required("now", now);
    if (lastRefreshed == null) {
      return true;
    }
    Duration interval = intervalFor(Duration.between(publishedAt, now));
    return Duration.between(lastRefreshed, now).compareTo(interval) >= 0;
  }

  private static void positive(String field, Duration value) {
    Checks.required(field, value);
    if (value.isZero() || value.isNegative()) {
      throw new InvalidValueException(field, value, "must be positive");
    }
  }
}
