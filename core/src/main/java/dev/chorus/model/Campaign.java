package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A time-boxed push toward one objective, with a budget, KPI targets, audiences, platforms and
 * UTM tags. Dates are inclusive and read in the workspace's zone.
 *
 * @param budget the total budget, or {@code null} for an organic campaign
 * @param spend what has been spent so far, in the budget's currency
 * @param utm tags for the campaign's links, or {@code null}
 */
public record Campaign(
    CampaignId id,
    WorkspaceId workspaceId,
    String name,
    Objective objective,
    LocalDate startDate,
    LocalDate endDate,
    Money budget,
    Money spend,
    List<KpiTarget> kpiTargets,
    Set<AudienceId> audiences,
    Set<Platform> platforms,
    UtmParameters utm) {

  public Campaign {
    Checks.required("campaign.id", id);
    Checks.required("campaign.workspaceId", workspaceId);
    Checks.notBlank("campaign.name", name);
    Checks.required("campaign.objective", objective);
    Checks.required("campaign.startDate", startDate);
    Checks.required("campaign.endDate", endDate);
    if (endDate.isBefore(startDate)) {
      throw new InvalidValueException(
          "campaign.endDate", endDate, "must not be before startDate " + startDate);
    }
    kpiTargets = Checks.list("campaign.kpiTargets", kpiTargets);
    audiences = Checks.set("campaign.audiences", audiences);
    platforms = Checks.set("campaign.platforms", platforms);
    if (spend != null && budget == null) {
      throw new InvalidValueException("campaign.spend", spend, "needs a budget to be spent against");
    }
    if (budget != null) {
      spend = spend == null ? Money.zero(budget.currency()) : spend;
      if (!spend.currency().equals(budget.currency())) {
        throw new InvalidValueException(
            "campaign.spend", spend, "must be in the budget's currency " + budget.currency().getCurrencyCode());
      }
    }
    var kpis = new java.util.HashSet<String>();
    for (KpiTarget target : kpiTargets) {
      if (!kpis.add(target.kpiId())) {
        throw new InvalidValueException("campaign.kpiTargets", target.kpiId(), "has more than one target");
      }
    }
  }

  /** A builder for a campaign. */
  public static Builder builder(WorkspaceId workspace, String name, Objective objective) {
    return new Builder(workspace, name, objective);
  }

  /** A builder pre-filled with this campaign. */
  public Builder toBuilder() {
    Builder b = new Builder(workspaceId, name, objective);
    b.id = id;
    b.startDate = startDate;
    b.endDate = endDate;
    b.budget = budget;
    b.spend = spend;
    b.kpiTargets = kpiTargets;
    b.audiences = audiences;
    b.platforms = platforms;
    b.utm = utm;
    return b;
  }

  /** Builds {@link Campaign}s. */
  public static final class Builder {
    private CampaignId id = CampaignId.random();
    private final WorkspaceId workspaceId;
    private final String name;
    private final Objective objective;
    private LocalDate startDate;
    private LocalDate endDate;
    private Money budget;
    private Money spend;
    private List<KpiTarget> kpiTargets = List.of();
    private Set<AudienceId> audiences = Set.of();
    private Set<Platform> platforms = Set.of();
    private UtmParameters utm;

    private Builder(WorkspaceId workspaceId, String name, Objective objective) {
      this.workspaceId = workspaceId;
      this.name = name;
      this.objective = objective;
    }

    public Builder id(CampaignId id) {
      this.id = id;
      return this;
    }

    public Builder dates(LocalDate start, LocalDate end) {
      this.startDate = start;
      this.endDate = end;
      return this;
    }

    public Builder budget(Money budget) {
      this.budget = budget;
      return this;
    }

    public Builder spend(Money spend) {
      this.spend = spend;
      return this;
    }

    public Builder kpiTargets(List<KpiTarget> targets) {
      this.kpiTargets = targets;
      return this;
    }

    public Builder audiences(Set<AudienceId> audiences) {
      this.audiences = audiences;
      return this;
    }

    public Builder platforms(Set<Platform> platforms) {
      this.platforms = platforms;
      return this;
    }

    public Builder utm(UtmParameters utm) {
      this.utm = utm;
      return this;
    }

    public Campaign build() {
      return new Campaign(
          id, workspaceId, name, objective, startDate, endDate, budget, spend, kpiTargets, audiences, platforms, utm);
    }
  }
}
