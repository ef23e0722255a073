package dev.chorus.connector.youtube;

import dev.chorus.InvalidValueException;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import java.net.URI;
import java.nio.file.Path;

/**
 * Turns a video {@link MediaAsset} into the bytes to upload. The resumable upload opens the source
 * again and skips to the confirmed offset after an interruption, so a source must be readable more
 * than once. Hosts that keep media elsewhere register their own as a {@link
 * dev.chorus.connector.ConnectorContext} extension; without one, {@link #standard()} reads {@code
 * file:} and {@code http(s):} sources.
 */
@FunctionalInterface
public interface VideoOpener {

  /**
   * The source of the asset's bytes.
   *
   * @throws InvalidValueException when the asset's source cannot be read by this opener
   */
  MediaSource open(MediaAsset asset);

  /** Reads {@code file:} URIs from the local file system and {@code http(s):} URIs with a plain GET. */
  static VideoOpener standard() {
    return asset -> {
      URI uri = asset.source();
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      switch (scheme) {
        case "file":
          return MediaSource.ofFile(Path.of(uri));
        case "http":
        case "https":
          return MediaSource.ofUrl(uri);
        default:
          // Only the scheme is shown: a source URI may carry a signed token.
          throw new InvalidValueException("media.source", scheme + ":…", "has no reader; register a VideoOpener");
      }
    };
  }
}
