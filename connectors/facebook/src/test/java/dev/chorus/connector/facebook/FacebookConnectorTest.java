package dev.chorus.connector.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.facebook.FacebookStub.PAGE_ID;
import static dev.chorus.connector.facebook.FacebookStub.V;
import static dev.chorus.connector.facebook.FacebookStub.error;
import static dev.chorus.connector.facebook.FacebookStub.insight;
import static dev.chorus.connector.facebook.FacebookStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.media.MediaSource;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Facebook flows against a WireMock Graph API speaking the shapes of the Pages API: photos by URL
 * and multipart, the resumable video upload and its resume, multi-photo resume, scheduling,
 * reconcile, delete, the insights fallback for refused metric names, throttling, comments paging
 * and Page token refresh.
 */
class FacebookConnectorTest {

  private static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("fb-1"), new WorkspaceId("ws"),
      Platform.FACEBOOK, "Page", PAGE_ID, ZoneId.of("UTC"), new CredentialsRef("fb/test"));
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static WireMockServer wireMock;

  private static final String FIELDS =
      "id,shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)";

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
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
    runtime = HttpRuntime.builder().clock(clock).sleeper(d -> { }).build();
    connector = connector(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build());
    wireMock.stubFor(get(urlPathEqualTo(V + "/me/accounts")).willReturn(ok("a",
        "{\"data\":[{\"id\":\"" + PAGE_ID + "\",\"name\":\"P\",\"access_token\":\"page-tok\"}]}")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static Connector connector(ConnectorContext context) {
    FacebookConnectorProvider provider = new FacebookConnectorProvider();
    return provider.create(context,
        provider.configSpec().validate("facebook", Map.of("baseUrl", wireMock.baseUrl(), "accessToken", "user-tok")));
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

  // ---------------------------------------------------------------------------------------------
  // Photos

  @Test
  void single_photo_from_a_url_is_posted_by_url_with_its_caption_and_alt_text() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")).willReturn(ok("ph",
        "{\"id\":\"photo-9\",\"post_id\":\"" + PAGE_ID + "_909\"}")));
    MediaAsset photo = image(7).toBuilder().altText("a red kite").build();
    PublishResult result = connector.publish(PublishRequest.text(ACCOUNT, "k", "look up").withMedia(List.of(photo)));
    assertThat(result.externalId()).isEqualTo(PAGE_ID + "_909");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/photos"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withHeader("Authorization", containing("page-tok"))
        .withRequestBody(containing("url=https%3A%2F%2Fcdn.example%2F7.jpg"))
        .withRequestBody(containing("caption=look+up"))
        .withRequestBody(containing("alt_text_custom=a+red+kite"))
        .withRequestBody(containing("published=true")));
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
  }

  @Test
  void single_local_photo_is_uploaded_as_multipart_source_and_a_scheduled_one_is_known_by_its_photo_id(
      @TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("kite.png"), "PNG-BYTES-OF-A-KITE".getBytes(StandardCharsets.US_ASCII));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/photos")).willReturn(ok("ph", "{\"id\":\"photo-10\"}")));
    MediaAsset photo = MediaAsset.builder(MediaKind.IMAGE, file.toUri(), "image/png").build();
    Instant at = NOW.plus(Duration.ofHours(2));
    PublishResult result = connector.publish(PublishRequest.text(ACCOUNT, "k", "later kite")
        .withMedia(List.of(photo)).publishAt(at));
    // A scheduled photo has no post_id yet: the photo id stands for it.
    assertThat(result.externalId()).isEqualTo("photo-10");
    assertThat(result.publishedAt()).isEqualTo(at);
    LoggedRequest sent = wireMock.findAll(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/photos"))).get(0);
    assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
    String body = sent.getBodyAsString();
    assertThat(field(body, "caption")).isEqualTo("later kite");
    assertThat(field(body, "published")).isEqualTo("false");
    assertThat(field(body, "scheduled_publish_time")).isEqualTo(String.valueOf(at.getEpochSecond()));
    assertThat(body).contains("name=\"source\"; filename=\"photo\"\r\nContent-Type: image/png\r\n\r\n"
        + "PNG-BYTES-OF-A-KITE\r\n");
  }

  // ---------------------------------------------------------------------------------------------
  // Video

  private static final byte[] VIDEO = "0123456789".getBytes(StandardCharsets.US_ASCII);
  private static final URI VIDEO_URI = URI.create("s3://bucket/clip.mp4?X-Sig=secret");

  /** A connector reading the video through the host's MediaReader (a scheme the default cannot read). */
  private Connector videoConnector(HttpRuntime on) {
    MediaReader reader = asset -> VIDEO_URI.equals(asset.source()) ? MediaSource.ofBytes(VIDEO)
        : MediaReader.standard().open(asset);
    return connector(ConnectorContext.builder(clock).extension(HttpRuntime.class, on)
        .extension(MediaReader.class, reader).build());
  }

  private static PublishRequest videoPost(Checkpoint checkpoint) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, VIDEO_URI, "video/mp4").byteSize((long) VIDEO.length)
        .build();
    return PublishRequest.text(ACCOUNT, "v", "our clip").withMedia(List.of(video)).withCheckpoint(checkpoint);
  }

  private static void stubVideoStep(String state, String next, ResponseDefinitionBuilder answer) {
    var mapping = post(urlPathEqualTo(V + "/" + PAGE_ID + "/videos")).inScenario("video").whenScenarioStateIs(state);
    wireMock.stubFor((next != null ? mapping.willSetStateTo(next) : mapping).willReturn(answer));
  }

  private static void stubVideoUpload(boolean failSecondChunk) {
    stubVideoStep(Scenario.STARTED, "t0", ok("vs", "{\"video_id\":\"vid-1\",\"upload_session_id\":\"sess-1\","
        + "\"start_offset\":\"0\",\"end_offset\":\"4\"}"));
    stubVideoStep("t0", failSecondChunk ? "broken" : "t4", ok("v0", "{\"start_offset\":\"4\",\"end_offset\":\"8\"}"));
    stubVideoStep("broken", null, error(503, "vx", "{\"error\":{\"message\":\"An unexpected error has occurred. "
        + "Please retry your request later.\",\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,"
        + "\"fbtrace_id\":\"vx\"}}"));
    stubVideoStep("t4", "t8", ok("v4", "{\"start_offset\":\"8\",\"end_offset\":\"10\"}"));
    stubVideoStep("t8", "finish", ok("v8", "{\"start_offset\":\"10\",\"end_offset\":\"10\"}"));
    stubVideoStep("finish", "done", ok("vf", "{\"success\":true}"));
  }

  /** Each /videos call as phase@offset:chunk, in order. */
  private static List<String> videoCalls() {
    return wireMock.findAll(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/videos"))).stream()
        .map(request -> {
          String body = request.getBodyAsString();
          if (body.contains("upload_phase=start")) {
            return "start:" + Optional.ofNullable(formField(body, "file_size")).orElse("?");
          }
          if (body.contains("upload_phase=finish")) {
            return "finish";
          }
          Matcher chunk = Pattern.compile("name=\"video_file_chunk\"; filename=\"chunk\"\r\nContent-Type: "
              + "application/octet-stream\r\n\r\n([0-9]*)\r\n").matcher(body);
          return field(body, "upload_phase") + "@" + field(body, "start_offset") + ":"
              + (chunk.find() ? chunk.group(1) : "?");
        })
        .toList();
  }

  @Test
  void video_goes_through_start_transfer_of_each_requested_chunk_and_finish() {
    stubVideoUpload(false);
    Connector withReader = videoConnector(runtime);
    try {
      Checkpoint checkpoint = Checkpoint.inMemory();
      assertThat(withReader.publish(videoPost(checkpoint)).externalId()).isEqualTo("vid-1");
      assertThat(videoCalls()).containsExactly("start:10", "transfer@0:0123", "transfer@4:4567", "transfer@8:89",
          "finish");
      wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/videos"))
          .withRequestBody(containing("upload_phase=finish"))
          .withRequestBody(containing("upload_session_id=sess-1"))
          .withRequestBody(containing("description=our+clip"))
          .withRequestBody(containing("published=true")));
      assertThat(checkpoint.get("fb.post")).contains("vid-1");
    } finally {
      withReader.close();
    }
  }

  @Test
  void video_failing_mid_transfer_resumes_at_the_confirmed_offset_with_the_same_session() {
    stubVideoUpload(true);
    // One attempt per call, so that the failure reaches the caller, who retries the publish later.
    HttpRuntime once = HttpRuntime.builder().clock(clock).sleeper(d -> { }).maxAttempts(1).build();
    Connector withReader = videoConnector(once);
    try {
      Checkpoint checkpoint = Checkpoint.inMemory();
      assertThatThrownBy(() -> withReader.publish(videoPost(checkpoint)))
          .isInstanceOf(PlatformUnavailableException.class)
          .hasMessageNotContaining("secret");
      assertThat(checkpoint.get("fb.video.session")).contains("sess-1");
      assertThat(checkpoint.get("fb.video.start")).contains("4");
      wireMock.resetRequests();
      wireMock.setScenarioState("video", "t4");

      assertThat(withReader.publish(videoPost(checkpoint)).externalId()).isEqualTo("vid-1");
      // No second start: the upload goes on in session sess-1 from byte 4.
      assertThat(videoCalls()).containsExactly("transfer@4:4567", "transfer@8:89", "finish");
    } finally {
      withReader.close();
      once.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile and delete

  @Test
  void reconcile_finds_the_post_in_the_feed_since_the_attempt_less_the_skew() {
    Instant attempted = NOW.minus(Duration.ofMinutes(10));
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(ok("r", "{\"data\":["
        + "{\"id\":\"" + PAGE_ID + "_3\",\"message\":\"other text\",\"created_time\":\""
        + FacebookStub.graphTime(attempted.plusSeconds(60)) + "\"},"
        + "{\"id\":\"" + PAGE_ID + "_2\",\"message\":\"the one\",\"created_time\":\""
        + FacebookStub.graphTime(attempted.plusSeconds(5)) + "\",\"permalink_url\":\"https://www.facebook.com/p/2\"}"
        + "],\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\"a\"}}}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "the one").withCheckpoint(checkpoint);

    Optional<PublishResult> found = connector.reconcile(request, attempted);
    assertThat(found).isPresent();
    assertThat(found.get().externalId()).isEqualTo(PAGE_ID + "_2");
    assertThat(found.get().url()).isEqualTo(URI.create("https://www.facebook.com/p/2"));
    assertThat(found.get().publishedAt()).isEqualTo(attempted.plusSeconds(5));
    assertThat(checkpoint.get("fb.post")).contains(PAGE_ID + "_2");
    wireMock.verify(getRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withQueryParam("since", equalTo(String.valueOf(attempted.minus(Duration.ofMinutes(1)).getEpochSecond()))));

    assertThat(connector.reconcile(PublishRequest.text(ACCOUNT, "k2", "never posted"), attempted)).isEmpty();
  }

  @Test
  void reconcile_of_a_scheduled_post_looks_in_scheduled_posts() {
    Instant attempted = NOW.minus(Duration.ofMinutes(2));
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/scheduled_posts")).willReturn(ok("s", "{\"data\":["
        + "{\"id\":\"" + PAGE_ID + "_77\",\"message\":\"soon\",\"created_time\":\""
        + FacebookStub.graphTime(attempted.plusSeconds(1)) + "\"}]}")));
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "soon").publishAt(NOW.plus(Duration.ofDays(2)));
    assertThat(connector.reconcile(request, attempted)).map(PublishResult::externalId).contains(PAGE_ID + "_77");
    wireMock.verify(getRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/scheduled_posts"))
        .withQueryParam("since", absent()));
    wireMock.verify(0, getRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
  }

  @Test
  void delete_sends_delete_with_the_page_token_and_success_false_is_a_rejection() {
    wireMock.stubFor(delete(urlPathEqualTo(V + "/" + PAGE_ID + "_1")).willReturn(ok("d", "{\"success\":true}")));
    wireMock.stubFor(delete(urlPathEqualTo(V + "/" + PAGE_ID + "_2")).willReturn(ok("d2", "{\"success\":false}")));
    connector.delete(ACCOUNT, PAGE_ID + "_1");
    wireMock.verify(1, deleteRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "_1"))
        .withHeader("Authorization", containing("page-tok")));
    assertThatThrownBy(() -> connector.delete(ACCOUNT, PAGE_ID + "_2"))
        .isInstanceOf(ContentRejectedException.class).hasMessageContaining(PAGE_ID + "_2");
  }

  @Test
  void hide_posts_is_hidden_to_the_comment_with_the_page_token_and_success_false_is_a_rejection() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/c_1")).willReturn(ok("h", "{\"success\":true}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/c_2")).willReturn(ok("h2", "{\"success\":false}")));
    assertThat(connector.capabilities().supports(dev.chorus.connector.Capability.HIDE)).isTrue();

    connector.hide(ACCOUNT, "c_1", true);
    connector.hide(ACCOUNT, "c_1", false);

    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/c_1")).withRequestBody(equalTo("is_hidden=true"))
        .withHeader("Authorization", containing("page-tok")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/c_1")).withRequestBody(equalTo("is_hidden=false")));
    assertThatThrownBy(() -> connector.hide(ACCOUNT, "c_2", true))
        .isInstanceOf(ContentRejectedException.class).hasMessageContaining("c_2");
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics

  @Test
  void a_refused_insights_metric_is_retried_alone_and_only_that_metric_is_absent() {
    String post = PAGE_ID + "_1";
    String refused = "{\"error\":{\"message\":\"(#100) The value must be a valid insights metric\",\"type\":"
        + "\"OAuthException\",\"code\":100,\"fbtrace_id\":\"m\"}}";
    String counts = "\"id\":\"" + post + "\",\"shares\":{\"count\":4},\"reactions\":{\"data\":[],\"summary\":"
        + "{\"total_count\":9}},\"comments\":{\"data\":[],\"summary\":{\"total_count\":2}}";
    // Any list of several insights names fails whole, as one refused name makes Meta refuse the call.
    wireMock.stubFor(get(urlPathEqualTo(V + "/")).withQueryParam("fields", matching(".*insights\\.metric\\(.*,.*\\)"))
        .willReturn(error(400, "m", refused)));
    wireMock.stubFor(get(urlPathEqualTo(V + "/")).withQueryParam("fields", equalTo(FIELDS))
        .willReturn(ok("c", "{\"" + post + "\":{" + counts + "}}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/"))
        .withQueryParam("fields", equalTo(FIELDS + ",insights.metric(post_media_view)"))
        .willReturn(ok("i1", "{\"" + post + "\":{" + counts + ",\"insights\":{\"data\":["
            + insight(post, "post_media_view", 120) + "]}}}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/"))
        .withQueryParam("fields", equalTo(FIELDS + ",insights.metric(post_total_media_view_unique)"))
        .willReturn(ok("i2", "{\"" + post + "\":{" + counts + ",\"insights\":{\"data\":["
            + insight(post, "post_total_media_view_unique", 95) + "]}}}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/"))
        .withQueryParam("fields", equalTo(FIELDS + ",insights.metric(post_clicks)"))
        .willReturn(error(400, "m3", refused)));

    List<MetricSnapshot> snapshots = connector.fetchMetrics(ACCOUNT, List.of(post));
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).values()).containsOnly(Map.entry(Metric.IMPRESSIONS, 120L),
        Map.entry(Metric.REACH, 95L), Map.entry(Metric.LIKES, 9L), Map.entry(Metric.COMMENTS, 2L),
        Map.entry(Metric.SHARES, 4L));
    assertThat(snapshots.get(0).values()).doesNotContainKey(Metric.CLICKS);
    wireMock.verify(getRequestedFor(urlPathEqualTo(V + "/"))
        .withQueryParam("fields", equalTo(FIELDS + ",insights.metric(post_clicks)")));
  }

  // ---------------------------------------------------------------------------------------------
  // Throttling

  @ParameterizedTest(name = "code {0}")
  @CsvSource(delimiter = '|', value = {
      "4|403|(#4) Application request limit reached|X-App-Usage|{\"call_count\":100,\"total_time\":25,\"total_cputime\":25}|60",
      "17|400|(#17) User request limit reached|X-App-Usage|{\"call_count\":97,\"total_time\":40,\"total_cputime\":30}|60",
      "32|400|(#32) Page request limit reached|X-Business-Use-Case-Usage|{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":20,\"total_time\":20,\"estimated_time_to_regain_access\":7}]}|7",
      "613|400|(#613) Calls to this api have exceeded the rate limit.|X-Page-Usage|{\"call_count\":100,\"total_cputime\":56,\"total_time\":60}|60"})
  void throttle_codes_become_rate_limited_with_the_reset_from_the_usage_headers(int code, int status, String message,
      String header, String usage, long waitMinutes) {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(error(status, "thr-" + code,
        "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"is_transient\":true,\"code\":"
            + code + ",\"fbtrace_id\":\"thr-" + code + "\"}}").withHeader(header, usage)));
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "hello");
    assertThatThrownBy(() -> connector.publish(request))
        .isInstanceOfSatisfying(RateLimitedException.class, limited -> {
          assertThat(limited.retryAt()).contains(NOW.plus(Duration.ofMinutes(waitMinutes)));
          assertThat(limited.requestId()).contains("thr-" + code);
        })
        .hasMessageContaining("(#" + code + ")")
        .hasMessageNotContaining("page-tok");
    // The wait is longer than the runtime waits by itself: one call, no retry.
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
  }

  // ---------------------------------------------------------------------------------------------
  // Comments

  @Test
  void comments_page_through_the_feed_with_the_after_cursor_until_meta_sends_no_next() {
    String c = "\"from\":{\"id\":\"771\",\"name\":\"Fan\"},\"created_time\":\"" + FacebookStub.graphTime(NOW) + "\"";
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).withQueryParam("after", absent())
        .willReturn(ok("c1", "{\"data\":[{\"id\":\"" + PAGE_ID + "_1\",\"comments\":{\"data\":["
            + "{\"id\":\"1_a\",\"message\":\"first\"," + c + "},"
            + "{\"id\":\"1_b\",\"message\":\"answer\",\"parent\":{\"id\":\"1_a\"}," + c + "}]}}],"
            + "\"paging\":{\"cursors\":{\"before\":\"b1\",\"after\":\"CUR2\"},\"next\":\"https://graph.facebook.com"
            + V + "/" + PAGE_ID + "/feed?after=CUR2\"}}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).withQueryParam("after", equalTo("CUR2"))
        .willReturn(ok("c2", "{\"data\":[{\"id\":\"" + PAGE_ID + "_2\",\"comments\":{\"data\":["
            + "{\"id\":\"2_a\",\"message\":\"later\"," + c + "}]}},{\"id\":\"" + PAGE_ID + "_3\"}],"
            + "\"paging\":{\"cursors\":{\"before\":\"b2\",\"after\":\"CUR3\"}}}")));

    InteractionQuery first = InteractionQuery.firstPage(Set.of(InteractionKind.COMMENT));
    Page<Interaction> one = connector.fetchInteractions(ACCOUNT, first);
    assertThat(one.items()).extracting(Interaction::externalId).containsExactly("1_a", "1_b");
    assertThat(one.items().get(1).parentExternalId()).isEqualTo("1_a");
    assertThat(one.items().get(0).externalPostId()).isEqualTo(PAGE_ID + "_1");
    assertThat(one.nextCursor()).isEqualTo("CUR2");

    Page<Interaction> two = connector.fetchInteractions(ACCOUNT, first.next(one.nextCursor()));
    assertThat(two.items()).extracting(Interaction::externalId).containsExactly("2_a");
    // Meta keeps an after cursor on the last page but no next link: paging stops.
    assertThat(two.nextCursor()).isNull();
    assertThat(two.hasMore()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  @Test
  void code_190_refreshes_to_a_new_page_token_and_the_post_then_succeeds() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/me/accounts")).inScenario("tokens")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rotated")
        .willReturn(ok("a1", accounts("page-tok"))));
    wireMock.stubFor(get(urlPathEqualTo(V + "/me/accounts")).inScenario("tokens").whenScenarioStateIs("rotated")
        .willReturn(ok("a2", accounts("page-tok-2"))));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withHeader("Authorization", notContaining("page-tok-2"))
        .willReturn(error(400, "old", "{\"error\":{\"message\":\"Error validating access token: Session has expired\","
            + "\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"old\"}}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withHeader("Authorization", containing("page-tok-2"))
        .willReturn(ok("new", "{\"id\":\"" + PAGE_ID + "_190\"}")));

    assertThat(connector.publish(PublishRequest.text(ACCOUNT, "k", "after refresh")).externalId())
        .isEqualTo(PAGE_ID + "_190");
    wireMock.verify(2, getRequestedFor(urlPathEqualTo(V + "/me/accounts")));
    wireMock.verify(2, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
        .withHeader("Authorization", containing("page-tok-2")));
  }

  /** A {@code /me/accounts} answer handing out the Page token. */
  private static String accounts(String pageToken) {
    return "{\"data\":[{\"id\":\"" + PAGE_ID + "\",\"name\":\"P\",\"access_token\":\"" + pageToken + "\"}]}";
  }

  /** A text field of a multipart body. */
  private static String field(String body, String name) {
    Matcher value = Pattern.compile("name=\"" + Pattern.quote(name) + "\"\r\n\r\n([^\r]*)\r\n").matcher(body);
    return value.find() ? value.group(1) : null;
  }

  /** A field of a form-encoded body. */
  private static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return null;
  }
}
