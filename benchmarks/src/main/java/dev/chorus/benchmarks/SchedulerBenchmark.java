package dev.chorus.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.ConnectorResolver;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchRequest;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.DispatchStore;
import dev.chorus.schedule.Dispatcher;
import dev.chorus.schedule.InMemoryDispatchStore;
import dev.chorus.schedule.JdbcDispatchStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * The scheduling engine's burst benchmark (issue 4): N targets due at the same instant T on a
 * sandbox platform taking a fixed latency per call, dispatched in memory by one node and on
 * embedded PostgreSQL by one and by two nodes. Prints one table row per scenario: lateness
 * percentiles, throughput, duplicates and lost targets, against the targets (p99 lateness at most
 * 1 s in memory, 2 s on PostgreSQL).
 *
 * <p>Lateness of a target is the instant the sandbox accepted its post (the {@code createdAt} it
 * recorded on the real system clock, after the call's latency) minus T; it therefore includes the
 * poll delay, the claim, the store writes and one call's latency. Throughput is N divided by the
 * time between the first and the last accepted post.
 *
 * <p>Arguments, each {@code name=value}: {@code n} (10000), {@code pgN} (n), {@code latencyMs} (50),
 * {@code workers} per node (1000), {@code claimers} per node (1), {@code batch} (1000), {@code pollMs} (100), {@code poolSize} per
 * node (40), {@code warmup} (5000; an unreported run of each scenario first, so the measured burst
 * runs on compiled code rather than timing the JIT), {@code scenarios}
 * ({@code memory,pg1,pg2}).
 */
public final class SchedulerBenchmark {

  private static final WorkspaceId WORKSPACE = WorkspaceId.of("bench");
  private static final int ACCOUNTS = 100;

  private final Map<String, String> options;

  private SchedulerBenchmark(Map<String, String> options) {
    this.options = options;
  }

  /** Runs the scenarios named by the arguments and prints the table. */
  public static void main(String[] args) throws Exception {
    new SchedulerBenchmark(Args.parse(args)).run();
    System.exit(0);
  }

  private int intOption(String name, int fallback) {
    return Args.intOption(options, name, fallback);
  }

  private void run() throws Exception {
    int n = intOption("n", 10_000);
    int pgN = intOption("pgN", n);
    Duration latency = Duration.ofMillis(intOption("latencyMs", 50));
    int workers = intOption("workers", 1000);
    int warmup = intOption("warmup", 5000);
    List<String> scenarios = Arrays.asList(options.getOrDefault("scenarios", "memory,pg1,pg2").split(","));
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, %s %s; max heap %d MB%n", rt.availableProcessors(),
        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
        rt.maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "Sandbox latency %d ms per call; %d workers per node, %d claimers, batch %d, poll %d ms%n%n",
        latency.toMillis(), workers, intOption("claimers", 1), intOption("batch", 1000), intOption("pollMs", 100));

    List<Row> rows = new ArrayList<>();
    int rounds = intOption("warmupRounds", 2);
    for (int round = 0; warmup > 0 && round < rounds && scenarios.contains("memory"); round++) {
      System.out.println("Warm-up (not reported): in memory, N = " + warmup);
      runScenario("warm-up", warmup, 1, workers, latency, nodes -> List.of(new InMemoryDispatchStore(Clock.systemUTC())),
          Duration.ofSeconds(1));
      System.out.println("  compiler quiet after " + Args.awaitQuietCompiler(60) + " ms");
    }
    if (scenarios.contains("memory")) {
      InMemoryDispatchStore store = new InMemoryDispatchStore(Clock.systemUTC());
      rows.add(runScenario("in-memory", n, 1, workers, latency, nodes -> List.of(store), Duration.ofSeconds(1)));
    }
    if (scenarios.contains("pg1") || scenarios.contains("pg2")) {
      try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start()) {
        for (int nodes : new int[] {1, 2}) {
          if (!scenarios.contains("pg" + nodes)) {
            continue;
          }
          for (int round = 0; warmup > 0 && round < rounds; round++) {
            System.out.println("Warm-up (not reported): postgresql, " + nodes + " node(s), N = " + warmup);
            runPostgres(postgres, "warm-up", warmup, nodes, workers, latency);
            System.out.println("  compiler quiet after " + Args.awaitQuietCompiler(60) + " ms");
          }
          rows.add(runPostgres(postgres, "postgresql", pgN, nodes, workers, latency));
        }
      }
    }
    System.out.println();
    printTable(rows);
  }

  /** One PostgreSQL scenario on fresh pools; prints the table's counters and empties it afterwards. */
  private Row runPostgres(EmbeddedPostgres postgres, String name, int n, int nodes, int workers, Duration latency)
      throws Exception {
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      return runScenario(name, n, nodes, workers, latency, count -> {
        List<DispatchStore> stores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          HikariDataSource pool = pool(postgres.getPostgresDatabase(), "node-" + (i + 1));
          pools.add(pool);
          stores.add(new JdbcDispatchStore(pool));
        }
        return stores;
      }, Duration.ofSeconds(2));
    } finally {
      pools.forEach(HikariDataSource::close);
      printTableStatistics(postgres.getPostgresDatabase());
      truncate(postgres.getPostgresDatabase());
    }
  }

  private HikariDataSource pool(DataSource database, String name) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(database);
    config.setPoolName("bench-" + name);
    config.setMaximumPoolSize(intOption("poolSize", 40));
    config.setMinimumIdle(intOption("poolSize", 40));
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
  }

  /**
   * Prints PostgreSQL's counters for the dispatch table since the last truncate: rows updated, how
   * many of those were heap-only (no index entry written) and the index scans; the nodes' pools are
   * closed by then, so their backends have flushed their counters.
   */
  private static void printTableStatistics(DataSource database) throws java.sql.SQLException {
    try (java.sql.Connection c = database.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT n_tup_upd, n_tup_hot_upd, idx_scan FROM pg_stat_user_tables"
            + " WHERE relname = 'chorus_dispatch'")) {
      if (rs.next()) {
        System.out.printf(Locale.ROOT, "  chorus_dispatch: %d rows updated, %d of them heap-only; %d index scans%n",
            rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
    try (java.sql.Connection c = database.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_reset()");
    }
  }

  private static void truncate(DataSource database) throws java.sql.SQLException {
    try (java.sql.Connection c = database.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("TRUNCATE chorus_dispatch, chorus_outbox");
    }
  }

  @FunctionalInterface
  private interface Stores {
    List<DispatchStore> open(int nodes) throws Exception;
  }

  private Row runScenario(String name, int n, int nodes, int workers, Duration latency, Stores stores,
      Duration target) throws Exception {
    Clock clock = Clock.systemUTC();
    SandboxPlatform platform = SandboxPlatform.builder(clock).latency(latency).build();
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build();
    Connector connector = ConnectorRegistry.create(new SandboxConnectorProvider(), context,
        Map.of(SandboxConnectorProvider.API_KEY, "bench-key"));
    Map<AccountId, SocialAccount> accounts = new HashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      AccountId id = AccountId.of("acc-" + i);
      accounts.put(id, new SocialAccount(id, WORKSPACE, Platform.SANDBOX, "@bench" + i, "bench-" + i,
          ZoneOffset.UTC, CredentialsRef.of("cred-" + i)));
    }
    ConnectorResolver resolver = d -> Optional.of(new ConnectorResolver.Resolved(connector,
        PublishRequest.text(accounts.get(d.key().account()), d.idempotencyKey(), "Benchmark post " + d.key().post())));

    List<DispatchStore> nodeStores = stores.open(nodes);
    List<DispatchKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(DispatchKey.once(WORKSPACE, PostId.of("post-" + i), AccountId.of("acc-" + (i % ACCOUNTS))));
    }
    boolean jdbc = nodeStores.get(0) instanceof JdbcDispatchStore;
    // Time to schedule every target before T: generous on PostgreSQL, where each schedule is a transaction.
    Duration lead = jdbc ? Duration.ofMillis(3000 + n / 2L) : Duration.ofMillis(1500 + n / 10);
    Instant due = clock.instant().plus(lead);
    long scheduleStart = System.nanoTime();
    scheduleAll(nodeStores.get(0), keys, due);
    Duration scheduling = Duration.ofNanos(System.nanoTime() - scheduleStart);

    List<Dispatcher> dispatchers = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      dispatchers.add(Dispatcher.builder(nodeStores.get(i), resolver)
          .nodeId(name + "-" + (i + 1))
          .workers(workers)
          .claimers(intOption("claimers", 1))
          .batchSize(intOption("batch", 1000))
          .pollInterval(Duration.ofMillis(intOption("pollMs", 100)))
          .build());
    }
    Instant started = clock.instant();
    long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    dispatchers.forEach(Dispatcher::start);
    System.out.printf(Locale.ROOT, "%s, %d node(s), N = %d: scheduled in %d ms; dispatchers started %d ms before T%n",
        name, nodes, n, scheduling.toMillis(), Duration.between(started, due).toMillis());
    if (started.isAfter(due)) {
      System.out.println("  WARNING: scheduling overran T; lateness below includes that delay");
    }

    // Wait until every target is on the platform, or a generous deadline.
    Instant deadline = due.plus(Duration.ofSeconds(60)).plus(latency.multipliedBy(Math.max(1, n / workers) * 4L));
    while (platform.publicationCount() < n && clock.instant().isBefore(deadline)) {
      Thread.sleep(20);
    }
    dispatchers.forEach(Dispatcher::close);
    long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;

    List<SandboxPost> posts = platform.publications();
    Map<String, List<SandboxPost>> byKey = new LinkedHashMap<>();
    for (SandboxPost post : posts) {
      byKey.computeIfAbsent(post.idempotencyKey(), k -> new ArrayList<>()).add(post);
    }
    int duplicates = 0;
    int lost = 0;
    List<Long> lateness = new ArrayList<>(n);
    Instant first = null;
    Instant last = null;
    for (DispatchKey key : keys) {
      List<SandboxPost> found = byKey.getOrDefault(key.idempotencyKey(), List.of());
      if (found.isEmpty()) {
        lost++;
        continue;
      }
      duplicates += found.size() - 1;
      Instant at = found.get(0).createdAt();
      lateness.add(Duration.between(due, at).toNanos() / 1000);
      first = first == null || at.isBefore(first) ? at : first;
      last = last == null || at.isAfter(last) ? at : last;
    }
    int recorded = countPublished(nodeStores.get(0), keys);
    if (jdbc) {
      nodeStores.forEach(DispatchStore::close);
    }
    long[] sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
    double seconds = first == null || last == null || !last.isAfter(first) ? Double.NaN
        : Duration.between(first, last).toNanos() / 1e9;
    Row row = new Row(name, n, nodes, workers, lateness.size() / seconds, percentile(sorted, 50),
        percentile(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1], duplicates, lost, recorded,
        target);
    System.out.printf(Locale.ROOT, "  published %d, recorded PUBLISHED in the store %d, duplicates %d, lost %d;"
        + " JIT compiling %d ms while dispatching; load average %.1f%n", posts.size(), recorded, duplicates, lost,
        jitMillis,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return row;
  }

  private static void scheduleAll(DispatchStore store, List<DispatchKey> keys, Instant due) throws Exception {
    int threads = store instanceof JdbcDispatchStore ? 8 : 1;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          for (int i = offset; i < keys.size(); i += threads) {
            store.schedule(DispatchRequest.of(keys.get(i), due));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static int countPublished(DispatchStore store, List<DispatchKey> keys) {
    int published = 0;
    for (DispatchKey key : keys) {
      Optional<DispatchRecord> record = store.find(key);
      if (record.isPresent() && record.get().state() == DispatchState.PUBLISHED) {
        published++;
      }
    }
    return published;
  }

  /** Nearest-rank percentile in microseconds, or -1 when empty. */
  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private record Row(String scenario, int n, int nodes, int workers, double perSecond, long p50, long p99, long max,
      int duplicates, int lost, int recorded, Duration target) {

    boolean pass() {
      return lost == 0 && duplicates == 0 && p99 >= 0 && p99 <= target.toNanos() / 1000;
    }
  }

  private static String ms(long micros) {
    return micros < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", micros / 1000.0);
  }

  private static void printTable(List<Row> rows) {
    String format = "| %-10s | %6s | %5s | %7s | %12s | %8s | %8s | %8s | %10s | %4s | %8s | %-14s |%n";
    System.out.printf(Locale.ROOT, format, "scenario", "N", "nodes", "workers", "executions/s", "p50", "p99", "max",
        "duplicates", "lost", "recorded", "target p99");
    System.out.printf(Locale.ROOT, format, "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:",
        "---:", "---:", "---");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, format, r.scenario(), r.n(), r.nodes(), r.workers() + "x" + r.nodes(),
          String.format(Locale.ROOT, "%.0f", r.perSecond()), ms(r.p50()), ms(r.p99()), ms(r.max()), r.duplicates(),
          r.lost(), r.recorded(), "<= " + r.target().toSeconds() + " s " + (r.pass() ? "PASS" : "FAIL"));
    }
  }
}
