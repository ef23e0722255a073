package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeltaRollupTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final LocalDate D1 = LocalDate.of(2026, 3, 2);

  private static MetricSnapshot likes(String account, String post, String at, long likes) {
    return new MetricSnapshot(Platform.X, AccountId.of(account), post, Instant.parse(at), Map.of(Metric.LIKES, likes));
  }

  private static RollupResult<String> byPost(DeltaRollup rollup, List<MetricSnapshot> snapshots) {
    return rollup.rollupBy(snapshots, Metric.LIKES, MetricSnapshot::externalPostId);
  }

  @Test
  void lifetime_counters_become_deltas_per_day() {
    var result = byPost(DeltaRollup.builder(UTC).build(), List.of(
        likes("a", "p", "2026-03-02T08:00:00Z", 10),
        likes("a", "p", "2026-03-02T20:00:00Z", 15),
        likes("a", "p", "2026-03-03T09:00:00Z", 40)));
    assertThat(result.periods()).containsExactly(D1, D1.plusDays(1));
    assertThat(result.delta("p", D1)).isEqualTo(15);
    assertThat(result.delta("p", D1.plusDays(1))).isEqualTo(25);
    assertThat(result.total("p")).isEqualTo(40);
  }

  private final List<MetricSnapshot> dropping = List.of(
      likes("a", "p", "2026-03-02T12:00:00Z", 100),
      likes("a", "p", "2026-03-03T12:00:00Z", 90),
      likes("a", "p", "2026-03-04T12:00:00Z", 95),
      likes("a", "p", "2026-03-05T12:00:00Z", 105));

  @Test
  void decreasing_counter_is_restated_as_a_negative_delta_and_recorded() {
    var result = byPost(DeltaRollup.builder(UTC).decrease(DecreasePolicy.RESTATE).build(), dropping);
    assertThat(result.series("p").values()).containsExactly(100L, -10L, 5L, 10L);
    assertThat(result.total("p")).isEqualTo(105); // the last reading
    assertThat(result.correction("p", D1.plusDays(1))).isEqualTo(10);
    assertThat(result.correction("p", D1.plusDays(2))).isZero();
  }

  @Test
  void decreasing_counter_is_clamped_against_the_highest_reading() {
    var result = byPost(DeltaRollup.builder(UTC).decrease(DecreasePolicy.CLAMP).build(), dropping);
    // 90 and 95 stay below the 100 already counted; 105 adds only 5: no double counting.
    assertThat(result.series("p").values()).containsExactly(100L, 0L, 0L, 5L);
    assertThat(result.correction("p", D1.plusDays(1))).isEqualTo(10);
    assertThat(result.correction("p", D1.plusDays(2))).isZero();
  }

  @Test
  void late_and_shuffled_readings_give_the_in_order_result() {
    List<MetricSnapshot> inOrder = new ArrayList<>();
    long value = 0;
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      value += random.nextInt(20) - 3; // occasionally goes down
      value = Math.max(0, value);
      inOrder.add(likes("a", "p" + (i % 3), Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(i)).toString(),
          value));
    }
    List<MetricSnapshot> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, random);
    for (DecreasePolicy policy : DecreasePolicy.values()) {
      DeltaRollup rollup = DeltaRollup.builder(ZoneId.of("America/New_York")).decrease(policy).build();
      var a = byPost(rollup, inOrder);
      var b = byPost(rollup, shuffled);
      for (String post : List.of("p0", "p1", "p2")) {
        assertThat(b.series(post)).isEqualTo(a.series(post));
      }
    }
  }

  @Test
  void late_reading_between_two_known_ones_moves_the_delta_to_its_day() {
    List<MetricSnapshot> base = List.of(likes("a", "p", "2026-03-02T12:00:00Z", 10),
        likes("a", "p", "2026-03-04T12:00:00Z", 50));
    var before = byPost(DeltaRollup.builder(UTC).build(), base);
    assertThat(before.delta("p", D1.plusDays(2))).isEqualTo(40);
    List<MetricSnapshot> withLate = new ArrayList<>(base);
    withLate.add(likes("a", "p", "2026-03-03T12:00:00Z", 30)); // arrives last
    var after = byPost(DeltaRollup.builder(UTC).build(), withLate);
    assertThat(after.series("p").values()).containsExactly(10L, 20L, 20L);
  }

  @Test
  void gap_goes_to_the_later_reading_or_is_spread_over_time() {
    List<MetricSnapshot> gap = List.of(likes("a", "p", "2026-03-02T12:00:00Z", 10),
        likes("a", "p", "2026-03-05T12:00:00Z", 70));
    assertThat(byPost(DeltaRollup.builder(UTC).build(), gap).series("p").values())
        .containsExactly(10L, 0L, 0L, 60L);
    // 60 over 72 h: 12 h on day 1, 24 h on days 2 and 3, 12 h on day 4.
    assertThat(byPost(DeltaRollup.builder(UTC).gaps(GapAttribution.SPREAD_OVER_TIME).build(), gap).series("p").values())
        .containsExactly(20L, 20L, 20L, 10L);
  }

  @Test
  void first_reading_spreads_from_publish_time_and_parts_add_up() {
    DeltaRollup rollup = DeltaRollup.builder(UTC).gaps(GapAttribution.SPREAD_OVER_TIME).build();
    var result = rollup.rollup(List.of(likes("a", "p", "2026-03-04T12:00:00Z", 30)), Metric.LIKES,
        s -> List.of(s.externalPostId()), s -> Instant.parse("2026-03-02T12:00:00Z"));
    // 30 over 48 h: 7.5 -> 8, cumulative 22.5 -> 23, rest 7.
    assertThat(result.series("p").values()).containsExactly(8L, 15L, 7L);
    assertThat(result.total("p")).isEqualTo(30);
  }

  @Test
  void first_reading_can_be_a_baseline_only() {
    var result = byPost(DeltaRollup.builder(UTC).countFirstReading(false).build(), List.of(
        likes("a", "p", "2026-03-02T12:00:00Z", 1000), likes("a", "p", "2026-03-03T12:00:00Z", 1010)));
    assertThat(result.series("p").values()).containsExactly(0L, 10L);
  }

  @Test
  void absent_metric_is_skipped_not_zero() {
    List<MetricSnapshot> list = List.of(likes("a", "p", "2026-03-02T12:00:00Z", 10),
        new MetricSnapshot(Platform.X, AccountId.of("a"), "p", Instant.parse("2026-03-03T12:00:00Z"),
            Map.of(Metric.IMPRESSIONS, 500L)),
        likes("a", "p", "2026-03-04T12:00:00Z", 12));
    var result = byPost(DeltaRollup.builder(UTC).build(), list);
    assertThat(result.series("p").values()).containsExactly(10L, 0L, 2L);
    assertThat(result.correction("p", D1.plusDays(1))).isZero();
  }

  @Test
  void days_follow_the_zone_across_dst() {
    ZoneId paris = ZoneId.of("Europe/Paris"); // 29 March 2026 has 23 hours
    List<MetricSnapshot> list = List.of(
        likes("a", "p", "2026-03-28T22:59:59Z", 1), // 28th 23:59:59 CET
        likes("a", "p", "2026-03-28T23:00:00Z", 3), // 29th 00:00 CET
        likes("a", "p", "2026-03-29T21:59:00Z", 6), // 29th 23:59 CEST
        likes("a", "p", "2026-03-29T22:00:00Z", 10)); // 30th 00:00 CEST
    DeltaRollup rollup = DeltaRollup.builder(paris).build();
    var result = byPost(rollup, list);
    assertThat(result.periods()).containsExactly(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29),
        LocalDate.of(2026, 3, 30));
    assertThat(result.series("p").values()).containsExactly(1L, 5L, 4L);
    // In UTC the same readings fall on two days only.
    assertThat(byPost(DeltaRollup.builder(UTC).build(), list).series("p").values()).containsExactly(3L, 7L);
    // The fast path exposes the period boundaries: the 29th is 23 hours long.
    RollupTable table = rollup.run(SnapshotColumns.of(new int[] {0, 0}, new long[] {
        Instant.parse("2026-03-28T23:00:00Z").getEpochSecond(), Instant.parse("2026-03-30T10:00:00Z").getEpochSecond()},
        new long[] {1, 2}, 1), new int[] {0}, 1, null);
    assertThat(Duration.between(table.periodStart(0), table.periodStart(1))).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void weeks_and_months() {
    List<MetricSnapshot> list = List.of(likes("a", "p", "2026-03-01T12:00:00Z", 5), // Sunday
        likes("a", "p", "2026-03-02T12:00:00Z", 8), // Monday
        likes("a", "p", "2026-04-01T12:00:00Z", 20));
    var weeks = byPost(DeltaRollup.builder(UTC).period(RollupPeriod.WEEK).build(), list);
    assertThat(weeks.periods().get(0)).isEqualTo(LocalDate.of(2026, 2, 23));
    assertThat(weeks.delta("p", LocalDate.of(2026, 2, 23))).isEqualTo(5);
    assertThat(weeks.delta("p", LocalDate.of(2026, 3, 2))).isEqualTo(3);
    assertThat(weeks.delta("p", LocalDate.of(2026, 3, 30))).isEqualTo(12);
    var months = byPost(DeltaRollup.builder(UTC).period(RollupPeriod.MONTH).build(), list);
    assertThat(months.series("p")).containsExactly(Map.entry(LocalDate.of(2026, 3, 1), 8L),
        Map.entry(LocalDate.of(2026, 4, 1), 12L));
  }

  @Test
  void groups_by_account_platform_and_many_tags() {
    List<MetricSnapshot> list = List.of(
        likes("a", "p1", "2026-03-02T12:00:00Z", 10), likes("a", "p1", "2026-03-03T12:00:00Z", 15),
        likes("a", "p2", "2026-03-02T12:00:00Z", 1), likes("b", "p3", "2026-03-03T12:00:00Z", 7));
    DeltaRollup rollup = DeltaRollup.builder(UTC).build();
    var byAccount = rollup.rollupBy(list, Metric.LIKES, s -> s.accountId().value());
    assertThat(byAccount.series("a").values()).containsExactly(11L, 5L);
    assertThat(byAccount.series("b").values()).containsExactly(0L, 7L);
    assertThat(rollup.rollupBy(list, Metric.LIKES, MetricSnapshot::platform).total(Platform.X)).isEqualTo(23);
    Map<String, Set<String>> tags = Map.of("p1", Set.of("launch", "video"), "p2", Set.of("video"), "p3", Set.of());
    var byTag = rollup.rollup(list, Metric.LIKES, s -> tags.get(s.externalPostId()), null);
    assertThat(byTag.total("launch")).isEqualTo(15);
    assertThat(byTag.total("video")).isEqualTo(16);
    assertThat(byTag.groups()).containsExactlyInAnyOrder("launch", "video");
  }

  @Test
  void activity_date_versus_publish_date() {
    List<MetricSnapshot> list = List.of(likes("a", "old", "2026-03-02T12:00:00Z", 100),
        likes("a", "old", "2026-03-05T12:00:00Z", 130));
    Instant published = Instant.parse("2026-03-01T09:00:00Z");
    var activity = DeltaRollup.builder(UTC).build().rollup(list, Metric.LIKES, s -> List.of("k"), s -> published);
    assertThat(activity.delta("k", LocalDate.of(2026, 3, 5))).isEqualTo(30);
    var publish = DeltaRollup.builder(UTC).attribution(Attribution.PUBLISH_DATE).build()
        .rollup(list, Metric.LIKES, s -> List.of("k"), s -> published);
    assertThat(publish.delta("k", LocalDate.of(2026, 3, 1))).isEqualTo(130);
    assertThat(publish.delta("k", LocalDate.of(2026, 3, 5))).isZero();
    assertThatThrownBy(() -> DeltaRollup.builder(UTC).attribution(Attribution.PUBLISH_DATE).build()
        .rollup(list, Metric.LIKES, s -> List.of("k"), null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("publishedAt");
  }

  @Test
  void fast_path_rejects_bad_columns_without_side_effects() {
    assertThatThrownBy(() -> SnapshotColumns.of(new int[] {0, 2}, new long[] {1, 2}, new long[] {1, 2}, 2))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("series[1]");
    assertThatThrownBy(() -> SnapshotColumns.of(new int[] {0}, new long[] {1, 2}, new long[] {1}, 1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("columns");
    assertThatThrownBy(() -> SnapshotColumns.of(new int[] {0}, new long[] {1}, new long[] {-1}, 1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("values[0]");
    SnapshotColumns columns = SnapshotColumns.of(new int[] {0}, new long[] {1}, new long[] {1}, 1);
    assertThatThrownBy(() -> DeltaRollup.builder(UTC).build().run(columns, new int[] {3}, 2, null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("seriesGroup[0]");
    assertThat(byPost(DeltaRollup.builder(UTC).build(), List.of()).periods()).isEmpty();
  }

  @Test
  void fast_path_over_many_series_matches_the_sum_of_last_readings() {
    int series = 10_000;
    int perSeries = 50;
    int n = series * perSeries;
    int[] s = new int[n];
    long[] t = new long[n];
    long[] v = new long[n];
    long expected = 0;
    long start = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < series; i++) {
      for (int j = 0; j < perSeries; j++) {
        int k = i * perSeries + j;
        s[k] = i;
        t[k] = start + j * 7200L + i;
        v[k] = (long) j * (i % 7);
      }
      expected += (long) (perSeries - 1) * (i % 7);
    }
    int[] groups = new int[series];
    for (int i = 0; i < series; i++) {
      groups[i] = i % 4;
    }
    RollupTable table = DeltaRollup.builder(ZoneId.of("Asia/Kolkata")).gaps(GapAttribution.SPREAD_OVER_TIME).build()
        .run(SnapshotColumns.of(s, t, v, series), groups, 4, null);
    long total = 0;
    for (int g = 0; g < 4; g++) {
      total += table.total(g);
    }
    assertThat(total).isEqualTo(expected);
  }

  @Test
  void one_rollup_serves_many_threads_with_identical_results() throws Exception {
    int series = 2_000;
    int n = series * 20;
    int[] s = new int[n];
    long[] t = new long[n];
    long[] v = new long[n];
    Random random = new Random(5);
    for (int k = 0; k < n; k++) {
      s[k] = k / 20;
      t[k] = 1_767_225_600L + (k % 20) * 5_000L + random.nextInt(3_000);
      v[k] = (k % 20) * 4L + random.nextInt(6);
    }
    SnapshotColumns columns = SnapshotColumns.of(s, t, v, series);
    int[] groups = new int[series];
    for (int i = 0; i < series; i++) {
      groups[i] = i % 3;
    }
    DeltaRollup rollup = DeltaRollup.builder(ZoneId.of("Europe/Paris")).decrease(DecreasePolicy.CLAMP)
        .gaps(GapAttribution.SPREAD_OVER_TIME).build();
    RollupTable expected = rollup.run(columns, groups, 3, null);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<RollupTable>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        futures.add(pool.submit(() -> rollup.run(columns, groups, 3, null)));
      }
      for (var future : futures) {
        RollupTable table = future.get();
        for (int g = 0; g < 3; g++) {
          for (int p = 0; p < table.periods().size(); p++) {
            assertThat(table.delta(g, p)).isEqualTo(expected.delta(g, p));
            assertThat(table.correction(g, p)).isEqualTo(expected.correction(g, p));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
