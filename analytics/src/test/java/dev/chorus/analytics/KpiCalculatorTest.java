package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.KpiDefinition;
import dev.chorus.model.KpiDirection;
import dev.chorus.model.KpiUnit;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every KPI formula against hand-computed values; undefined versus zero; both aggregations. */
class KpiCalculatorTest {

  private static final double EPS = 1e-12;
  private final KpiCalculator calc = KpiCalculator.ofDefaults();

  private static MetricSnapshot post(Platform platform, Map<Metric, Long> values) {
    return new MetricSnapshot(platform, AccountId.of("acc"), "p1", Instant.parse("2026-03-01T10:00:00Z"), values);
  }

  @Test
  void catalogue_has_unique_ids_and_the_expected_units_and_directions() {
    var ids = new HashSet<String>();
    for (KpiDefinition d : Kpis.all()) {
      assertThat(ids.add(d.id())).as(d.id()).isTrue();
    }
    assertThat(Kpis.all()).hasSize(31);
    assertThat(Kpis.byId("cpm")).contains(Kpis.CPM);
    assertThat(Kpis.CPM.unit()).isEqualTo(KpiUnit.MONEY);
    assertThat(Kpis.CPM.direction()).isEqualTo(KpiDirection.LOWER_IS_BETTER);
    assertThat(Kpis.RESPONSE_TIME_MEDIAN.unit()).isEqualTo(KpiUnit.DURATION);
    assertThat(Kpis.ENGAGEMENT_RATE_BY_REACH.direction()).isEqualTo(KpiDirection.HIGHER_IS_BETTER);
    assertThat(Kpis.byId("nope")).isEmpty();
  }

