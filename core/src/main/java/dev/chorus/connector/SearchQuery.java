package dev.chorus.connector;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * A search of public posts: one term, optionally bounded in time, from a cursor.
 *
 * @param since only posts created at or after this instant, or {@code null}
 * @param until only posts created before this instant, or {@code null}
 * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
 * @param pageSize the most posts wanted in one page (the platform may return fewer, and connectors
 *     clamp it to the platform's own bounds)
 */
public record SearchQuery(SearchTerm term, Instant since, Instant until, String cursor, int pageSize) {

  public SearchQuery {
    Checks.required("query.term", term);
    cursor = Checks.blankToNull("query.cursor", cursor);
    if (since != null && until != null && !since.isBefore(until)) {
      throw new InvalidValueException("query.until", until, "must be after since " + since);
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new InvalidValueException("query.pageSize", pageSize, "must be 1-1000");
    }
  }

  /** The first page of posts for the term, 50 at most. */
  public static SearchQuery of(SearchTerm term) {
    return new SearchQuery(term, null, null, null, 50);
  }

  /** The same query bounded to {@code [since, until)}; either may be {@code null}. */
  public SearchQuery between(Instant since, Instant until) {
    return new SearchQuery(term, since, until, cursor, pageSize);
  }

  /** The same query continued from the cursor. */
  public SearchQuery next(String nextCursor) {
    return new SearchQuery(term, since, until, nextCursor, pageSize);
  }

  /** The same query with another page size. */
  public SearchQuery withPageSize(int size) {
    return new SearchQuery(term, since, until, cursor, size);
  }
}
