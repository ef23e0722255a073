package dev.chorus.text;

import com.twitter.twittertext.Extractor;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mastodon's StatusLengthValidator: URLs with a protocol weigh a fixed amount, mentions count as
 * their local {@code @user} part, everything else counts in grapheme clusters.
 */
final class MastodonCounter implements TextCounter {

  /** Mastodon finds URLs with the twitter-text rules but only with a protocol. */
  private static final Extractor URLS_WITH_PROTOCOL = new Extractor();

  static {
    URLS_WITH_PROTOCOL.setExtractURLWithoutProtocol(false);
  }

  /** Mastodon's Account::MENTION_RE: group 1 is the local username, the domain is dropped. */
  private static final Pattern MENTION =
      Pattern.compile(
          "(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.\\-]+[a-z0-9_]+)?)(?:@[\\w.\\-]+\\w+)?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

  private final int urlWeight;

  MastodonCounter(int urlWeight) {
    this.urlWeight = urlWeight;
  }

  @Override
  public int count(String text) {
    // A URL with a protocol contains "://"; without one the costly URL expression cannot match.
    List<Extractor.Entity> urls =
        text.contains("://") ? URLS_WITH_PROTOCOL.extractURLsWithIndices(text) : List.of();
    String countable = text;
    if (!urls.isEmpty()) {
      // One placeholder per URL, then add the rest of its weight: the same clusters as
      // Mastodon's 'x' * 23 without building the long string.
      StringBuilder builder = new StringBuilder(text.length());
      int from = 0;
      for (Extractor.Entity url : urls) {
        builder.append(text, from, url.getStart()).append('x');
        from = url.getEnd();
      }
      countable = builder.append(text, from, text.length()).toString();
    }
    if (countable.indexOf('@') >= 0) {
      countable = MENTION.matcher(countable).replaceAll("@$1");
    }
    return Graphemes.count(countable) + urls.size() * (urlWeight - 1);
  }

  @Override
  public String toString() {
    return "MastodonCounter[urlWeight=" + urlWeight + "]";
  }
}
