package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.MediaKind;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's content limits as data, checked offline by {@link LimitChecks} before any upload.
 * Each optional bound is {@code null} when the platform sets none.
 *
 * @param text the text limit
 * @param firstCommentText the limit of a first comment, or {@code null} to reuse {@code text}
 * @param maxHashtags most hashtags in one post, or {@code null}
 * @param maxMentions most mentions in one post, or {@code null}
 * @param maxMediaPerPost most media items of any kind in one post (0 when media is not supported)
 * @param media limits per media kind; a kind absent here is not accepted
 * @param carouselMin fewest items in a carousel, or {@code null}
 * @param carouselMax most items in a carousel, or {@code null}
 * @param maxThreadParts most follow-up parts in a thread, or {@code null}
 * @param pollMaxOptions most poll options, or {@code null}
 * @param publishingQuota most posts an account may publish in a rolling window (Instagram's 24-hour
 *     limit, for example), or {@code null}; the scheduler plans within it
 */
public record Limits(
    TextLimit text,
    TextLimit firstCommentText,
    Integer maxHashtags,
    Integer maxMentions,
    int maxMediaPerPost,
    Map<MediaKind, MediaLimit> media,
    Integer carouselMin,
    Integer carouselMax,
    Integer maxThreadParts,
    Integer pollMaxOptions,
    PublishingQuota publishingQuota) {

  public Limits {
    Checks.required("limits.text", text);
    Checks.nonNegative("limits.maxHashtags", maxHashtags);
    Checks.nonNegative("limits.maxMentions", maxMentions);
    Checks.nonNegative("limits.maxMediaPerPost", maxMediaPerPost);
    media = Checks.map("limits.media", media);
    for (Map.Entry<MediaKind, MediaLimit> entry : media.entrySet()) {
      if (entry.getKey() != entry.getValue().kind()) {
        throw new dev.chorus.InvalidValueException("limits.media." + entry.getKey(), entry.getValue().kind(), "is filed under the wrong kind");
      }
    }
    if (carouselMin != null && carouselMax != null && carouselMin > carouselMax) {
      throw new dev.chorus.InvalidValueException("limits.carouselMax", carouselMax, "must not be below carouselMin " + carouselMin);
    }
  }

  /** The text limit that applies to a first comment. */
  public TextLimit firstCommentLimit() {
    return firstCommentText == null ? text : firstCommentText;
  }

  /** The rolling publishing quota, if the platform has one. */
  public Optional<PublishingQuota> quota() {
    return Optional.ofNullable(publishingQuota);
  }

  /** The limit for the media kind, if the platform accepts it. */
  public Optional<MediaLimit> media(MediaKind kind) {
    return Optional.ofNullable(media.get(kind));
  }

  /** A builder starting from the text limit. */
  public static Builder builder(TextLimit text) {
    return new Builder(text);
  }

  /** Builds {@link Limits}. */
  public static final class Builder {
    private final TextLimit text;
    private TextLimit firstCommentText;
    private Integer maxHashtags;
    private Integer maxMentions;
    private int maxMediaPerPost;
    private final Map<MediaKind, MediaLimit> media = new java.util.EnumMap<>(MediaKind.class);
    private Integer carouselMin;
    private Integer carouselMax;
    private Integer maxThreadParts;
    private Integer pollMaxOptions;
    private PublishingQuota publishingQuota;

    private Builder(TextLimit text) {
      this.text = text;
    }

    public Builder firstCommentText(TextLimit limit) {
      this.firstCommentText = limit;
      return this;
    }

    public Builder maxHashtags(int max) {
      this.maxHashtags = max;
      return this;
    }

    public Builder maxMentions(int max) {
      this.maxMentions = max;
      return this;
    }

    public Builder maxMediaPerPost(int max) {
      this.maxMediaPerPost = max;
      return this;
    }

    public Builder media(MediaLimit limit) {
      this.media.put(limit.kind(), limit);
      return this;
    }

    public Builder carousel(int min, int max) {
      this.carouselMin = min;
      this.carouselMax = max;
      return this;
    }

    public Builder maxThreadParts(int max) {
      this.maxThreadParts = max;
      return this;
    }

    public Builder pollMaxOptions(int max) {
      this.pollMaxOptions = max;
      return this;
    }

    public Builder publishingQuota(PublishingQuota quota) {
      this.publishingQuota = quota;
      return this;
    }

    public Limits build() {
      return new Limits(text, firstCommentText, maxHashtags, maxMentions, maxMediaPerPost, media,
          carouselMin, carouselMax, maxThreadParts, pollMaxOptions, publishingQuota);
    }
  }
}
