package dev.chorus.strategy.listening;

import dev.chorus.model.Checks;

/**
 * A term heard more in the latest window than in the windows before it.
 *
 * @param term a tracked term or a hashtag found in posts, in lower case
 * @param current posts carrying the term in the latest window
 * @param baseline the mean count over the trailing baseline windows
 * @param ratio current ÷ max(baseline, 1)
 */
public record RisingTerm(String term, long current, double baseline, double ratio) {

  /** Validates. */
  public RisingTerm {
    Checks.notBlank("term", term);
    Checks.nonNegative("current", current);
  }
}
