package dev.chorus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The peers run the comparison's workload on two nodes: every task once, and their tables are emptied. */
class PeerContendersTest {

  private static final int N = 40;
  private static EmbeddedPostgres postgres;
  private final List<HikariDataSource> pools = new ArrayList<>();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private List<DataSource> twoNodes() {
    List<DataSource> nodes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      HikariConfig config = new HikariConfig();
      config.setDataSource(postgres.getPostgresDatabase());
      config.setMaximumPoolSize(4);
      HikariDataSource pool = new HikariDataSource(config);
      pools.add(pool);
      nodes.add(pool);
    }
    return nodes;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("t-" + i);
    }
    return ids;
  }

  /** Schedules N tasks due shortly, runs them and returns the summary once all finished or 60 s passed. */
  private Completions.Summary run(Contender contender) throws Exception {
    Instant due = Instant.now().plusMillis(500);
    try (contender) {
      contender.schedule(ids(), due);
      contender.start();
      Instant deadline = due.plusSeconds(60);
      while (contender.finished() < N && Instant.now().isBefore(deadline)) {
        Thread.sleep(10); // polls for the condition; the assertions do not depend on this interval
      }
    } finally {
      pools.forEach(HikariDataSource::close);
      pools.clear();
    }
    return contender.completions().summarize(ids(), due);
  }

  private static long rows(String table) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void dbSchedulerWithEitherPollingRunsEveryTaskOnceOnTwoNodes() throws Exception {
    for (DbSchedulerContender.Polling polling : DbSchedulerContender.Polling.values()) {
      DbSchedulerContender.prepare(postgres.getPostgresDatabase());
      TaskBody body = new TaskBody(Duration.ofMillis(5), Clock.systemUTC());

      Completions.Summary s = run(new DbSchedulerContender(twoNodes(), polling, body, 4, Duration.ofMillis(100)));

      assertThat(s.lost()).as(polling.name()).isZero();
      assertThat(s.duplicates()).as(polling.name()).isZero();
      // Every one-time task is deleted after it ran; prepare empties the table for the next scenario.
      assertThat(rows("scheduled_tasks")).isZero();
    }
  }

  @Test
  void clusteredQuartzRunsEveryTaskOnceOnTwoNodesAndPrepareEmptiesItsTables() throws Exception {
    QuartzContender.prepare(postgres.getPostgresDatabase());
    TaskBody body = new TaskBody(Duration.ofMillis(5), Clock.systemUTC());

    Completions.Summary s = run(new QuartzContender(twoNodes(), body, 4));

    assertThat(s.lost()).isZero();
    assertThat(s.duplicates()).isZero();
    // Both nodes checked in to the cluster; prepare (run before every scenario) empties that too.
    assertThat(rows("qrtz_scheduler_state")).isEqualTo(2);
    QuartzContender.prepare(postgres.getPostgresDatabase());
    assertThat(rows("qrtz_scheduler_state")).isZero();
    assertThat(rows("qrtz_locks")).isPositive();
  }
}
