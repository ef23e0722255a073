package dev.chorus.analytics.internal;

/** A stable index sort on (series, time) without boxing. */
public final class ColumnSort {

  private ColumnSort() {}

  /** Whether the rows are ordered by series, then time. */
  public static boolean isSorted(int[] series, long[] time) {
    for (int i = 1; i < series.length; i++) {
      if (series[i] < series[i - 1] || (series[i] == series[i - 1] && time[i] < time[i - 1])) {
        return false;
      }
    }
    return true;
  }

  /** The permutation that orders the rows by series then time, stable. */
  public static int[] order(int[] series, long[] time) {
    int n = series.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int[] tmp = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          int a = idx[i];
          int b = idx[j];
          boolean takeRight = series[b] < series[a] || (series[b] == series[a] && time[b] < time[a]);
          tmp[k++] = takeRight ? idx[j++] : idx[i++];
        }
        while (i < mid) {
          tmp[k++] = idx[i++];
        }
        while (j < hi) {
          tmp[k++] = idx[j++];
        }
      }
      int[] swap = idx;
      idx = tmp;
      tmp = swap;
    }
    return idx;
  }

  /** {@code values} reordered by {@code order}. */
  public static int[] permute(int[] values, int[] order) {
    int[] out = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /** {@code values} reordered by {@code order}. */
  public static long[] permute(long[] values, int[] order) {
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }
}
