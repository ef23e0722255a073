package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.KpiValue;
import dev.chorus.analytics.Kpis;
import dev.chorus.model.Checks;
import dev.chorus.model.KpiDefinition;
import dev.chorus.model.KpiDirection;
import dev.chorus.model.KpiTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a group's cost KPIs against targets in the direction each KPI's definition gives: CPC,
 * CPM and CPA meet a target at or below it, ROAS at or above it.
 */
public final class CostTargets {

  private static final Set<String> COST_KPIS = Set.of("cpc", "cpm", "cpa", "roas");

  private CostTargets() {}

  /** How one KPI stands against its target. */
  public enum Verdict {
    /** At or on the good side of the target. */
    MET,
    /** On the bad side of the target. */
    MISSED,
    /** The KPI is undefined (for example no clicks yet), so there is nothing to judge. */
    UNKNOWN
  }

  /**
   * One KPI against its target.
   *
   * @param gap actual − target as a fraction of the target, signed so that a positive gap is
   *     always good; {@code NaN} when the KPI is undefined or the target is 0
   */
  public record Check(String kpiId, KpiValue actual, KpiTarget target, KpiDirection direction, Verdict verdict, double gap) {}

  /**
   * Checks each target; targets on non-cost KPIs are an error naming them.
   *
   * @throws InvalidValueException when a target is not on cpc, cpm, cpa or roas
   */
  public static List<Check> check(SpendSummary summary, List<KpiTarget> targets, CostBasis basis) {
    Checks.required("summary", summary);
    Checks.required("basis", basis);
    List<KpiTarget> list = Checks.list("targets", targets);
    for (int i = 0; i < list.size(); i++) {
      if (!COST_KPIS.contains(list.get(i).kpiId())) {
        throw new InvalidValueException("targets[" + i + "].kpiId", list.get(i).kpiId(), "is not a cost KPI: " + COST_KPIS);
      }
    }
    List<Check> checks = new ArrayList<>();
    for (KpiTarget target : list) {
      KpiDefinition definition = Kpis.byId(target.kpiId()).orElseThrow();
      KpiValue actual = summary.kpi(target.kpiId(), basis);
      double goal = target.target().doubleValue();
      if (!actual.isDefined()) {
        checks.add(new Check(target.kpiId(), actual, target, definition.direction(), Verdict.UNKNOWN, Double.NaN));
        continue;
      }
      boolean higherIsBetter = definition.direction() == KpiDirection.HIGHER_IS_BETTER;
      double diff = higherIsBetter ? actual.value() - goal : goal - actual.value();
      Verdict verdict = diff >= 0 ? Verdict.MET : Verdict.MISSED;
      checks.add(new Check(target.kpiId(), actual, target, definition.direction(), verdict, goal == 0 ? Double.NaN : diff / goal));
    }
    return checks;
  }
}
