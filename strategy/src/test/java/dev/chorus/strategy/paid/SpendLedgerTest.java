package dev.chorus.strategy.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendLedgerTest {

  static final Currency EUR = Currency.getInstance("EUR");
  static final CampaignId SPRING = CampaignId.of("spring");
  static final LocalDate MON = LocalDate.of(2026, 3, 2);

  /** Two Instagram days in the week of 2 March and one LinkedIn day in the week of 9 March. */
  static SpendLedger springLedger() {
    SpendLedger ledger = SpendLedger.in(EUR);
    ledger.record(SpendEntry.manual(MON, SPRING, Platform.INSTAGRAM, Money.of("120.00", "EUR"), 40_000L, 300L, 12L)
        .withConversionValue(Money.of("600.00", "EUR")));
    ledger.record(SpendEntry.manual(MON.plusDays(1), SPRING, Platform.INSTAGRAM, Money.of("80", "EUR"), 20_000L, 100L, null));
    ledger.record(SpendEntry.manual(MON.plusDays(7), SPRING, Platform.LINKEDIN, Money.of("250", "EUR"), 10_000L, null, 5L)
        .withConversionValue(Money.of("400", "EUR")));
    return ledger;
  }

  @Test
  void totals_fee_and_cost_kpis_per_platform_are_ratios_of_sums_over_the_entries_that_reported_the_counter() {
    List<SpendSummary> byPlatform = springLedger().summarize(
        SpendGrouping.byPlatform(SpendGrouping.Period.TOTAL), null, null, AgencyFee.percent("15"));
    assertThat(byPlatform).extracting(s -> s.key().platform()).containsExactly(Platform.INSTAGRAM, Platform.LINKEDIN);

    SpendSummary instagram = byPlatform.get(0);
    // media 120 + 80 = 200.00; fee 15 % = 30.00; total 230.00
    assertThat(instagram.mediaSpend()).isEqualTo(Money.of("200.00", "EUR"));
    assertThat(instagram.fee()).isEqualTo(Money.of("30.00", "EUR"));
    assertThat(instagram.totalCost()).isEqualTo(Money.of("230.00", "EUR"));
    assertThat(instagram.impressions()).isEqualTo(60_000L);
    // CPC = 200 / (300 + 100) = 0.50; on total cost 230 / 400 = 0.575
    assertThat(instagram.cpc(CostBasis.MEDIA).value()).isCloseTo(0.50, within(1e-12));
    assertThat(instagram.cpc(CostBasis.TOTAL).value()).isCloseTo(0.575, within(1e-12));
    // CPM = 200 / 60 000 × 1000 = 3.3333…
    assertThat(instagram.cpm(CostBasis.MEDIA).value()).isCloseTo(10.0 / 3, within(1e-12));
    // only the 2 March entry reported conversions: CPA = 120 / 12 = 10.00 (the 80 € day is left out)
    assertThat(instagram.cpa(CostBasis.MEDIA).value()).isCloseTo(10.0, within(1e-12));
    // ROAS = 600 / 120 = 5.0; on total cost 600 / (120 × 1.15 = 138) = 4.3478…
    assertThat(instagram.roas(CostBasis.MEDIA).value()).isCloseTo(5.0, within(1e-12));
    assertThat(instagram.roas(CostBasis.TOTAL).value()).isCloseTo(600 / 138.0, within(1e-12));

    SpendSummary linkedin = byPlatform.get(1);
    assertThat(linkedin.fee()).isEqualTo(Money.of("37.50", "EUR"));
    // no LinkedIn entry reported clicks: CPC undefined, not 0
    assertThat(linkedin.clicks()).isNull();
    assertThat(linkedin.cpc(CostBasis.MEDIA).isDefined()).isFalse();
    assertThat(linkedin.cpa(CostBasis.MEDIA).value()).isCloseTo(50.0, within(1e-12)); // 250 / 5
    assertThat(linkedin.cpm(CostBasis.MEDIA).value()).isCloseTo(25.0, within(1e-12)); // 250 / 10 000 × 1000
  }

  @Test
  void weeks_start_on_monday_and_a_date_range_is_inclusive() {
    SpendLedger ledger = springLedger();
    List<SpendSummary> weeks = ledger.summarize(
        SpendGrouping.byCampaign(SpendGrouping.Period.WEEK), null, null, AgencyFee.none());
    assertThat(weeks).extracting(s -> s.key().periodStart()).containsExactly(MON, MON.plusDays(7));
    assertThat(weeks).extracting(SpendSummary::mediaSpend)
        .containsExactly(Money.of("200", "EUR"), Money.of("250", "EUR"));

    List<SpendSummary> lastTwoDays = ledger.summarize(
        SpendGrouping.byCampaign(SpendGrouping.Period.TOTAL), MON.plusDays(1), MON.plusDays(7), AgencyFee.none());
    assertThat(lastTwoDays).singleElement().satisfies(s -> {
      assertThat(s.entries()).isEqualTo(2);
      assertThat(s.mediaSpend()).isEqualTo(Money.of("330", "EUR")); // 80 + 250
    });
    assertThat(ledger.mediaSpend(SPRING)).isEqualTo(Money.of("450", "EUR"));
  }

  @Test
  void the_fee_is_rounded_once_half_to_even_in_the_currency_minor_unit() {
    AgencyFee fee = AgencyFee.percent("15");
    assertThat(fee.on(Money.of("0.10", "EUR"))).isEqualTo(Money.of("0.02", "EUR")); // 0.015 → 0.02 (even)
    assertThat(fee.on(Money.of("0.30", "EUR"))).isEqualTo(Money.of("0.04", "EUR")); // 0.045 → 0.04 (even)
    assertThat(fee.on(Money.of("1001", "JPY"))).isEqualTo(Money.of("150", "JPY")); // 150.15 → 150
    assertThat(AgencyFee.percent("12.5").on(Money.of("1234.56", "USD"))).isEqualTo(Money.of("154.32", "USD"));
    assertThatThrownBy(() -> AgencyFee.percent("101")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("agencyFee.percent");
    assertThatThrownBy(() -> AgencyFee.percent("ten")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ten");
  }

  @Test
  void recording_the_same_day_campaign_and_platform_again_replaces_the_figures() {
    SpendLedger ledger = springLedger();
    ledger.record(SpendEntry.manual(MON, SPRING, Platform.INSTAGRAM, Money.of("125.50", "EUR"), 41_000L, 310L, 12L));
    assertThat(ledger.entries()).hasSize(3);
    assertThat(ledger.mediaSpend(SPRING)).isEqualTo(Money.of("455.50", "EUR")); // 125.50 + 80 + 250
    // a boosted post on the same day is its own line
    ledger.record(SpendEntry.manual(MON, SPRING, Platform.INSTAGRAM, Money.of("10", "EUR"), null, null, null).boosting("ig-1"));
    assertThat(ledger.entries()).hasSize(4);
  }

  @Test
  void another_currency_is_refused_and_changes_nothing() {
    SpendLedger ledger = springLedger();
    List<SpendEntry> batch = List.of(
        SpendEntry.manual(MON.plusDays(2), SPRING, Platform.X, Money.of("5", "EUR"), null, null, null),
        SpendEntry.manual(MON.plusDays(2), SPRING, Platform.TIKTOK, Money.of("5", "USD"), null, null, null));
    assertThatThrownBy(() -> ledger.recordAll(batch)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("entries[1].mediaSpend.currency").hasMessageContaining("USD");
    assertThat(ledger.entries()).hasSize(3);
    assertThatThrownBy(() -> SpendEntry.manual(MON, SPRING, Platform.X, Money.of("5", "EUR"), null, null, null)
        .withConversionValue(Money.of("9", "USD")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("spend.conversionValue");
    assertThatThrownBy(() -> ledger.summarize(SpendGrouping.byPlatform(SpendGrouping.Period.DAY), MON, MON.minusDays(1), AgencyFee.none()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("to");
  }
}
