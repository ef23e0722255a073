package dev.chorus.connector.http;

import dev.chorus.connector.http.internal.RateLimitHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a platform's rate-limit headers into a {@link RateLimitStatus}. Each built-in connector
 * picks the factory that matches its platform's header style; {@code Retry-After} is always read
 * in addition by the runtime.
 */
@FunctionalInterface
public interface RateLimitStrategy {

  /** The status these headers describe, or empty when they say nothing about limits. */
  Optional<RateLimitStatus> read(ApiResponse response, Instant now);

  /** Reads nothing (platforms without rate-limit headers, such as LinkedIn or TikTok). */
  static RateLimitStrategy none() {
    return (response, now) -> Optional.empty();
  }

  /**
   * X: {@code x-rate-limit-limit|remaining|reset} with the reset in epoch seconds, plus the 24-hour
   * {@code x-app-limit-24hour-*} and {@code x-user-limit-24hour-*} caps; an exhausted cap wins.
   */
  static RateLimitStrategy xRateLimit() {
    return RateLimitHeaders::x;
  }

  /** Mastodon: {@code X-RateLimit-Limit|Remaining|Reset} with the reset as an ISO-8601 timestamp. */
  static RateLimitStrategy mastodon() {
    return RateLimitHeaders::mastodon;
  }

  /**
   * Bluesky and the IETF draft: {@code RateLimit-Limit|Remaining|Reset} (reset in epoch seconds)
   * and {@code RateLimit-Policy: "limit;w=seconds"}, whose window bounds the wait when the reset is
   * absent.
   */
  static RateLimitStrategy rateLimitPolicy() {
    return RateLimitHeaders::policy;
  }

  /**
   * Meta (Facebook, Instagram, Threads): the JSON usage headers {@code X-App-Usage}, {@code
   * X-Page-Usage} and {@code X-Business-Use-Case-Usage}, in percent of the budget. The bucket counts
   * as exhausted when any figure reaches {@code thresholdPercent} or a business use case reports
   * {@code estimated_time_to_regain_access} (minutes); without such an estimate the runtime waits
   * {@code backoffWithoutEstimate}.
   */
  static RateLimitStrategy metaUsage(int thresholdPercent, Duration backoffWithoutEstimate) {
    if (thresholdPercent < 1 || thresholdPercent > 100) {
      throw new dev.chorus.InvalidValueException(
          "thresholdPercent", thresholdPercent, "must be between 1 and 100");
    }
    return (response, now) -> RateLimitHeaders.meta(response, now, thresholdPercent, backoffWithoutEstimate);
  }

  /** Meta usage with a 95 % threshold and a one-hour back-off when Meta gives no estimate. */
  static RateLimitStrategy metaUsage() {
    return metaUsage(95, Duration.ofHours(1));
  }

  /** {@code Retry-After} in seconds or as an HTTP-date: the bucket is closed until then. */
  static RateLimitStrategy retryAfter() {
    return RateLimitHeaders::retryAfter;
  }

  /**
   * Combines two strategies: when both report, an exhausted status wins, and between two exhausted
   * ones the later reset wins.
   */
  default RateLimitStrategy and(RateLimitStrategy other) {
    return (response, now) -> {
      Optional<RateLimitStatus> mine = read(response, now);
      Optional<RateLimitStatus> theirs = other.read(response, now);
      if (mine.isEmpty()) {
        return theirs;
      }
      if (theirs.isEmpty()) {
        return mine;
      }
      return Optional.of(RateLimitHeaders.stricter(mine.get(), theirs.get()));
    };
  }
}
