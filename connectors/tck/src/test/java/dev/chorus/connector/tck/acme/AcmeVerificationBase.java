package dev.chorus.connector.tck.acme;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.ZoneId;
import java.util.Map;

/** The TCK wired to an acme provider, as a plugin author would write it. */
abstract class AcmeVerificationBase extends ConnectorVerification {

  private final AcmeProvider provider;

  AcmeVerificationBase(AcmeProvider provider) {
    this.provider = provider;
  }

  @Override
  protected ConnectorProvider provider() {
    return provider;
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of("baseUrl", env.baseUrl().toString(), "apiToken", env.canarySecret(), "timeout", "PT5S");
  }

  @Override
  protected ConnectorContext context(TckEnvironment env) {
    return ConnectorContext.builder(env.clock())
        .extension(AcmeConnector.Waiter.class, env::sleep)
        .build();
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new AcmeStub(env);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("acme-account-1"), new WorkspaceId("ws-1"), provider.platform(),
        "tck_tester", "4711", ZoneId.of("Europe/Berlin"), new CredentialsRef("acme/tck_tester"));
  }
}
