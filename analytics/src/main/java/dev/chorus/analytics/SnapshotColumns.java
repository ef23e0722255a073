package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.internal.ColumnSort;
import java.util.Arrays;

/**
 * Readings of one metric in columns of primitives, the input of {@link DeltaRollup#run}: for each
 * reading the series it belongs to (a dense id {@code 0..seriesCount-1}, one per post or account
 * counter), the instant in epoch seconds and the lifetime value. Columnar so a rollup runs without
 * boxing. Immutable once built.
 */
public final class SnapshotColumns {

  private final int[] series;
  private final long[] epochSeconds;
  private final long[] values;
  private final int seriesCount;

  private SnapshotColumns(int[] series, long[] epochSeconds, long[] values, int seriesCount) {
    this.series = series;
    this.epochSeconds = epochSeconds;
    this.values = values;
    this.seriesCount = seriesCount;
  }

  /**
   * Columns from arrays of equal length (copied). Readings may come in any order, late ones
   * included: they are sorted by series then time (a stable sort, so of two readings with the same
   * instant the later given wins).
   *
   * @param seriesCount the number of series; every series id must be below it
   */
  public static SnapshotColumns of(int[] series, long[] epochSeconds, long[] values, int seriesCount) {
    if (series == null || epochSeconds == null || values == null) {
      throw new InvalidValueException("columns", null, "are required");
    }
    int n = series.length;
    if (epochSeconds.length != n || values.length != n) {
      throw new InvalidValueException("columns", n + "/" + epochSeconds.length + "/" + values.length,
          "must all have the same length");
    }
    if (seriesCount < 0) {
      throw new InvalidValueException("seriesCount", seriesCount, "must not be negative");
    }
    for (int i = 0; i < n; i++) {
      if (series[i] < 0 || series[i] >= seriesCount) {
        throw new InvalidValueException("series[" + i + "]", series[i], "must be in 0.." + (seriesCount - 1));
      }
      if (values[i] < 0) {
        throw new InvalidValueException("values[" + i + "]", values[i], "must not be negative (lifetime counter)");
      }
    }
    int[] s = series.clone();
    long[] t = epochSeconds.clone();
    long[] v = values.clone();
    if (!ColumnSort.isSorted(s, t)) {
      int[] order = ColumnSort.order(s, t);
      s = ColumnSort.permute(s, order);
      t = ColumnSort.permute(t, order);
      v = ColumnSort.permute(v, order);
    }
    return new SnapshotColumns(s, t, v, seriesCount);
  }

  /** The number of readings. */
  public int size() {
    return series.length;
  }

  /** The number of series. */
  public int seriesCount() {
    return seriesCount;
  }

  /** The smallest instant, in epoch seconds; {@code Long.MAX_VALUE} when empty. */
  public long minEpochSecond() {
    long min = Long.MAX_VALUE;
    for (long t : epochSeconds) {
      min = Math.min(min, t);
    }
    return min;
  }

  /** The largest instant, in epoch seconds; {@code Long.MIN_VALUE} when empty. */
  public long maxEpochSecond() {
    long max = Long.MIN_VALUE;
    for (long t : epochSeconds) {
      max = Math.max(max, t);
    }
    return max;
  }

  // Package-private views without copying, for the rollup.
  int[] seriesColumn() {
    return series;
  }

  long[] timeColumn() {
    return epochSeconds;
  }

  long[] valueColumn() {
    return values;
  }

  @Override
  public String toString() {
    return "SnapshotColumns[size=" + size() + ", series=" + seriesCount + ", first="
        + Arrays.toString(Arrays.copyOf(series, Math.min(3, series.length))) + "...]";
  }
}
