package dev.chorus.text;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;

/**
 * A URL, mention, list, hashtag or cashtag found in a text, with its UTF-16 offsets (Java string
 * indices). Use {@link TextEntities#utf8Range(String, int, int)} where a platform wants byte
 * offsets.
 *
 * @param kind what was found
 * @param start index of the first character, including the sigil ({@code @}, {@code #}, {@code $})
 * @param end index after the last character
 * @param value the URL as written; a mention's screen name, a hashtag or a cashtag without its
 *     sigil; a list as {@code user/slug}
 */
public record TextEntity(Kind kind, int start, int end, String value) {

  public TextEntity {
    Checks.required("entity.kind", kind);
    Checks.required("entity.value", value);
    if (start < 0) {
      throw new InvalidValueException("entity.start", start, "must not be negative");
    }
    if (end < start) {
      throw new InvalidValueException("entity.end", end, "must not be before start " + start);
    }
  }

  /** The kinds of entity X's rules recognise. */
  public enum Kind {
    URL,
    /** {@code @user}. */
    MENTION,
    /** {@code @user/list-slug}, an X list. */
    LIST,
    /** {@code #tag}. */
    HASHTAG,
    /** {@code $TICKER}. */
    CASHTAG
  }
}
