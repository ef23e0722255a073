package dev.chorus.connector;

import dev.chorus.InvalidValueException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Content breaks the platform's rules, found offline before any upload. Names the first offending
 * field (as every {@link InvalidValueException} does) and lists every violation.
 */
public final class ContentValidationException extends InvalidValueException {

  private final transient ValidationResult result;

  public ContentValidationException(ValidationResult result) {
    super(
        result.violations().get(0).field(),
        result.violations().get(0).actual(),
        result.platform() + " would reject this post: "
            + result.violations().stream().map(Violation::message).collect(Collectors.joining("; ")));
    this.result = result;
  }

  /** Every violation. */
  public List<Violation> violations() {
    return result.violations();
  }
}
