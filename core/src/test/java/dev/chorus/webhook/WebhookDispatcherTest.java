package dev.chorus.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.Secret;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WebhookDispatcherTest {

  static final String CANARY = "whsec-CANARY-7f3a9c";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** A Chorus event as a capability would define one. */
  record PostApproved(WorkspaceId workspaceId, String postId, Instant at) implements ChorusEvent {
    @Override
    public Optional<WorkspaceId> workspace() {
      return Optional.of(workspaceId);
    }
  }

  final Signing.TestClock clock = new Signing.TestClock(NOW);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger webhookLogger = (Logger) LoggerFactory.getLogger("dev.chorus.webhook");
  WireMockServer server;
  ExecutorService executor;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    executor = Executors.newSingleThreadExecutor();
    logs.start();
    webhookLogger.addAppender(logs);
    webhookLogger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void stop() {
    webhookLogger.detachAppender(logs);
    webhookLogger.setLevel(null);
    executor.shutdownNow();
    server.stop();
  }

  WebhookSubscription subscription() {
    return new WebhookSubscription("sub-1", URI.create(server.baseUrl() + "/hook"), Secret.of(CANARY), Set.of());
  }

  WebhookDispatcher dispatcher() {
    return WebhookDispatcher.builder().clock(clock).executor(executor).sleeper(sleeps::add)
        .random(RandomGenerator.of("L64X128MixRandom")).maxAttempts(4)
        .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
        .requestTimeout(Duration.ofSeconds(5)).subscription(subscription()).build();
  }

  void drain() throws InterruptedException {
    executor.shutdown();
    assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  final PostApproved event = new PostApproved(WorkspaceId.of("ws-acme"), "post-1", NOW);

  @Test
  void posts_a_signed_envelope_the_receiver_can_verify() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(204)));
    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.onEvent(event);
    drain();

    LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
    byte[] body = request.getBody();
    String json = new String(body, StandardCharsets.UTF_8);
    assertThat(json).contains("\"type\":\"PostApproved\"", "\"workspace\":\"ws-acme\"",
        "\"at\":\"2026-03-01T12:00:00Z\"", "\"postId\":\"post-1\"");
    assertThat(request.getHeader("X-Chorus-Event")).isEqualTo("PostApproved");
    assertThat(request.getHeader("X-Chorus-Delivery")).isNotBlank();
    String signature = request.getHeader("X-Chorus-Signature");
    assertThat(signature).isEqualTo("t=" + NOW.getEpochSecond() + ",v1="
        + Signing.hex(CANARY, NOW.getEpochSecond() + "." + json));
    ChorusWebhookSignature.verify(Secret.of(CANARY), signature, body, NOW.plusSeconds(60), Duration.ofMinutes(5));

    assertThatThrownBy(() -> ChorusWebhookSignature.verify(Secret.of("wrong"), signature, body, NOW, Duration.ofMinutes(5)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("X-Chorus-Signature");
    byte[] tampered = json.replace("post-1", "post-2").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ChorusWebhookSignature.verify(Secret.of(CANARY), signature, tampered, NOW, Duration.ofMinutes(5)))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> ChorusWebhookSignature.verify(Secret.of(CANARY), signature, body, NOW.plusSeconds(301), Duration.ofMinutes(5)))
        .isInstanceOf(WebhookReplayException.class);
    assertThatThrownBy(() -> ChorusWebhookSignature.verify(Secret.of(CANARY), null, body, NOW, Duration.ofMinutes(5)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("missing");

    DeliveryAttempt attempt = dispatcher.deliveryLog().attempts().get(0);
    assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
    assertThat(attempt.status()).isEqualTo(204);
    assertThat(attempt.deliveryId()).isEqualTo(request.getHeader("X-Chorus-Delivery"));
  }

  @Test
  void retries_503_with_backoff_through_the_sleeper_then_delivers() throws Exception {
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
    server.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("third")
        .willReturn(aResponse().withStatus(200)));
    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.onEvent(event);
    drain();

    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(requests).hasSize(3);
    assertThat(requests).extracting(r -> r.getHeader("X-Chorus-Delivery")).containsOnly(requests.get(0).getHeader("X-Chorus-Delivery"));
    assertThat(sleeps).hasSize(2);
    // equal jitter: step 1 s then 2 s, each between half and the whole step
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));

    List<DeliveryAttempt> log = dispatcher.deliveryLog().attempts();
    assertThat(log).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 3);
    assertThat(log).extracting(DeliveryAttempt::outcome).containsExactly(
        DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.DELIVERED);
    assertThat(log.get(0).status()).isEqualTo(503);
    assertThat(log.get(0).error()).isEqualTo("HTTP 503");
    assertThat(log.get(0).retryIn()).isEqualTo(sleeps.get(0));
    assertThat(log).extracting(DeliveryAttempt::subscriptionId).containsOnly("sub-1");
  }

  @Test
  void does_not_retry_400_but_honours_retry_after_on_429() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(400)));
    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.onEvent(event);
    drain();
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    assertThat(sleeps).isEmpty();
    DeliveryAttempt only = dispatcher.deliveryLog().attempts().get(0);
    assertThat(only.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
    assertThat(only.status()).isEqualTo(400);

    server.resetAll();
    executor = Executors.newSingleThreadExecutor();
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
    WebhookDispatcher limited = dispatcher();
    limited.onEvent(event);
    drain();
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(4);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7));
    assertThat(limited.deliveryLog().attempts().get(3).outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
  }

  @Test
  void retries_connection_errors_and_records_them() throws Exception {
    int port = server.port();
    server.stop();
    WebhookDispatcher dispatcher = WebhookDispatcher.builder().clock(clock).executor(executor).sleeper(sleeps::add)
        .maxAttempts(2).subscription(new WebhookSubscription("down", URI.create("http://localhost:" + port + "/hook"),
            Secret.of(CANARY), Set.of())).build();
    dispatcher.onEvent(event);
    drain();
    assertThat(dispatcher.deliveryLog().attempts()).extracting(DeliveryAttempt::outcome)
        .containsExactly(DeliveryAttempt.Outcome.RETRYING, DeliveryAttempt.Outcome.FAILED);
    assertThat(dispatcher.deliveryLog().attempts().get(0).status()).isNull();
    assertThat(dispatcher.deliveryLog().attempts().get(0).error()).startsWith("connection error");
    server.start();
  }

  @Test
  void on_event_returns_before_delivering() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    CountDownLatch gate = new CountDownLatch(1);
    executor.execute(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.onEvent(event);
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).isEmpty();
    gate.countDown();
    drain();
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
  }

  @Test
  void filters_events_by_type() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    WebhookDispatcher dispatcher = WebhookDispatcher.builder().clock(clock).executor(executor).sleeper(sleeps::add)
        .subscription(new WebhookSubscription("only-failed", URI.create(server.baseUrl() + "/hook"), Secret.of(CANARY),
            Set.of("Failed"))).build();
    dispatcher.onEvent(event);
    drain();
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).isEmpty();
  }

  @Test
  void the_secret_never_appears_in_logs_to_string_or_messages() throws Exception {
    server.stubFor(post("/hook").willReturn(aResponse().withStatus(500)));
    WebhookDispatcher dispatcher = dispatcher();
    dispatcher.onEvent(event);
    drain();
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(CANARY).doesNotContain("post-1"));
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.INFO);
    assertThat(subscription().toString()).doesNotContain(CANARY);
    assertThat(dispatcher.toString()).doesNotContain(CANARY);
    assertThat(dispatcher.deliveryLog().attempts().toString()).doesNotContain(CANARY);
    assertThatThrownBy(() -> new WebhookSubscription("s", URI.create("ftp://x/"), Secret.of(CANARY), Set.of()))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageNotContaining(CANARY);
    assertThatThrownBy(() -> ChorusWebhookSignature.verify(Secret.of(CANARY), "t=1,v1=00", new byte[0], NOW, Duration.ofMinutes(5)))
        .hasMessageNotContaining(CANARY);
  }

  @Test
  void serialises_a_real_workflow_event() {
    var transitioned = new dev.chorus.workflow.TargetTransitioned(WorkspaceId.of("ws-acme"),
        dev.chorus.model.PostId.of("post-9"), dev.chorus.model.AccountId.of("acc-x"), dev.chorus.model.ActorId.of("actor-1"),
        dev.chorus.model.TargetState.DRAFT, dev.chorus.model.TargetState.IN_REVIEW, null, NOW);
    String json = new String(dispatcher().envelope("evt-1", "TargetTransitioned", transitioned), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"id\":\"evt-1\",\"type\":\"TargetTransitioned\"")
        .contains("\"data\":{\"workspaceId\":\"ws-acme\"", "\"to\":\"IN_REVIEW\"");
  }
}
