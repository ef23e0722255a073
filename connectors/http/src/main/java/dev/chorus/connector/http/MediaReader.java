package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a {@link MediaAsset} into the {@link MediaSource} of its bytes, for every connector that
 * uploads media. Hosts that keep media elsewhere (object storage, a CDN with signed URLs, a
 * database) register their own as a {@link ConnectorContext} extension under {@code
 * MediaReader.class}; without one, {@link #standard()} reads {@code file:} and {@code http(s):}
 * sources. A resumable upload may open the returned source more than once, so a source must be
 * readable again from the start.
 */
@FunctionalInterface
public interface MediaReader {

  /**
   * The source of the asset's bytes.
   *
   * @param asset the media to read
   * @return where its bytes come from
   * @throws InvalidValueException when this reader cannot read the asset's source
   */
  MediaSource open(MediaAsset asset);

  /**
   * Reads {@code file:} URIs from the local file system and {@code http(s):} URIs with a plain GET;
   * any other scheme is refused with an {@link InvalidValueException} on {@code media.source}
   * that shows only the scheme (a source URI may carry a signed token).
   *
   * @return the default reader
   */
  static MediaReader standard() {
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
          throw new InvalidValueException("media.source", scheme + ":…", "has no reader; register a MediaReader");
      }
    };
  }

  /**
   * The context's {@code MediaReader} extension, or {@link #standard()} when it has none.
   *
   * @param context the connector's context
   * @return the reader to use
   */
  static MediaReader from(ConnectorContext context) {
    return context.extension(MediaReader.class).orElseGet(MediaReader::standard);
  }
}
