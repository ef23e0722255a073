package dev.chorus.strategy.influencers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into lower-case words; a hashtag counts as its word. */
final class Text {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  private Text() {}

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(m.group().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
