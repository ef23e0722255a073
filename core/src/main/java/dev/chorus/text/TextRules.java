package dev.chorus.text;

import dev.chorus.InvalidValueException;
import java.util.Objects;

/**
 * Counts text by a platform's {@link CountingRule}. The counters are immutable, thread-safe and
 * allocate no parsers per call, so a connector can run them on every validation.
 */
public final class TextRules {

  /** Mastodon's default {@code characters_reserved_per_url}. */
  public static final int MASTODON_DEFAULT_URL_WEIGHT = 23;

  private static final TextCounter GRAPHEMES = Graphemes::count;
  private static final TextCounter CODE_POINTS = text -> text.codePointCount(0, text.length());
  private static final TextCounter UTF16_UNITS = String::length;
  private static final TextCounter UTF8_BYTES = TextRules::utf8Length;
  private static final TextCounter MASTODON = new MastodonCounter(MASTODON_DEFAULT_URL_WEIGHT);

  private TextRules() {}

  /** The length of {@code text} by {@code rule}, with the rule's default parameters. */
  public static int count(CountingRule rule, String text) {
    Objects.requireNonNull(text, "text");
    return counter(rule).count(text);
  }

  /** The counter for {@code rule}, with the rule's default parameters. */
  public static TextCounter counter(CountingRule rule) {
    switch (Objects.requireNonNull(rule, "rule")) {
      case X_WEIGHTED:
        return XWeightedCounter.v3();
      case GRAPHEMES:
        return GRAPHEMES;
      case CODE_POINTS:
        return CODE_POINTS;
      case UTF16_UNITS:
        return UTF16_UNITS;
      case UTF8_BYTES:
        return UTF8_BYTES;
      case MASTODON:
        return MASTODON;
      default:
        throw new AssertionError(rule);
    }
  }

  /**
   * A Mastodon counter for an instance whose {@code configuration.statuses
   * .characters_reserved_per_url} is {@code urlWeight}.
   *
   * @throws InvalidValueException if {@code urlWeight} is not positive
   */
  public static TextCounter mastodon(int urlWeight) {
    if (urlWeight <= 0) {
      throw new InvalidValueException("mastodon.urlWeight", urlWeight, "must be positive");
    }
    return urlWeight == MASTODON_DEFAULT_URL_WEIGHT ? MASTODON : new MastodonCounter(urlWeight);
  }

  /** The number of user-perceived characters (extended grapheme clusters) in {@code text}. */
  public static int graphemes(String text) {
    return Graphemes.count(Objects.requireNonNull(text, "text"));
  }

  /**
   * Bytes of the UTF-8 encoding of {@code text[start, end)}, computed without encoding it. An
   * unpaired surrogate counts 1, as {@link String#getBytes} replaces it with {@code ?}.
   */
  static int utf8Length(CharSequence text, int start, int end) {
    int bytes = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static int utf8Length(String text) {
    return utf8Length(text, 0, text.length());
  }
}
