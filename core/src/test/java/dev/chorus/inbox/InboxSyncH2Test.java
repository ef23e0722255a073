package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxSyncTest} scenarios with a JDBC inbox store on H2 in file mode. */
class InboxSyncH2Test extends InboxSyncTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.h2();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
