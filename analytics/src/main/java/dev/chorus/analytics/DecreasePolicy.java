package dev.chorus.analytics;

/**
 * What a rollup does when a lifetime counter goes down between two readings (LinkedIn unlikes, a
 * platform removing spam likes, a restatement). Either way the decrease is recorded as a
 * correction in the period where it was observed.
 */
public enum DecreasePolicy {
  /**
   * Keep the negative delta: per-period values may be negative, and the deltas of a series always
   * add up to its last reading (the platform's restated lifetime total).
   */
  RESTATE,
  /**
   * Clamp the delta to zero and keep the highest reading as the baseline, so a counter that drops
   * and recovers is not counted twice; the deltas of a series add up to its highest reading.
   */
  CLAMP
}
