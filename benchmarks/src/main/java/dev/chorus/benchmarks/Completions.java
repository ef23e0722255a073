package dev.chorus.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread-safe record of task completions for the scheduler comparison: for each task id the instant
 * its body finished the first time, and how many times it finished in all. Every engine's numbers
 * come from one of these, so lateness, duplicates and lost tasks are computed the same way for all.
 */
final class Completions {

  private final Map<String, Instant> first = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  /** Records that the task {@code id} finished at {@code at}. */
  void record(String id, Instant at) {
    first.putIfAbsent(id, at);
    runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Distinct tasks finished so far. */
  int distinct() {
    return first.size();
  }

  /**
   * Summarizes the run of the tasks {@code ids}, all due at {@code due}. Lateness is completion minus
   * due (microseconds, nearest-rank percentiles); executions per second is the tasks finished divided
   * by the time from {@code due} to the last completion.
   */
  Summary summarize(List<String> ids, Instant due) {
    long[] lateness = new long[ids.size()];
    int found = 0;
    int duplicates = 0;
    Instant last = null;
    for (String id : ids) {
      Instant at = first.get(id);
      if (at != null) {
        duplicates += runs.get(id).get() - 1;
        lateness[found++] = Duration.between(due, at).toNanos() / 1000;
        last = last == null || at.isAfter(last) ? at : last;
      }
    }
    long[] sorted = Arrays.copyOf(lateness, found);
    Arrays.sort(sorted);
    double seconds = last == null || !last.isAfter(due) ? Double.NaN : Duration.between(due, last).toNanos() / 1e9;
    return new Summary(found / seconds, percentile(sorted, 50), percentile(sorted, 99),
        found == 0 ? -1 : sorted[found - 1], duplicates, ids.size() - found);
  }

  /**
   * Completions per {@code bucketMillis} after {@code due}, as text ("120 950 1010 ..."): where a run
   * spent its time (the wait for the first poll, the ramp, the steady rate, the tail).
   */
  String timeline(Instant due, int bucketMillis) {
    List<Long> lateMillis = new ArrayList<>();
    long lastBucket = 0;
    for (Instant at : first.values()) {
      long ms = Math.max(0, Duration.between(due, at).toMillis());
      lateMillis.add(ms);
      lastBucket = Math.max(lastBucket, ms / bucketMillis);
    }
    int[] counts = new int[(int) lastBucket + 1];
    lateMillis.forEach(ms -> counts[(int) (ms / bucketMillis)]++);
    StringBuilder text = new StringBuilder();
    for (int count : counts) {
      text.append(text.length() == 0 ? "" : " ").append(count);
    }
    return text.toString();
  }

  /** Nearest-rank percentile, or -1 when empty. */
  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /**
   * One run's figures.
   *
   * @param perSecond tasks finished per second from the due instant to the last completion
   * @param p50 median lateness in microseconds
   * @param p99 99th percentile lateness in microseconds
   * @param max largest lateness in microseconds
   * @param duplicates completions beyond the first of each task
   * @param lost tasks that never finished
   */
  record Summary(double perSecond, long p50, long p99, long max, int duplicates, int lost) {
  }
}
