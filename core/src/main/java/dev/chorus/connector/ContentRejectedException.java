package dev.chorus.connector;

import dev.chorus.model.Platform;

/**
 * The platform refused the content itself (too long, duplicate, banned link, bad media). The
 * platform's own reason is kept verbatim; retrying the same content cannot succeed.
 */
public final class ContentRejectedException extends ConnectorException {

  private final String reason;

  public ContentRejectedException(
      Platform platform, int httpStatus, String requestId, String reason) {
    this(platform, httpStatus, requestId, reason, null);
  }

  public ContentRejectedException(
      Platform platform, int httpStatus, String requestId, String reason, Throwable cause) {
    super(platform, httpStatus, requestId, "content rejected: " + reason, cause);
    this.reason = reason;
  }

  /** The platform's reason, as it sent it. */
  public String reason() {
    return reason;
  }
}
