package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The settings are a view over the store: two views on one store agree, and writes do not lose each other. */
class SchedulingSettingsTest {

  static final WorkspaceId WS = WorkspaceId.of("ws");
  static final AccountId A = AccountId.of("a");
  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  final ChorusStore store = ChorusStore.inMemory();

  @Test
  void two_views_on_one_store_see_each_others_writes_and_defaults_until_then() {
    SchedulingSettings one = new SchedulingSettings(store);
    SchedulingSettings two = new SchedulingSettings(store);
    assertThat(two.blackouts(WS)).isEmpty();
    assertThat(two.conflictMode(WS)).isEqualTo(ConflictMode.REJECT);
    assertThat(two.queue(WS, A)).isEmpty();
    assertThat(two.minSpacing(WS, A)).isEqualTo(Duration.ZERO);

    WeeklySlots slots = WeeklySlots.daily(List.of(java.time.DayOfWeek.MONDAY), LocalTime.NOON);
    one.queue(WS, A, slots).minSpacing(WS, A, Duration.ofMinutes(5)).conflictMode(WS, ConflictMode.NEXT_LEGAL);

    assertThat(two.queue(WS, A)).contains(slots);
    assertThat(two.minSpacing(WS, A)).isEqualTo(Duration.ofMinutes(5));
    assertThat(two.conflictMode(WS)).isEqualTo(ConflictMode.NEXT_LEGAL);
    assertThat(store.accountScheduling(WS, A)).contains(new AccountScheduling(slots.slots(), Duration.ofMinutes(5)));

    two.queue(WS, A, null).blackouts(WS, List.of());
    assertThat(one.queue(WS, A)).isEmpty();
    assertThat(one.minSpacing(WS, A)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void a_refused_value_changes_nothing() {
    SchedulingSettings settings = new SchedulingSettings(store).minSpacing(WS, A, Duration.ofMinutes(7));
    assertThatThrownBy(() -> settings.minSpacing(WS, A, Duration.ofMinutes(-1)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("minSpacing"));
    assertThatThrownBy(() -> settings.conflictMode(WS, null)).isInstanceOf(InvalidValueException.class);
    assertThat(settings.minSpacing(WS, A)).isEqualTo(Duration.ofMinutes(7));
    assertThat(store.workspaceScheduling(WS)).isEmpty();
  }

  @Test
  void blackouts_added_from_many_threads_are_all_kept() throws Exception {
    SchedulingSettings settings = new SchedulingSettings(store);
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < each; i++) {
            Instant start = T.plus(Duration.ofHours(thread * each + i));
            settings.addBlackout(WS, new BlackoutWindow(start, start.plusSeconds(60), "t" + thread + "-" + i));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(settings.blackouts(WS)).hasSize(threads * each).doesNotHaveDuplicates();
  }
}
