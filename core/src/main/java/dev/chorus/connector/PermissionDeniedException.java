package dev.chorus.connector;

import dev.chorus.model.Platform;

/** The credential is valid but lacks a scope or role for this call, or the platform forbids it for this account. */
public final class PermissionDeniedException extends ConnectorException {

  public PermissionDeniedException(Platform platform, int httpStatus, String requestId, String message) {
    this(platform, httpStatus, requestId, message, null);
  }

  public PermissionDeniedException(
      Platform platform, int httpStatus, String requestId, String message, Throwable cause) {
    super(platform, httpStatus, requestId, message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
