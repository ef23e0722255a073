package dev.chorus.connector.mastodon;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.ZoneId;
import java.util.Map;

/** The whole connector TCK against a WireMock Mastodon instance. */
class MastodonTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new MastodonProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of(MastodonProvider.BASE_URL, env.baseUrl().toString(),
        MastodonProvider.ACCESS_TOKEN, env.canarySecret());
  }

  @Override
  protected ConnectorContext context(TckEnvironment env) {
    runtime = HttpRuntime.builder().clock(env.clock()).sleeper(env::sleep).build();
    return ConnectorContext.builder(env.clock()).extension(HttpRuntime.class, runtime).build();
  }

  @Override
  protected void release(ConnectorContext context) {
    runtime.close();
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new MastodonStub(env.wireMock(), env.clock());
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"), Platform.MASTODON, "@tck@mastodon.example",
        MastodonStub.ACCOUNT_ID, ZoneId.of("UTC"), new CredentialsRef("mastodon/tck"));
  }
}
