package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.analytics.internal.DeltaKernel;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns lifetime counters into deltas per period: the increase between two consecutive readings of
 * one series (a post's or an account's counter) is filed under a period in a chosen zone, and
 * summed per group.
 *
 * <ul>
 *   <li><b>Counters that go down</b> follow the {@link DecreasePolicy}; the decrease is always
 *       recorded as a correction in the period where it was seen.
 *   <li><b>Gaps</b> (readings periods apart) follow the {@link GapAttribution}.
 *   <li><b>Late data</b>: readings may be given in any order; they are sorted by series and time
 *       before the deltas are taken, so a late reading is placed where it belongs and the result
 *       equals the in-order one. To take late data into account, run the rollup again over the
 *       affected series.
 *   <li><b>The first reading</b> of a series counts from zero by default (a post starts with no
 *       likes), filed at the first reading or spread from the publish time when that is known;
 *       {@link Builder#countFirstReading(boolean) countFirstReading(false)} uses it as a baseline
 *       only (for a series whose history before the window is unknown).
 *   <li><b>Absent metrics</b>: a snapshot that does not report the metric is skipped; it is not a
 *       zero and does not reset the baseline.
 * </ul>
 *
 * <p>{@link #run} is the fast path over {@link SnapshotColumns}: one pass over primitive arrays, no
 * boxing or allocation per reading. Immutable and thread-safe.
 */
public final class DeltaRollup {

  private final ZoneId zone;
  private final RollupPeriod period;
  private final DecreasePolicy decrease;
  private final GapAttribution gaps;
  private final Attribution attribution;
  private final boolean countFirstReading;

  private DeltaRollup(Builder b) {
    this.zone = b.zone;
    this.period = b.period;
    this.decrease = b.decrease;
    this.gaps = b.gaps;
    this.attribution = b.attribution;
    this.countFirstReading = b.countFirstReading;
  }

  /** A builder: days in the zone, {@link DecreasePolicy#RESTATE}, gaps to the later reading, activity date. */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * The fast path: deltas of {@code columns} summed into {@code groupCount} groups.
   *
   * @param seriesGroup for each series, its group in {@code 0..groupCount-1}
   * @param publishedAt for each series, the publish instant in epoch seconds or {@code
   *     Long.MIN_VALUE} when unknown; {@code null} when none is known. Required for {@link
   *     Attribution#PUBLISH_DATE}.
   */
  public RollupTable run(SnapshotColumns columns, int[] seriesGroup, int groupCount, long[] publishedAt) {
    Checks.required("columns", columns);
    Checks.required("seriesGroup", seriesGroup);
    if (seriesGroup.length != columns.seriesCount()) {
      throw new InvalidValueException("seriesGroup", seriesGroup.length + " entries",
          "must have one entry per series (" + columns.seriesCount() + ")");
    }
    for (int i = 0; i < seriesGroup.length; i++) {
      if (seriesGroup[i] < 0 || seriesGroup[i] >= groupCount) {
        throw new InvalidValueException("seriesGroup[" + i + "]", seriesGroup[i], "must be in 0.." + (groupCount - 1));
      }
    }
    if (publishedAt != null && publishedAt.length != columns.seriesCount()) {
      throw new InvalidValueException("publishedAt", publishedAt.length + " entries", "must have one entry per series");
    }
    if (attribution == Attribution.PUBLISH_DATE && publishedAt == null) {
      throw new InvalidValueException("publishedAt", null, "is required to attribute by publish date");
    }
    long min = columns.minEpochSecond();
    long max = columns.maxEpochSecond();
    if (publishedAt != null) {
      for (int i = 0; i < publishedAt.length; i++) {
        if (publishedAt[i] != Long.MIN_VALUE) {
          min = Math.min(min, publishedAt[i]);
          max = Math.max(max, publishedAt[i]);
        } else if (attribution == Attribution.PUBLISH_DATE) {
          throw new InvalidValueException("publishedAt[" + i + "]", "unknown", "is required to attribute by publish date");
        }
      }
    }
    List<LocalDate> periods = new ArrayList<>();
    long[] starts = boundaries(min, max, periods);
    int buckets = periods.size();
    long[] deltas = new long[groupCount * buckets];
    long[] corrections = new long[groupCount * buckets];
    if (columns.size() > 0) {
      DeltaKernel.run(columns.seriesColumn(), columns.timeColumn(), columns.valueColumn(), columns.size(),
          seriesGroup, publishedAt, starts, decrease == DecreasePolicy.CLAMP, gaps == GapAttribution.SPREAD_OVER_TIME,
          attribution == Attribution.PUBLISH_DATE, countFirstReading, deltas, corrections);
    }
    return new RollupTable(groupCount, periods, starts, deltas, corrections);
  }

  /**
   * Rolls up one metric of the snapshots, grouped by the keys {@code groups} gives each series
   * (read from its first snapshot). A series is one (platform, account, post) triple; a series may
   * belong to several groups (a post with several tags or content pillars) and is counted in each.
   *
   * @param publishedAt gives the publish instant of a series, or {@code null}; may be {@code null}
   *     itself when no publish time is known
   */
  public <K> RollupResult<K> rollup(
      List<MetricSnapshot> snapshots,
      Metric metric,
      Function<MetricSnapshot, ? extends Collection<? extends K>> groups,
      Function<MetricSnapshot, Instant> publishedAt) {
    Checks.required("metric", metric);
    Checks.required("groups", groups);
    List<MetricSnapshot> list = Checks.list("snapshots", snapshots);
    Map<SeriesKey, Integer> seriesIds = new HashMap<>();
    List<MetricSnapshot> firsts = new ArrayList<>();
    int n = 0;
    for (MetricSnapshot s : list) {
      if (s.values().containsKey(metric)) {
        n++;
      }
    }
    int[] series = new int[n];
    long[] times = new long[n];
    long[] values = new long[n];
    int i = 0;
    for (MetricSnapshot s : list) {
      Long value = s.values().get(metric);
      if (value == null) {
        continue;
      }
      SeriesKey key = new SeriesKey(s.platform().id(), s.accountId().value(), s.externalPostId());
      Integer id = seriesIds.get(key);
      if (id == null) {
        id = firsts.size();
        seriesIds.put(key, id);
        firsts.add(s);
      }
      series[i] = id;
      times[i] = s.capturedAt().getEpochSecond();
      values[i] = value;
      i++;
    }
    // Distinct key sets become combined groups for the kernel, then fan out to each key.
    Map<Set<K>, Integer> combos = new LinkedHashMap<>();
    int[] seriesGroup = new int[firsts.size()];
    long[] published = publishedAt == null ? null : new long[firsts.size()];
    for (int sIndex = 0; sIndex < firsts.size(); sIndex++) {
      MetricSnapshot first = firsts.get(sIndex);
      Collection<? extends K> keys = Objects.requireNonNull(groups.apply(first), "groups returned null");
      Set<K> set = new LinkedHashSet<>(keys);
      Integer combo = combos.get(set);
      if (combo == null) {
        combo = combos.size();
        combos.put(set, combo);
      }
      seriesGroup[sIndex] = combo;
      if (published != null) {
        Instant at = publishedAt.apply(first);
        published[sIndex] = at == null ? Long.MIN_VALUE : at.getEpochSecond();
      }
    }
    RollupTable table = run(SnapshotColumns.of(series, times, values, firsts.size()), seriesGroup,
        Math.max(1, combos.size()), published);
    Map<K, long[]> deltas = new LinkedHashMap<>();
    Map<K, long[]> corrections = new LinkedHashMap<>();
    int buckets = table.periods().size();
    for (Map.Entry<Set<K>, Integer> combo : combos.entrySet()) {
      for (K key : combo.getKey()) {
        long[] d = deltas.computeIfAbsent(key, k -> new long[buckets]);
        long[] c = corrections.computeIfAbsent(key, k -> new long[buckets]);
        for (int p = 0; p < buckets; p++) {
          d[p] += table.delta(combo.getValue(), p);
          c[p] += table.correction(combo.getValue(), p);
        }
      }
    }
    return new RollupResult<>(table.periods(), deltas, corrections);
  }

  /** Convenience for one key per series. */
  public <K> RollupResult<K> rollupBy(
      List<MetricSnapshot> snapshots, Metric metric, Function<MetricSnapshot, ? extends K> group) {
    Checks.required("group", group);
    return rollup(snapshots, metric, s -> List.of(group.apply(s)), null);
  }

  private long[] boundaries(long min, long max, List<LocalDate> periods) {
    if (min > max) {
      return new long[] {0, 1};
    }
    LocalDate start = period.start(Instant.ofEpochSecond(min).atZone(zone).toLocalDate());
    List<Long> bounds = new ArrayList<>();
    LocalDate day = start;
    while (true) {
      long at = day.atStartOfDay(zone).toEpochSecond();
      bounds.add(at);
      if (at > max) {
        break;
      }
      periods.add(day);
      day = period.next(day);
    }
    long[] out = new long[bounds.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = bounds.get(k);
    }
    return out;
  }

  private record SeriesKey(String platform, String account, String post) {}

  /** Builds a {@link DeltaRollup}. */
  public static final class Builder {
    private final ZoneId zone;
    private RollupPeriod period = RollupPeriod.DAY;
    private DecreasePolicy decrease = DecreasePolicy.RESTATE;
    private GapAttribution gaps = GapAttribution.TO_LATER_READING;
    private Attribution attribution = Attribution.ACTIVITY_DATE;
    private boolean countFirstReading = true;

    private Builder(ZoneId zone) {
      this.zone = Checks.required("zone", zone);
    }

    /** The period to group by; default days. */
    public Builder period(RollupPeriod period) {
      this.period = Checks.required("period", period);
      return this;
    }

    /** What to do when a counter goes down; default {@link DecreasePolicy#RESTATE}. */
    public Builder decrease(DecreasePolicy decrease) {
      this.decrease = Checks.required("decrease", decrease);
      return this;
    }

    /** Where deltas across a gap go; default {@link GapAttribution#TO_LATER_READING}. */
    public Builder gaps(GapAttribution gaps) {
      this.gaps = Checks.required("gaps", gaps);
      return this;
    }

    /** Activity date or publish date; default activity date. */
    public Builder attribution(Attribution attribution) {
      this.attribution = Checks.required("attribution", attribution);
      return this;
    }

    /** Whether a series' first reading counts from zero (default) or is only a baseline. */
    public Builder countFirstReading(boolean countFirstReading) {
      this.countFirstReading = countFirstReading;
      return this;
    }

    /** The rollup. */
    public DeltaRollup build() {
      return new DeltaRollup(this);
    }
  }
}
