package dev.chorus.connector.http;

import java.time.Duration;

/**
 * Waits for a while. Injected so that tests record the waits the runtime asks for instead of
 * sleeping; production uses {@link #system()}.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread for {@code duration}; a zero or negative duration returns at once. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real sleeper, backed by {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return duration -> {
      if (duration.isNegative() || duration.isZero()) {
        return;
      }
      Thread.sleep(duration.toMillis());
    };
  }
}