  @Test
  void engagement_rates_by_reach_impressions_views_and_followers() {
    // Instagram default: likes + comments + shares + saves = 40 + 6 + 3 + 1 = 50
    var s = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 40L, Metric.COMMENTS, 6L, Metric.SHARES, 3L,
        Metric.SAVES, 1L, Metric.REACH, 500L, Metric.IMPRESSIONS, 800L, Metric.VIDEO_VIEWS, 250L, Metric.CLICKS, 99L));
    assertThat(calc.engagementRateByReach(s).value()).isCloseTo(0.10, within(EPS));
    assertThat(calc.engagementRateByImpressions(s).value()).isCloseTo(0.0625, within(EPS));
    assertThat(calc.engagementRateByViews(s).value()).isCloseTo(0.20, within(EPS));
    assertThat(calc.engagementRateByFollowers(s, 2000).value()).isCloseTo(0.025, within(EPS));
  }

  @Test
  void engagement_set_is_per_platform_data_and_can_be_overridden() {
    Map<Metric, Long> values = Map.of(Metric.LIKES, 10L, Metric.COMMENTS, 2L, Metric.SHARES, 3L, Metric.QUOTES, 1L,
        Metric.CLICKS, 20L, Metric.SAVES, 5L, Metric.IMPRESSIONS, 1000L);
    assertThat(calc.engagements(Platform.X, values).value()).isEqualTo(36); // 10+2+3+1+20
    assertThat(calc.engagements(Platform.LINKEDIN, values).value()).isEqualTo(35); // 20+10+2+3
    assertThat(calc.engagements(Platform.MASTODON, values).value()).isEqualTo(20); // fallback 10+2+3+5
    KpiCalculator likesAndComments = KpiCalculator.of(EngagementDefinitions.defaults()
        .with(EngagementDefinition.of(Platform.X, Metric.LIKES, Metric.COMMENTS)));
    assertThat(likesAndComments.engagementOver(Platform.X, values, Metric.IMPRESSIONS).value())
        .isCloseTo(0.012, within(EPS));
    assertThatThrownBy(() -> new EngagementDefinition(Platform.X, java.util.Set.of()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("engagement.metrics");
  }

  @Test
  void undefined_is_distinct_from_zero() {
    var zeroEngagement = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 0L, Metric.REACH, 100L));
    assertThat(calc.engagementRateByReach(zeroEngagement)).isEqualTo(KpiValue.of(0));
    var zeroReach = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 5L, Metric.REACH, 0L));
    assertThat(calc.engagementRateByReach(zeroReach).isDefined()).isFalse();
    var noReach = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 5L));
    assertThat(calc.engagementRateByReach(noReach)).isInstanceOf(KpiValue.Undefined.class);
    assertThat(((KpiValue.Undefined) calc.engagementRateByReach(noReach)).reason()).contains("reach");
    var noEngagementMetric = post(Platform.INSTAGRAM, Map.of(Metric.REACH, 100L));
    assertThat(calc.engagementRateByReach(noEngagementMetric).isDefined()).isFalse();
    assertThat(KpiCalculator.counter(noReach, Metric.IMPRESSIONS).isDefined()).isFalse();
    assertThat(KpiCalculator.counter(noReach, Metric.LIKES).value()).isEqualTo(5);
    assertThat(KpiCalculator.ctrLink(0, 0).orElse(-1)).isEqualTo(-1);
    assertThatThrownBy(() -> KpiCalculator.ctrLink(0, 0).value()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> KpiValue.of(Double.NaN)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void mean_of_rates_differs_from_ratio_of_sums() {
    var a = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 10L, Metric.REACH, 100L)); // 10 %
    var b = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 10L, Metric.REACH, 1000L)); // 1 %
    var undefined = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 3L, Metric.REACH, 0L));
    var noReach = post(Platform.INSTAGRAM, Map.of(Metric.LIKES, 7L));
    List<MetricSnapshot> posts = List.of(a, b, undefined, noReach);
    assertThat(calc.meanEngagementRate(posts, Metric.REACH).value()).isCloseTo(0.055, within(EPS));
    assertThat(calc.pooledEngagementRate(posts, Metric.REACH).value()).isCloseTo(23.0 / 1100, within(EPS));
    assertThat(calc.meanEngagementRate(List.of(), Metric.REACH).isDefined()).isFalse();
    assertThat(calc.pooledEngagementRate(List.of(noReach), Metric.REACH).isDefined()).isFalse();
    assertThat(KpiCalculator.ratioOfSums(List.of(new long[] {1, 4}, new long[] {2, 4}), r -> r[0], r -> r[1]).value())
        .isCloseTo(0.375, within(EPS));
    assertThat(KpiCalculator.ratioOfSums(List.<long[]>of(), r -> r[0], r -> r[1]).isDefined()).isFalse();
  }

  @Test
  void daily_amplification_applause_conversation_virality() {
    assertThat(KpiCalculator.dailyEngagementRate(300, 3, 1000).value()).isCloseTo(0.1, within(EPS));
    assertThat(KpiCalculator.amplificationRatePerPost(30, 4).value()).isCloseTo(7.5, within(EPS));
    assertThat(KpiCalculator.amplificationRatePerFollower(30, 4, 1500).value()).isCloseTo(0.005, within(EPS));
    assertThat(KpiCalculator.applauseRatePerPost(90, 3).value()).isCloseTo(30, within(EPS));
    assertThat(KpiCalculator.applauseRatePerFollower(90, 3000).value()).isCloseTo(0.03, within(EPS));
    assertThat(KpiCalculator.conversationRate(12, 4).value()).isCloseTo(3, within(EPS));
    assertThat(KpiCalculator.viralityRate(25, 10_000).value()).isCloseTo(0.0025, within(EPS));
    assertThat(KpiCalculator.amplificationRatePerPost(3, 0).isDefined()).isFalse();
    assertThatThrownBy(() -> KpiCalculator.dailyEngagementRate(1, 0, 10))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("days");
  }

  @Test
  void reach_frequency_ctr_and_costs() {
    assertThat(KpiCalculator.frequency(1500, 600).value()).isCloseTo(2.5, within(EPS));
    assertThat(KpiCalculator.ctrLink(30, 2000).value()).isCloseTo(0.015, within(EPS));
    assertThat(KpiCalculator.ctrAll(90, 2000).value()).isCloseTo(0.045, within(EPS));
    assertThat(KpiCalculator.ctrUnique(12, 600).value()).isCloseTo(0.02, within(EPS));
    Money spend = Money.of("120.00", "EUR");
    assertThat(KpiCalculator.cpc(spend, 48).value()).isCloseTo(2.5, within(EPS));
    assertThat(KpiCalculator.cpm(spend, 40_000).value()).isCloseTo(3.0, within(EPS));
    assertThat(KpiCalculator.cpa(spend, 8).value()).isCloseTo(15.0, within(EPS));
    assertThat(KpiCalculator.cpe(spend, 960).value()).isCloseTo(0.125, within(EPS));
    assertThat(KpiCalculator.cpc(spend, 0).isDefined()).isFalse();
    assertThat(KpiCalculator.cpm(Money.of("0", "EUR"), 100).value()).isZero();
  }

  @Test
  void conversion_rate_may_exceed_one_and_roas_roi() {
    assertThat(KpiCalculator.conversionRate(12, 10).value()).isCloseTo(1.2, within(EPS));
    assertThat(KpiCalculator.roas(Money.of("500", "USD"), Money.of("100", "USD")).value()).isCloseTo(5, within(EPS));
    assertThat(KpiCalculator.roi(Money.of("150", "USD"), Money.of("100", "USD")).value()).isCloseTo(0.5, within(EPS));
    assertThat(KpiCalculator.roi(Money.of("80", "USD"), Money.of("100", "USD")).value()).isCloseTo(-0.2, within(EPS));
    assertThat(KpiCalculator.roas(Money.of("5", "USD"), Money.of("0", "USD")).isDefined()).isFalse();
    assertThatThrownBy(() -> KpiCalculator.roas(Money.of("5", "USD"), Money.of("1", "EUR")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("currency");
  }

  @Test
  void follower_growth_net_gross_and_share_of_voice() {
    assertThat(KpiCalculator.followerGrowthNet(2000, 2100).value()).isCloseTo(0.05, within(EPS));
    assertThat(KpiCalculator.followerGrowthNet(2000, 1900).value()).isCloseTo(-0.05, within(EPS));
    assertThat(KpiCalculator.followerGrowthGross(2000, 150).value()).isCloseTo(0.075, within(EPS));
    assertThat(KpiCalculator.followerGrowthNet(0, 10).isDefined()).isFalse();
    assertThat(KpiCalculator.shareOfVoice(40, List.of(35L, 25L)).value()).isCloseTo(0.4, within(EPS));
    assertThat(KpiCalculator.shareOfVoice(0, List.of()).isDefined()).isFalse();
    assertThatThrownBy(() -> KpiCalculator.shareOfVoice(1, List.of(-2L)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("competitors[0]");
  }
}
