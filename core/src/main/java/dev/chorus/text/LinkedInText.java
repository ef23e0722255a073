package dev.chorus.text;

import java.util.Objects;

/**
 * LinkedIn's "little text" format, used by the Posts API {@code commentary} field. Its reserved
 * characters must be backslash-escaped when meant literally: an unescaped {@code (} can silently
 * truncate the post.
 */
public final class LinkedInText {

  /** The reserved characters of little text, backslash included. */
  public static final String RESERVED = "\\|{}@[]()<>#*_~";

  private LinkedInText() {}

  /**
   * Escapes every reserved character of plain {@code text} so LinkedIn shows it literally. Apply it
   * to user text only, not to mention ({@code @[Name](urn:li:…)}) or hashtag ({@code
   * {hashtag|\#|tag}}) elements built on purpose.
   */
  public static String escape(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder builder = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (RESERVED.indexOf(c) >= 0) {
        if (builder == null) {
          builder = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        builder.append('\\');
      }
      if (builder != null) {
        builder.append(c);
      }
    }
    return builder == null ? text : builder.toString();
  }

  /** Reverses {@link #escape(String)}: a backslash before a reserved character is dropped. */
  public static String unescape(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder builder = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && RESERVED.indexOf(text.charAt(i + 1)) >= 0) {
        i++;
        c = text.charAt(i);
      }
      builder.append(c);
    }
    return builder.toString();
  }
}
