package dev.chorus.inbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fresh databases for JDBC inbox stores, registered as a static extension: H2 files in a temporary
 * directory (shut down after each test) or databases on one embedded PostgreSQL server per class.
 */
final class InboxDatabases implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final boolean postgres;
  private final List<DataSource> open = new ArrayList<>();
  private EmbeddedPostgres server;
  private Path dir;
  private int count;

  private InboxDatabases(boolean postgres) {
    this.postgres = postgres;
  }

  static InboxDatabases h2() {
    return new InboxDatabases(false);
  }

  static InboxDatabases postgres() {
    return new InboxDatabases(true);
  }

  static JdbcDataSource h2File(Path file) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000");
    ds.setUser("sa");
    return ds;
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh, empty database. */
  synchronized DataSource fresh() {
    String name = "inbox_" + ++count;
    if (postgres) {
      execute(server.getPostgresDatabase(), "CREATE DATABASE " + name);
      return server.getDatabase("postgres", name);
    }
    DataSource ds = h2File(dir.resolve(name));
    open.add(ds);
    return ds;
  }

  /** A JDBC inbox store on a fresh database. */
  InboxStore store() {
    return InboxStore.jdbc(fresh());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (postgres) {
      server = EmbeddedPostgres.builder().start();
    } else {
      dir = Files.createTempDirectory("chorus-inbox-h2");
    }
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    for (DataSource ds : open) {
      execute(ds, "SHUTDOWN");
    }
    open.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
