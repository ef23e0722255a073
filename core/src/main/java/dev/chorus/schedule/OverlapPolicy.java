package dev.chorus.schedule;

/** Which instant to pick for a local time that happens twice because clocks fall back. */
public enum OverlapPolicy {
  /** The first time the wall clock shows it (the summer offset). */
  EARLIER,
  /** The second time (the winter offset). */
  LATER
}
