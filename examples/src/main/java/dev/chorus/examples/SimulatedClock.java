package dev.chorus.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the examples move by hand, so a month of scheduling runs in a second and nothing sleeps.
 * Every Chorus component takes a {@link Clock}; give them all this one. Thread-safe.
 */
public final class SimulatedClock extends Clock {

  private volatile Instant now;

  /** A clock standing at {@code start}. */
  public SimulatedClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward by {@code step}. */
  public void advance(Duration step) {
    now = now.plus(step);
  }

  /** Sets the clock to {@code instant}; it never moves backwards. */
  public void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("the clock cannot go back from " + now + " to " + instant);
    }
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
