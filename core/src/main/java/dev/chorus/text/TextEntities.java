package dev.chorus.text;

import com.twitter.twittertext.Extractor;
import dev.chorus.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds URLs, mentions, lists, hashtags and cashtags in text with the rules of the official
 * twitter-text library, which X applies and other platforms (Mastodon, Threads) closely follow.
 */
public final class TextEntities {

  /** Extractor holds only a flag that is never changed here, so one instance is shared. */
  private static final Extractor EXTRACTOR = new Extractor();

  private TextEntities() {}

  /**
   * Every entity in {@code text}, ordered by start; where two overlap (a hashtag inside a URL) the
   * earlier one wins.
   */
  public static List<TextEntity> extract(String text) {
    Objects.requireNonNull(text, "text");
    return convert(EXTRACTOR.extractEntitiesWithIndices(text), null);
  }

  /** The entities of one kind in {@code text}, ordered by start. */
  public static List<TextEntity> extract(String text, TextEntity.Kind kind) {
    Objects.requireNonNull(text, "text");
    switch (Objects.requireNonNull(kind, "kind")) {
      case URL:
        return convert(EXTRACTOR.extractURLsWithIndices(text), kind);
      case MENTION:
        return convert(EXTRACTOR.extractMentionedScreennamesWithIndices(text), kind);
      case LIST:
        return convert(EXTRACTOR.extractMentionsOrListsWithIndices(text), kind);
      case HASHTAG:
        return convert(EXTRACTOR.extractHashtagsWithIndices(text), kind);
      case CASHTAG:
        return convert(EXTRACTOR.extractCashtagsWithIndices(text), kind);
      default:
        throw new AssertionError(kind);
    }
  }

  /** The screen name a text replies to: a mention at its very start, after optional spaces. */
  public static Optional<String> replyTarget(String text) {
    Objects.requireNonNull(text, "text");
    return Optional.ofNullable(EXTRACTOR.extractReplyScreenname(text));
  }

  /**
   * Converts the UTF-16 range {@code [start, end)} of {@code text} to UTF-8 byte offsets.
   *
   * @throws InvalidValueException if the range is outside the text or splits a surrogate pair
   */
  public static Utf8Range utf8Range(String text, int start, int end) {
    Objects.requireNonNull(text, "text");
    if (start < 0 || start > text.length()) {
      throw new InvalidValueException("start", start, "must be within 0.." + text.length());
    }
    if (end < start || end > text.length()) {
      throw new InvalidValueException("end", end, "must be within " + start + ".." + text.length());
    }
    if (splitsPair(text, start)) {
      throw new InvalidValueException("start", start, "must not split a surrogate pair");
    }
    if (splitsPair(text, end)) {
      throw new InvalidValueException("end", end, "must not split a surrogate pair");
    }
    int byteStart = TextRules.utf8Length(text, 0, start);
    return new Utf8Range(byteStart, byteStart + TextRules.utf8Length(text, start, end));
  }

  /** The UTF-8 byte range of {@code entity} within the text it was extracted from. */
  public static Utf8Range utf8Range(String text, TextEntity entity) {
    return utf8Range(text, entity.start(), entity.end());
  }

  private static boolean splitsPair(String text, int index) {
    return index > 0
        && index < text.length()
        && Character.isHighSurrogate(text.charAt(index - 1))
        && Character.isLowSurrogate(text.charAt(index));
  }

  private static List<TextEntity> convert(List<Extractor.Entity> entities, TextEntity.Kind only) {
    List<TextEntity> result = new ArrayList<>(entities.size());
    for (Extractor.Entity entity : entities) {
      TextEntity.Kind kind = kindOf(entity);
      if (only == null || only == kind) {
        String value =
            kind == TextEntity.Kind.LIST
                ? entity.getValue() + entity.getListSlug()
                : entity.getValue();
        result.add(new TextEntity(kind, entity.getStart(), entity.getEnd(), value));
      }
    }
    return List.copyOf(result);
  }

  private static TextEntity.Kind kindOf(Extractor.Entity entity) {
    switch (entity.getType()) {
      case URL:
        return TextEntity.Kind.URL;
      case HASHTAG:
        return TextEntity.Kind.HASHTAG;
      case CASHTAG:
        return TextEntity.Kind.CASHTAG;
      case MENTION:
        String slug = entity.getListSlug();
        return slug == null || slug.isEmpty() ? TextEntity.Kind.MENTION : TextEntity.Kind.LIST;
      default:
        throw new AssertionError(entity.getType());
    }
  }
}
