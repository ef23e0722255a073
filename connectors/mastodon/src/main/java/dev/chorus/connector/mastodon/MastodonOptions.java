package dev.chorus.connector.mastodon;

import java.util.Set;

/**
 * The platform options a Mastodon post variant may carry in {@code PostVariant.options()}. Any
 * other key, or a value Mastodon does not accept, is reported by {@code validate}.
 */
public final class MastodonOptions {

  /** {@code public}, {@code unlisted}, {@code private} or {@code direct}; the account's default when absent. */
  public static final String VISIBILITY = "visibility";

  /** The content warning shown before the text; it counts towards the character limit. */
  public static final String SPOILER_TEXT = "spoiler_text";

  /** {@code true} or {@code false}: marks the media as sensitive. */
  public static final String SENSITIVE = "sensitive";

  /** The ISO 639-1 language of the text, such as {@code en}. */
  public static final String LANGUAGE = "language";

  /** {@code true} or {@code false}: whether a poll allows several choices. */
  public static final String POLL_MULTIPLE = "poll_multiple";

  /** {@code true} or {@code false}: whether a poll hides its totals until it ends. */
  public static final String POLL_HIDE_TOTALS = "poll_hide_totals";

  /** Every option key the connector understands. */
  public static final Set<String> ALL =
      Set.of(VISIBILITY, SPOILER_TEXT, SENSITIVE, LANGUAGE, POLL_MULTIPLE, POLL_HIDE_TOTALS);

  /** The visibilities Mastodon accepts. */
  public static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

  private MastodonOptions() {}
}
