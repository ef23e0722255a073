package dev.chorus.connector.bluesky.internal;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.model.Platform;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps XRPC error bodies ({@code {"error":"Name","message":"text"}}) to typed connector errors.
 * The quirk that matters: an expired access token is HTTP 400 {@code ExpiredToken}, not 401, and
 * must become {@link AuthenticationExpiredException} so the runtime refreshes the session once.
 */
public final class XrpcErrors implements ErrorMapper {

  /** The one instance; the mapper holds no state. */
  public static final XrpcErrors INSTANCE = new XrpcErrors();

  private static final Set<String> AUTH = Set.of(
      "ExpiredToken", "InvalidToken", "AuthMissing", "AuthenticationRequired", "AuthRequired");
  private static final Set<String> DENIED = Set.of("AccountTakedown", "Forbidden", "AccountDeactivated");
  private static final Set<String> NOT_FOUND = Set.of("NotFound", "RecordNotFound", "RepoNotFound", "XRPCNotSupported");
  private static final Set<String> PROFILE_NOT_FOUND = Set.of("profile not found", "actor not found");
  private static final int MAX_MESSAGE = 300;

  private XrpcErrors() {}

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    int status = response.status();
    String requestId = response.requestId().orElse(null);
    String name = errorName(response);
    String message = describe(response, name);
    if (status == 429 || "RateLimitExceeded".equals(name)) {
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null), message);
    }
    if (AUTH.contains(name) || status == 401) {
      return new AuthenticationExpiredException(platform, status, requestId, message);
    }
    if (DENIED.contains(name) || status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (NOT_FOUND.contains(name) || status == 404 || isMissingProfile(name, response)) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  /**
   * The app view answers a lookup of an unknown actor (getProfile, getAuthorFeed) with HTTP 400
   * {@code InvalidRequest} "Profile not found" rather than a 404.
   */
  private static boolean isMissingProfile(String name, ApiResponse response) {
    if (!"InvalidRequest".equals(name)) {
      return false;
    }
    JsonNode message = response.json().path("message");
    return message.isString() && PROFILE_NOT_FOUND.contains(message.stringValue().strip().toLowerCase(Locale.ROOT));
  }

  /** The XRPC error name of a failed response, or an empty string when the body has none. */
  public static String errorName(ApiResponse response) {
    JsonNode error = response.json().path("error");
    return error.isString() ? error.stringValue() : "";
  }

  private static String describe(ApiResponse response, String name) {
    // ErrorMapper.message reads "message" first for XRPC bodies and redacts token-like text.
    String text = ErrorMapper.message(response);
    String full = name.isEmpty() || text.equals(name) ? text : name + ": " + text;
    return full.length() > MAX_MESSAGE ? full.substring(0, MAX_MESSAGE) + "…" : full;
  }
}
