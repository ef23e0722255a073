package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.http.internal.RateLimitTracker;
import dev.chorus.connector.http.internal.SendState;
import dev.chorus.model.Platform;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The HTTP runtime a Chorus instance creates once and hands to every HTTP connector. It owns the
 * one OkHttp client, the circuit breakers (one per account) and bulkheads (one per platform), the
 * rate-limit tracker, the clock and the sleeper; closing it releases the client's threads.
 */
public final class HttpRuntime implements AutoCloseable {

  private final Clock clock;
  private final Sleeper sleeper;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final CircuitBreakerRegistry circuitBreakers;
  private final BulkheadRegistry bulkheads;
  private final Map<Platform, BulkheadConfig> bulkheadOverrides;
  private final Map<Platform, HttpUrl> baseUrlOverrides;
  private final RateLimitTracker tracker = new RateLimitTracker();
  private final int maxAttempts;
  private final IntervalFunction backoff;
  private final Duration maxRateLimitWait;
  private final boolean logBodies;

  private HttpRuntime(Builder builder) {
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    OkHttpClient.Builder http =
        builder.client == null ? new OkHttpClient.Builder() : builder.client.newBuilder();
    this.client =
        http.connectTimeout(builder.connectTimeout)
            .readTimeout(builder.readTimeout)
            .writeTimeout(builder.readTimeout)
            .callTimeout(builder.callTimeout)
            .retryOnConnectionFailure(false)
            .followRedirects(true)
            .eventListenerFactory(SendState.LISTENER_FACTORY)
            .build();
    this.ownsClient = builder.client == null;
    CircuitBreakerConfig breaker =
        CircuitBreakerConfig.from(builder.circuitBreaker)
            .clock(clock)
            .recordException(HttpRuntime::countsAgainstCircuit)
            .build();
    this.circuitBreakers = CircuitBreakerRegistry.of(breaker);
    this.bulkheads = BulkheadRegistry.of(builder.bulkhead);
    this.bulkheadOverrides = Map.copyOf(builder.bulkheadOverrides);
    this.baseUrlOverrides = Map.copyOf(builder.baseUrlOverrides);
    this.maxAttempts = builder.maxAttempts;
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            builder.initialBackoff, 2.0, builder.jitter, builder.maxBackoff);
    this.maxRateLimitWait = builder.maxRateLimitWait;
    this.logBodies = builder.logBodies;
  }

  /** Starts a runtime; every option has a production default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the call helper for one connector. The connector sets its default base URL; a base URL
   * the host configured for the platform on this runtime takes precedence.
   */
  public PlatformHttp.Builder platform(Platform platform) {
    return new PlatformHttp.Builder(this, platform);
  }

  /** The clock every wait and expiry is measured with. */
  public Clock clock() {
    return clock;
  }

  /** The sleeper every wait goes through. */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** The state of the circuit breaker of one account on one platform (for health pages and tests). */
  public CircuitBreaker.State circuitState(Platform platform, String account) {
    return circuitBreaker(platform, account).getState();
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  OkHttpClient client() {
    return client;
  }

  RateLimitTracker tracker() {
    return tracker;
  }

  CircuitBreaker circuitBreaker(Platform platform, String account) {
    return circuitBreakers.circuitBreaker(platform.id() + "|" + account);
  }

  Bulkhead bulkhead(Platform platform) {
    BulkheadConfig config = bulkheadOverrides.get(platform);
    return config == null
        ? bulkheads.bulkhead(platform.id())
        : bulkheads.bulkhead(platform.id(), config);
  }

  HttpUrl baseUrlOverride(Platform platform) {
    return baseUrlOverrides.get(platform);
  }

  int maxAttempts() {
    return maxAttempts;
  }

  Duration backoff(int attempt) {
    return Duration.ofMillis(backoff.apply(attempt));
  }

  Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  boolean logBodies() {
    return logBodies;
  }

  private static boolean countsAgainstCircuit(Throwable error) {
    // Only the platform's health counts; a rejected post or an expired token says nothing about it.
    return error instanceof PlatformUnavailableException
        || error instanceof TransportException;
  }

  static HttpUrl parseUrl(String field, String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null) {
      throw new InvalidValueException(field, url, "must be an absolute http or https URL");
    }
    return parsed;
  }

  /** Builds an {@link HttpRuntime}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private OkHttpClient client;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofMinutes(5);
    private CircuitBreakerConfig circuitBreaker =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(5)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(60))
            .build();
    private BulkheadConfig bulkhead =
        BulkheadConfig.custom().maxConcurrentCalls(16).maxWaitDuration(Duration.ofSeconds(30)).build();
    private final Map<Platform, BulkheadConfig> bulkheadOverrides = new HashMap<>();
    private final Map<Platform, HttpUrl> baseUrlOverrides = new HashMap<>();
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double jitter = 0.5;
    private Duration maxRateLimitWait = Duration.ofSeconds(60);
    private boolean logBodies;

    private Builder() {}

    /** The clock (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = required("clock", clock);
      return this;
    }

    /** The sleeper (default: {@link Sleeper#system()}); tests inject one that records waits. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = required("sleeper", sleeper);
      return this;
    }

    /**
     * A client whose settings (proxy, TLS, interceptors, dispatcher) the runtime derives its own
     * from; the host keeps ownership of its pools. The runtime replaces the event listener factory.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.client = required("okHttpClient", client);
      return this;
    }

    /** Connect timeout (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** Read and write timeout (default 30 s); a read timeout after sending leaves the outcome unknown. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /** Whole-call timeout (default 5 min, generous for uploads). */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive("callTimeout", timeout);
      return this;
    }

    /** Attempts per call including the first (default 3); 1 disables retries. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new InvalidValueException("maxAttempts", attempts, "must be between 1 and 10");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Exponential back-off between retries: starts at {@code initial}, doubles, is capped at {@code
     * max}, and is randomised by ±{@code jitter} (0 to 1) so retries of many callers spread out.
     */
    public Builder backoff(Duration initial, Duration max, double jitter) {
      positive("backoff.initial", initial);
      positive("backoff.max", max);
      if (max.compareTo(initial) < 0) {
        throw new InvalidValueException("backoff.max", max, "must not be shorter than initial " + initial);
      }
      if (jitter < 0 || jitter >= 1) {
        throw new InvalidValueException("backoff.jitter", jitter, "must be in [0, 1)");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      this.jitter = jitter;
      return this;
    }

    /**
     * The longest the runtime waits for a rate limit to reset inside one call (default 60 s);
     * longer waits fail fast with a {@link dev.chorus.connector.RateLimitedException} carrying
     * {@code retryAt}, so the scheduler can come back later instead of holding a thread.
     */
    public Builder maxRateLimitWait(Duration wait) {
      if (wait == null || wait.isNegative()) {
        throw new InvalidValueException("maxRateLimitWait", wait, "must be zero or positive");
      }
      this.maxRateLimitWait = wait;
      return this;
    }

    /** The circuit breaker settings used for every account (the failure predicate is fixed). */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = required("circuitBreaker", config);
      return this;
    }

    /** The default bulkhead (concurrent calls per platform; default 16, wait up to 30 s). */
    public Builder bulkhead(BulkheadConfig config) {
      this.bulkhead = required("bulkhead", config);
      return this;
    }

    /** A bulkhead for one platform. */
    public Builder bulkhead(Platform platform, BulkheadConfig config) {
      bulkheadOverrides.put(required("platform", platform), required("bulkhead", config));
      return this;
    }

    /** Points a platform at another server (tests, sandboxes, self-hosted instances). */
    public Builder baseUrl(Platform platform, String baseUrl) {
      baseUrlOverrides.put(required("platform", platform), parseUrl("baseUrl", baseUrl));
      return this;
    }

    /** Logs request and response bodies at DEBUG, redacted (default off). */
    public Builder logBodies(boolean logBodies) {
      this.logBodies = logBodies;
      return this;
    }

    /** The runtime. */
    public HttpRuntime build() {
      return new HttpRuntime(this);
    }

    private static <T> T required(String field, T value) {
      if (value == null) {
        throw new InvalidValueException(field, null, "is required");
      }
      return value;
    }

    private static Duration positive(String field, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidValueException(field, value, "must be positive");
      }
      return value;
    }
  }
}
