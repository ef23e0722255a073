package dev.chorus.analytics;

/** How a KPI target is expected to be reached over a campaign's dates. */
public enum Pacing {
  /** A total that grows with time (reach, impressions, conversions): expected by now = target × elapsed share. */
  CUMULATIVE,
  /** A rate or level (engagement rate, CPC): expected by now = the target itself. */
  LEVEL
}
