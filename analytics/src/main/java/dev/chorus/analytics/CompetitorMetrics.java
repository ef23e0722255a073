package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;

/**
 * Public numbers of one brand over one period: the own brand or a competitor.
 *
 * @param name how the brand is shown, unique within a comparison
 * @param own whether this is the brand the report is for
 * @param mentions posts by others mentioning the brand
 * @param engagements engagements on the brand's own posts (likes, comments, shares as public)
 * @param followers followers at the end of the period
 * @param posts posts the brand published in the period
 */
public record CompetitorMetrics(String name, boolean own, long mentions, long engagements, long followers, long posts) {

  /** Validates every count. */
  public CompetitorMetrics {
    Checks.notBlank("competitor.name", name);
    nonNegative("competitor.mentions", mentions);
    nonNegative("competitor.engagements", engagements);
    nonNegative("competitor.followers", followers);
    nonNegative("competitor.posts", posts);
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new InvalidValueException(field, value, "must not be negative");
    }
  }
}
