package dev.chorus.connector.http;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a response's headers said about one rate-limit bucket: the limit and remaining calls when
 * known, when the window resets, and whether the bucket is exhausted (the runtime then waits until
 * the reset before the next call instead of provoking a 429).
 */
public final class RateLimitStatus {

  private final long limit;
  private final long remaining;
  private final Instant resetAt;
  private final boolean exhausted;

  private RateLimitStatus(long limit, long remaining, Instant resetAt, boolean exhausted) {
    this.limit = limit;
    this.remaining = remaining;
    this.resetAt = resetAt;
    this.exhausted = exhausted;
  }

  /**
   * A counted window. Exhausted when {@code remaining} is zero.
   *
   * @param limit calls per window, or -1 when unknown
   * @param remaining calls left, or -1 when unknown
   * @param resetAt when the window resets, {@code null} when unknown
   */
  public static RateLimitStatus counted(long limit, long remaining, Instant resetAt) {
    return new RateLimitStatus(limit, remaining, resetAt, remaining == 0);
  }

  /** A bucket the platform says is closed until {@code resetAt} (Retry-After, usage headers). */
  public static RateLimitStatus exhaustedUntil(Instant resetAt) {
    return new RateLimitStatus(-1, 0, resetAt, true);
  }

  /** A bucket with room left and no known reset. */
  public static RateLimitStatus available() {
    return new RateLimitStatus(-1, -1, null, false);
  }

  /** Calls per window, if known. */
  public OptionalLong limit() {
    return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
  }

  /** Calls left in the window, if known. */
  public OptionalLong remaining() {
    return remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining);
  }

  /** When the window resets, if known. */
  public Optional<Instant> resetAt() {
    return Optional.ofNullable(resetAt);
  }

  /** True when no call should be made before {@link #resetAt()}. */
  public boolean exhausted() {
    return exhausted;
  }

  @Override
  public String toString() {
    return "RateLimitStatus[limit=" + limit + ", remaining=" + remaining + ", resetAt=" + resetAt
        + ", exhausted=" + exhausted + "]";
  }
}
