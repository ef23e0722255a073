package dev.chorus.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * db-scheduler in the comparison: one {@link Scheduler} per data source (one pool per node), each
 * with the same thread count as a Chorus node's workers, the same polling interval and one of the two
 * polling strategies with the fractions its documentation gives.
 */
final class DbSchedulerContender implements Contender {

  /** The PostgreSQL table from db-scheduler's documentation. */
  static final String DDL = """
      CREATE TABLE IF NOT EXISTS scheduled_tasks (
        task_name text NOT NULL,
        task_instance text NOT NULL,
        task_data bytea,
        execution_time timestamp with time zone,
        picked boolean NOT NULL,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures int,
        last_heartbeat timestamp with time zone,
        version bigint NOT NULL,
        priority smallint,
        state text,
        PRIMARY KEY (task_name, task_instance));
      CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)
      """;

  /** Which polling strategy the nodes use. */
  enum Polling {
    /** {@code pollUsingLockAndFetch(0.5, 1.0)}: one {@code SELECT ... FOR UPDATE SKIP LOCKED} picks the batch. */
    LOCK_AND_FETCH,
    /**
     * {@code pollUsingFetch(0.5, 3.0)} (formerly {@code pollUsingFetchAndLockOnExecute}): fetch due rows, then
     * lock each with an optimistic update when a thread takes it.
     */
    FETCH
  }

  private static final int SCHEDULE_BATCH = 1000;

  private final TaskBody body;
  private final OneTimeTask<Void> task;
  private final List<Scheduler> schedulers = new ArrayList<>();

  DbSchedulerContender(List<DataSource> nodes, Polling polling, TaskBody body, int threads, Duration poll) {
    this.body = body;
    this.task = Tasks.oneTime("compare-task").execute((instance, context) -> body.run(instance.getId()));
    for (int i = 0; i < nodes.size(); i++) {
      SchedulerBuilder builder = Scheduler.create(nodes.get(i), task)
          .schedulerName(new SchedulerName.Fixed("dbs-" + (i + 1)))
          .threads(threads)
          .pollingInterval(poll)
          .shutdownMaxWait(Duration.ofSeconds(10));
      builder = polling == Polling.LOCK_AND_FETCH ? builder.pollUsingLockAndFetch(0.5, 1.0)
          : builder.pollUsingFetch(0.5, 3.0);
      schedulers.add(builder.build());
    }
  }

  /** Creates the table if missing and empties it. */
  static void prepare(DataSource database) throws Exception {
    try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
      for (String sql : DDL.split(";")) {
        st.execute(sql);
      }
      st.execute("TRUNCATE scheduled_tasks");
    }
  }

  @Override
  public void schedule(List<String> ids, Instant due) throws Exception {
    List<List<TaskInstance<?>>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += SCHEDULE_BATCH) {
      List<TaskInstance<?>> chunk = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + SCHEDULE_BATCH))) {
        chunk.add(task.instance(id));
      }
      chunks.add(chunk);
    }
    Scheduler client = schedulers.get(0);
    Parallel.forEach(chunks, 4, chunk -> client.scheduleBatch(chunk, due));
  }

  @Override
  public void start() {
    schedulers.forEach(Scheduler::start);
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
    schedulers.forEach(Scheduler::stop);
  }
}
