package dev.chorus.schedule;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The scenarios on H2 in file mode: one durable node. */
class H2FileDispatchTest extends JdbcDispatchScenarios {

  @TempDir
  static Path dir;

  private static JdbcDataSource dataSource;

  @BeforeAll
  static void openH2() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve("chorus").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  String minusMillis(String column) {
    return "DATEADD(MILLISECOND, -CAST(? AS BIGINT), " + column + ")";
  }
}
