package dev.chorus.inbox;

import dev.chorus.inbox.internal.LexiconSentiment;

/** Reads the tone of a message. Implementations must be thread-safe and must not call out to the network unless the host chose so. */
@FunctionalInterface
public interface SentimentClassifier {

  /** The sentiment of the text (never null). */
  Sentiment classify(String text);

  /** The offline default: a small English lexicon of positive and negative words with negation. */
  static SentimentClassifier lexicon() {
    return LexiconSentiment.INSTANCE;
  }
}
