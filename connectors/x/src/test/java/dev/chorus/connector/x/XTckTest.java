package dev.chorus.connector.x;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
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

/** The whole connector TCK against the X connector and a WireMock X. */
class XTckTest extends ConnectorVerification {

  static final CredentialsRef REF = new CredentialsRef("x/tck");

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new XConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of("baseUrl", env.baseUrl().toString(), "clientId", "tck-client", "clientSecret", env.canarySecret());
  }

  @Override
  protected ConnectorContext context(TckEnvironment env) {
    runtime = HttpRuntime.builder().clock(env.clock()).sleeper(env::sleep).build();
    TokenStore store = new InMemoryTokenStore();
    store.save(REF, OAuthTokens.builder()
        .accessToken(env.canarySecret())
        .refreshToken(env.canarySecret() + "-refresh")
        .expiresAt(env.clock().instant().plusSeconds(7200))
        .build());
    return ConnectorContext.builder(env.clock())
        .extension(HttpRuntime.class, runtime)
        .extension(TokenStore.class, store)
        .build();
  }

  @Override
  protected void release(ConnectorContext context) {
    runtime.close();
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new XStub(env);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("x-account-1"), new WorkspaceId("ws-1"), Platform.X, "@tck",
        XStub.USER_ID, ZoneId.of("UTC"), REF);
  }
}
