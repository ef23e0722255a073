package dev.chorus.benchmarks;

import dev.chorus.analytics.DeltaRollup;
import dev.chorus.analytics.RollupTable;
import dev.chorus.analytics.SnapshotColumns;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Rolls up 10 million lifetime-counter snapshots into per-campaign, per-day deltas with {@link
 * DeltaRollup} on one thread, then does the same aggregation in SQL with DuckDB (a window {@code
 * LAG} per series and a {@code GROUP BY} campaign and day), checks that both give the same numbers
 * and prints snapshots per second and the ratio.
 *
 * <p>A careful harness rather than JMH: the work is one long call, so each run is timed with
 * {@link System#nanoTime()} after warm-up runs, and the median and best of the measured runs are
 * reported. Run: {@code java -Xmx6g -cp ... dev.chorus.benchmarks.RollupBenchmark [snapshots] [posts]}.
 */
public final class RollupBenchmark {

  private static final long START = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
  private static final int CAMPAIGNS = 500;
  private static final int WARMUP = 5;
  private static final int RUNS = 10;
  private static final int SQL_WARMUP = 2;
  private static final int SQL_RUNS = 5;

  private RollupBenchmark() {}

  /** Generated readings: series by series, each in time order, every ~2 h, mostly growing. */
  private record Data(int[] series, long[] time, long[] value, int[] campaignOfSeries, int seriesCount) {}

  /**
   * Runs the benchmark.
   *
   * @param args optional: the number of snapshots (10,000,000) and of posts (100,000)
   */
  public static void main(String[] args) throws SQLException {
    int snapshots = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int posts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Data data = generate(snapshots, posts);
    System.out.printf(Locale.ROOT, "Rollup of %,d snapshots (%,d posts, %d campaigns) into per-campaign, per-day deltas%n",
        snapshots, posts, CAMPAIGNS);
    System.out.printf(Locale.ROOT, "JVM %s, %d available processors%n%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors());

    long[] columnsNs = new long[3];
    SnapshotColumns columns = null;
    for (int i = 0; i < columnsNs.length; i++) {
      long t0 = System.nanoTime();
      columns = SnapshotColumns.of(data.series, data.time, data.value, data.seriesCount);
      columnsNs[i] = System.nanoTime() - t0;
    }
    DeltaRollup rollup = DeltaRollup.builder(ZoneOffset.UTC).build();
    RollupTable table = null;
    for (int i = 0; i < WARMUP; i++) {
      table = rollup.run(columns, data.campaignOfSeries, CAMPAIGNS, null);
    }
    long[] rollupNs = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      table = rollup.run(columns, data.campaignOfSeries, CAMPAIGNS, null);
      rollupNs[i] = System.nanoTime() - t0;
    }

    long[] duck1 = new long[SQL_RUNS];
    long[] duckN = new long[SQL_RUNS];
    Map<Long, Long> sqlCells;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      long loadNs = load(c, data);
      System.out.printf(Locale.ROOT, "DuckDB load (appender, not timed below): %.2f s%n%n", loadNs / 1e9);
      sqlCells = timeSql(c, 1, duck1);
      timeSql(c, Runtime.getRuntime().availableProcessors(), duckN);
    }
    int mismatches = compare(table, sqlCells);

    System.out.println("| Engine | threads | median ms | best ms | snapshots/s (median) |");
    System.out.println("|---|---|---|---|---|");
    row("SnapshotColumns.of (validate, copy; input already sorted)", 1, columnsNs, snapshots);
    row("DeltaRollup.run", 1, rollupNs, snapshots);
    row("DuckDB SQL (LAG + GROUP BY)", 1, duck1, snapshots);
    row("DuckDB SQL (LAG + GROUP BY)", Runtime.getRuntime().availableProcessors(), duckN, snapshots);
    System.out.println();
    System.out.printf(Locale.ROOT, "DeltaRollup vs DuckDB, one thread each: %.1fx faster%n",
        (double) median(duck1) / median(rollupNs));
    System.out.printf(Locale.ROOT, "DeltaRollup (1 thread) vs DuckDB (%d threads): %.1fx faster%n",
        Runtime.getRuntime().availableProcessors(), (double) median(duckN) / median(rollupNs));
    System.out.printf(Locale.ROOT, "Cells compared: %,d campaign-days, mismatches: %d%n", sqlCells.size(), mismatches);
    if (mismatches != 0) {
      throw new IllegalStateException("DeltaRollup and DuckDB disagree on " + mismatches + " cells");
    }
  }

  private static Data generate(int snapshots, int posts) {
    SplittableRandom random = new SplittableRandom(42);
    int[] series = new int[snapshots];
    long[] time = new long[snapshots];
    long[] value = new long[snapshots];
    int perPost = snapshots / posts;
    int extra = snapshots % posts;
    int i = 0;
    for (int p = 0; p < posts; p++) {
      int readings = perPost + (p < extra ? 1 : 0);
      long t = START + random.nextLong(30L * 86_400);
      long v = 0;
      for (int r = 0; r < readings; r++) {
        t += 3_600 + random.nextInt(7_200);
        v = random.nextInt(100) == 0 ? Math.max(0, v - random.nextInt(10)) : v + random.nextInt(50);
        series[i] = p;
        time[i] = t;
        value[i] = v;
        i++;
      }
    }
    int[] campaign = new int[posts];
    for (int p = 0; p < posts; p++) {
      campaign[p] = p % CAMPAIGNS;
    }
    return new Data(series, time, value, campaign, posts);
  }

  private static long load(Connection c, Data data) throws SQLException {
    long t0 = System.nanoTime();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE snaps (series INTEGER, campaign INTEGER, ts BIGINT, value BIGINT)");
    }
    try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "snaps")) {
      for (int i = 0; i < data.series.length; i++) {
        appender.beginRow().append(data.series[i]).append(data.campaignOfSeries[data.series[i]])
            .append(data.time[i]).append(data.value[i]).endRow();
      }
    }
    return System.nanoTime() - t0;
  }

  private static final String SQL = "SELECT campaign, day, SUM(delta) FROM ("
      + " SELECT campaign, ts // 86400 AS day,"
      + "   value - COALESCE(LAG(value) OVER (PARTITION BY series ORDER BY ts), 0) AS delta"
      + " FROM snaps) GROUP BY campaign, day";

  private static Map<Long, Long> timeSql(Connection c, int threads, long[] out) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET threads TO " + threads);
    }
    Map<Long, Long> cells = null;
    for (int i = 0; i < SQL_WARMUP + out.length; i++) {
      long t0 = System.nanoTime();
      cells = new HashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
        while (rs.next()) {
          cells.put(rs.getLong(1) * 1_000_000L + rs.getLong(2), rs.getLong(3));
        }
      }
      if (i >= SQL_WARMUP) {
        out[i - SQL_WARMUP] = System.nanoTime() - t0;
      }
    }
    return cells;
  }

  /** Every DuckDB cell must equal the rollup's, and every non-zero rollup cell must be in DuckDB. */
  private static int compare(RollupTable table, Map<Long, Long> sql) {
    int mismatches = 0;
    int nonZero = 0;
    for (int g = 0; g < table.groups(); g++) {
      for (int p = 0; p < table.periods().size(); p++) {
        LocalDate day = table.periods().get(p);
        long ours = table.delta(g, p);
        Long theirs = sql.get(g * 1_000_000L + day.toEpochDay());
        if (ours != 0) {
          nonZero++;
        }
        if ((theirs == null && ours != 0) || (theirs != null && theirs != ours)) {
          mismatches++;
        }
      }
    }
    if (nonZero > sql.size()) {
      mismatches += nonZero - sql.size();
    }
    return mismatches;
  }

  private static void row(String engine, int threads, long[] ns, int snapshots) {
    long median = median(ns);
    long best = Arrays.stream(ns).min().orElseThrow();
    System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %,.0f |%n", engine, threads, median / 1e6, best / 1e6,
        snapshots / (median / 1e9));
  }

  private static long median(long[] ns) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
