package dev.chorus.schedule;

/** What came of a cancel or reschedule. */
public enum ChangeResult {
  /** The change took effect; any node holding the dispatch can no longer publish it. */
  APPLIED,
  /** No dispatch has this key. */
  NOT_FOUND,
  /**
   * Too late: the dispatch is published, or an attempt may already have reached the platform, so
   * the old version stands.
   */
  TOO_LATE
}
