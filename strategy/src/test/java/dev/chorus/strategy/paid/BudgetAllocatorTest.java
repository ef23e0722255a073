package dev.chorus.strategy.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiValue;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import dev.chorus.strategy.paid.BudgetAllocator.Allocation;
import dev.chorus.strategy.paid.BudgetAllocator.Bound;
import dev.chorus.strategy.paid.BudgetAllocator.Line;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetAllocatorTest {

  static final Currency EUR = Currency.getInstance("EUR");

  static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  Line instagram = Line.of(Platform.INSTAGRAM, KpiValue.of(4), EUR);
  Line facebook = Line.of(Platform.FACEBOOK, KpiValue.of(2), EUR);
  Line tiktok = Line.of(Platform.TIKTOK, KpiValue.undefined("no history"), EUR);

  @Test
  void splits_by_efficiency_with_the_mean_for_a_line_without_history_and_sums_to_the_cent() {
    Allocation split = BudgetAllocator.allocate(eur("1000"), List.of(instagram, facebook, tiktok));
    // weights 4, 2 and (4 + 2) / 2 = 3 for TikTok; Σ = 9
    // exact: 444.444…, 222.222…, 333.333… → cut 444.44 + 222.22 + 333.33 = 999.99;
    // the cent left goes to the largest remainder, Instagram's 0.444… cent
    assertThat(split.shares()).extracting(BudgetAllocator.Share::amount)
        .containsExactly(eur("444.45"), eur("222.22"), eur("333.33"));
    assertThat(split.of(Platform.TIKTOK).estimated()).isTrue();
    assertThat(split.of(Platform.TIKTOK).weight()).isEqualTo(3.0);
    assertThat(split.unallocated()).isEqualTo(eur("0"));
  }

  @Test
  void a_cap_holds_a_line_down_and_the_rest_is_shared_among_the_others() {
    Allocation split = BudgetAllocator.allocate(eur("1000"), List.of(instagram.withCap(eur("300")), facebook, tiktok));
    // Instagram's 444.44 is over its cap: 300; the other 700 go 2 : 3 → 280 and 420
    assertThat(split.shares()).extracting(BudgetAllocator.Share::amount)
        .containsExactly(eur("300"), eur("280"), eur("420"));
    assertThat(split.of(Platform.INSTAGRAM).bound()).isEqualTo(Bound.CAP);
    assertThat(split.of(Platform.FACEBOOK).bound()).isEqualTo(Bound.PROPORTIONAL);
  }

  @Test
  void a_floor_holds_a_line_up_and_the_rest_is_shared_among_the_others() {
    Allocation split = BudgetAllocator.allocate(eur("1000"), List.of(instagram, facebook.withFloor(eur("300")), tiktok));
    // Facebook's 222.22 is under its floor: 300; the other 700 go 4 : 3 → 400 and 300
    assertThat(split.shares()).extracting(BudgetAllocator.Share::amount)
        .containsExactly(eur("400"), eur("300"), eur("300"));
    assertThat(split.of(Platform.FACEBOOK).bound()).isEqualTo(Bound.FLOOR);
  }

  @Test
  void caps_below_the_budget_leave_the_rest_unallocated() {
    Allocation split = BudgetAllocator.allocate(eur("1000"),
        List.of(instagram.withCap(eur("100")), facebook.withCap(eur("250.50"))));
    assertThat(split.shares()).extracting(BudgetAllocator.Share::amount).containsExactly(eur("100"), eur("250.50"));
    assertThat(split.unallocated()).isEqualTo(eur("649.50"));
  }

  @Test
  void without_any_history_every_line_weighs_the_same_and_yen_have_no_minor_unit() {
    Line a = Line.of(Platform.X, KpiValue.undefined("new"), Currency.getInstance("JPY"));
    Line b = Line.of(Platform.THREADS, KpiValue.undefined("new"), Currency.getInstance("JPY"));
    Line c = Line.of(Platform.BLUESKY, KpiValue.undefined("new"), Currency.getInstance("JPY"));
    Allocation split = BudgetAllocator.allocate(Money.of("10000", "JPY"), List.of(a, b, c));
    // 3333.33… each → 3333 × 3 = 9999; the yen left goes to the first of the equal remainders
    assertThat(split.shares()).extracting(s -> s.amount().amount().intValueExact()).containsExactly(3334, 3333, 3333);
  }

  @Test
  void bad_lines_are_refused_with_the_field() {
    assertThatThrownBy(() -> BudgetAllocator.allocate(eur("100"), List.of(instagram.withFloor(eur("80")), facebook.withFloor(eur("30")))))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("lines.floor").hasMessageContaining("110");
    assertThatThrownBy(() -> BudgetAllocator.allocate(eur("100"), List.of(instagram, instagram)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("lines[1]");
    assertThatThrownBy(() -> BudgetAllocator.allocate(Money.of("100", "USD"), List.of(instagram)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("lines[0].currency");
    assertThatThrownBy(() -> instagram.withFloor(eur("50")).withCap(eur("10")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("line.cap");
  }

  @Test
  void efficiency_comes_from_measured_spend_for_the_objective() {
    SpendSummary instagramSpend = SpendLedgerTest.springLedger().summarize(
        SpendGrouping.byPlatform(SpendGrouping.Period.TOTAL), null, null, AgencyFee.none()).get(0);
    // TRAFFIC → clicks per euro = 1 / CPC = 1 / 0.50 = 2
    assertThat(Efficiency.forObjective(dev.chorus.model.Objective.TRAFFIC).of(instagramSpend, CostBasis.MEDIA).value())
        .isEqualTo(2.0);
    // SALES → ROAS = 5
    assertThat(Efficiency.forObjective(dev.chorus.model.Objective.SALES).of(instagramSpend, CostBasis.MEDIA).value())
        .isEqualTo(5.0);
  }
}
