package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.InteractionKind;
import java.time.Instant;
import java.util.Set;

/**
 * Which interactions to fetch: kinds, optionally only those after an instant, from a cursor.
 *
 * @param since only interactions created after this instant, or {@code null}
 * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
 * @param pageSize the most items wanted in one page (the platform may return fewer)
 */
public record InteractionQuery(Set<InteractionKind> kinds, Instant since, String cursor, int pageSize) {

  public InteractionQuery {
    kinds = Checks.set("query.kinds", kinds);
    Checks.blankToNull("query.cursor", cursor);
    if (pageSize < 1 || pageSize > 1000) {
      throw new dev.chorus.InvalidValueException("query.pageSize", pageSize, "must be 1-1000");
    }
  }

  /** The first page of every declared kind. */
  public static InteractionQuery firstPage(Set<InteractionKind> kinds) {
    return new InteractionQuery(kinds, null, null, 50);
  }

  /** The same query continued from the cursor. */
  public InteractionQuery next(String nextCursor) {
    return new InteractionQuery(kinds, since, nextCursor, pageSize);
  }
}
