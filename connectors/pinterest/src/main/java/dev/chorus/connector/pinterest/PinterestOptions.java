package dev.chorus.connector.pinterest;

import java.util.Set;

/**
 * The per-post options the Pinterest connector reads from {@code PostVariant.options()} (and so
 * from {@code PublishRequest.options()}). The pin's description is the post's text, its destination
 * link the post's link, and its alt text the first image's {@code altText}. An unknown option fails
 * validation.
 */
public final class PinterestOptions {

  /** The board the pin goes to ({@code board_id}); required unless the connector has a default board. */
  public static final String BOARD_ID = "boardId";
  /** The board section ({@code board_section_id}), optional. */
  public static final String BOARD_SECTION_ID = "boardSectionId";
  /** The pin's {@code title} (at most 100 characters). */
  public static final String TITLE = "title";
  /**
   * A video pin's cover as an image URL ({@code cover_image_url}). Instead, the post may carry one
   * image next to the video (used as the cover), or set {@link #COVER_KEY_FRAME_TIME}.
   */
  public static final String COVER_IMAGE_URL = "coverImageUrl";
  /** A video pin's cover as the frame at this many seconds ({@code cover_image_key_frame_time}). */
  public static final String COVER_KEY_FRAME_TIME = "coverKeyFrameTime";

  /** Every option the connector reads. */
  public static final Set<String> ALL =
      Set.of(BOARD_ID, BOARD_SECTION_ID, TITLE, COVER_IMAGE_URL, COVER_KEY_FRAME_TIME);

  private PinterestOptions() {}
}
