package dev.chorus.connector.mastodon;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.TextLimit;
import dev.chorus.model.Checks;
import dev.chorus.model.MediaKind;
import dev.chorus.text.CountingRule;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * One instance's content limits, as {@code GET /api/v2/instance} reports them under {@code
 * configuration}. {@link #DEFAULTS} holds mastodon.social's values, which the connector declares
 * until it has read the instance's own.
 *
 * @param maxCharacters {@code statuses.max_characters}: text plus content warning
 * @param charactersReservedPerUrl {@code statuses.characters_reserved_per_url}
 * @param maxMediaAttachments {@code statuses.max_media_attachments}
 * @param imageSizeLimit {@code media_attachments.image_size_limit} in bytes
 * @param videoSizeLimit {@code media_attachments.video_size_limit} in bytes
 * @param imageMatrixLimit {@code media_attachments.image_matrix_limit} in pixels (width × height)
 * @param videoMatrixLimit {@code media_attachments.video_matrix_limit} in pixels
 * @param descriptionLimit {@code media_attachments.description_limit}: alt text characters
 * @param supportedMimeTypes {@code media_attachments.supported_mime_types}; empty when not reported
 * @param pollMaxOptions {@code polls.max_options}
 * @param pollMaxCharactersPerOption {@code polls.max_characters_per_option}
 * @param pollMinExpiration {@code polls.min_expiration}
 * @param pollMaxExpiration {@code polls.max_expiration}
 */
public record InstanceLimits(
    int maxCharacters,
    int charactersReservedPerUrl,
    int maxMediaAttachments,
    long imageSizeLimit,
    long videoSizeLimit,
    long imageMatrixLimit,
    long videoMatrixLimit,
    int descriptionLimit,
    Set<String> supportedMimeTypes,
    int pollMaxOptions,
    int pollMaxCharactersPerOption,
    Duration pollMinExpiration,
    Duration pollMaxExpiration) {

  /** The most follow-up parts of a thread the connector posts in one go (Mastodon sets no limit). */
  public static final int MAX_THREAD_PARTS = 25;

  /** mastodon.social's values from the documented Instance example. */
  public static final InstanceLimits DEFAULTS = new InstanceLimits(500, 23, 4, 16_777_216L, 103_809_024L,
      33_177_600L, 8_294_400L, 1500,
      Set.of("image/jpeg", "image/png", "image/gif", "image/heic", "image/heif", "image/webp", "image/avif",
          "video/webm", "video/mp4", "video/quicktime", "video/ogg"),
      4, 50, Duration.ofSeconds(300), Duration.ofSeconds(2_629_746));

  public InstanceLimits {
    positive("maxCharacters", maxCharacters);
    if (charactersReservedPerUrl < 0) {
      throw new InvalidValueException("instanceLimits.charactersReservedPerUrl", charactersReservedPerUrl,
          "must not be negative");
    }
    positive("maxMediaAttachments", maxMediaAttachments);
    positive("imageSizeLimit", imageSizeLimit);
    positive("videoSizeLimit", videoSizeLimit);
    positive("imageMatrixLimit", imageMatrixLimit);
    positive("videoMatrixLimit", videoMatrixLimit);
    positive("descriptionLimit", descriptionLimit);
    supportedMimeTypes = Set.copyOf(new TreeSet<>(Checks.set("instanceLimits.supportedMimeTypes", supportedMimeTypes)));
    positive("pollMaxOptions", pollMaxOptions);
    positive("pollMaxCharactersPerOption", pollMaxCharactersPerOption);
    Checks.required("instanceLimits.pollMinExpiration", pollMinExpiration);
    Checks.required("instanceLimits.pollMaxExpiration", pollMaxExpiration);
    if (pollMaxExpiration.compareTo(pollMinExpiration) < 0) {
      throw new InvalidValueException("instanceLimits.pollMaxExpiration", pollMaxExpiration,
          "must not be below pollMinExpiration " + pollMinExpiration);
    }
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new InvalidValueException("instanceLimits." + field, value, "must be positive");
    }
  }

  /**
   * These limits as SPI {@link Limits}: text by Mastodon's counting rule with this instance's URL
   * weight, images and GIFs up to {@link #maxMediaAttachments}, one video alone, polls, threads.
   */
  public Limits toLimits() {
    return Limits.builder(new TextLimit(maxCharacters, CountingRule.MASTODON, charactersReservedPerUrl))
        .maxMediaPerPost(maxMediaAttachments)
        .media(media(MediaKind.IMAGE, maxMediaAttachments, imageSizeLimit, "image/", "image/gif"))
        .media(media(MediaKind.GIF, maxMediaAttachments, imageSizeLimit, "image/gif", null))
        .media(media(MediaKind.VIDEO, 1, videoSizeLimit, "video/", null))
        .maxThreadParts(MAX_THREAD_PARTS)
        .pollMaxOptions(pollMaxOptions)
        .build();
  }

  private MediaLimit media(MediaKind kind, int count, long bytes, String prefix, String except) {
    String[] types = supportedMimeTypes.stream()
        .filter(type -> type.startsWith(prefix) && !type.equals(except))
        .sorted()
        .toArray(String[]::new);
    return MediaLimit.builder(kind, count).maxBytes(bytes).mimeTypes(types).build();
  }

  /** The pixel budget of the kind: width × height may not exceed it. */
  public long matrixLimit(MediaKind kind) {
    return kind == MediaKind.VIDEO ? videoMatrixLimit : imageMatrixLimit;
  }
}
