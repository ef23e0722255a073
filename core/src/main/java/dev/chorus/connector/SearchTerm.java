package dev.chorus.connector;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.util.Locale;

/**
 * What to look for in public posts: a keyword or phrase, a hashtag, or mentions of a handle.
 * Hashtags and handles are kept without their leading {@code #} or {@code @}.
 */
public record SearchTerm(Kind kind, String value) {

  /** The kinds of term. */
  public enum Kind {
    /** A word or phrase in the text. */
    KEYWORD,
    /** A hashtag, without {@code #}. */
    HASHTAG,
    /** Mentions of a handle, without {@code @}. */
    MENTION
  }

  public SearchTerm {
    Checks.required("term.kind", kind);
    Checks.notBlank("term.value", value);
    value = value.strip();
    if (kind != Kind.KEYWORD) {
      String prefix = kind == Kind.HASHTAG ? "#" : "@";
      if (value.startsWith(prefix)) {
        value = value.substring(1);
      }
      if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidValueException("term.value", value, "a " + kind.name().toLowerCase(Locale.ROOT) + " must be one word");
      }
    }
  }

  /** A word or phrase. */
  public static SearchTerm keyword(String value) {
    return new SearchTerm(Kind.KEYWORD, value);
  }

  /** A hashtag, with or without its {@code #}. */
  public static SearchTerm hashtag(String value) {
    return new SearchTerm(Kind.HASHTAG, value);
  }

  /** Mentions of a handle, with or without its {@code @}. */
  public static SearchTerm mention(String value) {
    return new SearchTerm(Kind.MENTION, value);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case KEYWORD -> value;
      case HASHTAG -> "#" + value;
      case MENTION -> "@" + value;
    };
  }
}
