package dev.chorus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

  final Signing.TestClock clock = new Signing.TestClock(Instant.parse("2026-03-01T12:00:00Z"));

  @Test
  void remembers_a_key_until_it_expires() {
    SeenIds ids = SeenIds.inMemory(10, Duration.ofMinutes(10), clock);
    assertThat(ids.firstSeen("x:1")).isTrue();
    assertThat(ids.firstSeen("x:1")).isFalse();
    clock.advance(Duration.ofMinutes(10));
    assertThat(ids.firstSeen("x:1")).isTrue();
  }

  @Test
  void forgets_the_oldest_beyond_the_bound() {
    SeenIds ids = SeenIds.inMemory(2, Duration.ofHours(1), clock);
    ids.firstSeen("a");
    ids.firstSeen("b");
    ids.firstSeen("c");
    assertThat(ids.firstSeen("b")).isFalse();
    assertThat(ids.firstSeen("a")).isTrue();
  }

  @Test
  void refuses_bad_bounds() {
    assertThatThrownBy(() -> SeenIds.inMemory(0, Duration.ofHours(1), clock))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("maxSize");
    assertThatThrownBy(() -> SeenIds.inMemory(1, Duration.ZERO, clock))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("ttl");
  }

  @Test
  void exactly_one_of_many_concurrent_callers_sees_a_key_first() throws Exception {
    SeenIds ids = SeenIds.inMemory(100_000, Duration.ofHours(1), clock);
    int threads = 8;
    int keys = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger firsts = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int k = 0; k < keys; k++) {
          if (ids.firstSeen("k" + k)) {
            firsts.incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(firsts.get()).isEqualTo(keys);
  }
}
