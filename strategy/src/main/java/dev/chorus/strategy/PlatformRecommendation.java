package dev.chorus.strategy;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.util.List;
import java.util.Locale;

/**
 * A platform the advisor recommends, with its score (0 to 1, higher is better), the score the
 * table alone gave, and the factors that made it.
 */
public record PlatformRecommendation(Platform platform, double score, double tableScore, List<Factor> factors) {

  public PlatformRecommendation {
    Checks.required("recommendation.platform", platform);
    factors = Checks.list("recommendation.factors", factors);
  }

  /** One line per factor, for people. */
  public List<String> reasons() {
    return factors.stream().map(Factor::reason).toList();
  }

  /** {@code "linkedin 0.735"}. */
  public String summary() {
    return String.format(Locale.ROOT, "%s %.3f", platform.id(), score);
  }
}
