package dev.chorus.connector.http;

import dev.chorus.connector.http.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.Headers;
import tools.jackson.databind.JsonNode;

/**
 * A platform's answer: status, headers (looked up case-insensitively), body, the platform's request
 * id and, when the headers said, the instant the rate limit resets.
 */
public final class ApiResponse {

  private final int status;
  /** The headers as received, when this response came off the wire; {@code null} otherwise. */
  private final Headers wire;
  /** The header map; built on first use when {@link #wire} is set (most callers only look up a few). */
  private volatile Map<String, List<String>> headers;
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
    this.wire = null;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    this.headers = java.util.Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.requestId = requestId;
    this.retryAt = retryAt;
  }

  /**
   * A response read off the wire: OkHttp's headers are immutable and kept as they are, and the body
   * array is taken over (the caller made it and keeps no reference), so nothing is copied per call.
   */
  ApiResponse(int status, Headers headers, byte[] body, String requestId) {
    this.status = status;
    this.wire = headers;
    this.body = body;
    this.requestId = requestId;
    this.retryAt = null;
  }

  private ApiResponse(ApiResponse response, Instant retryAt) {
    this.status = response.status;
    this.wire = response.wire;
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
    Map<String, List<String>> map = headers;
    if (map == null) {
      // The same map the public constructor builds: lower-case names, values in the order received.
      TreeMap<String, List<String>> grouped = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0; i < wire.size(); i++) {
        grouped.computeIfAbsent(wire.name(i).toLowerCase(Locale.ROOT), name -> new java.util.ArrayList<>())
            .add(wire.value(i));
      }
      grouped.replaceAll((name, values) -> List.copyOf(values));
      map = java.util.Collections.unmodifiableMap(grouped);
      headers = map;
    }
    return map;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    if (wire != null) {
      // A scan of the few headers a response has beats building the map for a lookup or two.
      for (int i = 0; i < wire.size(); i++) {
        if (wire.name(i).equalsIgnoreCase(name)) {
          return Optional.of(wire.value(i));
        }
      }
      return Optional.empty();
    }
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

  /**
   * Only the named fields of the JSON object at {@code path} (field names from the root; empty for
   * the root itself), read from the body without building the rest of the tree: an object node
   * holding those of the fields that are present (as {@link #json()} would give them), or a missing
   * node when the body is not JSON or holds no object at {@code path}. For an answer of which the
   * caller needs a few fields, such as the id of a created post.
   */
  public JsonNode jsonFields(List<String> path, Set<String> fields) {
    JsonNode parsed = json;
    return parsed != null ? Json.project(parsed, path, fields) : Json.fields(body, path, fields);
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
