package dev.chorus.strategy;

import dev.chorus.model.Checks;
import java.util.Locale;

/**
 * One part of a platform's score: a factor's value (0 to 1), its weight, what it adds to the
 * score, and where the value comes from.
 *
 * @param contribution what the factor adds to the score ({@code value × weight} for weighted
 *     factors; for the region multiplier and the history blend, the change it makes)
 */
public record Factor(String name, double value, double weight, double contribution, String source) {

  public Factor {
    Checks.notBlank("factor.name", name);
    Checks.notBlank("factor.source", source);
  }

  /** A sentence for people: {@code "objective LEADS 0.90 × 0.40 = +0.360 (judgement: ...)"}. */
  public String reason() {
    return String.format(Locale.ROOT, "%s %.2f × %.2f = %+.3f (%s)", name, value, weight, contribution, source);
  }
}
