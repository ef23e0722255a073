package dev.chorus.strategy.listening;

/** How one platform's listening pass ended. */
public enum PassStatus {
  /** Every term was searched to its last page (or the page limit). */
  COMPLETE,
  /** The connector does not declare search; nothing was asked. */
  SKIPPED,
  /** The platform throttled the pass; posts heard before it stopped are kept. */
  RATE_LIMITED,
  /** The platform failed otherwise; posts heard before it stopped are kept. */
  FAILED
}
