package dev.chorus.analytics.internal;

/**
 * The hot loop of the delta rollup: lifetime readings sorted by (series, time) become deltas
 * added into a {@code groups x buckets} table. Primitive arrays only, no allocation per reading.
 */
public final class DeltaKernel {

  private DeltaKernel() {}

  /**
   * Runs the rollup.
   *
   * @param starts bucket boundaries in epoch seconds, {@code buckets + 1} values, ascending; every
   *     reading (and publish time) lies in {@code [starts[0], starts[buckets])}
   * @param publishedAt per series, the publish instant in epoch seconds or {@code Long.MIN_VALUE}
   * @param out per group and bucket, the deltas ({@code group * buckets + bucket})
   * @param corrections per group and bucket, the total of observed decreases
   */
  public static void run(
      int[] series, long[] time, long[] value, int n,
      int[] seriesGroup, long[] publishedAt, long[] starts,
      boolean clamp, boolean spread, boolean byPublishDate, boolean countFirst,
      long[] out, long[] corrections) {
    int buckets = starts.length - 1;
    int prevSeries = -1;
    int row = 0;
    long previous = 0;
    long highest = 0;
    long prevT = 0;
    int prevBucket = 0;
    int bucket = 0;
    int publishBucket = 0;
    for (int i = 0; i < n; i++) {
      int s = series[i];
      long t = time[i];
      long v = value[i];
      if (t < starts[bucket] || t >= starts[bucket + 1]) {
        bucket = locate(starts, t);
      }
      if (s != prevSeries) {
        prevSeries = s;
        row = seriesGroup[s] * buckets;
        long pub = publishedAt == null ? Long.MIN_VALUE : publishedAt[s];
        if (pub != Long.MIN_VALUE && pub <= t) {
          prevT = pub;
          prevBucket = locate(starts, pub);
        } else {
          prevT = t;
          prevBucket = bucket;
        }
        publishBucket = pub == Long.MIN_VALUE ? bucket : locate(starts, pub);
        previous = countFirst ? 0 : v;
        highest = previous;
      }
      if (v < previous) {
        corrections[row + bucket] += previous - v;
      }
      long delta;
      if (clamp) {
        delta = v > highest ? v - highest : 0;
        highest = Math.max(highest, v);
      } else {
        delta = v - previous;
      }
      previous = v;
      if (delta != 0) {
        if (byPublishDate) {
          out[row + publishBucket] += delta;
        } else if (!spread || prevBucket == bucket) {
          out[row + bucket] += delta;
        } else {
          spread(out, row, starts, prevT, prevBucket, t, bucket, delta);
        }
      }
      prevT = t;
      prevBucket = bucket;
    }
  }

  private static void spread(long[] out, int row, long[] starts, long from, int fromBucket, long to, int toBucket,
      long delta) {
    double span = (double) (to - from);
    long allocated = 0;
    for (int k = fromBucket; k < toBucket; k++) {
      long cumulative = Math.round(delta * ((starts[k + 1] - from) / span));
      out[row + k] += cumulative - allocated;
      allocated = cumulative;
    }
    out[row + toBucket] += delta - allocated;
  }

  /** The bucket containing {@code t}: the last index with {@code starts[i] <= t}. */
  public static int locate(long[] starts, long t) {
    int lo = 0;
    int hi = starts.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= t) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
