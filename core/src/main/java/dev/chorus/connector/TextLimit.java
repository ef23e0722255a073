package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.text.CountingRule;

/**
 * The longest text a platform accepts, and how it counts. For example 280 by {@link
 * CountingRule#X_WEIGHTED} on X, 300 by {@link CountingRule#GRAPHEMES} on Bluesky.
 *
 * @param urlWeight the fixed length a URL counts for under {@link CountingRule#MASTODON}; 0 when
 *     the rule does not use it
 */
public record TextLimit(int max, CountingRule rule, int urlWeight) {

  public TextLimit {
    if (max <= 0) {
      throw new dev.chorus.InvalidValueException("textLimit.max", max, "must be positive");
    }
    Checks.required("textLimit.rule", rule);
    if (urlWeight < 0) {
      throw new dev.chorus.InvalidValueException("textLimit.urlWeight", urlWeight, "must not be negative");
    }
  }

  /** A limit of {@code max} under the rule. */
  public static TextLimit of(int max, CountingRule rule) {
    return new TextLimit(max, rule, rule == CountingRule.MASTODON ? 23 : 0);
  }
}
