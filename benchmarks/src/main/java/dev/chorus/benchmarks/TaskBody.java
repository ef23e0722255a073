package dev.chorus.benchmarks;

import java.time.Clock;
import java.time.Duration;

/**
 * The peers' task: sleeps the latency standing in for the sandbox call (nothing for the no-op task),
 * then records its completion on the system clock, as the sandbox records an accepted post.
 */
final class TaskBody {

  private final Duration latency;
  private final Clock clock;
  private final Completions completions = new Completions();

  TaskBody(Duration latency, Clock clock) {
    this.latency = latency;
    this.clock = clock;
  }

  /** Runs the task {@code id}. */
  void run(String id) {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    completions.record(id, clock.instant());
  }

  Completions completions() {
    return completions;
  }
}
