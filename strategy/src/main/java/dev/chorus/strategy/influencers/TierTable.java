package dev.chorus.strategy.influencers;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.util.List;

/**
 * Expected engagement rates by follower tier, ordered by their lower bound; the first tier starts at
 * 0 followers. The {@linkplain #standard() standard} table is a documented judgement from published
 * Instagram studies (see {@code docs/strategy-research.md}); pass your own for another platform.
 */
public record TierTable(List<EngagementTier> tiers) {

  /** Requires tiers in strictly increasing order of their lower bound, the first at 0. */
  public TierTable {
    tiers = Checks.list("tiers", tiers);
    if (tiers.isEmpty() || tiers.get(0).minFollowers() != 0) {
      throw new InvalidValueException("tiers", tiers, "the first tier must start at 0 followers");
    }
    for (int i = 1; i < tiers.size(); i++) {
      if (tiers.get(i).minFollowers() <= tiers.get(i - 1).minFollowers()) {
        throw new InvalidValueException("tiers[" + i + "].minFollowers", tiers.get(i).minFollowers(),
            "must be above the previous tier's " + tiers.get(i - 1).minFollowers());
      }
    }
  }

  /**
   * Nano (under 10,000) 4%, micro (10,000–99,999) 2%, mid (100,000–499,999) 1.5%, macro
   * (500,000–999,999) 1.2%, mega (1,000,000 and more) 1%.
   */
  public static TierTable standard() {
    return new TierTable(List.of(
        new EngagementTier("nano", 0, 0.04),
        new EngagementTier("micro", 10_000, 0.02),
        new EngagementTier("mid", 100_000, 0.015),
        new EngagementTier("macro", 500_000, 0.012),
        new EngagementTier("mega", 1_000_000, 0.01)));
  }

  /** The tier a creator with this many followers belongs to. */
  public EngagementTier tierFor(long followers) {
    EngagementTier found = tiers.get(0);
    for (EngagementTier tier : tiers) {
      if (followers >= tier.minFollowers()) {
        found = tier;
      }
    }
    return found;
  }
}
