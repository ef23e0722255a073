package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link InboxReplyTest} scenarios with a JDBC inbox store on H2 in file mode. */
class InboxReplyH2Test extends InboxReplyTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.h2();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
