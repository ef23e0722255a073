package dev.chorus.text;

import com.twitter.twittertext.TwitterTextConfiguration;
import com.twitter.twittertext.TwitterTextParseResults;
import com.twitter.twittertext.TwitterTextParser;

/**
 * X (Twitter) weighted length, computed by the official twitter-text library. {@link #v3()} is the
 * configuration X uses today (emoji sequences weigh 2 whatever their length); {@link #v2()} is the
 * older one that weighs each code point of an emoji.
 */
public final class XWeightedCounter implements TextCounter {

  private static final XWeightedCounter V3 =
      new XWeightedCounter(TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG);
  private static final XWeightedCounter V2 =
      new XWeightedCounter(
          new TwitterTextConfiguration.Builder()
              .setVersion(2)
              .setMaxWeightedTweetLength(280)
              .setScale(100)
              .setDefaultWeight(200)
              .setTransformedURLLength(23)
              .setEmojiParsingEnabled(false)
              .setRanges(TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG.getRanges())
              .build());

  private final TwitterTextConfiguration configuration;
  /**
   * The same configuration without emoji parsing, used for ASCII-only texts: no emoji sequence
   * contains only ASCII characters, so the result is the same, and twitter-text's emoji scan (a
   * large regular expression tried at every position) is most of the cost of measuring a text.
   */
  private final TwitterTextConfiguration asciiConfiguration;

  private XWeightedCounter(TwitterTextConfiguration configuration) {
    this.configuration = configuration;
    this.asciiConfiguration = configuration.getEmojiParsingEnabled()
        ? new TwitterTextConfiguration.Builder()
            .setVersion(configuration.getVersion())
            .setMaxWeightedTweetLength(configuration.getMaxWeightedTweetLength())
            .setScale(configuration.getScale())
            .setDefaultWeight(configuration.getDefaultWeight())
            .setTransformedURLLength(configuration.getTransformedURLLength())
            .setEmojiParsingEnabled(false)
            .setRanges(configuration.getRanges())
            .build()
        : configuration;
  }

  /** The current configuration (v3, emoji discount, limit 280). */
  public static XWeightedCounter v3() {
    return V3;
  }

  /** The legacy configuration (v2, no emoji discount, limit 280). */
  public static XWeightedCounter v2() {
    return V2;
  }

  /** The weighted length of {@code text}. */
  @Override
  public int count(String text) {
    return measure(text).weightedLength();
  }

  /** Everything twitter-text says about {@code text}: weighted length, validity and ranges. */
  public Measure measure(String text) {
    TwitterTextParseResults results =
        TwitterTextParser.parseTweet(text, isAscii(text) ? asciiConfiguration : configuration);
    return new Measure(
        results.weightedLength,
        results.permillage,
        results.isValid,
        results.displayTextRange.start,
        results.displayTextRange.end,
        results.validTextRange.start,
        results.validTextRange.end);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The limit of this configuration, in weighted characters. */
  public int maxWeightedLength() {
    return configuration.getMaxWeightedTweetLength();
  }

  @Override
  public String toString() {
    return "XWeightedCounter[v" + configuration.getVersion() + "]";
  }

  /**
   * The result of measuring a text for X. Ranges are UTF-16 indices with an inclusive end, as
   * twitter-text reports them.
   *
   * @param weightedLength the length X compares with its limit
   * @param permillage the weighted length as thousandths of the limit
   * @param valid whether the text is non-empty, within the limit and free of invalid characters
   * @param displayStart first index of the displayed text
   * @param displayEnd last index (inclusive) of the displayed text
   * @param validStart first index of the part that fits the limit
   * @param validEnd last index (inclusive) of the part that fits the limit
   */
  public record Measure(
      int weightedLength,
      int permillage,
      boolean valid,
      int displayStart,
      int displayEnd,
      int validStart,
      int validEnd) {}
}
