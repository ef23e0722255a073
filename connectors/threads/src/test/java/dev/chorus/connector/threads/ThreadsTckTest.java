package dev.chorus.connector.threads;

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

/** The whole connector TCK against the Threads connector and a WireMock Threads API. */
class ThreadsTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new ThreadsConnectorProvider();
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
    return new ThreadsStub(env);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("threads-account-1"), new WorkspaceId("ws-1"), Platform.THREADS, "@tck",
        ThreadsStub.USER_ID, ZoneId.of("UTC"), new CredentialsRef("threads/tck"));
  }
}
