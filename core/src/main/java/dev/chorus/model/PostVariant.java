package dev.chorus.model;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * How one target's post differs from the shared {@link PostContent}: its platform format and, where
 * set, its own text, media and link, plus what only some platforms have (first comment, thread
 * parts, poll, platform options). A {@code null} text, media or link means "use the shared one";
 * an empty media list means "no media here".
 *
 * @param options platform-specific settings by name, for example {@code privacy_level} on TikTok
 */
public record PostVariant(
    PostFormat format,
    String text,
    List<MediaAsset> media,
    URI link,
    String firstComment,
    List<ThreadPart> threadParts,
    Poll poll,
    Map<String, String> options) {

  public PostVariant {
    Checks.required("variant.format", format);
    media = media == null ? null : Checks.list("variant.media", media);
    Checks.blankToNull("variant.firstComment", firstComment);
    threadParts = Checks.list("variant.threadParts", threadParts);
    options = Checks.map("variant.options", options);
    if (!threadParts.isEmpty() && format != PostFormat.THREAD) {
      throw new dev.chorus.InvalidValueException(
          "variant.threadParts", threadParts.size() + " parts", "thread parts need format THREAD, not " + format);
    }
  }

  /** A variant that only sets the format. */
  public static PostVariant of(PostFormat format) {
    return builder(format).build();
  }

  /** A builder for a variant of the format. */
  public static Builder builder(PostFormat format) {
    return new Builder(format);
  }

  /** A builder pre-filled with this variant. */
  public Builder toBuilder() {
    Builder builder = new Builder(format);
    builder.text = text;
    builder.media = media;
    builder.link = link;
    builder.firstComment = firstComment;
    builder.threadParts = threadParts;
    builder.poll = poll;
    builder.options = options;
    return builder;
  }

  /** Builds {@link PostVariant}s. */
  public static final class Builder {
    private PostFormat format;
    private String text;
    private List<MediaAsset> media;
    private URI link;
    private String firstComment;
    private List<ThreadPart> threadParts = List.of();
    private Poll poll;
    private Map<String, String> options = Map.of();

    private Builder(PostFormat format) {
      this.format = format;
    }

    public Builder format(PostFormat format) {
      this.format = format;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder media(List<MediaAsset> media) {
      this.media = media;
      return this;
    }

    public Builder link(URI link) {
      this.link = link;
      return this;
    }

    public Builder firstComment(String firstComment) {
      this.firstComment = firstComment;
      return this;
    }

    public Builder threadParts(List<ThreadPart> threadParts) {
      this.threadParts = threadParts;
      return this;
    }

    public Builder poll(Poll poll) {
      this.poll = poll;
      return this;
    }

    public Builder options(Map<String, String> options) {
      this.options = options;
      return this;
    }

    public PostVariant build() {
      return new PostVariant(format, text, media, link, firstComment, threadParts, poll, options);
    }
  }
}
