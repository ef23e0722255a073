package dev.chorus.connector;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Duration;

/**
 * How many posts one account may publish within any rolling window, such as Instagram's limit on
 * API-published posts per 24 hours. The scheduler checks it when a post is planned, so a full
 * window is an error or a later slot at planning time, not a 429 at publishing time.
 *
 * @param maxPosts most posts in any window of {@code window} length
 * @param window the length of the rolling window
 */
public record PublishingQuota(int maxPosts, Duration window) {

  public PublishingQuota {
    if (maxPosts < 1) {
      throw new InvalidValueException("quota.maxPosts", maxPosts, "must be at least 1");
    }
    Checks.required("quota.window", window);
    if (window.isZero() || window.isNegative()) {
      throw new InvalidValueException("quota.window", window, "must be positive");
    }
  }

  /** {@code maxPosts} per rolling 24 hours. */
  public static PublishingQuota perDay(int maxPosts) {
    return new PublishingQuota(maxPosts, Duration.ofHours(24));
  }
}
