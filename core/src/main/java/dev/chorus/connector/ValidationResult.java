package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.util.ArrayList;
import java.util.List;

/** Every violation offline validation found; empty when the content is fine. */
public record ValidationResult(Platform platform, List<Violation> violations) {

  public ValidationResult {
    Checks.required("validation.platform", platform);
    violations = Checks.list("validation.violations", violations);
  }

  /** A result with no violations. */
  public static ValidationResult ok(Platform platform) {
    return new ValidationResult(platform, List.of());
  }

  /** Whether nothing is wrong. */
  public boolean valid() {
    return violations.isEmpty();
  }

  /** Whether a violation of the rule was found. */
  public boolean violates(String rule) {
    return violations.stream().anyMatch(v -> v.rule().equals(rule));
  }

  /** This result with the other's violations added. */
  public ValidationResult and(List<Violation> more) {
    List<Violation> all = new ArrayList<>(violations);
    all.addAll(more);
    return new ValidationResult(platform, all);
  }

  /**
   * Throws when anything is wrong.
   *
   * @throws ContentValidationException listing every violation
   */
  public ValidationResult orThrow() {
    if (!valid()) {
      throw new ContentValidationException(this);
    }
    return this;
  }
}
