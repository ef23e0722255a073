package dev.chorus.strategy.listening;

import dev.chorus.connector.SearchTerm;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.util.List;

/**
 * What one listening run heard in {@code [since, until)}: the de-duplicated posts, oldest first, and
 * one pass report per source.
 *
 * @param terms the tracked terms
 */
public record ListeningResult(Instant since, Instant until, List<SearchTerm> terms, List<HeardPost> posts,
    List<PlatformPass> passes) {

  /** Validates. */
  public ListeningResult {
    Checks.required("since", since);
    Checks.required("until", until);
    if (!since.isBefore(until)) {
      throw new dev.chorus.InvalidValueException("until", until, "must be after since " + since);
    }
    terms = Checks.list("terms", terms);
    posts = Checks.list("posts", posts);
    passes = Checks.list("passes", passes);
  }

  /** Whether every source completed its pass. */
  public boolean complete() {
    return passes.stream().allMatch(p -> p.status() == PassStatus.COMPLETE);
  }
}
