package dev.chorus.inbox.internal;

import dev.chorus.inbox.Sentiment;
import dev.chorus.inbox.SentimentClassifier;
import java.util.Locale;
import java.util.Set;

/**
 * Counts positive and negative words; a negator ({@code not}, {@code never}, {@code no}, ...) within
 * the two preceding words flips a word's sign. Positive score is POSITIVE, negative is NEGATIVE.
 */
public final class LexiconSentiment implements SentimentClassifier {

  /** The shared instance (stateless). */
  public static final LexiconSentiment INSTANCE = new LexiconSentiment();

  private static final Set<String> POSITIVE = Set.of("good", "great", "love", "loved", "excellent", "amazing",
      "awesome", "thanks", "thank", "happy", "nice", "perfect", "fantastic", "helpful", "best", "wonderful",
      "like", "enjoy", "enjoyed", "brilliant", "glad");
  private static final Set<String> NEGATIVE = Set.of("bad", "terrible", "awful", "hate", "hated", "worst",
      "broken", "angry", "disappointed", "disappointing", "poor", "useless", "refund", "scam", "slow", "rude",
      "horrible", "unacceptable", "fail", "failed", "problem", "issue", "wrong");
  private static final Set<String> NEGATORS = Set.of("not", "no", "never", "don't", "dont", "isn't", "isnt",
      "wasn't", "wasnt", "didn't", "didnt", "can't", "cant", "won't", "wont");

  private LexiconSentiment() {}

  @Override
  public Sentiment classify(String text) {
    if (text == null || text.isBlank()) {
      return Sentiment.NEUTRAL;
    }
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+");
    int score = 0;
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      int sign = POSITIVE.contains(w) ? 1 : NEGATIVE.contains(w) && !NEGATORS.contains(w) ? -1 : 0;
      if (sign == 0) {
        continue;
      }
      boolean negated = (i > 0 && NEGATORS.contains(words[i - 1])) || (i > 1 && NEGATORS.contains(words[i - 2]));
      score += negated ? -sign : sign;
    }
    return score > 0 ? Sentiment.POSITIVE : score < 0 ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
  }

  @Override
  public String toString() {
    return "LexiconSentiment";
  }
}
