package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Campaign;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.Money;
import dev.chorus.model.Objective;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignTrackerTest {

  final TestClock clock = new TestClock(Instant.parse("2026-03-05T00:00:00Z")); // 4 of 10 days gone
  final CampaignTracker tracker = CampaignTracker.of(clock, ZoneOffset.UTC);

  static Campaign campaign(Money budget, Money spend) {
    return Campaign.builder(WorkspaceId.of("ws"), "Spring launch", Objective.SALES)
        .dates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10))
        .budget(budget).spend(spend)
        .kpiTargets(List.of(KpiTarget.of("impressions", "100000"),
            KpiTarget.of("engagement_rate_by_impressions", "0.05"),
            KpiTarget.of("cpc", "0.50"),
            KpiTarget.of("conversions", "200"),
            KpiTarget.of("reach", "50000")))
        .build();
  }

  static final Map<String, KpiValue> ACTUALS = Map.of(
      "impressions", KpiValue.of(30_000),
      "engagement_rate_by_impressions", KpiValue.of(0.06),
      "cpc", KpiValue.of(0.52),
      "conversions", KpiValue.of(90));

  @Test
  void targets_are_paced_linearly_over_the_campaign_dates() {
    CampaignStatus status = tracker.status(campaign(Money.of("1000", "EUR"), Money.of("500", "EUR")), ACTUALS,
        Money.of("1500", "EUR"));
    assertThat(status.elapsedShare()).isCloseTo(0.4, within(1e-12));

    TargetStatus impressions = status.target("impressions").orElseThrow();
    assertThat(impressions.pacing()).isEqualTo(Pacing.CUMULATIVE);
    assertThat(impressions.expectedByNow()).isCloseTo(40_000, within(1e-6));
    assertThat(impressions.progress().value()).isCloseTo(0.3, within(1e-12));
    assertThat(impressions.forecast().value()).isCloseTo(75_000, within(1e-6));
    assertThat(impressions.pace()).isEqualTo(Pace.BEHIND); // 30,000 < 40,000 − 5 %

    TargetStatus er = status.target("engagement_rate_by_impressions").orElseThrow();
    assertThat(er.pacing()).isEqualTo(Pacing.LEVEL);
    assertThat(er.expectedByNow()).isEqualTo(0.05);
    assertThat(er.pace()).isEqualTo(Pace.AHEAD); // 0.06 > 0.0525

    TargetStatus cpc = status.target("cpc").orElseThrow();
    assertThat(cpc.pace()).isEqualTo(Pace.ON_TRACK); // lower is better; 0.52 within 0.50 + 0.025
    assertThat(tracker.withTolerance(0.02).status(campaign(null, null), ACTUALS, null)
        .target("cpc").orElseThrow().pace()).isEqualTo(Pace.BEHIND); // 0.52 > 0.51

    TargetStatus conversions = status.target("conversions").orElseThrow(); // a custom counter: cumulative
    assertThat(conversions.expectedByNow()).isCloseTo(80, within(1e-9));
    assertThat(conversions.forecast().value()).isCloseTo(225, within(1e-9));
    assertThat(conversions.pace()).isEqualTo(Pace.AHEAD);

    TargetStatus reach = status.target("reach").orElseThrow();
    assertThat(reach.pace()).isEqualTo(Pace.UNKNOWN);
    assertThat(reach.progress().isDefined()).isFalse();
  }

  @Test
  void budget_burn_forecast_roi_and_roas() {
    CampaignStatus status = tracker.status(campaign(Money.of("1000", "EUR"), Money.of("500", "EUR")), ACTUALS,
        Money.of("1500", "EUR"));
    BudgetStatus budget = status.budgetStatus().orElseThrow();
    assertThat(budget.spentShare().value()).isEqualTo(0.5);
    assertThat(budget.burnRate().value()).isCloseTo(1.25, within(1e-12)); // 50 % spent in 40 % of the time
    assertThat(budget.forecastSpend().value()).isCloseTo(1250, within(1e-9));
    assertThat(budget.overspendForecast()).isTrue();
    assertThat(status.roi().value()).isEqualTo(2.0); // (1500 − 500) / 500
    assertThat(status.roas().value()).isEqualTo(3.0);

    CampaignStatus thrifty = tracker.status(campaign(Money.of("1000", "EUR"), Money.of("300", "EUR")), ACTUALS, null);
    assertThat(thrifty.budgetStatus().orElseThrow().overspendForecast()).isFalse(); // 750 forecast
    assertThat(thrifty.roi().isDefined()).isFalse();
    assertThat(thrifty.roas().isDefined()).isFalse();
  }

  @Test
  void an_organic_campaign_has_no_budget_and_no_roi() {
    CampaignStatus status = tracker.status(campaign(null, null), ACTUALS, Money.of("10", "EUR"));
    assertThat(status.budgetStatus()).isEmpty();
    assertThat(status.roi()).isInstanceOf(KpiValue.Undefined.class);
  }

  @Test
  void elapsed_share_is_zero_before_and_one_after_and_reads_dates_in_the_zone() {
    Campaign c = campaign(Money.of("1000", "EUR"), Money.of("0", "EUR"));
    clock.set(Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(tracker.elapsedShare(c)).isZero();
    CampaignStatus before = tracker.status(c, ACTUALS, null);
    assertThat(before.budgetStatus().orElseThrow().burnRate().isDefined()).isFalse();
    assertThat(before.target("impressions").orElseThrow().forecast().isDefined()).isFalse();
    // In Berlin (UTC+1) the campaign started at 23:00 UTC: one hour of 240 has passed.
    CampaignTracker berlin = CampaignTracker.of(clock, ZoneId.of("Europe/Berlin"));
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(berlin.elapsedShare(c)).isCloseTo(1.0 / 240, within(1e-12));
    clock.set(Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(tracker.elapsedShare(c)).isEqualTo(1.0);
  }

  @Test
  void revenue_in_another_currency_is_refused() {
    assertThatThrownBy(() -> tracker.status(campaign(Money.of("1000", "EUR"), Money.of("500", "EUR")), ACTUALS,
        Money.of("1500", "USD")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("attributedRevenue");
    assertThatThrownBy(() -> tracker.withTolerance(1.5)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("tolerance");
  }
}
