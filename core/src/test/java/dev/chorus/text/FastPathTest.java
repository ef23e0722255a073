package dev.chorus.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextEmojiRegex;
import com.twitter.twittertext.TwitterTextParseResults;
import com.twitter.twittertext.TwitterTextParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts taken on the publish hot path give the same answers as the full twitter-text runs
 * they replace: ASCII texts are measured for X without the emoji scan, and Mastodon looks for URLs
 * only in texts containing {@code ://}.
 */
class FastPathTest {

  /** Pieces that exercise URLs (with and without protocol), entities, whitespace and the 280 limit. */
  private static final List<String> PIECES = List.of("word", "Benchmark", " ", " ", "\n", ".", ". ", ":", "://",
      "#chorus", "@someone", "$TSLA", "example.com", "www.example.org/path?q=1", "https://t.co/abc",
      "http://x.co", "HTTPS://EXAMPLE.COM/A", "a.b", "1.5", "#", "*", "0", "(", ")", "!", "?", "\t", "\r\n",
      "https:/broken.com", "http:example.com", "ftp://files.example.com", "mailto:a@b.com",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

  @Test
  void emojiExpressionMatchesNothingMadeOfAsciiCharacters() {
    // Every ordered pair of the 128 ASCII characters occurs in this text (128 * 128 pairs).
    StringBuilder pairs = new StringBuilder(128 * 128 * 2);
    for (char first = 0; first < 128; first++) {
      for (char second = 0; second < 128; second++) {
        pairs.append(first).append(second);
      }
    }
    assertThat(TwitterTextEmojiRegex.VALID_EMOJI_PATTERN.matcher(pairs).find()).isFalse();
    // The non-ASCII keycap sequence is an emoji: the expression itself works.
    assertThat(TwitterTextEmojiRegex.VALID_EMOJI_PATTERN.matcher("1\uFE0F\u20E3").find()).isTrue();
  }

  @Test
  void asciiMeasureEqualsFullTwitterTextParse() {
    Random random = new Random(20261123L);
    for (int round = 0; round < 400; round++) {
      String text = randomText(random, 1 + random.nextInt(40));
      XWeightedCounter.Measure fast = XWeightedCounter.v3().measure(text);
      TwitterTextParseResults full = TwitterTextParser.parseTweet(text, TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG);
      assertThat(fast).as(text).isEqualTo(new XWeightedCounter.Measure(full.weightedLength, full.permillage,
          full.isValid, full.displayTextRange.start, full.displayTextRange.end, full.validTextRange.start,
          full.validTextRange.end));
    }
  }

  @Test
  void asciiShortcutKeepsUrlAndLimitRules() {
    // 17 + one URL at 23 = 40 weighted characters.
    assertThat(XWeightedCounter.v3().count("Read this please https://example.com/a/very/long/path/indeed"))
        .isEqualTo(40);
    // 281 ASCII letters: one over the limit, so invalid, with the valid range ending at index 279.
    XWeightedCounter.Measure over = XWeightedCounter.v3().measure("a".repeat(281));
    assertThat(over.weightedLength()).isEqualTo(281);
    assertThat(over.valid()).isFalse();
    assertThat(over.validEnd()).isEqualTo(279);
    // An emoji makes the text non-ASCII: it weighs 2, the 3 letters 1 each.
    assertThat(XWeightedCounter.v3().count("abc\uD83D\uDE00")).isEqualTo(5);
  }

  @Test
  void urlsWithProtocolAlwaysContainTheSeparator() {
    Extractor withProtocolOnly = new Extractor();
    withProtocolOnly.setExtractURLWithoutProtocol(false);
    Random random = new Random(7L);
    int found = 0;
    for (int round = 0; round < 400; round++) {
      String text = randomText(random, 1 + random.nextInt(30));
      List<Extractor.Entity> urls = withProtocolOnly.extractURLsWithIndices(text);
      found += urls.size();
      if (!text.contains("://")) {
        assertThat(urls).as(text).isEmpty();
      }
    }
    // The texts do hold URLs with a protocol, so the check above is not vacuous.
    assertThat(found).isPositive();
    assertThat(TextRules.mastodon(23).count("see https://example.com/page now")).isEqualTo(4 + 23 + 4);
    assertThat(TextRules.mastodon(23).count("see example.com now")).isEqualTo(19);
  }

  private static String randomText(Random random, int pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return text.toString();
  }
}
