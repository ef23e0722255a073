package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A local time falls in a DST gap and the policy says to reject it. */
public final class NonexistentLocalTimeException extends InvalidValueException {

  public NonexistentLocalTimeException(String field, LocalDateTime local, ZoneId zone) {
    super(field, local + " " + zone, "does not exist: clocks jump forward over it in " + zone);
  }
}
