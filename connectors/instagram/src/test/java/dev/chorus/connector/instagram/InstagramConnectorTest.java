package dev.chorus.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.instagram.InstagramStub.USER_ID;
import static dev.chorus.connector.instagram.InstagramStub.V;
import static dev.chorus.connector.instagram.InstagramStub.error;
import static dev.chorus.connector.instagram.InstagramStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Instagram flows against a WireMock Graph API: containers, polling, quota, resume, insights. */
class InstagramConnectorTest {

  private static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("ig-1"), new WorkspaceId("ws"),
      Platform.INSTAGRAM, "@chorus", USER_ID, ZoneId.of("UTC"), new CredentialsRef("ig/test"));
  private static WireMockServer wireMock;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T12:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private HttpRuntime runtime;
  private InstagramConnector connector;

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
    Clock clock = new Clock() {
      @Override public Instant instant() {
        return now.get();
      }

      @Override public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(ZoneId zone) {
        return this;
      }
    };
    runtime = HttpRuntime.builder().clock(clock).sleeper(d -> {
      waits.add(d);
      now.updateAndGet(at -> at.plus(d));
    }).build();
    InstagramConnectorProvider provider = new InstagramConnectorProvider();
    connector = provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        provider.configSpec().validate("instagram", Map.of("baseUrl", wireMock.baseUrl(), "accessToken", "tok")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/content_publishing_limit")).willReturn(ok("q",
        "{\"data\":[{\"quota_usage\":2,\"config\":{\"quota_total\":50,\"quota_duration\":86400}}]}")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static MediaAsset image(int i) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("https://cdn.example/" + i + ".jpg"), "image/jpeg").build();
  }

  private static PublishRequest imagePost(Checkpoint checkpoint) {
    return PublishRequest.text(ACCOUNT, "k1", "#BronzedFonzes!").withMedia(List.of(image(1)))
        .withCheckpoint(checkpoint);
  }

  @Test
  void reads_the_publishing_quota_at_run_time() {
    PublishingLimit limit = connector.publishingLimit(ACCOUNT);
    assertThat(limit.used()).isEqualTo(2);
    assertThat(limit.quota().maxPosts()).isEqualTo(50);
    assertThat(limit.remaining()).isEqualTo(48);
  }

  @Test
  void hide_posts_hide_to_the_comment_and_success_false_is_a_rejection() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/17900000001")).willReturn(ok("h", "{\"success\":true}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/17900000002")).willReturn(ok("h2", "{\"success\":false}")));
    assertThat(connector.capabilities().supports(dev.chorus.connector.Capability.HIDE)).isTrue();

    connector.hide(ACCOUNT, "17900000001", true);
    connector.hide(ACCOUNT, "17900000001", false);

    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/17900000001")).withQueryParam("hide", equalTo("true")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/17900000001")).withQueryParam("hide", equalTo("false")));
    assertThatThrownBy(() -> connector.hide(ACCOUNT, "17900000002", true))
        .isInstanceOf(dev.chorus.connector.ContentRejectedException.class).hasMessageContaining("17900000002");
  }

  @Test
  void full_quota_fails_before_any_container_is_created() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/content_publishing_limit")).willReturn(ok("q",
        "{\"data\":[{\"quota_usage\":100,\"config\":{\"quota_total\":100,\"quota_duration\":86400}}]}")));
    assertThatThrownBy(() -> connector.publish(imagePost(Checkpoint.inMemory())))
        .isInstanceOf(RateLimitedException.class).hasMessageContaining("100 of 100");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/media")));
  }

  @Test
  void polls_an_in_progress_container_on_the_injected_sleeper_then_publishes() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).willReturn(ok("c", "{\"id\":\"c1\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c1")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("done").willReturn(ok("s1", "{\"status_code\":\"IN_PROGRESS\",\"id\":\"c1\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c1")).inScenario("s").whenScenarioStateIs("done")
        .willReturn(ok("s2", "{\"status_code\":\"FINISHED\",\"id\":\"c1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")).withQueryParam("creation_id",
        equalTo("c1")).willReturn(ok("p", "{\"id\":\"17920238422030506\"}")));
    PublishResult result = connector.publish(imagePost(Checkpoint.inMemory()));
    assertThat(result.externalId()).isEqualTo("17920238422030506");
    assertThat(waits).containsExactly(Duration.ofSeconds(10));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/media"))
        .withQueryParam("image_url", equalTo("https://cdn.example/1.jpg"))
        .withQueryParam("caption", equalTo("#BronzedFonzes!")));
  }

  @Test
  void container_created_but_not_published_resumes_by_publishing_the_same_container() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).willReturn(ok("c", "{\"id\":\"c1\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c1")).willReturn(ok("s", "{\"status_code\":\"FINISHED\",\"id\":\"c1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")).inScenario("p")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up").willReturn(error(500, "t1",
            "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,\"is_transient\":true}}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")).inScenario("p")
        .whenScenarioStateIs("up").willReturn(ok("p", "{\"id\":\"m1\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    assertThatThrownBy(() -> connector.publish(imagePost(checkpoint))).isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.get("ig.container")).contains("c1");
    PublishResult result = connector.publish(imagePost(checkpoint));
    assertThat(result.externalId()).isEqualTo("m1");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/media")));
  }

  @Test
  void an_expired_container_is_replaced_after_24_hours() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).willReturn(ok("c", "{\"id\":\"c2\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c2")).willReturn(ok("s", "{\"status_code\":\"FINISHED\",\"id\":\"c2\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")).withQueryParam("creation_id",
        equalTo("c2")).willReturn(ok("p", "{\"id\":\"m2\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("ig.container", "c-old");
    checkpoint.put("ig.container.createdAt", now.get().minus(Duration.ofHours(25)).toString());
    assertThat(connector.publish(imagePost(checkpoint)).externalId()).isEqualTo("m2");
  }

  @Test
  void carousel_creates_children_then_the_parent_with_children_ids() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).withQueryParam("is_carousel_item",
        equalTo("true")).willReturn(ok("c", "{\"id\":\"child\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).withQueryParam("media_type",
        equalTo("CAROUSEL")).willReturn(ok("c", "{\"id\":\"parent\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/child")).willReturn(ok("s", "{\"status_code\":\"FINISHED\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/parent")).willReturn(ok("s", "{\"status_code\":\"FINISHED\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")).willReturn(ok("p", "{\"id\":\"m3\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/m3/comments")).willReturn(ok("p", "{\"id\":\"cm1\"}")));
    PublishRequest request = PublishRequest.text(ACCOUNT, "k2", "album").withFormat(PostFormat.CAROUSEL)
        .withMedia(List.of(image(1), image(2))).withFirstComment("first!");
    PublishResult result = connector.publish(request);
    assertThat(result.externalId()).isEqualTo("m3");
    assertThat(result.firstCommentId()).isEqualTo("cm1");
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/media"))
        .withQueryParam("children", equalTo("child,child")).withQueryParam("caption", equalTo("album")));
  }

  @Test
  void a_refused_insights_name_leaves_only_that_metric_absent() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).willReturn(error(400, "e",
        "{\"error\":{\"message\":\"(#100) The Media Insights API does not support the views metric for this media "
            + "product type.\",\"type\":\"OAuthException\",\"code\":100}}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).withQueryParam("metric", equalTo("reach"))
        .willReturn(ok("r", "{\"data\":[" + InstagramStub.insight("m1", "reach", 1200) + "]}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).withQueryParam("metric", equalTo("likes"))
        .willReturn(ok("r", "{\"data\":[{\"name\":\"likes\",\"period\":\"lifetime\",\"values\":[]}]}")));
    List<MetricSnapshot> snapshots = connector.fetchMetrics(ACCOUNT, List.of("m1"));
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).values()).containsExactly(Map.entry(Metric.REACH, 1200L));
  }
}
