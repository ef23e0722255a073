package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.PostFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A content pillar (educational, entertaining, promotional, social proof, ...) with its target
 * share of the posts and the formats that suit it, best first.
 *
 * @param name the pillar's tag, stored lowercase on each post ({@code Post.pillar})
 * @param share the target share, above 0 and at most 1
 * @param formats preferred formats, best first; the planner takes the first one the platform
 *     supports, else FEED, else the platform's first supported format
 */
public record ContentPillar(String name, double share, List<PostFormat> formats) {

  /** Formats for the well-known pillar names (judgement, see docs/strategy-planning.md). */
  private static final Map<String, List<PostFormat>> KNOWN = Map.of(
      "educational", List.of(PostFormat.CAROUSEL, PostFormat.DOCUMENT, PostFormat.THREAD, PostFormat.VIDEO),
      "entertaining", List.of(PostFormat.REEL, PostFormat.SHORT, PostFormat.VIDEO, PostFormat.STORY),
      "promotional", List.of(PostFormat.FEED, PostFormat.PIN, PostFormat.STORY, PostFormat.REEL),
      "social proof", List.of(PostFormat.CAROUSEL, PostFormat.VIDEO, PostFormat.FEED),
      "community", List.of(PostFormat.THREAD, PostFormat.STORY, PostFormat.FEED),
      "behind the scenes", List.of(PostFormat.STORY, PostFormat.REEL, PostFormat.SHORT));

  public ContentPillar {
    name = Checks.notBlank("pillar.name", name).trim().toLowerCase(Locale.ROOT);
    if (!(share > 0 && share <= 1)) {
      throw new InvalidValueException("pillar.share", share, "must be above 0 and at most 1 (pillar " + name + ")");
    }
    formats = Checks.list("pillar.formats", formats);
  }

  /** A pillar with the formats of its well-known name, or none (FEED) for other names. */
  public static ContentPillar of(String name, double share) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return new ContentPillar(name, share, KNOWN.getOrDefault(key, List.of()));
  }
}
