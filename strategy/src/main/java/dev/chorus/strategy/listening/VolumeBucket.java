package dev.chorus.strategy.listening;

import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * Posts heard in one bucket of time.
 *
 * @param start the bucket's start (a local hour or midnight in the zone asked for)
 * @param end the next bucket's start
 * @param posts posts created in {@code [start, end)}
 */
public record VolumeBucket(Instant start, Instant end, long posts) {

  /** Validates. */
  public VolumeBucket {
    Checks.required("start", start);
    Checks.required("end", end);
    Checks.nonNegative("posts", posts);
  }
}
