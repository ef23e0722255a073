package dev.chorus.connector.http;

import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.http.internal.StandardErrorMapper;
import dev.chorus.model.Platform;

/**
 * Turns a non-2xx response into a typed {@link ConnectorException}. Connectors wrap {@link
 * #standard()} for their platform's quirks (Bluesky's 400 {@code ExpiredToken} is an expired
 * credential; Meta's error code 4 is a rate limit). Returning {@link
 * dev.chorus.connector.AuthenticationExpiredException} makes the runtime refresh once and retry.
 */
@FunctionalInterface
public interface ErrorMapper {

  /** The exception for this unsuccessful response; messages must not contain secrets. */
  ConnectorException map(Platform platform, ApiResponse response);

  /**
   * Maps by status: 401 expired credential, 403 permission denied, 404/410 not found, 429 rate
   * limited (with the reset instant), 408 and 5xx unavailable, other 4xx content rejected. The
   * message is taken from the usual JSON error shapes ({@code error.message}, {@code detail},
   * {@code message}, {@code error}, {@code error_description}, {@code title}) with secrets redacted.
   */
  static ErrorMapper standard() {
    return StandardErrorMapper.INSTANCE;
  }

  /** The platform's human-readable error message from the usual JSON shapes, redacted. */
  static String message(ApiResponse response) {
    return StandardErrorMapper.message(response);
  }
}
