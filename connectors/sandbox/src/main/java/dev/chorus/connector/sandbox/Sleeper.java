package dev.chorus.connector.sandbox;

import java.time.Duration;

/**
 * Spends simulated latency. The default really sleeps; tests inject one that records the durations
 * (or advances a test clock) so that no test ever waits.
 */
@FunctionalInterface
public interface Sleeper {

  /** A sleeper that blocks the calling thread; an interrupt ends the wait early and is kept. */
  Sleeper SYSTEM = duration -> {
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  };

  /** Waits for the duration (never negative; zero durations are not passed in). */
  void sleep(Duration duration);
}
