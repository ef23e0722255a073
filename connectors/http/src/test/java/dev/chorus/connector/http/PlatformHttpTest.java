package dev.chorus.connector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.TransportException;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlatformHttpTest {

  private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
  private static final CredentialsRef ALICE = CredentialsRef.of("acct-alice");
  private static final CredentialsRef BOB = CredentialsRef.of("acct-bob");

  private WireMockServer wire;
  private TestClock clock;
  private RecordingSleeper sleeper;
  private HttpRuntime runtime;

  @BeforeEach
  void start() {
    wire = new WireMockServer(options().dynamicPort());
    wire.start();
    clock = new TestClock(START);
    sleeper = new RecordingSleeper(clock);
    runtime = HttpRuntime.builder().clock(clock).sleeper(sleeper).readTimeout(Duration.ofMillis(500)).build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    wire.stop();
  }

  private PlatformHttp x(HttpRuntime rt) {
    return rt.platform(Platform.X)
        .baseUrl(wire.baseUrl())
        .rateLimits(RateLimitStrategy.xRateLimit())
        .requestIdHeader("x-transaction-id")
        .credentials(CredentialSource.fixed(AccessToken.of("token-1")))
        .build();
  }

  @Test
  void attaches_bearer_token_and_returns_body_and_request_id() {
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(200)
        .withHeader("x-transaction-id", "tx-1").withBody("{\"data\":{\"id\":\"42\"}}")));
    ApiResponse response = x(runtime).execute(ApiRequest.get("/2/users/me").account(ALICE).build());
    assertThat(response.json().path("data").path("id").stringValue()).isEqualTo("42");
    assertThat(response.requestId()).contains("tx-1");
    wire.verify(getRequestedFor(urlPathEqualTo("/2/users/me")).withHeader("Authorization", equalTo("Bearer token-1")));
  }

  @Test
  void host_base_url_override_wins_over_the_connector_default() {
    wire.stubFor(get(urlPathEqualTo("/api/v1/instance")).willReturn(aResponse().withStatus(200).withBody("{}")));
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper).baseUrl(Platform.MASTODON, wire.baseUrl())
        .build();
    PlatformHttp http = rt.platform(Platform.MASTODON).baseUrl("https://mastodon.social").build();
    assertThat(http.baseUrl()).startsWith(wire.baseUrl());
    assertThat(http.execute(ApiRequest.get("/api/v1/instance").build()).status()).isEqualTo(200);
    rt.close();
  }

  @Test
  void waits_for_the_reset_before_calling_an_exhausted_bucket() {
    long reset = START.plusSeconds(30).getEpochSecond();
    wire.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(200).withBody("{}")
        .withHeader("x-rate-limit-limit", "900").withHeader("x-rate-limit-remaining", "0")
        .withHeader("x-rate-limit-reset", Long.toString(reset))));
    PlatformHttp http = x(runtime);
    ApiRequest request = ApiRequest.get("/2/tweets").account(ALICE).rateLimitBucket("GET /2/tweets").build();
    http.execute(request);
    assertThat(sleeper.waits()).isEmpty();
    http.execute(request);
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
    wire.verify(2, getRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void fails_fast_with_retry_at_when_the_reset_is_further_than_the_longest_wait() {
    long reset = START.plusSeconds(3600).getEpochSecond();
    wire.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(200).withBody("{}")
        .withHeader("x-rate-limit-remaining", "0").withHeader("x-rate-limit-reset", Long.toString(reset))));
    PlatformHttp http = x(runtime);
    ApiRequest request = ApiRequest.get("/2/tweets").account(ALICE).build();
    http.execute(request);
    assertThatThrownBy(() -> http.execute(request))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAt()).contains(Instant.ofEpochSecond(reset)));
    wire.verify(1, getRequestedFor(urlPathEqualTo("/2/tweets")));
    // Another account's bucket is not affected.
    http.execute(ApiRequest.get("/2/tweets").account(BOB).build());
    wire.verify(2, getRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void a_429_with_reset_becomes_rate_limited_with_retry_at() {
    long reset = START.plusSeconds(900).getEpochSecond();
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(429)
        .withHeader("x-transaction-id", "tx-429")
        .withHeader("x-rate-limit-remaining", "0").withHeader("x-rate-limit-reset", Long.toString(reset))
        .withBody("{\"title\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429,\"detail\":\"Too Many Requests\"}")));
    assertThatThrownBy(() -> x(runtime).execute(ApiRequest.post("/2/tweets").account(ALICE).jsonBody("{}").build()))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAt()).contains(Instant.ofEpochSecond(reset));
          assertThat(e.requestId()).contains("tx-429");
          assertThat(e.httpStatus()).hasValue(429);
        });
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void retries_a_429_after_the_reset_time() {
    wire.stubFor(get(urlPathEqualTo("/api/v1/timelines/home")).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
        .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", "2026-01-01T12:00:20.000000Z")
            .withBody("{\"error\":\"Too many requests\"}")));
    wire.stubFor(get(urlPathEqualTo("/api/v1/timelines/home")).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(aResponse().withStatus(200).withBody("[]")));
    PlatformHttp http = runtime.platform(Platform.MASTODON).baseUrl(wire.baseUrl())
        .rateLimits(RateLimitStrategy.mastodon()).credentials(CredentialSource.fixed(AccessToken.of("app"))).build();
    assertThat(http.execute(ApiRequest.get("/api/v1/timelines/home").account(ALICE).build()).status()).isEqualTo(200);
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sleeper.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void retries_a_get_503_with_exponential_backoff() {
    wire.stubFor(get(urlPathEqualTo("/v5/pins")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("second").willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}")));
    wire.stubFor(get(urlPathEqualTo("/v5/pins")).inScenario("flaky").whenScenarioStateIs("second")
        .willSetStateTo("third").willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}")));
    wire.stubFor(get(urlPathEqualTo("/v5/pins")).inScenario("flaky").whenScenarioStateIs("third")
        .willReturn(aResponse().withStatus(200).withBody("{\"items\":[]}")));
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper)
        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5).build();
    PlatformHttp http = rt.platform(Platform.PINTEREST).baseUrl(wire.baseUrl()).build();
    assertThat(http.execute(ApiRequest.get("/v5/pins").build()).status()).isEqualTo(200);
    wire.verify(3, getRequestedFor(urlPathEqualTo("/v5/pins")));
    List<Duration> waits = sleeper.waits();
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
    rt.close();
  }

  @Test
  void does_not_retry_a_post_503() {
    wire.stubFor(post(urlPathEqualTo("/v5/pins")).willReturn(aResponse().withStatus(503)));
    PlatformHttp http = runtime.platform(Platform.PINTEREST).baseUrl(wire.baseUrl()).build();
    assertThatThrownBy(() -> http.execute(ApiRequest.post("/v5/pins").jsonBody("{}").build()))
        .isInstanceOf(PlatformUnavailableException.class);
    wire.verify(1, postRequestedFor(urlPathEqualTo("/v5/pins")));
  }

  @Test
  void a_post_whose_response_is_lost_is_not_retried_and_reports_outcome_unknown() {
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    assertThatThrownBy(() -> x(runtime).execute(ApiRequest.post("/2/tweets").account(ALICE).jsonBody("{}").build()))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    wire.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void a_post_that_times_out_after_sending_is_not_retried_and_reports_outcome_unknown() {
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(201).withFixedDelay(2000)));
    assertThatThrownBy(() -> x(runtime).execute(ApiRequest.post("/2/tweets").account(ALICE).jsonBody("{}").build()))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    wire.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void a_retry_safe_post_is_retried_after_a_lost_response() {
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("ok").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("lost").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(201).withBody("{}")));
    ApiResponse response = x(runtime).execute(
        ApiRequest.post("/2/tweets").account(ALICE).jsonBody("{}").retrySafe(true).build());
    assertThat(response.status()).isEqualTo(201);
    wire.verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void a_connection_refused_is_retried_even_for_a_post_because_nothing_was_sent() {
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper).build();
    int port = wire.port();
    wire.stop();
    PlatformHttp http = rt.platform(Platform.X).baseUrl("http://localhost:" + port).build();
    assertThatThrownBy(() -> http.execute(ApiRequest.post("/2/tweets").jsonBody("{}").build()))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.outcomeUnknown()).isFalse());
    assertThat(sleeper.waits()).hasSize(2);
    rt.close();
    wire.start();
  }

  @Test
  void content_errors_are_typed_and_not_retried() {
    wire.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withStatus(400)
        .withBody("{\"errors\":[{\"parameters\":{\"media.media_ids\":[\"123\"]},\"message\":\"Your media IDs are invalid.\"}],"
            + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\"}")));
    assertThatThrownBy(() -> x(runtime).execute(ApiRequest.post("/2/tweets").account(ALICE).jsonBody("{}").build()))
        .isInstanceOfSatisfying(ContentRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo("Your media IDs are invalid."));
  }

  @Test
  void circuit_breaker_opens_per_account_and_leaves_other_accounts_alone() {
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(500)));
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper).maxAttempts(1)
        .circuitBreaker(CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1)).build())
        .build();
    PlatformHttp http = x(rt);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> http.execute(ApiRequest.get("/2/users/me").account(ALICE).build()))
          .isInstanceOf(PlatformUnavailableException.class);
    }
    assertThat(rt.circuitState(Platform.X, ALICE.value())).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> http.execute(ApiRequest.get("/2/users/me").account(ALICE).build()))
        .isInstanceOf(PlatformUnavailableException.class).hasMessageContaining("circuit breaker open");
    wire.verify(4, getRequestedFor(urlPathEqualTo("/2/users/me")));
    assertThat(rt.circuitState(Platform.X, BOB.value())).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThatThrownBy(() -> http.execute(ApiRequest.get("/2/users/me").account(BOB).build()))
        .isInstanceOf(PlatformUnavailableException.class).hasMessageNotContaining("circuit breaker open");
    wire.verify(5, getRequestedFor(urlPathEqualTo("/2/users/me")));
    rt.close();
  }

  @Test
  void bulkhead_limits_concurrent_calls_per_platform() throws Exception {
    wire.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withStatus(200).withBody("{}")));
    CountDownLatch inFlight = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    OkHttpClient blocking = new OkHttpClient.Builder().addInterceptor(chain -> {
      inFlight.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return chain.proceed(chain.request());
    }).build();
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper).okHttpClient(blocking)
        .bulkhead(Platform.TIKTOK, BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO).build())
        .build();
    PlatformHttp tiktok = rt.platform(Platform.TIKTOK).baseUrl(wire.baseUrl()).build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ApiResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        calls.add(pool.submit(() -> tiktok.execute(ApiRequest.get("/slow").build())));
      }
      assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> tiktok.execute(ApiRequest.get("/slow").build()))
          .isInstanceOf(PlatformUnavailableException.class).hasMessageContaining("bulkhead");
      release.countDown();
      for (Future<ApiResponse> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      }
      wire.verify(2, getRequestedFor(urlPathEqualTo("/slow")));
    } finally {
      release.countDown();
      pool.shutdownNow();
      rt.close();
    }
  }

  @Test
  void breaker_counts_successes_and_platform_failures_only_and_bulkhead_permits_are_returned() {
    wire.stubFor(get(urlPathEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("{}")));
    wire.stubFor(get(urlPathEqualTo("/bad")).willReturn(aResponse().withStatus(400).withBody("{}")));
    wire.stubFor(get(urlPathEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    HttpRuntime rt = HttpRuntime.builder().clock(clock).sleeper(sleeper).maxAttempts(1)
        .bulkhead(Platform.X, BulkheadConfig.custom().maxConcurrentCalls(3).maxWaitDuration(Duration.ZERO).build())
        .build();
    PlatformHttp http = x(rt);
    http.execute(ApiRequest.get("/ok").account(ALICE).build());
    http.execute(ApiRequest.get("/ok").account(ALICE).build());
    assertThatThrownBy(() -> http.execute(ApiRequest.get("/bad").account(ALICE).build()))
        .isInstanceOf(ContentRejectedException.class);
    assertThatThrownBy(() -> http.execute(ApiRequest.get("/down").account(ALICE).build()))
        .isInstanceOf(PlatformUnavailableException.class);
    CircuitBreaker.Metrics metrics = rt.circuitBreaker(Platform.X, ALICE.value()).getMetrics();
    // 2 x 200 and the 400 (a rejected request says nothing about the platform's health) are successes;
    // only the 503 is a failure: 4 calls, 3 successful, 1 failed.
    assertThat(metrics.getNumberOfBufferedCalls()).isEqualTo(4);
    assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(3);
    assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(1);
    // Every permit came back, after successes and failures alike: 3 of 3 free.
    assertThat(rt.bulkhead(Platform.X).getMetrics().getAvailableConcurrentCalls()).isEqualTo(3);
    assertThat(rt.circuitBreaker(Platform.X, BOB.value()).getMetrics().getNumberOfBufferedCalls()).isZero();
    rt.close();
  }
}
