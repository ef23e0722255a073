package dev.chorus.connector.http;

import dev.chorus.connector.http.internal.Json;
import dev.chorus.connector.http.internal.Redactor;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code error} object of a Meta Graph API response (Facebook, Instagram, Threads): {@code
 * code}, {@code error_subcode}, {@code type}, {@code message}, {@code error_user_msg}, {@code
 * is_transient} and {@code fbtrace_id}. Messages are redacted of anything token-like.
 *
 * @param code the Graph error code, 0 when absent
 * @param subcode the {@code error_subcode}, 0 when absent
 * @param type the error type such as {@code OAuthException}, or {@code null}
 * @param message the developer message, never {@code null} (empty when absent)
 * @param userMessage the {@code error_user_msg} meant for people, or {@code null}
 * @param fbtraceId Meta's trace id of the request, or {@code null}
 * @param transientError the {@code is_transient} flag
 */
public record GraphApiError(
    int code, int subcode, String type, String message, String userMessage, String fbtraceId, boolean transientError) {

  /** Normalises null text to empty. */
  public GraphApiError {
    message = message == null ? "" : message;
  }

  /** The error of the response, when its body carries a Graph {@code error} object. */
  public static Optional<GraphApiError> of(ApiResponse response) {
    return of(response.json());
  }

  /** The error of a parsed body, when it carries a Graph {@code error} object. */
  public static Optional<GraphApiError> of(JsonNode body) {
    JsonNode error = body.path("error");
    if (!error.isObject()) {
      return Optional.empty();
    }
    String message = Json.text(error, "message");
    String userMessage = Json.text(error, "error_user_msg");
    return Optional.of(new GraphApiError(
        (int) Json.number(error, "code", 0),
        (int) Json.number(error, "error_subcode", 0),
        Json.text(error, "type"),
        message == null ? "" : Redactor.text(message),
        userMessage == null ? null : Redactor.text(userMessage),
        Json.text(error, "fbtrace_id"),
        error.path("is_transient").asBoolean(false)));
  }

  /** Whether the code is one of Meta's throttling codes: 4, 17, 32, 613 or 80000–80014. */
  public boolean throttled() {
    return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80014)
        || subcode == 1390008;
  }

  /** Whether the error means the token is no longer valid (code 190, or the legacy 102). */
  public boolean tokenInvalid() {
    return code == 190 || code == 102;
  }

  /** The message with the codes, as in {@code (#100/33) Unsupported get request}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    text.append(message.isEmpty() ? "Graph API error" : message);
    if (userMessage != null && !userMessage.isBlank() && !message.contains(userMessage)) {
      text.append(" — ").append(userMessage);
    }
    text.append(" (code ").append(code);
    if (subcode != 0) {
      text.append(", subcode ").append(subcode);
    }
    return text.append(')').toString();
  }
}
