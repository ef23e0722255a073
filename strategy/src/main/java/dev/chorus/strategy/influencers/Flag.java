package dev.chorus.strategy.influencers;

import dev.chorus.model.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A warning on a creator's evaluation: its signal, the figures that triggered it (by name, in the
 * order the text gives them; empty for missing data) and a sentence for people.
 *
 * @param figures for {@link Signal#LOW_ENGAGEMENT}: {@code rate}, {@code expectedRate} (fractions)
 *     and {@code rateToExpected}; for {@link Signal#FOLLOWER_JUMP}: {@code excessFollowers} and
 *     {@code robustZ}; for {@link Signal#FOLLOWING_RATIO}: {@code followingRatio}
 * @param text the sentence shown in comparisons; signs of bought followers start with {@link
 *     InfluencerEvaluator#SUSPICIOUS}
 */
public record Flag(Signal signal, Map<String, Double> figures, String text) {

  /** Validates and copies the figures, keeping their order. */
  public Flag {
    Checks.required("flag.signal", signal);
    Checks.required("flag.figures", figures);
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    Checks.notBlank("flag.text", text);
  }

  /** The figure of that name. */
  public double figure(String name) {
    Double value = figures.get(name);
    if (value == null) {
      throw new IllegalArgumentException("flag " + signal + " has no figure " + name + ", only " + figures.keySet());
    }
    return value;
  }

  @Override
  public String toString() {
    return text;
  }
}
