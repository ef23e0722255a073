package dev.chorus.connector.pinterest;

import dev.chorus.InvalidValueException;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a {@link MediaAsset} into bytes: the images sent as base64 and the video uploaded to
 * Pinterest's upload URL. Hosts that keep media elsewhere register their own as a {@link
 * dev.chorus.connector.ConnectorContext} extension; without one, {@link #standard()} reads {@code
 * file:} and {@code http(s):} sources.
 */
@FunctionalInterface
public interface MediaOpener {

  /**
   * The source of the asset's bytes.
   *
   * @throws InvalidValueException when this opener cannot read the asset's source
   */
  MediaSource open(MediaAsset asset);

  /** Reads {@code file:} URIs from the local file system and {@code http(s):} URIs with a plain GET. */
  static MediaOpener standard() {
    return asset -> {
      URI uri = asset.source();
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
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
