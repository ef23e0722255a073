package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.http.internal.Redactor;
import dev.chorus.model.CredentialsRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One platform call, described as data: method, path (relative to the connector's base URL, or an
 * absolute URL such as an upload URL), query, headers, body, the account it acts for, its
 * rate-limit bucket and whether repeating it is safe. Its {@code toString} redacts secrets.
 */
public final class ApiRequest {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");

  /** A query parameter; kept as a list so repeated names ({@code types[]=…}) are possible. */
  public record QueryParameter(String name, String value) {}

  private final String method;
  private final String path;
  private final List<QueryParameter> query;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String contentType;
  private final CredentialsRef account;
  private final boolean retrySafe;
  private final String rateLimitBucket;

  private ApiRequest(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.query = List.copyOf(builder.query);
    this.headers = Map.copyOf(builder.headers);
    this.body = builder.body == null ? null : builder.body.clone();
    this.contentType = builder.contentType;
    this.account = builder.account;
    this.retrySafe = builder.retrySafe != null ? builder.retrySafe : IDEMPOTENT.contains(method);
    this.rateLimitBucket = builder.rateLimitBucket;
  }

  /** Starts a GET. */
  public static Builder get(String path) {
    return new Builder("GET", path);
  }

  /** Starts a POST (not retried after it may have reached the platform unless marked retry-safe). */
  public static Builder post(String path) {
    return new Builder("POST", path);
  }

  /** Starts a PUT. */
  public static Builder put(String path) {
    return new Builder("PUT", path);
  }

  /** Starts a DELETE. */
  public static Builder delete(String path) {
    return new Builder("DELETE", path);
  }

  /** Starts a request with any of GET, HEAD, POST, PUT, PATCH, DELETE. */
  public static Builder of(String method, String path) {
    return new Builder(method, path);
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path relative to the base URL, or an absolute {@code http(s)} URL. */
  public String path() {
    return path;
  }

  /** Query parameters in order. */
  public List<QueryParameter> query() {
    return query;
  }

  /** Extra request headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body bytes, if any. */
  public Optional<byte[]> body() {
    return Optional.ofNullable(body).map(byte[]::clone);
  }

  /** The body itself, not a copy, or {@code null}; for the runtime, which only reads it. */
  byte[] bodyBytes() {
    return body;
  }

  /** The body's media type, if there is a body. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The account whose credentials sign the call; empty for unauthenticated calls. */
  public Optional<CredentialsRef> account() {
    return Optional.ofNullable(account);
  }

  /**
   * Whether the call may be repeated after it may have reached the platform: true by default for
   * GET, HEAD, PUT and DELETE, and for other methods only when the caller says so (for example a
   * POST with an idempotency key).
   */
  public boolean retrySafe() {
    return retrySafe;
  }

  /** The rate-limit bucket (per account) this call counts against, for example {@code "POST /2/tweets"}. */
  public String rateLimitBucket() {
    return rateLimitBucket;
  }

  /** A builder prefilled with this request. */
  public Builder newBuilder() {
    Builder builder = new Builder(method, path);
    builder.query.addAll(query);
    builder.headers.putAll(headers);
    builder.body = body;
    builder.contentType = contentType;
    builder.account = account;
    builder.retrySafe = retrySafe;
    builder.rateLimitBucket = rateLimitBucket;
    return builder;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(method).append(' ').append(path);
    for (int i = 0; i < query.size(); i++) {
      QueryParameter parameter = query.get(i);
      text.append(i == 0 ? '?' : '&').append(parameter.name()).append('=')
          .append(Redactor.isSensitiveName(parameter.name()) ? Redactor.MASK : parameter.value());
    }
    return text.append(" account=").append(account == null ? "-" : account.value()).toString();
  }

  /** Builds an {@link ApiRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final List<QueryParameter> query = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private String contentType;
    private CredentialsRef account;
    private Boolean retrySafe;
    private String rateLimitBucket = "default";

    private Builder(String method, String path) {
      if (method == null || !METHODS.contains(method)) {
        throw new InvalidValueException("method", method, "must be one of " + METHODS);
      }
      if (path == null || path.isBlank()) {
        throw new InvalidValueException("path", path, "must not be blank");
      }
      this.method = method;
      this.path = path;
    }

    /** Adds a query parameter. */
    public Builder query(String name, String value) {
      if (name == null || name.isBlank() || value == null) {
        throw new InvalidValueException("query", name, "needs a non-blank name and a value");
      }
      query.add(new QueryParameter(name, value));
      return this;
    }

    /** Sets a header (replacing one of the same name). */
    public Builder header(String name, String value) {
      if (name == null || name.isBlank() || value == null) {
        throw new InvalidValueException("header", name, "needs a non-blank name and a value");
      }
      headers.put(name, value);
      return this;
    }

    /** A raw body of the given media type. */
    public Builder body(byte[] bytes, String mediaType) {
      if (bytes == null || mediaType == null || mediaType.isBlank()) {
        throw new InvalidValueException("body", mediaType, "needs bytes and a media type");
      }
      this.body = bytes.clone();
      this.contentType = mediaType;
      return this;
    }

    /** A JSON body. */
    public Builder jsonBody(String json) {
      return body(json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
    }

    /** An {@code application/x-www-form-urlencoded} body, fields in the map's order. */
    public Builder formBody(Map<String, String> fields) {
      okhttp3.FormBody.Builder form = new okhttp3.FormBody.Builder();
      fields.forEach(form::add);
      okhttp3.FormBody built = form.build();
      okio.Buffer buffer = new okio.Buffer();
      try {
        built.writeTo(buffer);
      } catch (java.io.IOException impossible) {
        throw new IllegalStateException(impossible);
      }
      return body(buffer.readByteArray(), "application/x-www-form-urlencoded");
    }

    /** The account whose credentials sign the call. */
    public Builder account(CredentialsRef account) {
      this.account = account;
      return this;
    }

    /** Declares the call safe (or unsafe) to repeat, overriding the method's default. */
    public Builder retrySafe(boolean retrySafe) {
      this.retrySafe = retrySafe;
      return this;
    }

    /** The rate-limit bucket this call counts against. */
    public Builder rateLimitBucket(String bucket) {
      if (bucket == null || bucket.isBlank()) {
        throw new InvalidValueException("rateLimitBucket", bucket, "must not be blank");
      }
      this.rateLimitBucket = bucket;
      return this;
    }

    /** The request. */
    public ApiRequest build() {
      return new ApiRequest(this);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiRequest that
        && method.equals(that.method)
        && path.equals(that.path)
        && query.equals(that.query)
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && java.util.Objects.equals(account, that.account)
        && retrySafe == that.retrySafe
        && rateLimitBucket.equals(that.rateLimitBucket);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(method, path, query, headers, Arrays.hashCode(body), account);
  }
}
