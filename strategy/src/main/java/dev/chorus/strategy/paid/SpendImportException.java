package dev.chorus.strategy.paid;

import dev.chorus.ChorusException;
import dev.chorus.calendar.RowError;
import java.util.List;

/** A spend file had bad rows or a bad header; nothing was imported. Lists every problem. */
public final class SpendImportException extends ChorusException {

  private static final long serialVersionUID = 1L;

  private final transient List<RowError> errors;

  /** An error listing the problems (at least one), in file order. */
  public SpendImportException(List<RowError> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every problem, in file order. */
  public List<RowError> errors() {
    return errors;
  }

  private static String message(List<RowError> errors) {
    StringBuilder text = new StringBuilder("The spend file has ").append(errors.size())
        .append(errors.size() == 1 ? " problem" : " problems").append("; nothing was imported:");
    errors.forEach(error -> text.append("\n  ").append(error));
    return text.toString();
  }
}
