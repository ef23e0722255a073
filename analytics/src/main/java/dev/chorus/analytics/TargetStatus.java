package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.KpiDirection;

/**
 * One KPI target of a campaign against its actual value.
 *
 * @param kpiId the KPI
 * @param target the value aimed for by the end
 * @param actual the value now (undefined when unknown)
 * @param progress actual ÷ target (undefined when either is missing or the target is 0)
 * @param expectedByNow where the KPI should be now under linear pacing
 * @param forecast the value at the end at the current rate (cumulative KPIs; the actual for levels)
 * @param pace ahead, on track or behind expectedByNow
 */
public record TargetStatus(
    String kpiId,
    double target,
    KpiValue actual,
    KpiValue progress,
    double expectedByNow,
    KpiValue forecast,
    Pacing pacing,
    KpiDirection direction,
    Pace pace) {

  /** Requires every field. */
  public TargetStatus {
    Checks.notBlank("targetStatus.kpiId", kpiId);
    Checks.required("targetStatus.actual", actual);
    Checks.required("targetStatus.progress", progress);
    Checks.required("targetStatus.forecast", forecast);
    Checks.required("targetStatus.pacing", pacing);
    Checks.required("targetStatus.direction", direction);
    Checks.required("targetStatus.pace", pace);
  }
}
