package dev.chorus.analytics;

/** Which date a rollup files activity under (Sprout's profile versus post reports). */
public enum Attribution {
  /** The period in which the engagement happened, whatever the post's age. */
  ACTIVITY_DATE,
  /** The period in which the post was published: all of a post's activity lands there. */
  PUBLISH_DATE
}
