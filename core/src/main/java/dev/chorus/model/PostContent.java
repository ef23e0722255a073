package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.net.URI;
import java.util.List;

/**
 * What a post says everywhere unless a target's {@link PostVariant} overrides it: text, media, a
 * link and tags. It must say something: text, media or a link.
 *
 * @param link a URL to share, or {@code null}
 * @param tags hashtags or topics without the leading {@code #}
 */
public record PostContent(String text, List<MediaAsset> media, URI link, List<String> tags) {

  public PostContent {
    text = text == null ? "" : text;
    media = Checks.list("content.media", media);
    tags = Checks.list("content.tags", tags);
    if (text.isBlank() && media.isEmpty() && link == null) {
      throw new InvalidValueException("content.text", text, "a post needs text, media or a link");
    }
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      if (tag.isBlank() || tag.startsWith("#") || tag.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidValueException(
            "content.tags[" + i + "]", tag, "must be one word without the leading #");
      }
    }
  }

  /** Text only. */
  public static PostContent text(String text) {
    return new PostContent(text, List.of(), null, List.of());
  }

  /** A copy with other text. */
  public PostContent withText(String newText) {
    return new PostContent(newText, media, link, tags);
  }
}
