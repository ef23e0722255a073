package dev.chorus.connector.x.internal;

import dev.chorus.text.TextEntities;
import dev.chorus.text.TextEntity;
import java.text.Normalizer;
import java.util.List;

/**
 * Decides whether a post X returns is the one a request would have created. X rewrites text on the
 * way back: links become {@code t.co} links, attached media add a trailing link, and {@code &},
 * {@code <} and {@code >} come HTML-escaped. Both sides are normalised the same way before they are
 * compared.
 */
final class TweetMatcher {

  private static final String LINK = "\u0000link";

  private TweetMatcher() {}

  /** Whether the two texts are the same post text once X's rewriting is undone. */
  static boolean sameText(String requested, String returned) {
    return normalize(requested).equals(normalize(returned));
  }

  static String normalize(String text) {
    String unescaped = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    String nfc = Normalizer.normalize(unescaped, Normalizer.Form.NFC);
    List<TextEntity> urls = TextEntities.extract(nfc, TextEntity.Kind.URL);
    StringBuilder replaced = new StringBuilder();
    int at = 0;
    for (TextEntity url : urls) {
      replaced.append(nfc, at, url.start()).append(' ').append(LINK).append(' ');
      at = url.end();
    }
    replaced.append(nfc.substring(at));
    String collapsed = replaced.toString().replaceAll("\\s+", " ").strip();
    // Media attachments show up as trailing links; a text that ended in a link loses nothing here
    // because both sides are stripped alike.
    while (collapsed.endsWith(LINK)) {
      collapsed = collapsed.substring(0, collapsed.length() - LINK.length()).strip();
    }
    return collapsed;
  }
}
