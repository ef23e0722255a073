package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxReplyTest} scenarios with a JDBC inbox store on embedded PostgreSQL. */
class InboxReplyPostgresTest extends InboxReplyTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.postgres();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
