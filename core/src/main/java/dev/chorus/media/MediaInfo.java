package dev.chorus.media;

import dev.chorus.model.Checks;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import java.net.URI;
import java.time.Duration;

/**
 * What a probe learned from a media file's headers; facts it could not learn are {@code null}.
 *
 * @param mimeType the detected MIME type, such as {@code image/png}
 * @param kind image, animated GIF or video
 * @param byteSize size in bytes, or {@code null} when the source does not know it
 * @param width pixels, or {@code null}
 * @param height pixels, or {@code null}
 * @param duration running time of a video, or {@code null}
 * @param animated whether an image has more than one frame (GIF, WebP)
 */
public record MediaInfo(
    String mimeType,
    MediaKind kind,
    Long byteSize,
    Integer width,
    Integer height,
    Duration duration,
    boolean animated) {

  public MediaInfo {
    Checks.notBlank("mediaInfo.mimeType", mimeType);
    Checks.required("mediaInfo.kind", kind);
  }

  /** A {@link MediaAsset} builder with the facts of this probe, for the asset at {@code source}. */
  public MediaAsset.Builder toAssetBuilder(URI source) {
    return MediaAsset.builder(kind, source, mimeType)
        .byteSize(byteSize)
        .dimensions(width, height)
        .duration(duration);
  }
}
