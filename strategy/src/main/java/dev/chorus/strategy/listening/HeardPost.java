package dev.chorus.strategy.listening;

import dev.chorus.connector.SearchTerm;
import dev.chorus.model.Checks;
import dev.chorus.model.PublicPost;
import java.util.Set;

/**
 * A public post found by listening, once per (platform, post id), with every tracked term whose
 * search returned it.
 *
 * @param terms the tracked terms that found the post, at least one
 */
public record HeardPost(PublicPost post, Set<SearchTerm> terms) {

  /** Validates. */
  public HeardPost {
    Checks.required("post", post);
    terms = Checks.set("terms", terms);
    if (terms.isEmpty()) {
      throw new dev.chorus.InvalidValueException("terms", terms, "needs at least one term");
    }
  }
}
