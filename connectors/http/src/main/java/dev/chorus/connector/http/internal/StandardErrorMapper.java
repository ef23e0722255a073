package dev.chorus.connector.http.internal;

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
import tools.jackson.databind.JsonNode;

/** Status-based mapping shared by every connector unless it wraps it. */
public final class StandardErrorMapper implements ErrorMapper {

  /** The one instance; stateless. */
  public static final StandardErrorMapper INSTANCE = new StandardErrorMapper();

  private static final int MAX_MESSAGE = 300;

  private StandardErrorMapper() {}

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    int status = response.status();
    String requestId = response.requestId().orElse(null);
    String message = message(response);
    if (status == 401) {
      return new AuthenticationExpiredException(platform, status, requestId, message);
    }
    if (status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (status == 404 || status == 410) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (status == 429) {
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null), message);
    }
    if (status == 408 || status >= 500) {
      return new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  /** The platform's message from the usual shapes, shortened and redacted. */
  public static String message(ApiResponse response) {
    JsonNode json = response.json();
    String found = first(
        json.path("error").isObject() ? Json.text(json.path("error"), "message") : null,
        json.path("errors").isArray() ? Json.text(json.path("errors").path(0), "message") : null,
        Json.text(json, "detail"),
        Json.text(json, "message"),
        Json.text(json, "error_description"),
        Json.text(json, "error"),
        Json.text(json, "title"));
    if (found == null) {
      found = "HTTP " + response.status();
    }
    String redacted = Redactor.text(found);
    return redacted.length() > MAX_MESSAGE ? redacted.substring(0, MAX_MESSAGE) + "…" : redacted;
  }

  private static String first(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    return null;
  }
}
