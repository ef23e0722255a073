package dev.chorus.strategy.paid;

/** Which cost the cost KPIs divide: what the platform charged, or that plus the agency fee. */
public enum CostBasis {
  /** Media spend only, as the platforms' own ads managers report CPC and CPM. */
  MEDIA,
  /** Media spend plus the agency fee: what the client pays per click, per mille, per result. */
  TOTAL
}
