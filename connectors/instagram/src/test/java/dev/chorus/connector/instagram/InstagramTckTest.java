package dev.chorus.connector.instagram;

import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The whole connector TCK against the Instagram connector and a WireMock Graph API. */
class InstagramTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new InstagramConnectorProvider();
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
    return new InstagramStub(env);
  }

  /** Instagram needs media: an image post with the text as caption. */
  @Override
  protected PublishRequest publishRequest(SocialAccount account, String text) {
    return PublishRequest.text(account, "tck-" + Integer.toHexString(text.hashCode()), text)
        .withMedia(List.of(MediaAsset.builder(MediaKind.IMAGE, URI.create("https://media.example/tck.jpg"),
            "image/jpeg").build()));
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("ig-account-1"), new WorkspaceId("ws-1"), Platform.INSTAGRAM, "@tck",
        InstagramStub.USER_ID, ZoneId.of("UTC"), new CredentialsRef("instagram/tck"));
  }
}
