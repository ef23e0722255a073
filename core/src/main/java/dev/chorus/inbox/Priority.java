package dev.chorus.inbox;

/** How urgent a conversation is, lowest first. */
public enum Priority {
  /** Can wait. */
  LOW,
  /** The default. */
  NORMAL,
  /** Soon. */
  HIGH,
  /** Now. */
  URGENT
}
