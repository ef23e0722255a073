package dev.chorus.webhook;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An incoming webhook HTTP request, independent of any server framework: method, headers (names
 * case-insensitive, several values each), query parameters, the raw body bytes exactly as received
 * and when it was received. Immutable; its {@code toString} shows neither headers nor body.
 */
public final class WebhookRequest {

  private final String method;
  private final Map<String, List<String>> headers;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final Instant receivedAt;

  private WebhookRequest(Builder b) {
    this.method = Checks.notBlank("webhookRequest.method", b.method).toUpperCase(Locale.ROOT);
    this.receivedAt = Checks.required("webhookRequest.receivedAt", b.receivedAt);
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    Map<String, List<String>> q = new LinkedHashMap<>();
    b.query.forEach((k, v) -> q.put(k, List.copyOf(v)));
    this.query = Collections.unmodifiableMap(q);
    this.body = b.body.clone();
  }

  /** A builder for a request with the given method, received at the given instant. */
  public static Builder builder(String method, Instant receivedAt) {
    return new Builder(method, receivedAt);
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The first value of the header, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of the header, matched case-insensitively; empty when absent. */
  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** All headers, names compared case-insensitively. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of the query parameter (case-sensitive, decoded). */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** All query parameters, decoded. */
  public Map<String, List<String>> queryParameters() {
    return query;
  }

  /** A copy of the raw body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** When the host received the request, on its clock. */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public String toString() {
    return "WebhookRequest[" + method + ", " + body.length + " body bytes, received " + receivedAt + "]";
  }

  /** Builds a {@link WebhookRequest}. */
  public static final class Builder {
    private final String method;
    private final Instant receivedAt;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private Builder(String method, Instant receivedAt) {
      this.method = method;
      this.receivedAt = receivedAt;
    }

    /** Adds a header value; repeated names accumulate. */
    public Builder header(String name, String value) {
      Checks.notBlank("webhookRequest.header", name);
      Checks.required("webhookRequest.header." + name, value);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds a decoded query parameter value; repeated names accumulate. */
    public Builder queryParameter(String name, String value) {
      Checks.notBlank("webhookRequest.query", name);
      Checks.required("webhookRequest.query." + name, value);
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Parses and adds a raw (percent-encoded) query string such as {@code a=1&b=2}. */
    public Builder rawQuery(String rawQuery) {
      if (rawQuery == null || rawQuery.isEmpty()) {
        return this;
      }
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          queryParameter(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new InvalidValueException("webhookRequest.query", pair, "is not valid percent-encoding");
        }
      }
      return this;
    }

    /** The raw body bytes, copied. */
    public Builder body(byte[] body) {
      this.body = Checks.required("webhookRequest.body", body).clone();
      return this;
    }

    /** The body as UTF-8 text. */
    public Builder body(String body) {
      return body(Checks.required("webhookRequest.body", body).getBytes(StandardCharsets.UTF_8));
    }

    /** The request. */
    public WebhookRequest build() {
      return new WebhookRequest(this);
    }
  }
}
