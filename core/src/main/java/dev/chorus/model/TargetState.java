package dev.chorus.model;

/**
 * Where a post target is in its life. The legal moves are enforced by the lifecycle; see {@code
 * dev.chorus.workflow}.
 */
public enum TargetState {
  DRAFT,
  IN_REVIEW,
  APPROVED,
  SCHEDULED,
  PUBLISHING,
  PUBLISHED,
  FAILED,
  CANCELLED,
  PAUSED,
  /** Its publishing time passed while nothing could publish it (for example during downtime). */
  MISSED;

  /** Whether no further transition can leave this state. */
  public boolean terminal() {
    return this == PUBLISHED || this == CANCELLED;
  }
}
