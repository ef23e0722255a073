package dev.chorus.connector;

import dev.chorus.model.Platform;

/** The credential is expired or revoked; the account must reconnect (or a refresh failed). Retrying the same call cannot help. */
public final class AuthenticationExpiredException extends ConnectorException {

  public AuthenticationExpiredException(Platform platform, int httpStatus, String requestId, String message) {
    this(platform, httpStatus, requestId, message, null);
  }

  public AuthenticationExpiredException(
      Platform platform, int httpStatus, String requestId, String message, Throwable cause) {
    super(platform, httpStatus, requestId, message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
