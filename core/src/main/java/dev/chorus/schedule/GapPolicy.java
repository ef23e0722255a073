package dev.chorus.schedule;

/** What to do with a local time that does not exist because clocks jump forward (a DST gap). */
public enum GapPolicy {
  /** Move it forward by the length of the gap (02:30 becomes 03:30), as java.time does. */
  SHIFT_FORWARD,
  /** Leave this occurrence out. */
  SKIP,
  /** Refuse it with a typed error. */
  REJECT
}
