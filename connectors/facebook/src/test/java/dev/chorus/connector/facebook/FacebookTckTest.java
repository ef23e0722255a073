package dev.chorus.connector.facebook;

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

/** The whole connector TCK against the Facebook connector and a WireMock Graph API. */
class FacebookTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new FacebookConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of("baseUrl", env.baseUrl().toString(), "accessToken", env.canarySecret());
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
    return new FacebookStub(env);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("fb-account-1"), new WorkspaceId("ws-1"), Platform.FACEBOOK, "TCK Page",
        FacebookStub.PAGE_ID, ZoneId.of("UTC"), new CredentialsRef("facebook/tck"));
  }
}
