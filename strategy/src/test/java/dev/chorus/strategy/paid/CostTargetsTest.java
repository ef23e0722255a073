package dev.chorus.strategy.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.KpiTarget;
import dev.chorus.strategy.paid.CostTargets.Check;
import dev.chorus.strategy.paid.CostTargets.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostTargetsTest {

  SpendSummary linkedin = SpendLedgerTest.springLedger().summarize(
      SpendGrouping.byPlatform(SpendGrouping.Period.TOTAL), null, null, AgencyFee.percent("10")).get(1);

  @Test
  void lower_is_better_for_costs_and_higher_for_roas() {
    // LinkedIn: media 250, 5 conversions, value 400, 10 000 impressions, no clicks reported
    List<Check> checks = CostTargets.check(linkedin, List.of(
        KpiTarget.of("cpa", "60"), KpiTarget.of("roas", "2"), KpiTarget.of("cpm", "20"), KpiTarget.of("cpc", "1")),
        CostBasis.MEDIA);
    // CPA 50 ≤ 60: met, gap (60 − 50) / 60 = +0.1667
    assertThat(checks.get(0).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(0).gap()).isCloseTo(10.0 / 60, within(1e-12));
    // ROAS 400 / 250 = 1.6 < 2: missed, gap (1.6 − 2) / 2 = −0.2
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.MISSED);
    assertThat(checks.get(1).gap()).isCloseTo(-0.2, within(1e-12));
    // CPM 25 > 20: missed
    assertThat(checks.get(2).verdict()).isEqualTo(Verdict.MISSED);
    // CPC undefined: nothing to judge
    assertThat(checks.get(3).verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(Double.isNaN(checks.get(3).gap())).isTrue();
  }

  @Test
  void the_fee_can_push_a_kpi_over_its_target() {
    // CPA on total cost: 250 × 1.10 / 5 = 55 > 52
    Check onMedia = CostTargets.check(linkedin, List.of(KpiTarget.of("cpa", "52")), CostBasis.MEDIA).get(0);
    Check onTotal = CostTargets.check(linkedin, List.of(KpiTarget.of("cpa", "52")), CostBasis.TOTAL).get(0);
    assertThat(onMedia.verdict()).isEqualTo(Verdict.MET);
    assertThat(onTotal.actual().value()).isCloseTo(55.0, within(1e-12));
    assertThat(onTotal.verdict()).isEqualTo(Verdict.MISSED);
  }

  @Test
  void a_target_on_another_kpi_is_refused() {
    assertThatThrownBy(() -> CostTargets.check(linkedin, List.of(KpiTarget.of("cpa", "1"), KpiTarget.of("reach", "5")), CostBasis.MEDIA))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("targets[1].kpiId").hasMessageContaining("reach");
  }
}
