package dev.chorus.connector;

import dev.chorus.model.Checks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of results and the cursor for the next, or none when this was the last.
 *
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = Checks.list("page.items", items);
    Checks.blankToNull("page.nextCursor", nextCursor);
  }

  /** The last page. */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  /** Whether another page follows. */
  public boolean hasMore() {
    return nextCursor != null;
  }

  /** The cursor of the next page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /**
   * Lazily walks pages, fetching the next only when the previous is used up. Stops at the last
   * page, at {@code maxPages}, or when a platform repeats a cursor (which would loop forever).
   *
   * @param fetch fetches the page for a cursor ({@code null} for the first)
   */
  public static <T> Iterable<T> iterate(Function<String, Page<T>> fetch, int maxPages) {
    if (maxPages < 1) {
      throw new dev.chorus.InvalidValueException("maxPages", maxPages, "must be at least 1");
    }
    return () -> new Iterator<T>() {
      private final java.util.Set<String> seen = new java.util.HashSet<>();
      private Iterator<T> current = java.util.Collections.emptyIterator();
      private String cursor;
      private int pages;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && !done) {
          Page<T> page = fetch.apply(cursor);
          pages++;
          current = page.items().iterator();
          cursor = page.nextCursor();
          done = cursor == null || pages >= maxPages || !seen.add(cursor);
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** Every item of every page, eagerly; see {@link #iterate}. */
  public static <T> List<T> collect(Function<String, Page<T>> fetch, int maxPages) {
    List<T> all = new ArrayList<>();
    iterate(fetch, maxPages).forEach(all::add);
    return all;
  }
}
