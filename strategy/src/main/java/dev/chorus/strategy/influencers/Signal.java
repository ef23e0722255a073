package dev.chorus.strategy.influencers;

/** What a {@link Flag} on a creator's evaluation is about. */
public enum Signal {
  /** Engagement rate below a quarter of the tier's expected rate: a sign of bought followers. */
  LOW_ENGAGEMENT(true),
  /** One interval's follower growth far above the creator's usual growth: a sign of bought followers. */
  FOLLOWER_JUMP(true),
  /** Following more than half as many accounts as follow the creator: a sign of bought followers. */
  FOLLOWING_RATIO(true),
  /** The platform does not show the follower count, so reach, engagement, growth and authenticity are undefined. */
  FOLLOWERS_HIDDEN(false),
  /** No recent post carries a language, so the language overlap is taken as 1. */
  LANGUAGES_UNKNOWN(false);

  private final boolean boughtFollowers;

  Signal(boolean boughtFollowers) {
    this.boughtFollowers = boughtFollowers;
  }

  /** Whether the signal is a sign of bought followers (the others are missing data). */
  public boolean boughtFollowers() {
    return boughtFollowers;
  }
}
