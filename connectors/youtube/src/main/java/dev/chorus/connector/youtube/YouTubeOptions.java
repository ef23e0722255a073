package dev.chorus.connector.youtube;

import java.util.Set;

/**
 * The platform options a YouTube post variant may carry in {@code PostVariant.options()}. Any other
 * key, or a value YouTube does not accept, is reported by {@code validate}.
 *
 * <p>The text of the post is the video's description ({@code snippet.description}). The title is
 * {@link #TITLE} when given, otherwise the first line of the text.
 */
public final class YouTubeOptions {

  /** {@code snippet.title}: at most 100 characters, no {@code <} or {@code >}. */
  public static final String TITLE = "title";

  /** {@code snippet.tags}: comma-separated; 500 characters in total as YouTube counts them. */
  public static final String TAGS = "tags";

  /** {@code snippet.categoryId}, such as {@code 22} (People &amp; Blogs, the default). */
  public static final String CATEGORY_ID = "categoryId";

  /** {@code status.privacyStatus}: {@code public} (default), {@code unlisted} or {@code private}. */
  public static final String PRIVACY_STATUS = "privacyStatus";

  /** {@code status.selfDeclaredMadeForKids}: {@code true} or {@code false} (default). */
  public static final String MADE_FOR_KIDS = "madeForKids";

  /** The {@code notifySubscribers} query parameter: {@code true} (default) or {@code false}. */
  public static final String NOTIFY_SUBSCRIBERS = "notifySubscribers";

  /** Every option key the connector understands. */
  public static final Set<String> ALL =
      Set.of(TITLE, TAGS, CATEGORY_ID, PRIVACY_STATUS, MADE_FOR_KIDS, NOTIFY_SUBSCRIBERS);

  /** The privacy statuses YouTube accepts. */
  public static final Set<String> PRIVACY_STATUSES = Set.of("public", "unlisted", "private");

  /** The category used when none is given (People &amp; Blogs). */
  public static final String DEFAULT_CATEGORY_ID = "22";

  private YouTubeOptions() {}
}
