package dev.chorus.connector.sandbox;

import static dev.chorus.connector.sandbox.Fixtures.KEY;
import static dev.chorus.connector.sandbox.Fixtures.TUESDAY;
import static dev.chorus.connector.sandbox.Fixtures.sandbox;
import static dev.chorus.connector.sandbox.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TransportException;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

  private final Fixtures.TestClock clock = new Fixtures.TestClock(TUESDAY);

  @Test
  void timeout_before_accept_stores_nothing_and_leaves_the_outcome_unknown() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom().script(SandboxOperation.PUBLISH, 1, FaultKind.TIMEOUT_BEFORE_ACCEPT).build())
        .build();

    TransportException e = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k1", "hello")), TransportException.class);

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isTrue();
    assertThat(e.platform()).isEqualTo(Platform.SANDBOX);
    assertThat(sandbox.publicationCount()).isZero();
    assertThat(sandbox.search(KEY, text("a", "k1", "hello"), TUESDAY)).isEmpty();
  }

  @Test
  void timeout_after_accept_stores_the_post_and_reconcile_finds_it() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom().script(SandboxOperation.PUBLISH, 1, FaultKind.TIMEOUT_AFTER_ACCEPT).build())
        .build();
    Instant attemptedAt = clock.instant();

    TransportException e = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k1", "hello")), TransportException.class);

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(sandbox.publicationCountByKey("k1")).isEqualTo(1);
    PublishResult found = sandbox.search(KEY, text("a", "k1", "hello"), attemptedAt).orElseThrow();
    assertThat(found.externalId()).isEqualTo(sandbox.publications().get(0).externalId());
    // A retry with the same key creates nothing either.
    assertThat(sandbox.publish(KEY, text("a", "k1", "hello")).externalId()).isEqualTo(found.externalId());
    assertThat(sandbox.publicationCount()).isEqualTo(1);
  }

  @Test
  void reconcile_falls_back_to_text_created_after_the_attempt() {
    SandboxPlatform sandbox = sandbox(clock).build();
    sandbox.arrangePost("a", "old-1", "same words", TUESDAY.minusSeconds(60));
    sandbox.publish(KEY, text("a", "other-key", "same words"));

    assertThat(sandbox.search(KEY, text("a", "k-lost", "same words"), TUESDAY).orElseThrow().externalId())
        .isNotEqualTo("old-1");
    assertThat(sandbox.search(KEY, text("a", "k-lost", "same words"), TUESDAY.plusSeconds(1))).isEmpty();
    assertThat(sandbox.search(KEY, text("b", "k-lost", "same words"), TUESDAY)).isEmpty();
  }

  @Test
  void server_error_stores_nothing_and_is_retryable() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom().script(SandboxOperation.PUBLISH, 2, FaultKind.SERVER_ERROR).build())
        .build();

    for (int i = 0; i < 2; i++) {
      PlatformUnavailableException e = catchThrowableOfType(
          () -> sandbox.publish(KEY, text("a", "k1", "hello")), PlatformUnavailableException.class);
      assertThat(e.httpStatus()).hasValue(503);
      assertThat(e.requestId()).isPresent();
      assertThat(e.retryable()).isTrue();
      assertThat(e.outcomeUnknown()).isFalse();
    }
    assertThat(sandbox.publicationCount()).isZero();
    sandbox.publish(KEY, text("a", "k1", "hello"));
    assertThat(sandbox.publicationCount()).isEqualTo(1);
  }

  @Test
  void malformed_response_after_the_post_was_stored_is_a_typed_unknown_outcome() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom().script(SandboxOperation.PUBLISH, 1, FaultKind.MALFORMED)
            .script(SandboxOperation.POST_METRICS, 1, FaultKind.MALFORMED).build())
        .build();

    TransportException publish = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k1", "hello")), TransportException.class);
    assertThat(publish.outcomeUnknown()).isTrue();
    assertThat(publish.httpStatus()).hasValue(200);
    assertThat(publish.getCause()).hasMessageContaining("unexpected end");
    assertThat(sandbox.publicationCount()).isEqualTo(1);

    TransportException read = catchThrowableOfType(
        () -> sandbox.postMetrics(KEY, Fixtures.account("a"), List.of("sbx-1")), TransportException.class);
    assertThat(read.outcomeUnknown()).isFalse();
  }

  @Test
  void a_random_rate_limit_starts_a_storm_that_ends_at_retry_at() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom().probability(FaultKind.RATE_LIMIT, 1.0).stormDuration(Duration.ofSeconds(90)).build())
        .build();

    RateLimitedException first = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k1", "x")), RateLimitedException.class);
    assertThat(first.httpStatus()).hasValue(429);
    assertThat(first.retryAt()).hasValue(TUESDAY.plusSeconds(90));
    clock.advance(Duration.ofSeconds(30));
    RateLimitedException during = catchThrowableOfType(
        () -> sandbox.accountMetrics(KEY, Fixtures.account("b")), RateLimitedException.class);
    assertThat(during.retryAt()).hasValue(TUESDAY.plusSeconds(90));
    assertThat(sandbox.publicationCount()).isZero();
  }

  @Test
  void random_faults_follow_the_seed_and_the_probabilities() {
    List<String> first = outcomes(7);
    assertThat(outcomes(7)).isEqualTo(first);
    assertThat(outcomes(8)).isNotEqualTo(first);
    long errors = first.stream().filter(o -> o.equals("PlatformUnavailableException")).count();
    long timeouts = first.stream().filter(o -> o.equals("TransportException")).count();
    assertThat(errors).isBetween(150L, 250L);
    assertThat(timeouts).isBetween(50L, 150L);
  }

  private List<String> outcomes(long seed) {
    SandboxPlatform sandbox = sandbox(clock).faultPlan(FaultPlan.custom().seed(seed)
        .probability(FaultKind.SERVER_ERROR, 0.2)
        .probability(FaultKind.TIMEOUT_BEFORE_ACCEPT, 0.1).build()).build();
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      try {
        sandbox.publish(KEY, text("a", "k" + i, "post " + i));
        outcomes.add("ok");
      } catch (ConnectorException e) {
        outcomes.add(e.getClass().getSimpleName());
      }
    }
    assertThat(sandbox.publicationCount()).isEqualTo((int) outcomes.stream().filter("ok"::equals).count());
    return outcomes;
  }

  @Test
  void scripted_faults_carry_their_request_id_and_strike_in_order() {
    SandboxPlatform sandbox = sandbox(clock).build();
    sandbox.scriptFaults(SandboxOperation.PUBLISH,
        new Fault(FaultKind.CONTENT_REJECTED, "rid-1", "duplicate content", null),
        new Fault(FaultKind.PERMISSION_DENIED, "rid-2", null, null),
        Fault.rateLimited(TUESDAY.plusSeconds(5), "rid-3"));

    ContentRejectedException rejected = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k", "x")), ContentRejectedException.class);
    assertThat(rejected.reason()).isEqualTo("duplicate content");
    assertThat(rejected.requestId()).hasValue("rid-1");
    assertThat(rejected.httpStatus()).hasValue(400);
    ConnectorException denied = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k", "x")), ConnectorException.class);
    assertThat(denied.httpStatus()).hasValue(403);
    assertThat(denied.requestId()).hasValue("rid-2");
    RateLimitedException limited = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k", "x")), RateLimitedException.class);
    assertThat(limited.retryAt()).hasValue(TUESDAY.plusSeconds(5));
    // A scripted 429 is one-shot: the next call goes through.
    sandbox.publish(KEY, text("a", "k", "x"));
    assertThat(sandbox.publicationCount()).isEqualTo(1);
    assertThat(sandbox.requestCount()).isEqualTo(4);
  }

  @Test
  void a_wrong_api_key_is_refused_without_showing_either_key() {
    SandboxPlatform sandbox = sandbox(clock).build();

    AuthenticationExpiredException e = catchThrowableOfType(
        () -> sandbox.publish(Secret.of("wrong-key-123"), text("a", "k", "x")), AuthenticationExpiredException.class);

    assertThat(e.httpStatus()).hasValue(401);
    assertThat(e.getMessage()).doesNotContain(KEY.reveal()).doesNotContain("wrong-key-123");
    assertThat(sandbox.toString()).doesNotContain(KEY.reveal());
    assertThat(sandbox.publicationCount()).isZero();
  }

  @Test
  void per_account_rate_limit_says_when_the_window_resets() {
    SandboxPlatform sandbox = sandbox(clock).rateLimit(3, Duration.ofMinutes(1)).build();
    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      sandbox.publish(KEY, text("a", "k" + i, "post " + i));
    }

    RateLimitedException e = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "k9", "post 9")), RateLimitedException.class);
    assertThat(e.retryAt()).hasValue(TUESDAY.plusSeconds(60));
    assertThat(e.httpStatus()).hasValue(429);
    sandbox.publish(KEY, text("b", "k9", "other account"));
    clock.advance(Duration.ofSeconds(50));
    sandbox.publish(KEY, text("a", "k9", "post 9"));
    assertThat(sandbox.publicationCountByAccount("a")).isEqualTo(4);
  }

  @Test
  void latency_and_timeouts_are_spent_through_the_sleeper() {
    Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    SandboxPlatform sandbox = sandbox(clock).latency(Duration.ofMillis(250)).sleeper(sleeper)
        .faultPlan(FaultPlan.custom().timeout(Duration.ofSeconds(30))
            .script(SandboxOperation.PUBLISH, 1, FaultKind.TIMEOUT_BEFORE_ACCEPT).build())
        .build();

    assertThatThrownBy(() -> sandbox.publish(KEY, text("a", "k", "x"))).isInstanceOf(TransportException.class);
    sandbox.publish(KEY, text("a", "k", "x"));
    sandbox.accountMetrics(KEY, Fixtures.account("a"));

    assertThat(sleeper.slept).containsExactly(
        Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void content_beyond_the_limits_is_rejected_and_nothing_is_stored() {
    SandboxPlatform sandbox = sandbox(clock).build();
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    sandbox.publish(KEY, text("a", "ok", family.repeat(500)));
    ContentRejectedException e = catchThrowableOfType(
        () -> sandbox.publish(KEY, text("a", "long", "x".repeat(501))), ContentRejectedException.class);
    assertThat(e.reason()).contains("501").contains("500");
    ContentRejectedException images = catchThrowableOfType(() -> sandbox.publish(KEY, text("a", "five", "pics")
        .withMedia(List.of(Fixtures.image(1), Fixtures.image(2), Fixtures.image(3), Fixtures.image(4),
            Fixtures.image(5)))), ContentRejectedException.class);
    assertThat(images.reason()).contains("at most 4 images");
    assertThat(sandbox.publicationCount()).isEqualTo(1);
  }

  @Test
  void idempotency_keys_can_be_switched_off_to_simulate_platforms_without_them() {
    SandboxPlatform sandbox = sandbox(clock).idempotencyKeys(false).build();
    sandbox.publish(KEY, text("a", "k", "x"));
    sandbox.publish(KEY, text("a", "k", "x"));

    assertThat(sandbox.publicationCountByKey("k")).isEqualTo(2);
    assertThat(sandbox.publicationCountByText("x")).isEqualTo(2);
    assertThat(sandbox.capabilities().supports(dev.chorus.connector.Capability.IDEMPOTENCY_KEYS)).isFalse();
  }

  @Test
  void delete_hides_the_post_but_keeps_it_in_the_record() {
    SandboxPlatform sandbox = sandbox(clock).build();
    String id = sandbox.publish(KEY, text("a", "k", "x")).externalId();

    assertThatThrownBy(() -> sandbox.delete(KEY, "b", id))
        .isInstanceOf(dev.chorus.connector.NotFoundException.class);
    sandbox.delete(KEY, "a", id);

    assertThat(sandbox.publication(id).orElseThrow().live()).isFalse();
    assertThat(sandbox.publicationCount()).isEqualTo(1);
    assertThat(sandbox.postMetrics(KEY, Fixtures.account("a"), List.of(id))).isEmpty();
    assertThatThrownBy(() -> sandbox.delete(KEY, "a", id)).isInstanceOf(dev.chorus.connector.NotFoundException.class);
  }

  @Test
  void bad_settings_name_the_field_and_value() {
    assertThatThrownBy(() -> FaultPlan.custom().probability(FaultKind.SERVER_ERROR, 1.5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).contains("SERVER_ERROR"));
    assertThatThrownBy(() -> FaultPlan.custom().probability(FaultKind.SERVER_ERROR, 0.6)
        .probability(FaultKind.MALFORMED, 0.6)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> FaultPlan.custom().probability(FaultKind.NOT_FOUND, 0.1))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> SandboxPlatform.builder(clock).latency(Duration.ofMillis(-1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("latency"));
    assertThatThrownBy(() -> SandboxPlatform.builder(clock).rateLimit(-1, Duration.ofMinutes(1)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Fault(FaultKind.SERVER_ERROR, null, null, TUESDAY))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void hide_takes_faults_like_reply() {
    SandboxPlatform sandbox = sandbox(clock)
        .faultPlan(FaultPlan.custom()
            .script(SandboxOperation.HIDE, 1, FaultKind.TIMEOUT_BEFORE_ACCEPT)
            .script(SandboxOperation.HIDE, 2, FaultKind.TIMEOUT_AFTER_ACCEPT).build())
        .build();
    dev.chorus.model.SocialAccount a = Fixtures.account("a");
    String id = sandbox.arrangeInteraction("a", dev.chorus.model.InteractionKind.COMMENT, null, "buy now", TUESDAY);

    TransportException before = catchThrowableOfType(() -> sandbox.hide(KEY, a, id, true), TransportException.class);
    assertThat(before.outcomeUnknown()).isTrue();
    assertThat(sandbox.isHidden(id)).isFalse();

    TransportException after = catchThrowableOfType(() -> sandbox.hide(KEY, a, id, true), TransportException.class);
    assertThat(after.outcomeUnknown()).isTrue();
    assertThat(sandbox.isHidden(id)).isTrue();
    assertThat(sandbox.requestCount(SandboxOperation.HIDE)).isEqualTo(2);
  }
}
