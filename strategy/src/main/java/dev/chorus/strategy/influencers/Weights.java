package dev.chorus.strategy.influencers;

import dev.chorus.InvalidValueException;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much each component counts in the overall score. Weights are relative (they need not add up
 * to 1); a component that is undefined for a creator is left out and the rest are re-weighted.
 */
public record Weights(double relevance, double reach, double engagement, double consistency, double growth,
    double authenticity) {

  /** Requires finite, non-negative weights, at least one positive. */
  public Weights {
    double[] all = {relevance, reach, engagement, consistency, growth, authenticity};
    String[] names = {"relevance", "reach", "engagement", "consistency", "growth", "authenticity"};
    double sum = 0;
    for (int i = 0; i < all.length; i++) {
      if (!(all[i] >= 0) || Double.isInfinite(all[i])) {
        throw new InvalidValueException("weights." + names[i], all[i], "must be a finite number >= 0");
      }
      sum += all[i];
    }
    if (sum == 0) {
      throw new InvalidValueException("weights", 0, "at least one weight must be positive");
    }
  }

  /** Relevance 0.30, reach 0.15, engagement 0.20, consistency 0.10, growth 0.10, authenticity 0.15. */
  public static Weights standard() {
    return new Weights(0.30, 0.15, 0.20, 0.10, 0.10, 0.15);
  }

  /** The weights by component. */
  public Map<Component, Double> asMap() {
    Map<Component, Double> map = new EnumMap<>(Component.class);
    map.put(Component.RELEVANCE, relevance);
    map.put(Component.REACH, reach);
    map.put(Component.ENGAGEMENT, engagement);
    map.put(Component.CONSISTENCY, consistency);
    map.put(Component.GROWTH, growth);
    map.put(Component.AUTHENTICITY, authenticity);
    return map;
  }
}
