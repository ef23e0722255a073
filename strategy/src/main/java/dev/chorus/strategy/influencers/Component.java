package dev.chorus.strategy.influencers;

/** The parts of a {@link CreatorScore}, each scored 0–100. */
public enum Component {
  /** Topic overlap with the audience's keywords × share of posts in the audience's languages. */
  RELEVANCE,
  /** Followers, log-scaled. */
  REACH,
  /** Engagement rate against the rate expected for the creator's tier. */
  ENGAGEMENT,
  /** How steady engagement is from post to post (coefficient of variation). */
  CONSISTENCY,
  /** Follower change per 30 days from earlier readings. */
  GROWTH,
  /** 100 minus penalties for signs of bought followers. */
  AUTHENTICITY
}
