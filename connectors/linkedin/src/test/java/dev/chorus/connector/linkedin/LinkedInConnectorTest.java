package dev.chorus.connector.linkedin;

import dev.chorus.connector.http.MediaReader;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.http.HttpRuntime;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LinkedInConnectorTest {

  private static final String PERSON = "urn:li:person:782bbtaQ";
  private static final String ORG = "urn:li:organization:5515715";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WireMockServer wireMock;
  private MutableClock clock;
  private final List<Duration> waits = new ArrayList<>();
  private HttpRuntime runtime;
  private final Map<URI, byte[]> files = new HashMap<>();
  private Connector connector;

  @BeforeEach
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
        .gzipDisabled(true));
    wireMock.start();
    clock = new MutableClock(Instant.parse("2026-03-10T15:20:00Z"));
    runtime = HttpRuntime.builder().clock(clock).maxAttempts(1)
        .sleeper(d -> {
          waits.add(d);
          clock.advance(d);
        }).build();
    connector = connector(Map.of());
  }

  private Connector connector(Map<String, String> extra) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("baseUrl", wireMock.baseUrl());
    raw.put("oauthBaseUrl", wireMock.baseUrl());
    raw.put("clientId", "client-1");
    raw.put("clientSecret", "client-secret-1");
    raw.put("redirectUri", "https://app.example/cb");
    raw.put("accessToken", "AQX-old");
    raw.put("refreshToken", "AQW-refresh");
    raw.put("linkedinVersion", "202511");
    raw.putAll(extra);
    LinkedInConnectorProvider provider = new LinkedInConnectorProvider();
    ConnectorContext context = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(MediaReader.class, asset -> MediaSource.ofBytes(files.get(asset.source()))).build();
    return provider.create(context, provider.configSpec().validate("linkedin", raw));
  }

  @AfterEach
  void stop() {
    connector.close();
    runtime.close();
    wireMock.stop();
  }

  private static SocialAccount account(String urn) {
    return new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"), Platform.LINKEDIN, "handle", urn,
        ZoneId.of("UTC"), new CredentialsRef("linkedin/" + urn));
  }

  private void postCreated(String urn) {
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts")))
        .willReturn(aResponse().withStatus(201).withHeader("x-restli-id", urn).withHeader("x-li-uuid", "req-1")));
  }

  private JsonNode postBody() {
    List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/posts")));
    assertThat(requests).isNotEmpty();
    return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
  }

  private MediaAsset file(MediaKind kind, String name, String mime, byte[] bytes) {
    URI uri = URI.create("https://media.example/" + name);
    files.put(uri, bytes);
    return MediaAsset.builder(kind, uri, mime).byteSize((long) bytes.length).build();
  }

  private void initializeUpload(String api, String field, String urn, String uploadPath) {
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/" + api)))
        .withQueryParam("action", equalTo("initializeUpload"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"value\":{\"uploadUrlExpiresAt\":1900000000000,\"uploadUrl\":\"" + wireMock.baseUrl()
                + uploadPath + "\",\"" + field + "\":\"" + urn + "\"}}")));
    wireMock.stubFor(put(urlPathEqualTo(uploadPath)).willReturn(aResponse().withStatus(201)));
  }

  @Test
  void sends_required_headers_and_escapes_little_text_reserved_characters() {
    postCreated("urn:li:share:6844785523593134080");
    String text = "Launch (beta) [v2] {x} <y> @team | a~b _c_ *d* #tag \\ done";
    PublishResult result = connector.publish(PublishRequest.text(account(PERSON), "k1", text));

    assertThat(result.externalId()).isEqualTo("urn:li:share:6844785523593134080");
    assertThat(result.publishedAt()).isEqualTo(clock.instant());
    LoggedRequest request = wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/posts"))).get(0);
    assertThat(request.getHeader("LinkedIn-Version")).isEqualTo("202511");
    assertThat(request.getHeader("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer AQX-old");
    JsonNode body = postBody();
    assertThat(body.path("commentary").stringValue()).isEqualTo(
        "Launch \\(beta\\) \\[v2\\] \\{x\\} \\<y\\> \\@team \\| a\\~b \\_c\\_ \\*d\\* \\#tag \\\\ done");
    assertThat(body.path("author").stringValue()).isEqualTo(PERSON);
    assertThat(body.path("visibility").stringValue()).isEqualTo("PUBLIC");
    assertThat(body.path("lifecycleState").stringValue()).isEqualTo("PUBLISHED");
    assertThat(body.path("distribution").path("feedDistribution").stringValue()).isEqualTo("MAIN_FEED");
    assertThat(body.has("content")).isFalse();
  }

  @Test
  void image_post_uploads_through_the_images_api_and_posts_the_urn_with_alt_text() {
    initializeUpload("images", "image", "urn:li:image:C4E10AQFoyyAjHPMQuQ", "/dms-uploads/image-1");
    postCreated("urn:li:share:1");
    MediaAsset image = file(MediaKind.IMAGE, "a.png", "image/png", new byte[] {1, 2, 3}).toBuilder()
        .altText("a chart").build();

    connector.publish(PublishRequest.text(account(ORG), "k2", "chart").withMedia(List.of(image)));

    JsonNode init = JSON.readTree(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/images"))).get(0)
        .getBodyAsString());
    assertThat(init.path("initializeUploadRequest").path("owner").stringValue()).isEqualTo(ORG);
    LoggedRequest upload = wireMock.findAll(putRequestedFor(urlPathEqualTo("/dms-uploads/image-1"))).get(0);
    assertThat(upload.getBody()).containsExactly(1, 2, 3);
    JsonNode media = postBody().path("content").path("media");
    assertThat(media.path("id").stringValue()).isEqualTo("urn:li:image:C4E10AQFoyyAjHPMQuQ");
    assertThat(media.path("altText").stringValue()).isEqualTo("a chart");
    assertThat(postBody().path("author").stringValue()).isEqualTo(ORG);
  }

  @Test
  void multi_image_post_lists_every_image_in_order() {
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/images")))
        .inScenario("img").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
        .willReturn(aResponse().withStatus(200).withBody("{\"value\":{\"uploadUrl\":\"" + wireMock.baseUrl()
            + "/up/1\",\"image\":\"urn:li:image:A\"}}")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/images")))
        .inScenario("img").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(200).withBody("{\"value\":{\"uploadUrl\":\"" + wireMock.baseUrl()
            + "/up/2\",\"image\":\"urn:li:image:B\"}}")));
    wireMock.stubFor(put(urlPathEqualTo("/up/1")).willReturn(aResponse().withStatus(201)));
    wireMock.stubFor(put(urlPathEqualTo("/up/2")).willReturn(aResponse().withStatus(201)));
    postCreated("urn:li:share:2");

    connector.publish(PublishRequest.text(account(PERSON), "k3", "two").withFormat(PostFormat.CAROUSEL)
        .withMedia(List.of(file(MediaKind.IMAGE, "1.jpg", "image/jpeg", new byte[] {1}),
            file(MediaKind.IMAGE, "2.jpg", "image/jpeg", new byte[] {2}))));

    JsonNode images = postBody().path("content").path("multiImage").path("images");
    assertThat(images.size()).isEqualTo(2);
    assertThat(images.get(0).path("id").stringValue()).isEqualTo("urn:li:image:A");
    assertThat(images.get(1).path("id").stringValue()).isEqualTo("urn:li:image:B");
  }

  @Test
  void video_upload_fails_at_part_three_and_a_retry_resumes_at_part_three_then_finalizes_and_waits() {
    byte[] video = new byte[300_000];
    Arrays.fill(video, (byte) 7);
    video[0] = 1;
    video[299_999] = 9;
    MediaAsset asset = file(MediaKind.VIDEO, "v.mp4", "video/mp4", video);
    String base = wireMock.baseUrl();
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/videos")))
        .withQueryParam("action", equalTo("initializeUpload"))
        .willReturn(aResponse().withStatus(200).withBody("{\"value\":{\"uploadUrlsExpireAt\":1900000000000,"
            + "\"video\":\"urn:li:video:C5F10AQ\",\"uploadToken\":\"\",\"uploadInstructions\":["
            + "{\"uploadUrl\":\"" + base + "/parts/1\",\"firstByte\":0,\"lastByte\":99999},"
            + "{\"uploadUrl\":\"" + base + "/parts/2\",\"firstByte\":100000,\"lastByte\":199999},"
            + "{\"uploadUrl\":\"" + base + "/parts/3\",\"firstByte\":200000,\"lastByte\":299999}]}}")));
    wireMock.stubFor(put(urlPathEqualTo("/parts/1")).willReturn(aResponse().withStatus(200).withHeader("ETag", "e1")));
    wireMock.stubFor(put(urlPathEqualTo("/parts/2")).willReturn(aResponse().withStatus(200).withHeader("ETag", "e2")));
    wireMock.stubFor(put(urlPathEqualTo("/parts/3")).inScenario("p3").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("up").willReturn(aResponse().withStatus(503).withBody("{\"status\":503}")));
    wireMock.stubFor(put(urlPathEqualTo("/parts/3")).inScenario("p3").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200).withHeader("ETag", "e3")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/videos")))
        .withQueryParam("action", equalTo("finalizeUpload")).willReturn(aResponse().withStatus(200)));
    wireMock.stubFor(LinkedInStub.rest(get(urlPathEqualTo("/rest/videos/urn%3Ali%3Avideo%3AC5F10AQ")))
        .inScenario("status").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ready")
        .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"urn:li:video:C5F10AQ\",\"status\":\"PROCESSING\"}")));
    wireMock.stubFor(LinkedInStub.rest(get(urlPathEqualTo("/rest/videos/urn%3Ali%3Avideo%3AC5F10AQ")))
        .inScenario("status").whenScenarioStateIs("ready")
        .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"urn:li:video:C5F10AQ\",\"status\":\"AVAILABLE\"}")));
    postCreated("urn:li:share:3");
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = PublishRequest.text(account(PERSON), "k4", "video").withFormat(PostFormat.VIDEO)
        .withMedia(List.of(asset)).withCheckpoint(checkpoint);

    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.snapshot()).containsKeys("linkedin.media.0.part.0", "linkedin.media.0.part.1")
        .doesNotContainKey("linkedin.media.0.part.2");

    connector.publish(request);

    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/videos"))
        .withQueryParam("action", equalTo("initializeUpload")))).hasSize(1);
    assertThat(wireMock.findAll(putRequestedFor(urlPathEqualTo("/parts/1")))).hasSize(1);
    assertThat(wireMock.findAll(putRequestedFor(urlPathEqualTo("/parts/2")))).hasSize(1);
    List<LoggedRequest> third = wireMock.findAll(putRequestedFor(urlPathEqualTo("/parts/3")));
    assertThat(third).hasSize(2);
    byte[] part3 = third.get(1).getBody();
    assertThat(part3).hasSize(100_000);
    assertThat(part3[99_999]).isEqualTo((byte) 9);
    assertThat(third.get(1).getHeader("Content-Type")).startsWith("application/octet-stream");
    JsonNode finalize = JSON.readTree(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/videos"))
        .withQueryParam("action", equalTo("finalizeUpload"))).get(0).getBodyAsString());
    assertThat(finalize.path("finalizeUploadRequest").path("video").stringValue()).isEqualTo("urn:li:video:C5F10AQ");
    assertThat(finalize.path("finalizeUploadRequest").path("uploadedPartIds").toString())
        .isEqualTo("[\"e1\",\"e2\",\"e3\"]");
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
    assertThat(postBody().path("content").path("media").path("id").stringValue()).isEqualTo("urn:li:video:C5F10AQ");
  }

  @Test
  void media_uploaded_but_post_not_created_reuses_the_asset_on_retry() {
    initializeUpload("images", "image", "urn:li:image:KEEP", "/dms-uploads/keep");
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).inScenario("post")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
        .willReturn(aResponse().withStatus(500).withBody("{\"status\":500,\"message\":\"Internal Server Error\"}")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).inScenario("post")
        .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:9")));
    PublishRequest request = PublishRequest.text(account(PERSON), "k5", "pic")
        .withMedia(List.of(file(MediaKind.IMAGE, "k.png", "image/png", new byte[] {5})))
        .withCheckpoint(Checkpoint.inMemory());

    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class);
    PublishResult result = connector.publish(request);

    assertThat(result.externalId()).isEqualTo("urn:li:share:9");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/images")))).hasSize(1);
    assertThat(postBody().path("content").path("media").path("id").stringValue()).isEqualTo("urn:li:image:KEEP");
    // A third call finds the created post in the checkpoint and posts nothing.
    assertThat(connector.publish(request).externalId()).isEqualTo("urn:li:share:9");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/posts")))).hasSize(2);
  }

  @Test
  void document_post_uses_the_documents_api_and_sends_a_title() {
    initializeUpload("documents", "document", "urn:li:document:D1", "/dms-uploads/doc");
    postCreated("urn:li:share:4");
    MediaAsset pdf = file(MediaKind.DOCUMENT, "deck.pdf", "application/pdf", new byte[] {37, 80, 68, 70});

    connector.publish(PublishRequest.text(account(ORG), "k6", "our deck").withFormat(PostFormat.DOCUMENT)
        .withMedia(List.of(pdf)));

    assertThat(wireMock.findAll(putRequestedFor(urlPathEqualTo("/dms-uploads/doc"))).get(0).getBody())
        .containsExactly(37, 80, 68, 70);
    JsonNode media = postBody().path("content").path("media");
    assertThat(media.path("id").stringValue()).isEqualTo("urn:li:document:D1");
    assertThat(media.path("title").stringValue()).isEqualTo("deck.pdf");
  }

  @Test
  void a_daily_quota_429_retries_at_the_next_midnight_utc_and_closes_the_endpoint_until_then() {
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).willReturn(aResponse().withStatus(429)
        .withHeader("x-li-uuid", "req-429").withBody("{\"serviceErrorCode\":101,\"message\":\"Resource level "
            + "throttle limit for calls to this resource is reached.\",\"status\":429}")));

    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account(PERSON), "k7", "hi")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAt()).contains(Instant.parse("2026-03-11T00:00:00Z"));
          assertThat(e.requestId()).contains("req-429");
          assertThat(e.retryable()).isTrue();
        });
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account(PERSON), "k8", "again")))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAt()).contains(Instant.parse("2026-03-11T00:00:00Z")));
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/posts")))).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void retry_after_wins_over_the_midnight_reset() {
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "120").withBody("{\"serviceErrorCode\":101,\"message\":\"throttle\",\"status\":429}")));

    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account(PERSON), "k9", "hi")))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAt()).contains(clock.instant().plusSeconds(120)));
  }

  @Test
  void a_401_refreshes_the_token_once_and_retries_with_the_new_one() {
    wireMock.stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(200)
        .withBody("{\"access_token\":\"AQX-new\",\"expires_in\":5184000,\"scope\":\"w_member_social\"}")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).withHeader("Authorization",
        equalTo("Bearer AQX-old")).willReturn(aResponse().withStatus(401)
        .withBody("{\"serviceErrorCode\":65600,\"message\":\"Invalid access token\",\"status\":401}")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).withHeader("Authorization",
        equalTo("Bearer AQX-new")).willReturn(aResponse().withStatus(201).withHeader("x-restli-id", "urn:li:share:5")));

    PublishResult result = connector.publish(PublishRequest.text(account(PERSON), "k10", "hi"));

    assertThat(result.externalId()).isEqualTo("urn:li:share:5");
    LoggedRequest refresh = wireMock.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken"))).get(0);
    assertThat(refresh.getBodyAsString()).contains("grant_type=refresh_token", "refresh_token=AQW-refresh",
        "client_id=client-1", "client_secret=client-secret-1");
  }

  @Test
  void a_second_401_after_the_refresh_is_an_expired_authentication() {
    wireMock.stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).willReturn(aResponse().withStatus(200)
        .withBody("{\"access_token\":\"AQX-new\",\"expires_in\":5184000}")));
    wireMock.stubFor(LinkedInStub.rest(post(urlPathEqualTo("/rest/posts"))).willReturn(aResponse().withStatus(401)
        .withHeader("x-li-uuid", "req-401").withBody("{\"status\":401,\"serviceErrorCode\":65601,"
            + "\"code\":\"REVOKED_ACCESS_TOKEN\",\"message\":\"The token used in the request has been revoked by the user\"}")));

    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account(PERSON), "k11", "hi")))
        .isInstanceOf(AuthenticationExpiredException.class)
        .hasMessageContaining("REVOKED_ACCESS_TOKEN").hasMessageContaining("req-401");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")))).hasSize(1);
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/rest/posts")))).hasSize(2);
  }

  @Test
  void member_post_metrics_come_from_social_actions_and_missing_counts_stay_absent() {
    wireMock.stubFor(LinkedInStub.rest(get(urlPathEqualTo("/rest/socialActions/urn%3Ali%3Ashare%3A77")))
        .willReturn(aResponse().withStatus(200).withBody("{\"likesSummary\":{\"totalLikes\":2,\"aggregatedTotalLikes\":2},"
            + "\"target\":\"urn:li:share:77\",\"unknownField\":1}")));

    var snapshots = connector.fetchMetrics(account(PERSON), List.of("urn:li:share:77"));

    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).values()).containsExactly(Map.entry(dev.chorus.model.Metric.LIKES, 2L));
    assertThat(snapshots.get(0).capturedAt()).isEqualTo(clock.instant());
  }

  @Test
  void an_invalid_author_urn_is_rejected_before_any_request() {
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account("12345"), "k12", "hi")))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("account.externalId")
        .hasMessageContaining("12345");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void validate_reports_mixed_media_and_oversized_images() {
    MediaAsset huge = MediaAsset.builder(MediaKind.IMAGE, URI.create("https://m.example/a.png"), "image/png")
        .dimensions(8000, 6000).build();
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://m.example/v.mp4"), "video/mp4").build();
    var result = connector.validate(PublishRequest.text(account(PERSON), "k13", "x").withMedia(List.of(huge, video)));
    assertThat(result.violates("media.mixed")).isTrue();
    assertThat(result.violates("media.pixels")).isTrue();
    assertThat(connector.validate(PublishRequest.text(account(PERSON), "k14", "a".repeat(3000))).valid()).isTrue();
    assertThat(connector.validate(PublishRequest.text(account(PERSON), "k15", "a".repeat(3001)))
        .violates("text.length")).isTrue();
  }

  /** A clock that moves only when told. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
