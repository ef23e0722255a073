package dev.chorus.schedule;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** Durable intents and settings on an H2 file database, as one node that restarts would use it. */
class H2FileDurableSchedulingTest extends DurableSchedulingScenarios {

  @TempDir
  Path dir;

  @Override
  DataSource freshDataSource() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("chorus").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }
}
