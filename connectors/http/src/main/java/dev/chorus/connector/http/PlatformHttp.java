package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.http.internal.RateLimitHeaders;
import dev.chorus.connector.http.internal.Redactor;
import dev.chorus.connector.http.internal.SendState;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call helper one connector uses for every request to its platform. Per call it waits while the
 * rate-limit bucket is exhausted, attaches the account's token, sends through the account's circuit
 * breaker and the platform's bulkhead, records rate-limit headers, maps errors with the connector's
 * {@link ErrorMapper}, refreshes the credential once after a rejection, and retries only when a
 * retry is safe (a POST that may have reached the platform is never repeated).
 */
public final class PlatformHttp {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformHttp.class);
  private static final int MAX_LOGGED_BODY = 2048;

  private final HttpRuntime runtime;
  private final Platform platform;
  private final HttpUrl baseUrl;
  private final RateLimitStrategy rateLimits;
  private final ErrorMapper errors;
  private final CredentialSource credentials;
  private final TokenPlacement placement;
  private final String requestIdHeader;
  private final String userAgent;
  private final Bulkhead bulkhead;
  /** The runtime's breaker per account, looked up once per account rather than once per call. */
  private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  /** Parsed content types; connectors send a handful, so parsing each once is enough. */
  private final ConcurrentMap<String, MediaType> mediaTypes = new ConcurrentHashMap<>();
  /** The last path resolved against the base URL: a publish loop calls one path over and over. */
  private volatile Resolved lastResolved;
  /** The last rate-limit tracker key built, for the same reason. */
  private volatile BucketKey lastBucket;

  private record Resolved(String path, HttpUrl url) {}

  private record BucketKey(String account, String bucket, String key) {}

  private PlatformHttp(Builder builder) {
    this.runtime = builder.runtime;
    this.platform = builder.platform;
    HttpUrl override = runtime.baseUrlOverride(platform);
    if (override == null && builder.baseUrl == null) {
      throw new InvalidValueException("baseUrl", null, "is required for platform " + platform.id());
    }
    this.baseUrl = override != null ? override : builder.baseUrl;
    this.rateLimits = builder.rateLimits.and(RateLimitStrategy.retryAfter());
    this.errors = builder.errors;
    this.credentials = builder.credentials;
    this.placement = builder.placement;
    this.requestIdHeader = builder.requestIdHeader;
    this.userAgent = builder.userAgent;
    this.bulkhead = runtime.bulkhead(platform);
  }

  /** The platform this helper calls. */
  public Platform platform() {
    return platform;
  }

  /** The base URL in effect (the host's override when one is configured). */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /**
   * Executes the request and returns its 2xx response.
   *
   * @throws ConnectorException typed by the error mapper; {@link TransportException#outcomeUnknown()}
   *     is true when the request may have taken effect
   */
  public ApiResponse execute(ApiRequest request) {
    String account = request.account().map(CredentialsRef::value).orElse("-");
    String bucket = bucketKey(account, request.rateLimitBucket());
    CircuitBreaker breaker = breakers.computeIfAbsent(account, id -> runtime.circuitBreaker(platform, id));
    AccessToken token = null;
    boolean refreshed = false;
    int attempt = 1;
    while (true) {
      awaitRateLimit(bucket, request);
      if (token == null && credentials != null && request.account().isPresent()) {
        token = credentials.accessToken(request.account().get());
      }
      try {
        return guarded(breaker, request, token, bucket, attempt);
      } catch (AuthenticationExpiredException rejected) {
        if (refreshed || token == null) {
          throw rejected;
        }
        refreshed = true;
        // The platform refused the token without acting on the call, so repeating it is safe.
        LOG.debug("{} rejected the token of {}; refreshing once", platform, account);
        Optional<AccessToken> next = credentials.refresh(request.account().get(), token);
        if (next.isEmpty()) {
          throw rejected;
        }
        token = next.get();
      } catch (ConnectorException failure) {
        Duration delay = retryDelay(failure, request, attempt);
        if (delay == null) {
          throw failure;
        }
        LOG.info("{} call {} failed ({}); retry {} in {}", platform, request, failure.getClass().getSimpleName(),
            attempt, delay);
        sleep(delay);
        attempt++;
      }
    }
  }

  /** The tracker key of (platform, account, bucket); the last one is remembered, as a loop repeats it. */
  private String bucketKey(String account, String bucket) {
    BucketKey last = lastBucket;
    if (last != null && last.account().equals(account) && last.bucket().equals(bucket)) {
      return last.key();
    }
    String key = platform.id() + "|" + account + "|" + bucket;
    lastBucket = new BucketKey(account, bucket, key);
    return key;
  }

  /**
   * Sends through the account's circuit breaker and the platform's bulkhead. Their permission calls
   * are used directly rather than decorated suppliers, in the order and with the outcomes the
   * decorators use (breaker outside, bulkhead inside; every exception reported to the breaker, whose
   * predicate decides what counts), without a lambda and a wrapper per call.
   */
  private ApiResponse guarded(CircuitBreaker breaker, ApiRequest request, AccessToken token, String bucket,
      int attempt) {
    try {
      breaker.acquirePermission();
    } catch (CallNotPermittedException open) {
      throw new PlatformUnavailableException(
          platform, 0, null, "circuit breaker open for account " + request.account().map(CredentialsRef::value)
              .orElse("-") + " after repeated failures; not calling", open);
    }
    long start = breaker.getCurrentTimestamp();
    try {
      ApiResponse response = bulkheaded(request, token, bucket, attempt);
      breaker.onResult(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), response);
      return response;
    } catch (Exception failure) {
      breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
      if (failure instanceof BulkheadFullException full) {
        throw new PlatformUnavailableException(
            platform, 0, null, "too many concurrent calls to the platform (bulkhead full)", full);
      }
      throw failure;
    }
  }

  private ApiResponse bulkheaded(ApiRequest request, AccessToken token, String bucket, int attempt) {
    bulkhead.acquirePermission();
    try {
      return send(request, token, bucket, attempt);
    } finally {
      bulkhead.onComplete();
    }
  }

  private ApiResponse send(ApiRequest request, AccessToken token, String bucket, int attempt) {
    SendState state = new SendState();
    Request httpRequest = toHttpRequest(request, token, state);
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} -> {} {} attempt {} account {} headers {}", platform, request.method(),
          Redactor.url(httpRequest.url()), attempt, request.account().map(CredentialsRef::value).orElse("-"),
          headersForLog(httpRequest.headers()));
      if (runtime.logBodies() && request.body().isPresent()) {
        LOG.debug("{} -> body {}", platform, bodyForLog(request.body().get(), secretsOf(httpRequest, token)));
      }
    }
    runtime.tracker().consume(bucket);
    Instant started = runtime.clock().instant();
    try (Response response = runtime.client().newCall(httpRequest).execute()) {
      ResponseBody body = response.body();
      byte[] raw = body.bytes();
      // Platforms sometimes echo the rejected token in prose; error bodies never carry it further.
      byte[] bytes = response.isSuccessful() ? raw : Redactor.scrub(raw, secretsOf(httpRequest, token));
      Instant now = runtime.clock().instant();
      ApiResponse provisional = new ApiResponse(response.code(), response.headers(), bytes, requestId(response));
      Optional<RateLimitStatus> status = rateLimits.read(provisional, now);
      status.ifPresent(s -> runtime.tracker().update(bucket, s));
      Instant retryAt = status.filter(RateLimitStatus::exhausted).flatMap(RateLimitStatus::resetAt)
          .or(() -> provisional.header("retry-after").flatMap(v -> RateLimitHeaders.parseRetryAfter(v, now)))
          .orElse(null);
      ApiResponse apiResponse = retryAt == null ? provisional : provisional.withRetryAt(retryAt);
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} <- {} {} {} in {} ms request id {} rate limit {} headers {}", platform, response.code(),
            request.method(), Redactor.url(httpRequest.url()), Duration.between(started, now).toMillis(),
            apiResponse.requestId().orElse("-"), status.map(Object::toString).orElse("-"),
            headersForLog(response.headers()));
        if (runtime.logBodies()) {
          LOG.debug("{} <- body {}", platform, bodyForLog(bytes, secretsOf(httpRequest, token)));
        }
      }
      if (apiResponse.isSuccessful()) {
        return apiResponse;
      }
      throw errors.map(platform, apiResponse);
    } catch (IOException failure) {
      boolean unknown = state.started();
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} -> {} {} failed: {} (request sent: {})", platform, request.method(),
            Redactor.url(httpRequest.url()), failure.getClass().getSimpleName(), unknown);
      }
      throw new TransportException(
          platform,
          request.method() + " " + request.path() + " failed: " + failure.getClass().getSimpleName()
              + (unknown ? "; the request may have reached the platform" : "; the request was not sent"),
          unknown,
          failure);
    }
  }

  private Request toHttpRequest(ApiRequest request, AccessToken token, SendState state) {
    HttpUrl url = resolve(request.path());
    boolean tokenInQuery = token != null && placement == TokenPlacement.ACCESS_TOKEN_QUERY_PARAMETER;
    if (!request.query().isEmpty() || tokenInQuery) {
      HttpUrl.Builder urlBuilder = url.newBuilder();
      request.query().forEach(q -> urlBuilder.addQueryParameter(q.name(), q.value()));
      if (tokenInQuery) {
        urlBuilder.addQueryParameter("access_token", token.value());
      }
      url = urlBuilder.build();
    }
    Request.Builder builder = new Request.Builder().url(url).tag(SendState.class, state);
    builder.header("User-Agent", userAgent);
    request.headers().forEach(builder::header);
    if (token != null && placement == TokenPlacement.BEARER_HEADER) {
      builder.header("Authorization", "Bearer " + token.value());
    }
    byte[] bytes = request.bodyBytes();
    RequestBody body = bytes == null ? null : RequestBody.create(bytes, mediaType(request.contentType().orElseThrow()));
    if (body == null && (request.method().equals("POST") || request.method().equals("PUT")
        || request.method().equals("PATCH"))) {
      body = RequestBody.create(new byte[0], null);
    }
    return builder.method(request.method(), body).build();
  }

  private MediaType mediaType(String contentType) {
    MediaType known = mediaTypes.get(contentType);
    if (known != null) {
      return known;
    }
    MediaType parsed = MediaType.parse(contentType);
    // An unparsable type is sent without one (as before) and not remembered.
    if (parsed != null && mediaTypes.size() < 64) {
      mediaTypes.putIfAbsent(contentType, parsed);
    }
    return parsed;
  }

  private HttpUrl resolve(String path) {
    Resolved last = lastResolved;
    if (last != null && last.path().equals(path)) {
      return last.url();
    }
    HttpUrl url = parse(path);
    lastResolved = new Resolved(path, url);
    return url;
  }

  private HttpUrl parse(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return HttpRuntime.parseUrl("path", path);
    }
    String base = baseUrl.toString();
    String joined = base.endsWith("/") || path.startsWith("/")
        ? (base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path)
        : base + "/" + path;
    return HttpRuntime.parseUrl("path", joined);
  }

  private String requestId(Response response) {
    return requestIdHeader == null ? null : response.header(requestIdHeader);
  }

  private void awaitRateLimit(String bucket, ApiRequest request) {
    Instant now = runtime.clock().instant();
    Optional<RateLimitStatus> status = runtime.tracker().status(bucket, now);
    if (status.isEmpty() || !status.get().exhausted()) {
      return;
    }
    Optional<Instant> resetAt = status.get().resetAt();
    if (resetAt.isEmpty()) {
      return;
    }
    Duration wait = Duration.between(now, resetAt.get());
    if (wait.compareTo(runtime.maxRateLimitWait()) > 0) {
      throw new RateLimitedException(platform, 0, null, resetAt.get(),
          "rate limit bucket " + request.rateLimitBucket() + " is exhausted; not calling before the reset");
    }
    LOG.info("{} rate limit bucket {} exhausted; waiting {} before {}", platform, request.rateLimitBucket(), wait,
        request);
    sleep(wait);
    runtime.tracker().clear(bucket);
  }

  private Duration retryDelay(ConnectorException failure, ApiRequest request, int attempt) {
    if (attempt >= runtime.maxAttempts()) {
      return null;
    }
    Duration backoff = runtime.backoff(attempt);
    if (failure instanceof RateLimitedException limited) {
      // The platform refused the call, so it had no effect: any method may be retried.
      if (!limited.retryable()) {
        return null;
      }
      return untilReset(limited.retryAt(), backoff);
    }
    if (failure instanceof TransportException transport) {
      return !transport.outcomeUnknown() || request.retrySafe() ? backoff : null;
    }
    if (failure instanceof PlatformUnavailableException && failure.httpStatus().isPresent()) {
      return request.retrySafe() ? backoff : null;
    }
    return null;
  }

  private Duration untilReset(Optional<Instant> retryAt, Duration backoff) {
    if (retryAt.isEmpty()) {
      return backoff;
    }
    Duration wait = Duration.between(runtime.clock().instant(), retryAt.get());
    if (wait.compareTo(runtime.maxRateLimitWait()) > 0) {
      return null;
    }
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private void sleep(Duration duration) {
    try {
      runtime.sleeper().sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TransportException(platform, "interrupted while waiting to call the platform", false, interrupted);
    }
  }

  private static String headersForLog(okhttp3.Headers headers) {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < headers.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(headers.name(i)).append(": ").append(Redactor.header(headers.name(i), headers.value(i)));
    }
    return text.append('}').toString();
  }

  private static String bodyForLog(byte[] bytes, java.util.List<String> secrets) {
    String text = new String(bytes, 0, Math.min(bytes.length, MAX_LOGGED_BODY), StandardCharsets.UTF_8);
    return Redactor.text(Redactor.scrub(text, secrets)) + (bytes.length > MAX_LOGGED_BODY ? "…" : "");
  }

  /** The secrets this request carries, to be masked wherever a response echoes them. */
  private static java.util.List<String> secretsOf(Request request, AccessToken token) {
    java.util.List<String> secrets = new java.util.ArrayList<>();
    if (token != null) {
      secrets.add(token.value());
    }
    for (int i = 0; i < request.headers().size(); i++) {
      if (Redactor.isSensitiveHeader(request.headers().name(i))) {
        String value = request.headers().value(i);
        int space = value.indexOf(' ');
        secrets.add(space > 0 ? value.substring(space + 1) : value);
      }
    }
    HttpUrl url = request.url();
    for (String name : url.queryParameterNames()) {
      if (Redactor.isSensitiveName(name)) {
        url.queryParameterValues(name).forEach(v -> {
          if (v != null) {
            secrets.add(v);
          }
        });
      }
    }
    return secrets;
  }

  @Override
  public String toString() {
    return "PlatformHttp[" + platform.id() + " " + baseUrl + "]";
  }

  /** Configures a {@link PlatformHttp}; obtained from {@link HttpRuntime#platform(Platform)}. */
  public static final class Builder {
    private final HttpRuntime runtime;
    private final Platform platform;
    private HttpUrl baseUrl;
    private RateLimitStrategy rateLimits = RateLimitStrategy.none();
    private ErrorMapper errors = ErrorMapper.standard();
    private CredentialSource credentials;
    private TokenPlacement placement = TokenPlacement.BEARER_HEADER;
    private String requestIdHeader;
    private String userAgent = "chorus";

    Builder(HttpRuntime runtime, Platform platform) {
      if (platform == null) {
        throw new InvalidValueException("platform", null, "is required");
      }
      this.runtime = runtime;
      this.platform = platform;
    }

    /** The connector's default base URL, such as {@code https://api.x.com}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = HttpRuntime.parseUrl("baseUrl", baseUrl);
      return this;
    }

    /** How to read the platform's rate-limit headers (default: only {@code Retry-After}). */
    public Builder rateLimits(RateLimitStrategy strategy) {
      this.rateLimits = nonNull("rateLimits", strategy);
      return this;
    }

    /** How to map error responses (default {@link ErrorMapper#standard()}). */
    public Builder errors(ErrorMapper mapper) {
      this.errors = nonNull("errors", mapper);
      return this;
    }

    /** Where account tokens come from; requests with an account need one. */
    public Builder credentials(CredentialSource source) {
      this.credentials = nonNull("credentials", source);
      return this;
    }

    /** Where the token goes (default {@link TokenPlacement#BEARER_HEADER}). */
    public Builder tokenPlacement(TokenPlacement placement) {
      this.placement = nonNull("tokenPlacement", placement);
      return this;
    }

    /** The response header with the platform's request id, e.g. {@code x-transaction-id}. */
    public Builder requestIdHeader(String header) {
      this.requestIdHeader = nonNull("requestIdHeader", header);
      return this;
    }

    /** The User-Agent header (default {@code chorus}). */
    public Builder userAgent(String userAgent) {
      this.userAgent = nonNull("userAgent", userAgent);
      return this;
    }

    /** The helper. */
    public PlatformHttp build() {
      return new PlatformHttp(this);
    }

    private static <T> T nonNull(String field, T value) {
      if (value == null) {
        throw new InvalidValueException(field, null, "is required");
      }
      return value;
    }
  }
}
