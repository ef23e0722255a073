package dev.chorus.connector.tiktok;

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
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The connector TCK against the TikTok WireMock stub; posts are PULL_FROM_URL videos. */
class TikTokTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new TikTokConnectorProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("baseUrl", env.baseUrl().toString());
    config.put("clientKey", "tck-client-key");
    config.put("clientSecret", env.canarySecret());
    config.put("accessToken", "act." + env.canarySecret());
    config.put("refreshToken", "rft." + env.canarySecret());
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
    return new TikTokStub(env.wireMock());
  }

  @Override
  protected PublishRequest publishRequest(SocialAccount account, String text) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://verified.example.com/tck.mp4"),
        "video/mp4").duration(Duration.ofSeconds(30)).dimensions(1080, 1920).build();
    return PublishRequest.text(account, "tck-" + Integer.toHexString(text.hashCode()), text)
        .withFormat(PostFormat.VIDEO).withMedia(List.of(video));
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("tt-1"), new WorkspaceId("ws-1"), Platform.TIKTOK, "Chorus Test",
        "afd97af1-b87b-48b9-ac98-410aghda5344", ZoneId.of("UTC"), new CredentialsRef("tiktok/chorus-test"));
  }
}
