package dev.chorus.analytics;

/** Where a campaign KPI stands against where it should be by now. */
public enum Pace {
  /** Better than expected by more than the tolerance. */
  AHEAD,
  /** Within the tolerance of the expected value. */
  ON_TRACK,
  /** Worse than expected by more than the tolerance. */
  BEHIND,
  /** The actual value is undefined, so the pace cannot be judged. */
  UNKNOWN
}
