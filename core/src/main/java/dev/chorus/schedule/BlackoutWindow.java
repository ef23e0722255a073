package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * A span in which a workspace publishes nothing (a holiday, a product recall, a moment of
 * silence). Half-open: {@code start} is inside, {@code end} is the first instant outside.
 *
 * @param start the first instant of the blackout
 * @param end the first instant after it
 * @param reason why, shown in conflicts
 */
public record BlackoutWindow(Instant start, Instant end, String reason) {

  public BlackoutWindow {
    Checks.required("blackout.start", start);
    Checks.required("blackout.end", end);
    if (!end.isAfter(start)) {
      throw new InvalidValueException("blackout.end", end, "must be after blackout.start " + start);
    }
    reason = reason == null ? "" : reason;
  }

  /** Whether the instant falls inside. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
