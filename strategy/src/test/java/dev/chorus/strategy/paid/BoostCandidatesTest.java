package dev.chorus.strategy.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiCalculator;
import dev.chorus.model.AccountId;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.strategy.paid.BoostCandidates.Evaluation;
import dev.chorus.strategy.paid.BoostCandidates.OrganicPost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoostCandidatesTest {

  static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final KpiCalculator KPIS = KpiCalculator.ofDefaults();

  /** An Instagram post (engagements = likes + comments + shares + saves) published {@code age} ago. */
  static OrganicPost post(String id, Platform platform, long impressions, long likes, Duration age, boolean boosted) {
    MetricSnapshot snapshot = new MetricSnapshot(platform, AccountId.of("acct-" + platform.id()), id, NOW,
        Map.of(Metric.IMPRESSIONS, impressions, Metric.LIKES, likes, Metric.COMMENTS, 0L, Metric.SHARES, 0L, Metric.SAVES, 0L));
    return new OrganicPost(snapshot, NOW.minus(age), boosted);
  }

  @Test
  void the_wilson_lower_bound_prefers_a_well_measured_rate_over_a_lucky_small_one() {
    // 30 / 200 = 15 %: lower bound 0.10714; 1200 / 10 000 = 12 %: lower bound 0.11378 (computed by
    // hand from (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.96)
    assertThat(BoostCandidates.wilsonLowerBound(30, 200)).isCloseTo(0.107136, within(1e-6));
    assertThat(BoostCandidates.wilsonLowerBound(1200, 10_000)).isCloseTo(0.113776, within(1e-6));
    assertThat(BoostCandidates.wilsonLowerBound(50, 1000)).isCloseTo(0.038130, within(1e-6));

    BoostCandidates rule = new BoostCandidates(Duration.ofHours(24), Duration.ofDays(14), 100, 3, 5);
    var result = rule.choose(List.of(
        post("small-lucky", Platform.INSTAGRAM, 200, 30, Duration.ofDays(2), false),
        post("big-steady", Platform.INSTAGRAM, 10_000, 1200, Duration.ofDays(3), false)), KPIS, CLOCK);
    assertThat(result.picked()).extracting(e -> e.post().latest().externalPostId()).containsExactly("big-steady", "small-lucky");
    assertThat(result.picked().get(1).engagementRate().value()).isCloseTo(0.15, within(1e-12));
  }

  @Test
  void ineligible_posts_say_why_and_the_picks_respect_per_platform_and_total_limits() {
    BoostCandidates rule = new BoostCandidates(Duration.ofHours(24), Duration.ofDays(14), 500, 1, 2);
    var result = rule.choose(List.of(
        post("ig-best", Platform.INSTAGRAM, 5000, 900, Duration.ofDays(2), false),
        post("ig-second", Platform.INSTAGRAM, 5000, 800, Duration.ofDays(2), false),
        post("fb-ok", Platform.FACEBOOK, 5000, 300, Duration.ofDays(2), false),
        post("th-ok", Platform.THREADS, 5000, 200, Duration.ofDays(2), false),
        post("too-new", Platform.INSTAGRAM, 5000, 2000, Duration.ofHours(5), false),
        post("too-old", Platform.INSTAGRAM, 5000, 2000, Duration.ofDays(20), false),
        post("too-few", Platform.INSTAGRAM, 499, 400, Duration.ofDays(2), false),
        post("boosted", Platform.INSTAGRAM, 5000, 2000, Duration.ofDays(2), true)), KPIS, CLOCK);
    // one per platform, two in all: Instagram's best, then Facebook (ig-second is held back)
    assertThat(result.picked()).extracting(e -> e.post().latest().externalPostId()).containsExactly("ig-best", "fb-ok");
    assertThat(result.evaluated()).filteredOn(e -> !e.eligible()).extracting(Evaluation::reason).containsExactly(
        "published 5 h ago; wait until 24 h", "published 20 days ago; older than 14 days",
        "499 impressions; needs 500", "already boosted");
  }

  @Test
  void bad_settings_name_the_field() {
    assertThatThrownBy(() -> new BoostCandidates(Duration.ofDays(2), Duration.ofDays(1), 500, 1, 1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("maxAge");
    assertThatThrownBy(() -> new BoostCandidates(Duration.ZERO, Duration.ofDays(1), 0, 1, 1))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("minImpressions");
  }
}
