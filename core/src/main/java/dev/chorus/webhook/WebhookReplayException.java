package dev.chorus.webhook;

import dev.chorus.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A correctly signed webhook request carries a signed timestamp outside the accepted window, so it
 * may be a replay of an old request.
 */
public class WebhookReplayException extends WebhookException {

  private final Instant signedAt;
  private final Instant receivedAt;
  private final Duration tolerance;

  /** A request signed at one instant and received at another, further apart than the tolerance. */
  public WebhookReplayException(
      Platform platform, Instant signedAt, Instant receivedAt, Duration tolerance) {
    super(
        platform,
        "signed timestamp " + signedAt + " is outside " + tolerance + " of " + receivedAt);
    this.signedAt = Objects.requireNonNull(signedAt, "signedAt");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
  }

  /** The timestamp the sender signed. */
  public Instant signedAt() {
    return signedAt;
  }

  /** When the request was received. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The accepted distance between the two. */
  public Duration tolerance() {
    return tolerance;
  }
}
