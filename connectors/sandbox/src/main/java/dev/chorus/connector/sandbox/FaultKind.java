package dev.chorus.connector.sandbox;

/**
 * A way a simulated call can fail. The first five can be drawn at random by a {@link FaultPlan};
 * every kind can be scripted.
 */
public enum FaultKind {
  /** The call times out before the platform accepts it: nothing changes, the outcome is unknown to the caller. */
  TIMEOUT_BEFORE_ACCEPT,
  /** The platform performs the call, then the response is lost: the change IS made, the outcome is unknown. */
  TIMEOUT_AFTER_ACCEPT,
  /** HTTP 429: drawn at random it starts a storm of {@link FaultPlan#stormDuration()}. */
  RATE_LIMIT,
  /** HTTP 5xx: nothing changes. */
  SERVER_ERROR,
  /** The platform performs the call but its response body cannot be parsed. */
  MALFORMED,
  /** HTTP 401: the API key is expired or revoked. */
  AUTHENTICATION_EXPIRED,
  /** HTTP 403: the key may not do this. */
  PERMISSION_DENIED,
  /** HTTP 404. */
  NOT_FOUND,
  /** HTTP 400: the content is refused with a reason. */
  CONTENT_REJECTED;

  /** Whether a {@link FaultPlan} may draw this kind at random. */
  public boolean random() {
    return ordinal() <= MALFORMED.ordinal();
  }
}
