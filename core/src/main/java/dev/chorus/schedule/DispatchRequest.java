package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Asks for a dispatch: the key, when it is due, and for a recurring post the series it belongs to.
 * Of several occurrences of one series that are due at the same time (after downtime), only the
 * latest is published; the others become MISSED, so a recurrence catches up at most once.
 *
 * @param series an id shared by the occurrences of one recurring post, or {@code null}
 */
public record DispatchRequest(DispatchKey key, Instant dueAt, String series) {

  public DispatchRequest {
    Checks.required("dispatchRequest.key", key);
    Checks.required("dispatchRequest.dueAt", dueAt);
    Checks.blankToNull("dispatchRequest.series", series);
    if (series != null && series.length() > 400) {
      throw new InvalidValueException("dispatchRequest.series", series, "must be at most 400 characters");
    }
    dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** A one-off dispatch due at the instant. */
  public static DispatchRequest of(DispatchKey key, Instant dueAt) {
    return new DispatchRequest(key, dueAt, null);
  }
}
