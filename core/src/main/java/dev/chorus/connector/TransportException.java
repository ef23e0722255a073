package dev.chorus.connector;

import dev.chorus.model.Platform;

/**
 * The call failed below HTTP (connect, TLS, timeout) or its response could not be read. When
 * {@link #outcomeUnknown()} is true the request may have reached the platform and taken effect, so
 * a caller must reconcile before repeating a non-idempotent call such as publish.
 */
public final class TransportException extends ConnectorException {

  private final boolean outcomeUnknown;

  public TransportException(
      Platform platform, String message, boolean outcomeUnknown, Throwable cause) {
    this(platform, 0, null, message, outcomeUnknown, cause);
  }

  public TransportException(
      Platform platform,
      int httpStatus,
      String requestId,
      String message,
      boolean outcomeUnknown,
      Throwable cause) {
    super(platform, httpStatus, requestId, message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  @Override
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
