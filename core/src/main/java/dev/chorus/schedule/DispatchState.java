package dev.chorus.schedule;

/** Where one dispatch stands. PUBLISHED, FAILED, MISSED and CANCELLED are final. */
public enum DispatchState {
  /** Waiting for its due time or its next attempt. */
  PENDING,
  /** Held by a node under a lease. */
  CLAIMED,
  /** The platform has the post. */
  PUBLISHED,
  /** Failed for good (rejected, forbidden, out of attempts, or an unknown outcome that cannot be checked). */
  FAILED,
  /** Not published because it came due too long ago (downtime) or a later occurrence superseded it. */
  MISSED,
  /** Cancelled before any attempt, or its target no longer exists. */
  CANCELLED;

  /** Whether no further transition happens. */
  public boolean terminal() {
    return this == PUBLISHED || this == FAILED || this == MISSED || this == CANCELLED;
  }
}
