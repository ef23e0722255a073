package dev.chorus.connector.linkedin;

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
import java.util.LinkedHashMap;
import java.util.Map;

/** The connector TCK against the LinkedIn WireMock stub, for an organization account. */
class LinkedInTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new LinkedInConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("baseUrl", env.baseUrl().toString());
    config.put("oauthBaseUrl", env.baseUrl().toString());
    config.put("clientId", "tck-client");
    config.put("clientSecret", env.canarySecret());
    config.put("redirectUri", "https://app.example/callback/linkedin");
    config.put("accessToken", "AQX-" + env.canarySecret());
    config.put("refreshToken", "AQW-" + env.canarySecret());
    return config;
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
    return new LinkedInStub(env);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("li-org-1"), new WorkspaceId("ws-1"), Platform.LINKEDIN, "Chorus Test Org",
        LinkedInStub.ORG, ZoneId.of("UTC"), new CredentialsRef("linkedin/org-2414183"));
  }
}
