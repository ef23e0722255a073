package dev.chorus.schedule;

/** What planning does when the requested time breaks a rule. */
public enum ConflictMode {
  /** Fail with a {@link SchedulingConflictException} listing every broken rule. */
  REJECT,
  /** Move to the next time that breaks no rule. */
  NEXT_LEGAL
}
