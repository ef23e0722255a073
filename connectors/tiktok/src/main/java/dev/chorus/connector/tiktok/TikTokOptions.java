package dev.chorus.connector.tiktok;

import dev.chorus.model.Metric;
import java.util.Set;

/**
 * The per-post options the TikTok connector reads from {@code PostVariant.options()} (and so from
 * {@code PublishRequest.options()}), and the account metrics it adds. Boolean options take {@code
 * true} or {@code false}; an unknown option or a malformed value fails validation.
 */
public final class TikTokOptions {

  /**
   * {@code post_info.privacy_level}: one of the creator's {@code privacy_level_options}
   * (PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR, SELF_ONLY). Without it the
   * configured default applies, lowered to the most open level the creator offers.
   */
  public static final String PRIVACY_LEVEL = "privacyLevel";
  /** {@code disable_comment}; forced on when the creator has comments disabled. */
  public static final String DISABLE_COMMENT = "disableComment";
  /** {@code disable_duet} (videos only); forced on when the creator has duets disabled. */
  public static final String DISABLE_DUET = "disableDuet";
  /** {@code disable_stitch} (videos only); forced on when the creator has stitches disabled. */
  public static final String DISABLE_STITCH = "disableStitch";
  /** {@code video_cover_timestamp_ms} (videos only): the frame used as the cover. */
  public static final String VIDEO_COVER_TIMESTAMP_MS = "videoCoverTimestampMs";
  /** {@code brand_content_toggle}: a paid partnership (default false). */
  public static final String BRAND_CONTENT = "brandContentToggle";
  /** {@code brand_organic_toggle}: promotes the creator's own business (default false). */
  public static final String BRAND_ORGANIC = "brandOrganicToggle";
  /** {@code is_aigc} (videos only): AI-generated content (default false). */
  public static final String AIGC = "isAigc";
  /**
   * How the video reaches TikTok: {@code FILE_UPLOAD} (the connector uploads the bytes in chunks) or
   * {@code PULL_FROM_URL} (TikTok fetches the https source, whose domain must be verified). Default:
   * PULL_FROM_URL for http(s) sources, FILE_UPLOAD otherwise.
   */
  public static final String SOURCE = "source";
  /** {@code photo_cover_index} (photo posts): the 0-based index of the cover image (default 0). */
  public static final String PHOTO_COVER_INDEX = "photoCoverIndex";
  /** {@code post_info.title} of a photo post (at most 90 UTF-16 units); the text is its description. */
  public static final String PHOTO_TITLE = "photoTitle";
  /** {@code auto_add_music} (photo posts, default true). */
  public static final String AUTO_ADD_MUSIC = "autoAddMusic";

  /** Every option the connector reads. */
  public static final Set<String> ALL = Set.of(PRIVACY_LEVEL, DISABLE_COMMENT, DISABLE_DUET, DISABLE_STITCH,
      VIDEO_COVER_TIMESTAMP_MS, BRAND_CONTENT, BRAND_ORGANIC, AIGC, SOURCE, PHOTO_COVER_INDEX, PHOTO_TITLE,
      AUTO_ADD_MUSIC);

  /** Account metric: likes over all the creator's videos ({@code likes_count}). */
  public static final Metric TOTAL_LIKES = Metric.of("total_likes");
  /** Account metric: videos the creator has published ({@code video_count}). */
  public static final Metric VIDEOS = Metric.of("videos");

  private TikTokOptions() {}
}
