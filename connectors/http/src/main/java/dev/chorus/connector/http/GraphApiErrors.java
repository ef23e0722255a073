package dev.chorus.connector.http;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.model.Platform;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Meta Graph API errors by {@code error.code} and {@code error_subcode} rather than HTTP
 * status, which Meta sets loosely (400 for almost everything): 190/102 expired or revoked token
 * (re-authenticate); 4, 17, 32, 613, 80000–80014 and subcode 1390008 throttled, retrying at the
 * instant the usage headers give (read with {@link RateLimitStrategy#metaUsage()}); 1, 2 and
 * {@code is_transient} unavailable; 10, 200–299 and the identity/authorisation subcodes permission
 * denied; 100 with subcode 33 not found; 9007 (media not ready) unavailable; everything else a
 * content rejection carrying Meta's message. The request id is the {@code x-fb-trace-id} header,
 * else the body's {@code fbtrace_id}.
 */
public final class GraphApiErrors implements ErrorMapper {

  /** Subcodes meaning "a person must act on the account" (identity check, page authorisation). */
  private static final Set<Integer> ACCOUNT_ACTION_SUBCODES = Set.of(4854002, 1404078, 2207050);

  private static final GraphApiErrors INSTANCE = new GraphApiErrors();

  private GraphApiErrors() {}

  /** The mapper; stateless and shared. */
  public static GraphApiErrors instance() {
    return INSTANCE;
  }

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    Optional<GraphApiError> parsed = GraphApiError.of(response);
    int status = response.status();
    if (parsed.isEmpty()) {
      return ErrorMapper.standard().map(platform, response);
    }
    GraphApiError error = parsed.get();
    String requestId = response.requestId().orElse(error.fbtraceId());
    String message = error.describe();
    int code = error.code();
    if (error.tokenInvalid()) {
      return new AuthenticationExpiredException(platform, status, requestId,
          "the access token is no longer valid; reconnect the account: " + message);
    }
    if (error.throttled()) {
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null),
          "throttled: " + message);
    }
    if (error.subcode() == 2207042) {
      // Instagram's publishing limit: retrying before the rolling window frees a slot cannot help.
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null),
          "publishing limit reached: " + message, false);
    }
    if (code == 100 && error.subcode() == 33 || status == 404) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (code == 10 || (code >= 200 && code <= 299) || ACCOUNT_ACTION_SUBCODES.contains(error.subcode())
        || code == 368 || status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (code == 1 || code == 2 || code == 9007 || error.transientError() || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  @Override
  public String toString() {
    return "GraphApiErrors";
  }
}
