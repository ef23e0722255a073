package dev.chorus.strategy.influencers;

import dev.chorus.analytics.KpiValue;
import dev.chorus.model.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One component of a creator's score with the formula that produced it and its inputs, so a person
 * can check the number.
 *
 * @param score 0–100, or undefined with the reason (for example no earlier readings for growth)
 * @param formula the formula in words and symbols
 * @param inputs the named inputs of the formula, in the order shown
 */
public record ComponentScore(Component component, KpiValue score, String formula, Map<String, Double> inputs) {

  /** Validates and keeps the inputs in their given order. */
  public ComponentScore {
    Checks.required("component", component);
    Checks.required("score", score);
    Checks.notBlank("formula", formula);
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.required("inputs", inputs)));
  }
}
