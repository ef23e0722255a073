package dev.chorus.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz in the comparison: one clustered scheduler per data source (one pool per node) with the
 * JDBC {@link JobStoreTX} and the {@link PostgreSQLDelegate}, a thread pool the size of a Chorus
 * node's workers, and batch trigger acquisition (up to one trigger per thread, acquired within the
 * lock), as Quartz's configuration documentation recommends when many triggers fire at once. Each
 * task is a non-durable job with one simple trigger; Quartz deletes both after the job ran.
 */
final class QuartzContender implements Contender {

  private static final String NAME = "compare";
  private static final String GROUP = "compare";
  private static final int SCHEDULE_BATCH = 500;
  private static final String[] TABLES = {"qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state",
      "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_triggers",
      "qrtz_job_details", "qrtz_calendars"};

  private final TaskBody body;
  private final List<Scheduler> schedulers = new ArrayList<>();

  QuartzContender(List<DataSource> nodes, TaskBody body, int threads) throws SchedulerException {
    this.body = body;
    for (int i = 0; i < nodes.size(); i++) {
      String dataSource = "compare-ds-" + (i + 1);
      DataSource pool = nodes.get(i);
      DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
        @Override
        public Connection getConnection() throws SQLException {
          return pool.getConnection();
        }

        @Override
        public void shutdown() {
          // The pool belongs to the benchmark.
        }

        @Override
        public void initialize() {
          // Nothing to set up.
        }
      });
      Properties p = new Properties();
      p.setProperty("org.quartz.scheduler.instanceName", NAME);
      p.setProperty("org.quartz.scheduler.instanceId", "quartz-" + (i + 1));
      p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
      p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
      p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
      p.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
      p.setProperty("org.quartz.jobStore.dataSource", dataSource);
      p.setProperty("org.quartz.jobStore.isClustered", "true");
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.setJobFactory((bundle, owner) -> new CompareJob(body));
      // Quartz keeps one scheduler per name in a JVM-wide repository; the nodes of a cluster share the
      // name, so each is taken out of the repository to let the next one be created.
      SchedulerRepository.getInstance().remove(NAME);
      schedulers.add(scheduler);
    }
  }

  /** Creates Quartz's tables from the {@code tables_postgres.sql} shipped in its jar if missing, and empties them. */
  static void prepare(DataSource database) throws IOException, SQLException {
    try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
      boolean exists;
      try (var rs = c.getMetaData().getTables(null, null, "qrtz_triggers", null)) {
        exists = rs.next();
      }
      if (!exists) {
        String script;
        try (InputStream in = JobStoreTX.class.getResourceAsStream("tables_postgres.sql")) {
          if (in == null) {
            throw new IOException("tables_postgres.sql is missing from the Quartz jar");
          }
          script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
          if (!line.strip().startsWith("--")) {
            code.append(line).append('\n');
          }
        }
        for (String sql : code.toString().split(";")) {
          if (!sql.isBlank() && !sql.strip().equalsIgnoreCase("commit")) {
            st.execute(sql);
          }
        }
      }
      st.execute("TRUNCATE " + String.join(", ", TABLES));
    }
  }

  @Override
  public void schedule(List<String> ids, Instant due) throws Exception {
    Date at = Date.from(due);
    List<Map<JobDetail, Set<? extends Trigger>>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += SCHEDULE_BATCH) {
      Map<JobDetail, Set<? extends Trigger>> chunk = new HashMap<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + SCHEDULE_BATCH))) {
        JobDetail job = JobBuilder.newJob(CompareJob.class).withIdentity(id, GROUP).build();
        chunk.put(job, Set.of(TriggerBuilder.newTrigger().withIdentity(id, GROUP).startAt(at).forJob(job).build()));
      }
      chunks.add(chunk);
    }
    Scheduler client = schedulers.get(0);
    Parallel.forEach(chunks, 4, chunk -> client.scheduleJobs(chunk, false));
  }

  @Override
  public void start() throws SchedulerException {
    for (Scheduler scheduler : schedulers) {
      scheduler.start();
    }
  }

  @Override
  public int finished() {
    return body.completions().distinct();
  }

  @Override
  public Completions completions() {
    return body.completions();
  }

  @Override
  public void close() {
    for (Scheduler scheduler : schedulers) {
      try {
        scheduler.shutdown(true);
      } catch (SchedulerException e) {
        throw new IllegalStateException("Quartz did not shut down", e);
      }
    }
  }

  /** The job Quartz runs: the shared task body, named by the job's key. */
  static final class CompareJob implements Job {

    private final TaskBody body;

    CompareJob(TaskBody body) {
      this.body = body;
    }

    @Override
    public void execute(JobExecutionContext context) {
      body.run(context.getJobDetail().getKey().getName());
    }
  }
}
