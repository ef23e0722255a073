package dev.chorus.inbox;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inbox store contract on embedded PostgreSQL: one server, a new database per test. */
class PostgresInboxStoreTest extends JdbcInboxStoreContract {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.postgres();

  @Override
  DataSource freshDatabase() {
    return DATABASES.fresh();
  }
}
