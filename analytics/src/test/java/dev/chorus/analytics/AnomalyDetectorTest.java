package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.AccountId;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
  private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
  private static final WorkspaceId WS = WorkspaceId.of("w");
  private static final AccountId ACC = AccountId.of("acc");

  private final List<ChorusEvent> events = new ArrayList<>();
  private final AnomalyDetector detector = AnomalyDetector.builder(Clock.fixed(NOW, ZoneOffset.UTC),
      new EventPublisher(List.of(events::add))).build();

  /** Ten weeks of daily mentions: busy weekdays, quiet weekends, Poisson-like noise. */
  private static long[] weeklySeasonal() {
    long[] pattern = {50, 60, 55, 58, 70, 20, 15};
    Random random = new Random(11);
    long[] counts = new long[70];
    for (int d = 0; d < counts.length; d++) {
      double mean = pattern[d % 7];
      counts[d] = Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
    }
    return counts;
  }

  @Test
  void weekly_seasonal_series_raises_no_false_alarm() {
    long[] counts = weeklySeasonal();
    assertThat(detector.detect(AnomalySignal.MENTION_VOLUME, WS, ACC, START, Duration.ofDays(1), counts)).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void synthetic_spike_raises_one_alert_event() {
    long[] counts = weeklySeasonal();
    counts[68] = 160; // a Saturday: usually ~20
    List<AnomalyAlert> alerts =
        detector.detect(AnomalySignal.MENTION_VOLUME, WS, ACC, START, Duration.ofDays(1), counts);
    assertThat(alerts).hasSize(1);
    AnomalyAlert alert = alerts.get(0);
    assertThat(alert.bucketStart()).isEqualTo(START.plus(Duration.ofDays(68)));
    assertThat(alert.observed()).isEqualTo(160);
    assertThat(alert.expected()).isBetween(12.0, 28.0);
    assertThat(alert.score()).isGreaterThan(4);
    assertThat(alert.at()).isEqualTo(NOW);
    assertThat(alert.workspace()).contains(WS);
    assertThat(events).containsExactly(alert);
  }

  @Test
  void a_weekday_level_on_a_weekend_day_is_an_anomaly_but_not_on_a_weekday() {
    long[] counts = weeklySeasonal();
    counts[67] = 60; // Friday with a weekday-sized volume: normal (pattern 70)
    assertThat(detector.detect(AnomalySignal.NEGATIVE_INTERACTION_VOLUME, null, null, START, Duration.ofDays(1),
        counts)).isEmpty();
    counts[69] = 60; // Sunday with the same volume: ~4x the usual 15
    List<AnomalyAlert> alerts = detector.detect(AnomalySignal.NEGATIVE_INTERACTION_VOLUME, null, null, START,
        Duration.ofDays(1), counts);
    assertThat(alerts).extracting(AnomalyAlert::bucketStart).containsExactly(START.plus(Duration.ofDays(69)));
    assertThat(alerts.get(0).workspace()).isEmpty();
  }

  @Test
  void small_counts_and_short_history_do_not_alert() {
    long[] quiet = new long[28];
    quiet[27] = 6; // from 0 to 6: below the minimum count
    assertThat(detector.detect(AnomalySignal.MENTION_VOLUME, WS, ACC, START, Duration.ofDays(1), quiet)).isEmpty();
    long[] shortHistory = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 500};
    assertThat(detector.detect(AnomalySignal.MENTION_VOLUME, WS, ACC, START, Duration.ofDays(1), shortHistory))
        .isEmpty(); // only 1 previous season, 3 required
  }

  @Test
  void counts_mentions_per_bucket_from_interactions() {
    List<Interaction> list = List.of(mention("m1", "2026-01-05T01:00:00Z"), mention("m2", "2026-01-05T23:00:00Z"),
        mention("m3", "2026-01-07T12:00:00Z"), mention("m4", "2026-01-04T12:00:00Z"),
        new Interaction(Platform.X, ACC, "c1", InteractionKind.COMMENT, "p", null, "u", "@u", null, "hi",
            Instant.parse("2026-01-05T02:00:00Z"), null));
    assertThat(AnomalyDetector.bucketCounts(list, AnomalyDetector.mentions(), START, Duration.ofDays(1), 3))
        .containsExactly(2, 0, 1);
    assertThatThrownBy(() -> AnomalyDetector.bucketCounts(list, i -> true, START, Duration.ZERO, 3))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("step");
  }

  private static Interaction mention(String id, String at) {
    return new Interaction(Platform.X, ACC, id, InteractionKind.MENTION, null, null, "u", "@u", null, "@brand",
        Instant.parse(at), null);
  }
}
