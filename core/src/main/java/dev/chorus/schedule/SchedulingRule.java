package dev.chorus.schedule;

/** The rules a planned publication time is checked against. */
public enum SchedulingRule {
  /** The time has already passed. */
  IN_THE_PAST,
  /** The time falls in one of the workspace's blackout windows. */
  BLACKOUT,
  /** Another post of the same account is closer than the account's minimum spacing. */
  MIN_SPACING,
  /** The platform's rolling publishing quota for the account would be exceeded. */
  PUBLISHING_QUOTA,
  /** No queue slot, suggestion or legal time was found within the search horizon. */
  NO_SLOT
}
