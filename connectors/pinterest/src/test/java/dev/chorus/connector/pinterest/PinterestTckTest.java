package dev.chorus.connector.pinterest;

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
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connector TCK against the Pinterest WireMock stub; posts are image-URL pins on one board. */
class PinterestTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new PinterestConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("baseUrl", env.baseUrl().toString());
    config.put("clientId", PinterestStub.CLIENT_ID);
    config.put("clientSecret", env.canarySecret());
    config.put("accessToken", "pina_" + env.canarySecret());
    config.put("refreshToken", "pinr_" + env.canarySecret());
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
    return new PinterestStub(env.wireMock(), env.clock());
  }

  @Override
  protected PublishRequest publishRequest(SocialAccount account, String text) {
    MediaAsset image = MediaAsset.builder(MediaKind.IMAGE, URI.create("https://example.com/tck.jpg"), "image/jpeg")
        .build();
    return new PublishRequest(account, "tck-" + Integer.toHexString(text.hashCode()), PostFormat.PIN, text,
        List.of(image), null, null, List.of(), null, Map.of(PinterestOptions.BOARD_ID, PinterestStub.BOARD_ID),
        null, null, null);
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("pin-1"), new WorkspaceId("ws-1"), Platform.PINTEREST, "Chorus Test",
        "chorustest", ZoneId.of("UTC"), new CredentialsRef("pinterest/chorus-test"));
  }
}
