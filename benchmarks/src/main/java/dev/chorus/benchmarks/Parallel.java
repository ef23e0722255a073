package dev.chorus.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs an action on every item of a list from a few threads, for scheduling tasks quickly. */
final class Parallel {

  private Parallel() {
  }

  /** An action that may throw. */
  @FunctionalInterface
  interface Action<T> {
    void accept(T item) throws Exception;
  }

  /** Applies {@code action} to every item, thread t taking items t, t + threads, ...; rethrows the first failure. */
  static <T> void forEach(List<T> items, int threads, Action<T> action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          for (int i = offset; i < items.size(); i += threads) {
            action.accept(items.get(i));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
