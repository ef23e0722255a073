package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxWorkflowTest} scenarios with a JDBC inbox store on embedded PostgreSQL. */
class InboxWorkflowPostgresTest extends InboxWorkflowTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.postgres();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
