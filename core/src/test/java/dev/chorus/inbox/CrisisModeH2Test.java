package dev.chorus.inbox;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link CrisisModeTest} scenarios with a JDBC inbox store on H2 in file mode. */
class CrisisModeH2Test extends CrisisModeTest {

  @RegisterExtension
  static final InboxDatabases DATABASES = InboxDatabases.h2();

  @Override
  InboxFixture fixture() {
    return new InboxFixture(DATABASES.store());
  }
}
