package dev.chorus.calendar;

import dev.chorus.ChorusException;
import java.util.List;

/** An import found bad rows; nothing was imported. Lists every problem, not only the first. */
public final class CalendarImportException extends ChorusException {

  private static final long serialVersionUID = 1L;

  private final transient List<RowError> errors;

  /** An error listing the problems (at least one). */
  public CalendarImportException(List<RowError> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in file order. */
  public List<RowError> errors() {
    return errors;
  }

  private static String message(List<RowError> errors) {
    StringBuilder text = new StringBuilder("The calendar file has ").append(errors.size())
        .append(errors.size() == 1 ? " problem" : " problems").append("; nothing was imported:");
    for (RowError error : errors) {
      text.append("\n  ").append(error);
    }
    return text.toString();
  }
}
