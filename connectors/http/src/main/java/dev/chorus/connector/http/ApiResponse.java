package dev.chorus.connector.http;

import dev.chorus.connector.http.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A platform's answer: status, headers (looked up case-insensitively), body, the platform's request
 * id and, when the headers said, the instant the rate limit resets.
 */
public final class ApiResponse {

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final String requestId;
  private final Instant retryAt;
  private volatile JsonNode json;

  /**
   * @param requestId the platform's request id, {@code null} when absent
   * @param retryAt when the rate limit resets per the headers, {@code null} when unknown
   */
  public ApiResponse(
      int status, Map<String, List<String>> headers, byte[] body, String requestId, Instant retryAt) {
    this.status = status;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    this.headers = java.util.Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.requestId = requestId;
    this.retryAt = retryAt;
  }

  private ApiResponse(ApiResponse response, Instant retryAt) {
    this.status = response.status;
    this.headers = response.headers;
    this.body = response.body;
    this.requestId = response.requestId;
    this.retryAt = retryAt;
    this.json = response.json;
  }

  /** This response with the rate-limit reset time; shares the (immutable) headers and body. */
  ApiResponse withRetryAt(Instant retryAt) {
    return new ApiResponse(this, retryAt);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** True for 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** All headers, names case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON; a missing node when the body is empty or not JSON. */
  public JsonNode json() {
    JsonNode parsed = json;
    if (parsed == null) {
      parsed = Json.parseLenient(body);
      json = parsed;
    }
    return parsed;
  }

  /** The platform's request id (from the header the connector configured), if sent. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** When the platform's limit resets (from {@code Retry-After} or rate-limit headers), if said. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  @Override
  public String toString() {
    return "ApiResponse[status=" + status + ", requestId=" + requestId + ", bytes=" + body.length + "]";
  }
}
