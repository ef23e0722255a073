package dev.chorus.text;

/**
 * How a platform measures the length of a text, declared as data so a connector can say "text
 * limit 280 counted by {@link #X_WEIGHTED}" and the library can check it offline with {@link
 * TextRules#count(CountingRule, String)}.
 */
public enum CountingRule {
  /**
   * X (Twitter) weighted length, twitter-text configuration v3: most Latin text weighs 1, CJK and
   * other characters 2, every emoji sequence 2, and every URL 23.
   */
  X_WEIGHTED,
  /** User-perceived characters: Unicode extended grapheme clusters (UAX #29). */
  GRAPHEMES,
  /** Unicode code points; a character outside the BMP counts once. */
  CODE_POINTS,
  /** UTF-16 code units, which is what Java's {@link String#length()} returns. */
  UTF16_UNITS,
  /** Bytes of the UTF-8 encoding. */
  UTF8_BYTES,
  /**
   * Mastodon: grapheme clusters, where every URL with a protocol counts as a fixed weight (23 by
   * default, the instance's {@code characters_reserved_per_url}) and a remote mention {@code
   * @user@domain} counts as its local part {@code @user}. Use {@link TextRules#mastodon(int)} for
   * an instance with another URL weight.
   */
  MASTODON
}
