package dev.chorus.strategy.influencers;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;

/**
 * A follower tier and the engagement rate a creator of that size typically reaches.
 *
 * @param name the tier's name, such as {@code micro}
 * @param minFollowers the smallest follower count in the tier
 * @param expectedRate mean engagements per post ÷ followers typical for the tier, such as 0.02
 */
public record EngagementTier(String name, long minFollowers, double expectedRate) {

  /** Validates. */
  public EngagementTier {
    Checks.notBlank("tier.name", name);
    Checks.nonNegative("tier.minFollowers", minFollowers);
    if (!(expectedRate > 0 && expectedRate <= 1)) {
      throw new InvalidValueException("tier.expectedRate", expectedRate, "must be in (0, 1]");
    }
  }
}
