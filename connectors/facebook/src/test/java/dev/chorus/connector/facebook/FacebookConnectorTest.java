package dev.chorus.connector.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.facebook.FacebookStub.PAGE_ID;
import static dev.chorus.connector.facebook.FacebookStub.V;
import static dev.chorus.connector.facebook.FacebookStub.error;
import static dev.chorus.connector.facebook.FacebookStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Facebook flows against a WireMock Graph API: multi-photo resume, scheduling, Page token refresh. */
class FacebookConnectorTest {

  private static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("fb-1"), new WorkspaceId("ws"),
      Platform.FACEBOOK, "Page", PAGE_ID, ZoneId.of("UTC"), new CredentialsRef("fb/test"));
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static WireMockServer wireMock;

  private HttpRuntime runtime;
  private Connector connector;

  @BeforeAll
  static void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
  }

  @AfterAll
  static void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    wireMock.resetAll();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    runtime = HttpRuntime.builder().clock(clock).sleeper(d -> { }).build();
    FacebookConnectorProvider provider = new FacebookConnectorProvider();
    connector = provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        provider.configSpec().validate("facebook", Map.of("baseUrl", wireMock.baseUrl(), "accessToken", "user-tok")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/me/accounts")).willReturn(ok("a",
        "{\"data\":[{\"id\":\"" + PAGE_ID + "\",\"name\":\"P\",\"access_token\":\"page-tok\"}]}")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static MediaAsset image(int i) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("https://cdn.example/" + i + ".jpg"), "image/jpeg").build();
  }

  @Test
  void multi_photo_failure_in_the_middle_resumes_without_uploading_the_first_photo_again() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")).inScenario("p")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
        .willReturn(ok("1", "{\"id\":\"photo-1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")).inScenario("p")
        .whenScenarioStateIs("second").willSetStateTo("recovered")
        .willReturn(error(500, "t", "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,"
            + "\"is_transient\":true}}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")).inScenario("p")
        .whenScenarioStateIs("recovered").willReturn(ok("2", "{\"id\":\"photo-2\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(ok("f",
        "{\"id\":\"" + PAGE_ID + "_555\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "two photos").withMedia(List.of(image(1), image(2)))
        .withCheckpoint(checkpoint);
    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.get("fb.photo.0")).contains("photo-1");
    assertThat(connector.publish(request).externalId()).isEqualTo(PAGE_ID + "_555");
    wireMock.verify(3, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withRequestBody(containing("attached_media"))
        .withHeader("Authorization", containing("page-tok")));
  }

  @Test
  void schedules_natively_inside_the_window_and_rejects_outside_it() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(ok("f", "{\"id\":\"p_1\"}")));
    Instant at = NOW.plus(Duration.ofHours(3));
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "later").publishAt(at);
    assertThat(connector.publish(request).publishedAt()).isEqualTo(at);
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withRequestBody(containing("published=false"))
        .withRequestBody(containing("scheduled_publish_time=" + at.getEpochSecond())));
    assertThat(connector.validate(request.publishAt(NOW.plus(Duration.ofMinutes(5)))).violates("scheduling.window"))
        .isTrue();
    assertThat(connector.validate(request.publishAt(NOW.plus(Duration.ofDays(31)))).violates("scheduling.window"))
        .isTrue();
  }

  @Test
  void code_190_refreshes_the_page_token_once_then_reports_expired() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(error(400, "t",
        "{\"error\":{\"message\":\"Error validating access token: Session has expired\",\"type\":\"OAuthException\","
            + "\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"AXS\"}}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "hi")))
        .isInstanceOf(AuthenticationExpiredException.class).hasMessageNotContaining("page-tok");
    wireMock.verify(2, getRequestedFor(urlPathEqualTo(V + "/me/accounts")));
    // /me/accounts handed out the same rejected token again, so the post is not repeated with it.
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
  }
}
