package dev.chorus.text;

/**
 * Measures the length of a text by one platform's rule. Implementations are immutable and
 * thread-safe; obtain them from {@link TextRules}, or write one for a platform Chorus does not know.
 */
@FunctionalInterface
public interface TextCounter {

  /** The length of {@code text} by this rule; {@code 0} for the empty string. */
  int count(String text);
}
