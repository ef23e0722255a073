package dev.chorus.schedule;

import dev.chorus.ChorusException;
import java.util.List;

/**
 * A post cannot be scheduled at the time asked for. Carries every rule the time breaks; nothing
 * was scheduled.
 */
public final class SchedulingConflictException extends ChorusException {

  private static final long serialVersionUID = 1L;

  private final transient List<Conflict> conflicts;

  /** An error listing the conflicts (at least one). */
  public SchedulingConflictException(List<Conflict> conflicts) {
    super(message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  /** Every rule the requested time breaks. */
  public List<Conflict> conflicts() {
    return conflicts;
  }

  private static String message(List<Conflict> conflicts) {
    StringBuilder text = new StringBuilder("Cannot schedule at ")
        .append(conflicts.isEmpty() ? "?" : conflicts.get(0).requested())
        .append(':');
    for (Conflict conflict : conflicts) {
      text.append(' ').append(conflict.rule()).append(" (").append(conflict.detail()).append(')');
    }
    return text.toString();
  }
}
