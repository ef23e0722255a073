package dev.chorus.connector;

import dev.chorus.model.Checks;

/**
 * One broken platform rule found by offline validation: which field, which rule, the limit and
 * the actual value, with a sentence a person can act on.
 *
 * @param field the offending part, for example {@code text}, {@code media[2].duration}
 * @param rule a stable key such as {@code text.length} or {@code media.count}
 */
public record Violation(String field, String rule, String limit, String actual, String message) {

  public Violation {
    Checks.notBlank("violation.field", field);
    Checks.notBlank("violation.rule", rule);
    Checks.required("violation.limit", limit);
    Checks.required("violation.actual", actual);
    Checks.notBlank("violation.message", message);
  }
}
