package dev.chorus.connector;

import dev.chorus.model.Platform;

/** The post, comment or account does not exist on the platform (or is no longer visible to this credential). */
public final class NotFoundException extends ConnectorException {

  public NotFoundException(Platform platform, int httpStatus, String requestId, String message) {
    this(platform, httpStatus, requestId, message, null);
  }

  public NotFoundException(
      Platform platform, int httpStatus, String requestId, String message, Throwable cause) {
    super(platform, httpStatus, requestId, message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
