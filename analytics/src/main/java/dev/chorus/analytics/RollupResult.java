package dev.chorus.analytics;

import dev.chorus.model.Checks;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-period deltas of one metric keyed by a group (post, account, platform, campaign, tag, format
 * or any key the caller chooses). Immutable.
 *
 * @param <K> the group key
 */
public final class RollupResult<K> {

  private final List<LocalDate> periods;
  private final Map<K, long[]> deltas;
  private final Map<K, long[]> corrections;

  RollupResult(List<LocalDate> periods, Map<K, long[]> deltas, Map<K, long[]> corrections) {
    this.periods = List.copyOf(periods);
    this.deltas = Collections.unmodifiableMap(new LinkedHashMap<>(deltas));
    this.corrections = Collections.unmodifiableMap(new LinkedHashMap<>(corrections));
  }

  /** The first local day of each period, ascending. */
  public List<LocalDate> periods() {
    return periods;
  }

  /** The groups that have readings. */
  public Set<K> groups() {
    return deltas.keySet();
  }

  /** The delta of a group in the period starting on {@code periodStart}; 0 outside the data. */
  public long delta(K group, LocalDate periodStart) {
    return at(deltas, group, periodStart);
  }

  /** The decrease observed in a group's counters in the period starting on {@code periodStart}. */
  public long correction(K group, LocalDate periodStart) {
    return at(corrections, group, periodStart);
  }

  /** A group's deltas by period start, ascending, every period included. */
  public Map<LocalDate, Long> series(K group) {
    Map<LocalDate, Long> out = new TreeMap<>();
    long[] row = deltas.get(group);
    for (int i = 0; i < periods.size(); i++) {
      out.put(periods.get(i), row == null ? 0L : row[i]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** A group's total over every period. */
  public long total(K group) {
    long[] row = deltas.get(group);
    long sum = 0;
    if (row != null) {
      for (long v : row) {
        sum += v;
      }
    }
    return sum;
  }

  private long at(Map<K, long[]> table, K group, LocalDate periodStart) {
    Checks.required("periodStart", periodStart);
    long[] row = table.get(group);
    int index = periods.indexOf(periodStart);
    return row == null || index < 0 ? 0 : row[index];
  }
}
