package dev.chorus.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.schedule.DispatchStore;
import dev.chorus.schedule.InMemoryDispatchStore;
import dev.chorus.schedule.JdbcDispatchStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The scheduler comparison (issue 10): one workload, N tasks all due at the same instant T, run
 * through Chorus (in memory, and on PostgreSQL with one and two nodes), db-scheduler (lock-and-fetch
 * and fetch polling) and Quartz (clustered JDBC job store), the PostgreSQL ones all on one embedded
 * PostgreSQL in the same run. Two tasks: a no-op (for Chorus a connector that only records the
 * completion), and one taking {@code latencyMs} (for Chorus the sandbox connector with that latency,
 * for the peers a sleep).
 *
 * <p>Lateness of a task is, for every engine alike, the instant its body finished (the sandbox
 * accepted the post; the peer's task returned from its sleep) minus T. Executions per second is the
 * tasks finished divided by the time from T to the last completion. Duplicates are completions beyond
 * the first of a task; lost are tasks never finished.
 *
 * <p>Arguments, each {@code name=value}: {@code n} (1000), {@code latencyMs} (50), {@code workers}
 * threads per node for every engine (1000), {@code batch} Chorus claim size (100: claims of a tenth
 * of the workers keep the pipeline full, where claims of all 1000 at once ran in waves), {@code pollMs}
 * polling interval of Chorus and db-scheduler (100), {@code poolSize} connections per node for every
 * engine (40), {@code warmup} tasks of each unreported warm-up round (N; 0: none), {@code warmupRounds}
 * the most warm-up rounds of each engine and task (6) and {@code quietJitMs} (800): warm-up stops
 * after the first round, from the second on, in which the JIT compiler worked less than that, so every engine is measured
 * at its steady state, as a node that has run for a while (each then also starts its measured run
 * with an idle compiler), {@code leadMs} time from scheduling to T (default 3 s plus 1.5 times the
 * scheduling time per task measured in the scenario's warm-up times N, or 3 s + 2 ms x N without a
 * warm-up: every engine must have scheduled all N and started by T, or the run says so), {@code tasks} ({@code noop,sleep}),
 * {@code scenarios} ({@code memory,pg1,pg2,dbs-lock1,dbs-lock2,dbs-fetch1,dbs-fetch2,quartz1,quartz2}) and
 * {@code timeoutS} (300): how long after T a scenario may run; tasks not finished by then count as lost.
 * {@code runs} (3): measured runs of each engine and task; the table reports the median run by
 * executions per second with the range over all runs, and duplicates and lost tasks over all runs.
 * Each run prints the JIT compile time during it and its completions per 100 ms after T.
 */
public final class SchedulerComparison {

  private static final String ALL = "memory,pg1,pg2,dbs-lock1,dbs-lock2,dbs-fetch1,dbs-fetch2,quartz1,quartz2";
  private static final Duration P99_TARGET = Duration.ofSeconds(2);

  private final Map<String, String> options;
  /** Scheduling time per task measured in each scenario's warm-up, in nanoseconds. */
  private final Map<String, Double> schedulingNanosPerTask = new HashMap<>();

  private SchedulerComparison(Map<String, String> options) {
    this.options = options;
  }

  /** Runs the scenarios named by the arguments and prints the table. */
  public static void main(String[] args) throws Exception {
    new SchedulerComparison(Args.parse(args)).run();
    System.exit(0);
  }

  private int intOption(String name, int fallback) {
    return Args.intOption(options, name, fallback);
  }

  private List<String> listOption(String name, String fallback) {
    return Arrays.asList(options.getOrDefault(name, fallback).split(","));
  }

  private void run() throws Exception {
    int n = intOption("n", 1000);
    int workers = intOption("workers", 1000);
    int warmup = intOption("warmup", n);
    int warmupRounds = intOption("warmupRounds", 6);
    long quietJitMs = intOption("quietJitMs", 800);
    int runs = intOption("runs", 3);
    List<String> tasks = listOption("tasks", "noop,sleep");
    List<String> scenarios = listOption("scenarios", ALL);
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "%s; %d cores, Java %s, %s %s; max heap %d MB%n", LocalDate.now(Clock.systemUTC()),
        rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"), rt.maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "N = %d; %d threads per node for every engine; %d connections per node;"
        + " poll %d ms; sleep task %d ms%n%n", n, workers, intOption("poolSize", 40), intOption("pollMs", 100),
        intOption("latencyMs", 50));
    List<Row> rows = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start()) {
      DataSource database = postgres.getPostgresDatabase();
      for (String task : tasks) {
        Duration latency = Duration.ofMillis(task.equals("noop") ? 0 : intOption("latencyMs", 50));
        for (String scenario : scenarios) {
          // Unreported rounds until the JIT compiler is (nearly) done with this engine and task: a
          // scheduler node runs for days, so its steady state is what the comparison is about.
          for (int round = 1; warmup > 0 && round <= warmupRounds; round++) {
            Row warm = runScenario(database, scenario, task, latency, warmup, workers);
            if (round >= 2 && warm.jitMillis() < quietJitMs) {
              break;
            }
          }
          // Several measured runs, each started with the compiler idle; the median one is reported,
          // with the range, so one lucky or unlucky run on a shared 2-core machine decides nothing.
          List<Row> measured = new ArrayList<>();
          for (int run = 0; run < runs; run++) {
            System.out.println("  compiler quiet after " + Args.awaitQuietCompiler(60) + " ms");
            measured.add(runScenario(database, scenario, task, latency, n, workers));
          }
          rows.add(median(measured));
        }
      }
    }
    System.out.println();
    printTable(rows);
    System.out.println();
    printGoal(rows, tasks);
  }

  private Row runScenario(DataSource database, String scenario, String task, Duration latency, int n, int workers)
      throws Exception {
    int nodes = scenario.equals("memory") ? 1 : Integer.parseInt(scenario.substring(scenario.length() - 1));
    emptyTables(database);
    List<HikariDataSource> pools = new ArrayList<>();
    List<DispatchStore> stores = new ArrayList<>();
    try {
      if (!scenario.equals("memory")) {
        for (int i = 0; i < nodes; i++) {
          pools.add(pool(database, scenario + "-" + (i + 1)));
        }
      }
      Duration poll = Duration.ofMillis(intOption("pollMs", 100));
      TaskBody body = new TaskBody(latency, Clock.systemUTC());
      Contender contender;
      String engine;
      if (scenario.equals("memory")) {
        stores.add(new InMemoryDispatchStore(Clock.systemUTC()));
        contender = new ChorusContender(stores, latency, body, workers, intOption("batch", 100), poll);
        engine = "Chorus in memory";
      } else if (scenario.startsWith("pg")) {
        pools.forEach(p -> stores.add(new JdbcDispatchStore(p)));
        contender = new ChorusContender(stores, latency, body, workers, intOption("batch", 100), poll);
        engine = "Chorus PostgreSQL";
      } else if (scenario.startsWith("dbs-")) {
        boolean lock = scenario.startsWith("dbs-lock");
        contender = new DbSchedulerContender(List.copyOf(pools), lock ? DbSchedulerContender.Polling.LOCK_AND_FETCH
            : DbSchedulerContender.Polling.FETCH, body, workers, poll);
        engine = lock ? "db-scheduler lock-and-fetch" : "db-scheduler fetch";
      } else if (scenario.startsWith("quartz")) {
        contender = new QuartzContender(List.copyOf(pools), body, workers);
        engine = "Quartz JDBC clustered";
      } else {
        throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + ALL);
      }
      return measure(contender, engine, scenario, task, n, nodes, workers, latency);
    } finally {
      stores.forEach(DispatchStore::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  private Row measure(Contender contender, String engine, String scenario, String task, int n, int nodes,
      int workers, Duration latency) throws Exception {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("task-" + i);
    }
    Clock clock = Clock.systemUTC();
    Double measured = schedulingNanosPerTask.get(scenario);
    long lead = measured == null ? 3000 + 2L * n : 3000 + (long) (1.5 * measured * n / 1e6);
    Instant due = clock.instant().plusMillis(options.containsKey("leadMs") ? intOption("leadMs", 0) : lead);
    long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    try (contender) {
      long before = System.nanoTime();
      contender.schedule(ids, due);
      schedulingNanosPerTask.put(scenario, (System.nanoTime() - before) / (double) n);
      contender.start();
      Instant started = clock.instant();
      System.out.printf(Locale.ROOT, "%s (%s), %s, N = %d: scheduled in %.0f ms, started %d ms before T%n", engine,
          scenario, task, n, schedulingNanosPerTask.get(scenario) * n / 1e6, Duration.between(started, due).toMillis());
      if (started.isAfter(due)) {
        System.out.println("  WARNING: scheduling overran T; lateness below includes that delay");
      }
      Instant deadline = due.plus(Duration.ofSeconds(intOption("timeoutS", 300)));
      while (contender.finished() < n && clock.instant().isBefore(deadline)) {
        Thread.sleep(20);
      }
      // A short grace period, so that a second run of a task in flight is counted as a duplicate.
      Thread.sleep(300);
    }
    Completions.Summary s = contender.completions().summarize(ids, due);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
    System.out.printf(Locale.ROOT, "  %.0f/s, p50 %s, p99 %s, duplicates %d, lost %d; load average %.1f;"
        + " JIT compiling %d ms during the run%n", s.perSecond(), ms(s.p50()), ms(s.p99()), s.duplicates(), s.lost(),
        load, jitMillis);
    System.out.println("  completions per 100 ms after T: " + contender.completions().timeline(due, 100));
    return new Row(task, scenario, engine, nodes, workers, n, s, load, jitMillis, s.perSecond(), s.perSecond());
  }

  private HikariDataSource pool(DataSource database, String name) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setPoolName("compare-" + name);
    config.setMaximumPoolSize(intOption("poolSize", 40));
    config.setMinimumIdle(intOption("poolSize", 40));
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
  }

  /** Empties every engine's tables, creating the peers' tables first if missing. */
  private static void emptyTables(DataSource database) throws Exception {
    DbSchedulerContender.prepare(database);
    QuartzContender.prepare(database);
    try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
      st.execute("DO $$ BEGIN IF to_regclass('chorus_dispatch') IS NOT NULL THEN"
          + " TRUNCATE chorus_dispatch, chorus_outbox; END IF; END $$");
      // Every run starts right after a checkpoint, so none falls inside a run (PostgreSQL's own
      // come every 5 minutes, or per 1 GB of WAL): without this, whichever engine a checkpoint
      // happened to hit paid for its writes and the full-page images after it.
      st.execute("CHECKPOINT");
    }
  }

  private record Row(String task, String scenario, String engine, int nodes, int workers, int n,
      Completions.Summary summary, double load, long jitMillis, double lowest, double highest) {

    boolean chorus() {
      return engine.startsWith("Chorus");
    }
  }

  /** The run with the median executions per second, carrying the lowest and highest of all runs. */
  private static Row median(List<Row> runs) {
    List<Row> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(r -> r.summary().perSecond()));
    Row m = sorted.get(sorted.size() / 2);
    // Duplicates and lost tasks are counted over every run, not only the median one.
    Completions.Summary s = m.summary();
    Completions.Summary all = new Completions.Summary(s.perSecond(), s.p50(), s.p99(), s.max(),
        runs.stream().mapToInt(r -> r.summary().duplicates()).sum(), runs.stream().mapToInt(r -> r.summary().lost()).sum());
    return new Row(m.task(), m.scenario(), m.engine(), m.nodes(), m.workers(), m.n(), all, m.load(),
        m.jitMillis(), sorted.get(0).summary().perSecond(), sorted.get(sorted.size() - 1).summary().perSecond());
  }

  private static String ms(long micros) {
    return micros < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
  }

  private static String ratio(double a, double b) {
    return Double.isFinite(a) && Double.isFinite(b) && b > 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "-";
  }

  /** Chorus on PostgreSQL with the same task and node count as {@code peer}, if it ran. */
  private static Row chorusFor(List<Row> rows, Row peer) {
    return rows.stream().filter(r -> r.task().equals(peer.task()) && r.scenario().equals("pg" + peer.nodes()))
        .findFirst().orElse(null);
  }

  private static void printTable(List<Row> rows) {
    String format = "| %-5s | %-27s | %5s | %7s | %6s | %12s | %13s | %8s | %8s | %8s | %4s | %4s | %4s | %10s | %10s |%n";
    System.out.println("The median of the measured runs of each engine (executions/s), with the range over all runs;"
        + " dup and lost over all runs.");
    System.out.println("Ratios: Chorus on PostgreSQL with the same node count and task divided by the peer"
        + " (executions/s: above 1 is Chorus faster; p99: below 1 is Chorus less late).");
    System.out.printf(Locale.ROOT, format, "task", "engine", "nodes", "threads", "N", "executions/s", "range", "p50",
        "p99", "max", "dup", "lost", "load", "Chorus x/s", "Chorus p99");
    System.out.printf(Locale.ROOT, format, "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:",
        "---:", "---:", "---:", "---:", "---:");
    for (Row r : rows) {
      Completions.Summary s = r.summary();
      Row chorus = r.chorus() ? null : chorusFor(rows, r);
      System.out.printf(Locale.ROOT, format, r.task(), r.engine(), r.nodes(), r.workers() + "x" + r.nodes(), r.n(),
          String.format(Locale.ROOT, "%.0f", s.perSecond()),
          String.format(Locale.ROOT, "%.0f-%.0f", r.lowest(), r.highest()), ms(s.p50()), ms(s.p99()), ms(s.max()), s.duplicates(),
          s.lost(), String.format(Locale.ROOT, "%.1f", r.load()),
          chorus == null ? "" : ratio(chorus.summary().perSecond(), s.perSecond()),
          chorus == null ? "" : ratio(chorus.summary().p99(), s.p99()));
    }
  }

  /** The goal: Chorus on PostgreSQL at least 1.5 times the best peer, and its p99 at most 2 s. */
  private static void printGoal(List<Row> rows, List<String> tasks) {
    for (String task : tasks) {
      Row best = rows.stream().filter(r -> r.task().equals(task) && !r.chorus())
          .max((a, b) -> Double.compare(a.summary().perSecond(), b.summary().perSecond())).orElse(null);
      for (Row r : rows) {
        if (!r.task().equals(task) || !r.scenario().startsWith("pg")) {
          continue;
        }
        double times = best == null ? Double.NaN : r.summary().perSecond() / best.summary().perSecond();
        boolean met = times >= 1.5 && r.summary().p99() >= 0 && r.summary().p99() <= P99_TARGET.toNanos() / 1000
            && r.summary().duplicates() == 0 && r.summary().lost() == 0;
        System.out.printf(Locale.ROOT, "Goal, %s, Chorus PostgreSQL %d node(s): %s x the best peer (%s, %.0f/s),"
            + " p99 %s: %s%n", task, r.nodes(), ratio(r.summary().perSecond(), best == null ? Double.NaN
            : best.summary().perSecond()), best == null ? "none" : best.engine() + " " + best.nodes(),
            best == null ? Double.NaN : best.summary().perSecond(), ms(r.summary().p99()),
            best == null ? "no peer ran" : met ? "MET" : "NOT MET");
      }
    }
  }
}
