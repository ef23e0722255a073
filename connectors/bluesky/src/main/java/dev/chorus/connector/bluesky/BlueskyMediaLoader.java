package dev.chorus.connector.bluesky;

import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;

/**
 * Where the connector reads the bytes of an image before uploading it as a blob. Register one as a
 * {@link dev.chorus.connector.ConnectorContext} extension when media live somewhere the default
 * cannot reach (object storage with signed requests, a database). The default reads {@code file:}
 * URIs from disk and fetches {@code http(s):} URIs with a plain GET.
 */
@FunctionalInterface
public interface BlueskyMediaLoader {

  /** The source of the asset's bytes; opened once per upload. */
  MediaSource load(MediaAsset asset);

  /** The default loader: local files and plain http(s) URLs. */
  static BlueskyMediaLoader standard() {
    return asset -> {
      String scheme = asset.source().getScheme();
      if ("file".equalsIgnoreCase(scheme)) {
        return MediaSource.ofFile(java.nio.file.Path.of(asset.source()));
      }
      return MediaSource.ofUrl(asset.source());
    };
  }
}
