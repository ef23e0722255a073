package dev.chorus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {

  private static final Instant DUE = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void summarizesLatenessDuplicatesAndLostAgainstTheDueInstant() {
    Completions completions = new Completions();
    completions.record("a", DUE.plusMillis(100));
    completions.record("b", DUE.plusMillis(300));
    completions.record("c", DUE.plusMillis(200));
    completions.record("b", DUE.plusMillis(400)); // b ran twice: one duplicate, its first completion counts
    completions.record("other", DUE.plusMillis(50)); // not one of the tasks asked about

    Completions.Summary s = completions.summarize(List.of("a", "b", "c", "d"), DUE);

    // Lateness of a, b, c sorted: 100, 200, 300 ms. Nearest rank: p50 = rank ceil(0.5 * 3) = 2 -> 200 ms,
    // p99 = rank ceil(0.99 * 3) = 3 -> 300 ms.
    assertThat(s.p50()).isEqualTo(200_000);
    assertThat(s.p99()).isEqualTo(300_000);
    assertThat(s.max()).isEqualTo(300_000);
    // 3 tasks finished, the last 0.3 s after T: 3 / 0.3 = 10 per second.
    assertThat(s.perSecond()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    // b finished twice: 1 duplicate among the tasks asked about (other is not one); d never ran.
    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.lost()).isEqualTo(1);
    assertThat(completions.distinct()).isEqualTo(4);
  }

  @Test
  void timelineCountsFirstCompletionsPerBucketAfterTheDueInstant() {
    Completions completions = new Completions();
    completions.record("early", DUE.minusMillis(5)); // before T: counted in the first bucket
    completions.record("a", DUE.plusMillis(99));
    completions.record("b", DUE.plusMillis(100));
    completions.record("b", DUE.plusMillis(450)); // a second run: only the first completion counts
    completions.record("c", DUE.plusMillis(420));

    // Buckets of 100 ms: [0, 100) early + a; [100, 200) b; nothing in [200, 400); [400, 500) c.
    assertThat(completions.timeline(DUE, 100)).isEqualTo("2 1 0 0 1");
  }

  @Test
  void nothingFinishedHasNoPercentiles() {
    Completions.Summary s = new Completions().summarize(List.of("a"), DUE);

    assertThat(s.p50()).isEqualTo(-1);
    assertThat(s.p99()).isEqualTo(-1);
    assertThat(s.lost()).isEqualTo(1);
    assertThat(s.perSecond()).isNaN();
  }
}
