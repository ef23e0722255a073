package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DispatchValuesTest {

  final DispatchKey key = DispatchKey.once(WorkspaceId.of("w"), PostId.of("p"), AccountId.of("a"));

  @Test
  void idempotency_key_is_stable_per_target_and_occurrence_and_hides_the_ids() {
    DispatchKey same = DispatchKey.once(WorkspaceId.of("w"), PostId.of("p"), AccountId.of("a"));
    DispatchKey other = new DispatchKey(WorkspaceId.of("w"), PostId.of("p"), AccountId.of("a"), Instant.ofEpochSecond(60));
    assertThat(key.idempotencyKey()).isEqualTo(same.idempotencyKey()).startsWith("chorus-").hasSize(39);
    assertThat(other.idempotencyKey()).isNotEqualTo(key.idempotencyKey());
  }

  @Test
  void idempotency_key_text_never_changes_across_versions() {
    // Keys already sent to platforms must stay the same: SHA-256 of "w\0p\0a\0<occurrence as
    // Instant.toString()>", first 16 bytes in hex, computed independently (Python hashlib):
    // "w\0p\0a\01970-01-01T00:00:00Z" and "w\0p\0a\02026-03-08T09:00:00.000123Z".
    assertThat(key.idempotencyKey()).isEqualTo("chorus-e743f9ef83028670db7e994b07990427");
    DispatchKey occurrence = new DispatchKey(WorkspaceId.of("w"), PostId.of("p"), AccountId.of("a"),
        Instant.parse("2026-03-08T09:00:00.000123Z"));
    assertThat(occurrence.idempotencyKey()).isEqualTo("chorus-6596b50b02d8ccea8d22b3eafc0a292c");
  }

  @Test
  void backoff_grows_exponentially_within_the_jitter_and_the_cap() {
    RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60), 5, 0.2);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 50; i++) {
      assertThat(policy.delay(1, random).toMillis()).isBetween(8_000L, 12_000L);
      assertThat(policy.delay(3, random).toMillis()).isBetween(32_000L, 48_000L);
      assertThat(policy.delay(10, random).toMillis()).isBetween(48_000L, 72_000L);
    }
  }

  @Test
  void bad_settings_name_the_field_and_value() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofSeconds(1), 3, 0.1))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("retryPolicy.initialDelay"));
    assertThatThrownBy(() -> Dispatcher.builder(new InMemoryDispatchStore(java.time.Clock.systemUTC()), d -> java.util.Optional.empty())
        .lease(Duration.ofMillis(5)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("lease"));
    assertThatThrownBy(() -> Dispatcher.builder(new InMemoryDispatchStore(java.time.Clock.systemUTC()), d -> java.util.Optional.empty())
        .claimers(17))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("claimers");
          assertThat(e.getMessage()).contains("17");
        });
    assertThatThrownBy(() -> new PauseScope(PauseScope.Kind.ACCOUNT, WorkspaceId.of("w"), null))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("pauseScope.account"));
    assertThatThrownBy(() -> new DispatchRequest(key, Instant.EPOCH, " "))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("dispatchRequest.series"));
  }

  @Test
  void pause_scopes_cover_what_they_name() {
    assertThat(PauseScope.all().covers(key)).isTrue();
    assertThat(PauseScope.workspace(WorkspaceId.of("w")).covers(key)).isTrue();
    assertThat(PauseScope.workspace(WorkspaceId.of("x")).covers(key)).isFalse();
    assertThat(PauseScope.account(WorkspaceId.of("w"), AccountId.of("a")).covers(key)).isTrue();
    assertThat(PauseScope.account(WorkspaceId.of("w"), AccountId.of("b")).covers(key)).isFalse();
  }
}
