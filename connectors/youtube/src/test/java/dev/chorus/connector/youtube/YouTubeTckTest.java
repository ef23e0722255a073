package dev.chorus.connector.youtube;

import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.media.MediaSource;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The whole connector TCK against a WireMock YouTube Data API. */
class YouTubeTckTest extends ConnectorVerification {

  private HttpRuntime runtime;

  @Override
  protected ConnectorProvider provider() {
    return new YouTubeProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(YouTubeProvider.BASE_URL, env.baseUrl().toString());
    config.put(YouTubeProvider.TOKEN_URL, env.baseUrl() + "/token");
    config.put(YouTubeProvider.CLIENT_ID, "tck-client.apps.googleusercontent.com");
    config.put(YouTubeProvider.CLIENT_SECRET, env.canarySecret());
    config.put(YouTubeProvider.REDIRECT_URI, "https://app.example/callback/youtube");
    config.put(YouTubeProvider.ACCESS_TOKEN, "ya29." + env.canarySecret());
    config.put(YouTubeProvider.REFRESH_TOKEN, "1//0g" + env.canarySecret());
    return config;
  }

  @Override
  protected ConnectorContext context(TckEnvironment env) {
    runtime = HttpRuntime.builder().clock(env.clock()).sleeper(env::sleep).build();
    return ConnectorContext.builder(env.clock())
        .extension(HttpRuntime.class, runtime)
        .extension(MediaReader.class, asset -> MediaSource.ofBytes(
            ("video bytes of " + asset.source()).getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  @Override
  protected void release(ConnectorContext context) {
    runtime.close();
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new YouTubeStub(env.wireMock(), env.clock());
  }

  @Override
  protected PublishRequest publishRequest(SocialAccount account, String text) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://media.example/tck/video.mp4"),
        "video/mp4").build();
    return PublishRequest.text(account, "tck-" + Integer.toHexString(text.hashCode()), text)
        .withFormat(PostFormat.VIDEO).withMedia(List.of(video));
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"), Platform.YOUTUBE, "@tck",
        YouTubeStub.CHANNEL_ID, ZoneId.of("UTC"), new CredentialsRef("youtube/tck"));
  }
}
