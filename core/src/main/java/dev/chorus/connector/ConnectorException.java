package dev.chorus.connector;

import dev.chorus.ChorusException;
import dev.chorus.model.Platform;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A platform call failed. Carries the platform, the HTTP status and the platform's request id where
 * known; all three appear in the message so a log line alone is enough to open a support ticket.
 */
public abstract class ConnectorException extends ChorusException {

  private final Platform platform;
  private final int httpStatus;
  private final String requestId;

  protected ConnectorException(
      Platform platform, int httpStatus, String requestId, String message, Throwable cause) {
    super(format(platform, httpStatus, requestId, message), cause);
    this.platform = platform;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  private static String format(Platform platform, int status, String requestId, String message) {
    StringBuilder text = new StringBuilder();
    text.append(platform == null ? "unknown platform" : platform.id()).append(": ").append(message);
    if (status > 0) {
      text.append(" [HTTP ").append(status);
      if (requestId != null) {
        text.append(", request id ").append(requestId);
      }
      text.append(']');
    } else if (requestId != null) {
      text.append(" [request id ").append(requestId).append(']');
    }
    return text.toString();
  }

  /** The platform that failed. */
  public Platform platform() {
    return platform;
  }

  /** The HTTP status, or empty when the call never got a response. */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  /**
   * True when the request may have reached the platform and taken effect even though the call
   * failed (a timeout after sending, a lost response). Publish must be reconciled, not repeated.
   */
  public boolean outcomeUnknown() {
    return false;
  }

  /** The platform's request id (for example {@code x-transaction-id}), when it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
