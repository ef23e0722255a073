package dev.chorus.schedule;

import dev.chorus.model.SocialAccount;
import java.time.Instant;
import java.util.List;

/**
 * Suggests good times to post for an account, best first. Analytics implements it from measured
 * engagement; {@link #NONE} suggests nothing, so "best time" falls back to the account's queue.
 */
@FunctionalInterface
public interface SlotSuggester {

  /** Suggests nothing. */
  SlotSuggester NONE = (account, from, to) -> List.of();

  /** Candidate times in {@code [from, to)}, best first. */
  List<Instant> suggest(SocialAccount account, Instant from, Instant to);
}
