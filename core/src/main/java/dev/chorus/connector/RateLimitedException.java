package dev.chorus.connector;

import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.Optional;

/**
 * The platform throttled the call. {@link #retryAt()} is the instant the platform said the limit
 * resets (from {@code Retry-After}, reset headers or a usage header), when it said.
 */
public final class RateLimitedException extends ConnectorException {

  private final Instant retryAt;
  private final boolean retryable;

  public RateLimitedException(
      Platform platform, int httpStatus, String requestId, Instant retryAt, String message) {
    this(platform, httpStatus, requestId, retryAt, message, true);
  }

  /**
   * @param retryable false when the platform says the limit is punitive (for example a spam flag)
   *     and repeating the call would only make it worse
   */
  public RateLimitedException(
      Platform platform,
      int httpStatus,
      String requestId,
      Instant retryAt,
      String message,
      boolean retryable) {
    super(
        platform,
        httpStatus,
        requestId,
        retryAt == null ? message : message + " (retry at " + retryAt + ")",
        null);
    this.retryAt = retryAt;
    this.retryable = retryable;
  }

  /** When the limit resets, if the platform said. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
