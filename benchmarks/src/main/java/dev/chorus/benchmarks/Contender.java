package dev.chorus.benchmarks;

import java.time.Instant;
import java.util.List;

/**
 * One scheduler under test in the comparison: it persists the tasks, runs them on its nodes and
 * reports each completion to a {@link Completions}.
 */
interface Contender extends AutoCloseable {

  /** Persists one task per id, all due at {@code due}; called before {@link #start()}. */
  void schedule(List<String> ids, Instant due) throws Exception;

  /** Starts every node. */
  void start() throws Exception;

  /** Distinct tasks finished so far. */
  int finished();

  /** The completions, read after {@link #close()}. */
  Completions completions();

  /** Stops every node and releases its resources. */
  @Override
  void close();
}
