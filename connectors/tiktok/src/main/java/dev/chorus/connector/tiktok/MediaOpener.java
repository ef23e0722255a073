package dev.chorus.connector.tiktok;

import dev.chorus.InvalidValueException;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import java.net.URI;
import java.nio.file.Path;

/**
 * Turns a video {@link MediaAsset} into the bytes of a FILE_UPLOAD. Hosts that keep media elsewhere
 * (object storage, signed URLs) register their own as a {@link dev.chorus.connector.ConnectorContext}
 * extension; without one, {@link #standard()} reads {@code file:} and {@code http(s):} sources.
 */
@FunctionalInterface
public interface MediaOpener {

  /**
   * The source of the asset's bytes; its length must be known.
   *
   * @throws InvalidValueException when this opener cannot read the asset's source
   */
  MediaSource open(MediaAsset asset);

  /** Reads {@code file:} URIs from the local file system and {@code http(s):} URIs with a plain GET. */
  static MediaOpener standard() {
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
          throw new InvalidValueException("media.source", scheme + ":…", "has no reader; register a MediaOpener");
      }
    };
  }
}
