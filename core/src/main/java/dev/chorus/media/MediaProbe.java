package dev.chorus.media;

import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Finds a media file's type, dimensions and duration by reading only its headers: PNG, JPEG, GIF
 * (and whether it is animated), WebP, and MP4/MOV (ISO BMFF, skipping {@code mdat} without reading
 * it). Remote URLs are never fetched: they report what was declared. Stateless and thread-safe.
 */
public final class MediaProbe {

  private static final int PEEK = 16;

  private MediaProbe() {}

  /**
   * Probes {@code source}.
   *
   * @throws MediaProbeException if the format is unknown, the header is truncated or corrupt, or
   *     the bytes cannot be read
   */
  public static MediaInfo probe(MediaSource source) {
    Objects.requireNonNull(source, "source");
    if (source instanceof MediaSource.UrlSource url) {
      return declared(url);
    }
    OptionalLong length = source.length();
    Long byteSize = length.isPresent() ? length.getAsLong() : null;
    String format = "media";
    try (InputStream stream = source.open()) {
      ProbeReader reader = new ProbeReader(stream, source, PEEK);
      byte[] head = reader.head();
      if (head.length == 0) {
        throw new MediaProbeException(source, "empty content");
      }
      if (ImageHeaders.isPng(head)) {
        format = "PNG";
        return ImageHeaders.png(reader, byteSize);
      }
      if (ImageHeaders.isJpeg(head)) {
        format = "JPEG";
        return ImageHeaders.jpeg(reader, byteSize);
      }
      if (ImageHeaders.isGif(head)) {
        format = "GIF";
        return ImageHeaders.gif(reader, byteSize);
      }
      if (ImageHeaders.isWebp(head)) {
        format = "WebP";
        return ImageHeaders.webp(reader, byteSize);
      }
      if (IsoMedia.isIso(head)) {
        format = "MP4/MOV";
        return IsoMedia.probe(reader, byteSize);
      }
      throw new MediaProbeException(source, "unrecognised format (starts with " + hex(head) + ")");
    } catch (EOFException e) {
      throw new MediaProbeException(source, "truncated " + format + " header", e);
    } catch (IOException e) {
      throw new MediaProbeException(source, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Probes {@code source} and starts a {@link MediaAsset} for it at {@code uri} (for in-memory or
   * streamed sources, which have none of their own).
   */
  public static MediaAsset.Builder assetBuilder(MediaSource source, URI uri) {
    return probe(source).toAssetBuilder(Objects.requireNonNull(uri, "uri"));
  }

  /**
   * Probes {@code source} and starts a {@link MediaAsset} for it at its own URI.
   *
   * @throws MediaProbeException if the source has no URI (bytes or a stream); use {@link
   *     #assetBuilder(MediaSource, URI)}
   */
  public static MediaAsset.Builder assetBuilder(MediaSource source) {
    URI uri =
        source.uri()
            .orElseThrow(() -> new MediaProbeException(source, "has no URI; pass one explicitly"));
    return assetBuilder(source, uri);
  }

  private static MediaInfo declared(MediaSource.UrlSource url) {
    String mimeType = url.mimeType();
    if (mimeType == null) {
      throw new MediaProbeException(
          url, "a URL is not fetched for probing and no MIME type was declared");
    }
    MediaKind kind;
    if (mimeType.equals("image/gif")) {
      kind = MediaKind.GIF;
    } else if (mimeType.startsWith("image/")) {
      kind = MediaKind.IMAGE;
    } else if (mimeType.startsWith("video/")) {
      kind = MediaKind.VIDEO;
    } else {
      kind = MediaKind.DOCUMENT;
    }
    return new MediaInfo(mimeType, kind, url.declaredLength(), null, null, null, false);
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder("0x");
    for (int i = 0; i < Math.min(bytes.length, 8); i++) {
      text.append(String.format("%02X", bytes[i] & 0xFF));
    }
    return text.toString();
  }

  /** Seconds as {@code units / timescale}, exact to the nanosecond without overflow. */
  static Duration duration(long units, long timescale) {
    long seconds = Long.divideUnsigned(units, timescale);
    long remainder = Long.remainderUnsigned(units, timescale);
    // timescale is a 32-bit field, so remainder * 1e9 stays below 2^63.
    long nanos = remainder * 1_000_000_000L / timescale;
    return Duration.ofSeconds(seconds, nanos);
  }
}
