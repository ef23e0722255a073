package dev.chorus.connector.x.internal;

import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Maps X's error responses: RFC 7807 problems ({@code type}, {@code title}, {@code detail}) and
 * validation {@code errors[]}. Status mapping follows {@link ErrorMapper#standard()} (401 expired,
 * 403 denied, 404 not found, 429 limited, 5xx unavailable, other 4xx rejected) with X's quirks: a
 * 403 about the content itself (a duplicate, a video too long) is a content rejection, and a
 * {@code usage-capped} 429 is retryable only when the headers say when the cap resets.
 */
final class XErrors implements ErrorMapper {

  @Override
  public ConnectorException map(Platform platform, ApiResponse response) {
    int status = response.status();
    String requestId = response.requestId().orElse(null);
    String message = message(response);
    String type = problemType(response.json());
    if (status == 403 && contentProblem(message)) {
      return new ContentRejectedException(platform, status, requestId, message);
    }
    if (status == 403 && type != null) {
      return new PermissionDeniedException(platform, status, requestId, message + " (" + type + ")");
    }
    if (status == 429) {
      boolean capped = "usage-capped".equals(type);
      return new RateLimitedException(platform, status, requestId, response.retryAt().orElse(null),
          capped ? "usage cap reached: " + message : message,
          !capped || response.retryAt().isPresent());
    }
    return ErrorMapper.standard().map(platform, withMessage(response, message));
  }

  private static ApiResponse withMessage(ApiResponse response, String message) {
    byte[] body = XJson.write(XJson.object().put("message", message)).getBytes(StandardCharsets.UTF_8);
    return new ApiResponse(response.status(), response.headers(), body, response.requestId().orElse(null),
        response.retryAt().orElse(null));
  }

  /**
   * The platform's message: every {@code errors[].message} (with its parameter names), else the
   * problem's {@code detail}, else its {@code title}, else what the standard mapper finds.
   */
  static String message(ApiResponse response) {
    JsonNode json = response.json();
    List<String> parts = new ArrayList<>();
    for (JsonNode error : json.path("errors")) {
      String text = XJson.text(error, "message");
      if (text == null) {
        text = XJson.text(error, "detail");
      }
      if (text == null) {
        continue;
      }
      List<String> names = new ArrayList<>();
      error.path("parameters").propertyNames().forEach(names::add);
      parts.add(names.isEmpty() ? text : text + " " + names);
    }
    String found = parts.isEmpty() ? null : String.join("; ", parts);
    if (found == null) {
      found = XJson.text(json, "detail");
    }
    if (found == null) {
      found = XJson.text(json, "title");
    }
    if (found == null) {
      found = ErrorMapper.message(response);
    }
    // The standard reader redacts anything token-like and bounds the length.
    return ErrorMapper.message(withMessage(response, found));
  }

  /** The last path segment of the problem {@code type} (hosts vary: api.x.com, api.twitter.com). */
  static String problemType(JsonNode json) {
    String type = XJson.text(json, "type");
    if (type == null || "about:blank".equals(type)) {
      type = XJson.text(json.path("errors").path(0), "type");
    }
    if (type == null || "about:blank".equals(type)) {
      return null;
    }
    int slash = type.lastIndexOf('/');
    return slash >= 0 ? type.substring(slash + 1) : type;
  }

  private static boolean contentProblem(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("duplicate content") || lower.contains("video longer than")
        || lower.contains("invalid url") || lower.contains("maximum of");
  }
}
