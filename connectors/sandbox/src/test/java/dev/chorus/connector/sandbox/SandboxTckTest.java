package dev.chorus.connector.sandbox;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Secret;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.ZoneId;
import java.util.Map;

/**
 * The sandbox connector against the whole connector TCK. The sandbox has no HTTP, so the stub
 * arranges the simulated platform directly and counts its API calls as requests.
 */
class SandboxTckTest extends ConnectorVerification {

  private static final String ACCOUNT_EXTERNAL_ID = "tck-account";

  private SandboxPlatform platform;

  private SandboxPlatform platform(TckEnvironment env) {
    if (platform == null) {
      platform = SandboxPlatform.builder(env.clock())
          .seed(7)
          .apiKey(Secret.of(env.canarySecret()))
          .sleeper(env::sleep)
          .build();
    }
    return platform;
  }

  @Override
  protected ConnectorProvider provider() {
    return new SandboxConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of("api_key", env.canarySecret());
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new SandboxPlatformStub(platform(env), ACCOUNT_EXTERNAL_ID);
  }

  @Override
  protected ConnectorContext context(TckEnvironment env) {
    return ConnectorContext.builder(env.clock()).extension(SandboxPlatform.class, platform(env)).build();
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(AccountId.of("tck"), WorkspaceId.of("tck"), dev.chorus.model.Platform.SANDBOX,
        "@tck", ACCOUNT_EXTERNAL_ID, ZoneId.of("UTC"), CredentialsRef.of("tck"));
  }
}
