package dev.chorus.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on embedded PostgreSQL: a cluster's store. One server, a new database per test. */
class PostgresStoreTest extends JdbcStoreContract {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private DataSource dataSource;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static DataSource freshDatabase() {
    String name = "store_" + DATABASES.incrementAndGet();
    execute(postgres.getPostgresDatabase(), "CREATE DATABASE " + name);
    return postgres.getDatabase("postgres", name);
  }

  @BeforeEach
  @Override
  void openStore() {
    dataSource = freshDatabase();
    super.openStore();
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }

  @Override
  DataSource anotherDataSource() {
    return freshDatabase();
  }
}
