package dev.chorus.media;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the bytes of a media file come from: a file, bytes in memory, a remote URL, or a stream
 * supplier with a declared length. Each can open a fresh stream and say its length when known.
 * {@code toString} never shows a URL's query or user info, which often carry signed tokens.
 */
public sealed interface MediaSource
    permits MediaSource.FileSource,
        MediaSource.BytesSource,
        MediaSource.UrlSource,
        MediaSource.StreamSource {

  /** The length in bytes, when known without reading the content. */
  OptionalLong length();

  /** Opens a new stream positioned at the first byte; the caller closes it. */
  InputStream open() throws IOException;

  /** The URI to record in a {@link dev.chorus.model.MediaAsset}, if this source has one. */
  Optional<URI> uri();

  /** A file on the local file system. */
  static MediaSource ofFile(Path path) {
    return new FileSource(path);
  }

  /** Bytes in memory; the array is copied. */
  static MediaSource ofBytes(byte[] bytes) {
    return new BytesSource(bytes);
  }

  /** A remote URL with nothing declared about it; probing does not fetch it. */
  static MediaSource ofUrl(URI url) {
    return new UrlSource(url, null, null);
  }

  /** A stream supplier with its declared length and a name for messages. */
  static MediaSource ofStream(IoSupplier<InputStream> supplier, long length, String name) {
    return new StreamSource(supplier, length, name);
  }

  /**
   * A file on the local file system; its length is the file's current size.
   *
   * @param path the file
   */
  record FileSource(Path path) implements MediaSource {

    public FileSource {
      Checks.required("media.path", path);
    }

    @Override
    public OptionalLong length() {
      try {
        return OptionalLong.of(Files.size(path));
      } catch (IOException e) {
        return OptionalLong.empty();
      }
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }

    @Override
    public Optional<URI> uri() {
      return Optional.of(path.toUri());
    }

    @Override
    public String toString() {
      return "file " + path;
    }
  }

  /**
   * Bytes held in memory; the array is copied in and out so the source stays immutable.
   *
   * @param bytes the content
   */
  record BytesSource(byte[] bytes) implements MediaSource {

    public BytesSource {
      Checks.required("media.bytes", bytes);
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public OptionalLong length() {
      return OptionalLong.of(bytes.length);
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public Optional<URI> uri() {
      return Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BytesSource that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return bytes.length + " bytes in memory";
    }
  }

  /**
   * Media at a remote URL, which a connector fetches or hands to the platform. Probing never
   * fetches it; it reports only what is declared here.
   *
   * @param uri an absolute {@code http} or {@code https} URI
   * @param mimeType the declared MIME type, or {@code null}
   * @param declaredLength the declared length in bytes, or {@code null}
   */
  record UrlSource(URI url, String mimeType, Long declaredLength) implements MediaSource {

    public UrlSource {
      Checks.required("media.url", url);
      String scheme = url.getScheme();
      if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
        throw new InvalidValueException("media.url", redact(url), "must be an http or https URL");
      }
      if (mimeType != null && !mimeType.contains("/")) {
        throw new InvalidValueException("media.mimeType", mimeType, "must be a MIME type such as video/mp4");
      }
      if (declaredLength != null) {
        Checks.nonNegative("media.declaredLength", declaredLength);
      }
    }

    @Override
    public OptionalLong length() {
      return declaredLength == null ? OptionalLong.empty() : OptionalLong.of(declaredLength);
    }

    /** A plain unauthenticated GET; connectors that need headers fetch with their own client. */
    @Override
    public InputStream open() throws IOException {
      return url.toURL().openStream();
    }

    @Override
    public Optional<URI> uri() {
      return Optional.of(url);
    }

    @Override
    public String toString() {
      return "url " + redact(url);
    }

    /** The URI without user info, with any query replaced by {@code ?…} and no fragment. */
    static String redact(URI uri) {
      StringBuilder text = new StringBuilder();
      if (uri.getScheme() != null) {
        text.append(uri.getScheme()).append("://");
      }
      if (uri.getHost() != null) {
        text.append(uri.getHost());
        if (uri.getPort() >= 0) {
          text.append(':').append(uri.getPort());
        }
      }
      if (uri.getRawPath() != null) {
        text.append(uri.getRawPath());
      }
      if (uri.getRawQuery() != null) {
        text.append("?…");
      }
      return text.toString();
    }
  }

  /**
   * Bytes from a supplier that opens a fresh stream each time, with a declared length.
   *
   * @param supplier opens the stream
   * @param declaredLength length in bytes
   * @param name what to call the source in messages, such as an upload's file name
   */
  record StreamSource(IoSupplier<InputStream> supplier, long declaredLength, String name)
      implements MediaSource {

    public StreamSource {
      Checks.required("media.supplier", supplier);
      Checks.nonNegative("media.declaredLength", declaredLength);
      Checks.notBlank("media.name", name);
    }

    @Override
    public OptionalLong length() {
      return OptionalLong.of(declaredLength);
    }

    @Override
    public InputStream open() throws IOException {
      InputStream stream = supplier.get();
      if (stream == null) {
        throw new IOException("stream supplier of " + name + " returned null");
      }
      return stream;
    }

    @Override
    public Optional<URI> uri() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "stream " + name + " (" + declaredLength + " bytes)";
    }
  }
}
