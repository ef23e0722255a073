package dev.chorus.analytics;

/** The volume an {@link AnomalyDetector} watches. */
public enum AnomalySignal {
  /** Mentions of the account or brand. */
  MENTION_VOLUME,
  /** Interactions classified as negative (the classification is the caller's). */
  NEGATIVE_INTERACTION_VOLUME
}
