package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.MediaKind;
import java.time.Duration;
import java.util.Set;

/**
 * What a platform accepts for one kind of media. Each bound is {@code null} when the platform sets
 * none (or it is not known). Aspect ratios are width divided by height.
 *
 * @param mimeTypes accepted MIME types; empty means any of the kind
 */
public record MediaLimit(
    MediaKind kind,
    int maxCount,
    Long maxBytes,
    Duration minDuration,
    Duration maxDuration,
    Integer minWidth,
    Integer minHeight,
    Integer maxWidth,
    Integer maxHeight,
    Double minAspectRatio,
    Double maxAspectRatio,
    Set<String> mimeTypes) {

  public MediaLimit {
    Checks.required("mediaLimit.kind", kind);
    if (maxCount <= 0) {
      throw new dev.chorus.InvalidValueException("mediaLimit.maxCount", maxCount, "must be positive");
    }
    mimeTypes = Checks.set("mediaLimit.mimeTypes", mimeTypes);
    if (minAspectRatio != null && maxAspectRatio != null && minAspectRatio > maxAspectRatio) {
      throw new dev.chorus.InvalidValueException(
          "mediaLimit.maxAspectRatio", maxAspectRatio, "must not be below minAspectRatio " + minAspectRatio);
    }
  }

  /** A builder for limits on the kind, allowing {@code maxCount} per post. */
  public static Builder builder(MediaKind kind, int maxCount) {
    return new Builder(kind, maxCount);
  }

  /** Builds {@link MediaLimit}s. */
  public static final class Builder {
    private final MediaKind kind;
    private final int maxCount;
    private Long maxBytes;
    private Duration minDuration;
    private Duration maxDuration;
    private Integer minWidth;
    private Integer minHeight;
    private Integer maxWidth;
    private Integer maxHeight;
    private Double minAspectRatio;
    private Double maxAspectRatio;
    private Set<String> mimeTypes = Set.of();

    private Builder(MediaKind kind, int maxCount) {
      this.kind = kind;
      this.maxCount = maxCount;
    }

    public Builder maxBytes(long bytes) {
      this.maxBytes = bytes;
      return this;
    }

    public Builder duration(Duration min, Duration max) {
      this.minDuration = min;
      this.maxDuration = max;
      return this;
    }

    public Builder minDimensions(int width, int height) {
      this.minWidth = width;
      this.minHeight = height;
      return this;
    }

    public Builder maxDimensions(int width, int height) {
      this.maxWidth = width;
      this.maxHeight = height;
      return this;
    }

    public Builder aspectRatio(double min, double max) {
      this.minAspectRatio = min;
      this.maxAspectRatio = max;
      return this;
    }

    public Builder mimeTypes(String... types) {
      this.mimeTypes = Set.of(types);
      return this;
    }

    public MediaLimit build() {
      return new MediaLimit(kind, maxCount, maxBytes, minDuration, maxDuration, minWidth, minHeight,
          maxWidth, maxHeight, minAspectRatio, maxAspectRatio, mimeTypes);
    }
  }
}
