package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxSyncTest} scenarios with a JDBC inbox store on embedded PostgreSQL. */
class InboxSyncPostgresTest extends InboxSyncTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.postgres();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
