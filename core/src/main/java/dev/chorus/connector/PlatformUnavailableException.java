package dev.chorus.connector;

import dev.chorus.model.Platform;

/** The platform answered with a server error or said it is overloaded; a later retry may succeed. */
public final class PlatformUnavailableException extends ConnectorException {

  public PlatformUnavailableException(Platform platform, int httpStatus, String requestId, String message) {
    this(platform, httpStatus, requestId, message, null);
  }

  public PlatformUnavailableException(
      Platform platform, int httpStatus, String requestId, String message, Throwable cause) {
    super(platform, httpStatus, requestId, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
