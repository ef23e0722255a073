package dev.chorus.inbox;

/** The tone of an inbound message as a {@link SentimentClassifier} reads it. */
public enum Sentiment {
  /** Friendly, happy, thankful. */
  POSITIVE,
  /** Neither. */
  NEUTRAL,
  /** Angry, disappointed, complaining. */
  NEGATIVE
}
