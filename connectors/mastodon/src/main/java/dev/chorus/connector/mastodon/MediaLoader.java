package dev.chorus.connector.mastodon;

import dev.chorus.model.MediaAsset;
import java.io.IOException;

/**
 * Reads the bytes of a media asset for upload. Hosts supply one as a {@code ConnectorContext}
 * extension (for example to read from object storage); without one the connector reads {@code
 * file:} URIs and rejects every other source.
 */
@FunctionalInterface
public interface MediaLoader {

  /**
   * The asset's bytes.
   *
   * @throws IOException when they cannot be read
   */
  byte[] load(MediaAsset asset) throws IOException;

  /** Reads {@code file:} URIs from the local file system. */
  static MediaLoader files() {
    return asset -> {
      if (!"file".equalsIgnoreCase(asset.source().getScheme())) {
        throw new IOException("no MediaLoader for " + asset.source().getScheme()
            + " sources: supply one as a ConnectorContext extension");
      }
      return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(asset.source()));
    };
  }
}
