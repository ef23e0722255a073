package dev.chorus.strategy.listening;

import dev.chorus.model.Checks;

/**
 * A term and how many heard posts carry it.
 *
 * @param term a tracked term as written ({@code brand}, {@code #tag}, {@code @handle}) or a hashtag
 *     found in posts, in lower case
 */
public record TermCount(String term, long posts) {

  /** Validates. */
  public TermCount {
    Checks.notBlank("term", term);
    Checks.nonNegative("posts", posts);
  }
}
