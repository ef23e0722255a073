package dev.chorus.analytics;

import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a campaign stands at one instant: each KPI target against its actual and its pace, the
 * budget burn and forecast, ROI and ROAS.
 *
 * @param elapsedShare the share of the campaign's time that has passed, 0 before the start and 1 after the end
 * @param budget the budget status, or {@code null} for an organic campaign (see {@link #budgetStatus()})
 * @param roi (attributed revenue − spend) ÷ spend; undefined without revenue, budget or spend
 * @param roas attributed revenue ÷ spend; undefined without revenue, budget or spend
 */
public record CampaignStatus(
    CampaignId campaignId,
    String name,
    Instant at,
    double elapsedShare,
    List<TargetStatus> targets,
    BudgetStatus budget,
    KpiValue roi,
    KpiValue roas) {

  /** Copies the list. */
  public CampaignStatus {
    Checks.required("campaignStatus.campaignId", campaignId);
    Checks.notBlank("campaignStatus.name", name);
    Checks.required("campaignStatus.at", at);
    targets = Checks.list("campaignStatus.targets", targets);
    Checks.required("campaignStatus.roi", roi);
    Checks.required("campaignStatus.roas", roas);
  }

  /** The budget status, empty for an organic campaign. */
  public Optional<BudgetStatus> budgetStatus() {
    return Optional.ofNullable(budget);
  }

  /** The status of the KPI's target, if the campaign has one. */
  public Optional<TargetStatus> target(String kpiId) {
    return targets.stream().filter(t -> t.kpiId().equals(kpiId)).findFirst();
  }
}
