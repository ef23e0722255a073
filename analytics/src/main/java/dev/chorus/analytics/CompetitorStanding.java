package dev.chorus.analytics;

import dev.chorus.model.Checks;

/**
 * One brand's place in a {@link Competitors} comparison.
 *
 * @param rank 1 for the largest share of voice; brands with equal shares share a rank
 * @param shareOfVoice the brand's share of the chosen basis (undefined when every brand has 0)
 * @param engagementRate engagements ÷ (posts × followers): the mean engagement per post per follower
 */
public record CompetitorStanding(int rank, CompetitorMetrics brand, KpiValue shareOfVoice, KpiValue engagementRate) {

  /** Requires every field. */
  public CompetitorStanding {
    Checks.required("standing.brand", brand);
    Checks.required("standing.shareOfVoice", shareOfVoice);
    Checks.required("standing.engagementRate", engagementRate);
  }
}
