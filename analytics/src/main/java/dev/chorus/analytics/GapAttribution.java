package dev.chorus.analytics;

/**
 * Where a delta goes when the two readings it comes from lie in different periods (a gap in
 * collection, or the first reading of a post long after publication).
 */
public enum GapAttribution {
  /** The whole delta lands in the period of the later reading: what was observed, when. */
  TO_LATER_READING,
  /**
   * The delta is spread over the periods between the two readings in proportion to the time each
   * covers (linear interpolation), rounded so that the parts add up exactly to the delta.
   */
  SPREAD_OVER_TIME
}
