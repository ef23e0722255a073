package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.net.URI;
import java.time.Duration;

/**
 * A picture, video or document attached to a post. Only {@code kind}, {@code source} and {@code
 * mimeType} are required; the other facts are {@code null} until known and let connectors check
 * platform limits offline, before any upload.
 *
 * @param source where the bytes are: a {@code file:}, {@code https:} or other URI
 * @param byteSize size in bytes, or {@code null} when unknown
 * @param width pixels, or {@code null}
 * @param height pixels, or {@code null}
 * @param duration running time of a video, or {@code null}
 * @param altText description for people using screen readers, or {@code null}
 * @param checksum content hash such as {@code sha256:...}, or {@code null}
 */
public record MediaAsset(
    MediaKind kind,
    URI source,
    String mimeType,
    Long byteSize,
    Integer width,
    Integer height,
    Duration duration,
    String altText,
    String checksum) {

  public MediaAsset {
    Checks.required("media.kind", kind);
    Checks.required("media.source", source);
    Checks.notBlank("media.mimeType", mimeType);
    if (!mimeType.contains("/")) {
      throw new InvalidValueException("media.mimeType", mimeType, "must be a MIME type such as image/png");
    }
    if (byteSize != null) {
      Checks.nonNegative("media.byteSize", byteSize);
    }
    positive("media.width", width);
    positive("media.height", height);
    if (duration != null && duration.isNegative()) {
      throw new InvalidValueException("media.duration", duration, "must not be negative");
    }
    Checks.blankToNull("media.altText", altText);
    Checks.blankToNull("media.checksum", checksum);
  }

  private static void positive(String field, Integer value) {
    if (value != null && value <= 0) {
      throw new InvalidValueException(field, value, "must be positive");
    }
  }

  /** A builder for a media asset of the kind, from the source. */
  public static Builder builder(MediaKind kind, URI source, String mimeType) {
    return new Builder(kind, source, mimeType);
  }

  /** A builder pre-filled with this asset. */
  public Builder toBuilder() {
    return new Builder(kind, source, mimeType)
        .byteSize(byteSize)
        .dimensions(width, height)
        .duration(duration)
        .altText(altText)
        .checksum(checksum);
  }

  /** The width divided by the height, when both are known. */
  public java.util.OptionalDouble aspectRatio() {
    return width == null || height == null
        ? java.util.OptionalDouble.empty()
        : java.util.OptionalDouble.of((double) width / height);
  }

  /** Builds {@link MediaAsset}s. */
  public static final class Builder {
    private final MediaKind kind;
    private final URI source;
    private final String mimeType;
    private Long byteSize;
    private Integer width;
    private Integer height;
    private Duration duration;
    private String altText;
    private String checksum;

    private Builder(MediaKind kind, URI source, String mimeType) {
      this.kind = kind;
      this.source = source;
      this.mimeType = mimeType;
    }

    public Builder byteSize(Long byteSize) {
      this.byteSize = byteSize;
      return this;
    }

    public Builder dimensions(Integer width, Integer height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    public Builder altText(String altText) {
      this.altText = altText;
      return this;
    }

    public Builder checksum(String checksum) {
      this.checksum = checksum;
      return this;
    }

    public MediaAsset build() {
      return new MediaAsset(kind, source, mimeType, byteSize, width, height, duration, altText, checksum);
    }
  }
}
