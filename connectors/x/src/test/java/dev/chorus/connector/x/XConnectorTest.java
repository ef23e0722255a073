package dev.chorus.connector.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.chorus.connector.x.XStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.AuthorizationRequest;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.model.AccountId;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.Poll;
import dev.chorus.model.PublicPost;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The X connector's flows against a WireMock X speaking the v2 wire format. */
class XConnectorTest {

  private static final String USER = XStub.USER_ID;
  private static final dev.chorus.model.CredentialsRef REF = new dev.chorus.model.CredentialsRef("x/test");
  private static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("acc-1"), new WorkspaceId("ws-1"),
      Platform.X, "@chorus", USER, ZoneId.of("UTC"), REF);
  private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  private static WireMockServer wireMock;

  @TempDir Path dir;

  private MutableClock clock;
  private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  private HttpRuntime runtime;
  private TokenStore store;
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
    waits.clear();
    clock = new MutableClock(START);
    runtime = HttpRuntime.builder().clock(clock).sleeper(d -> {
      waits.add(d);
      if (!d.isNegative()) {
        clock.advance(d);
      }
    }).build();
    store = new InMemoryTokenStore();
    store.save(REF, OAuthTokens.builder().accessToken("access-1").refreshToken("refresh-1")
        .expiresAt(START.plusSeconds(7200)).build());
    connector = connector(Map.of("mediaChunkBytes", "1024"));
    wireMock.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(json(200, "tok",
        "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"access-2\",\"scope\":\"tweet.write\","
            + "\"refresh_token\":\"refresh-2\"}")));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private Connector connector(Map<String, String> extra) {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("baseUrl", wireMock.baseUrl());
    raw.put("clientId", "client-1");
    raw.put("clientSecret", "client-secret-1");
    raw.putAll(extra);
    XConnectorProvider provider = new XConnectorProvider();
    return provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(TokenStore.class, store).build(), provider.configSpec().validate("x", raw));
  }

  private static void created(String id) {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(201, "req-" + id,
        "{\"data\":{\"id\":\"" + id + "\",\"text\":\"t\",\"edit_history_tweet_ids\":[\"" + id + "\"]}}")));
  }

  private static String body(com.github.tomakehurst.wiremock.verification.LoggedRequest request) {
    return request.getBodyAsString();
  }

  // ------------------------------------------------------------------------------------------- publish

  @Test
  void publishes_text_with_the_users_bearer_token_and_returns_the_opaque_id() {
    created("1346889436626259968");
    PublishResult result = connector.publish(PublishRequest.text(ACCOUNT, "k1", "Hello from the API!"));
    assertThat(result.externalId()).isEqualTo("1346889436626259968");
    assertThat(result.url()).hasToString("https://x.com/i/web/status/1346889436626259968");
    assertThat(result.publishedAt()).isEqualTo(START);
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets"))
        .withHeader("Authorization", equalTo("Bearer access-1"))
        .withRequestBody(equalToJson("{\"text\":\"Hello from the API!\"}")));
  }

  @Test
  void publishes_a_reply_a_quote_and_a_poll_in_xs_body_shapes() {
    created("2");
    connector.publish(PublishRequest.text(ACCOUNT, "k1", "This is a reply!").inReplyTo("1346889436626259968"));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(equalToJson(
        "{\"text\":\"This is a reply!\",\"reply\":{\"in_reply_to_tweet_id\":\"1346889436626259968\"}}")));
    wireMock.resetRequests();
    PublishRequest quote = new PublishRequest(ACCOUNT, "k2", dev.chorus.model.PostFormat.FEED, "Check this out!",
        List.of(), null, null, List.of(), null, Map.of("quoteTweetId", "1346889436626259968", "replySettings", "following"),
        null, null, null);
    connector.publish(quote);
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(equalToJson(
        "{\"text\":\"Check this out!\",\"quote_tweet_id\":\"1346889436626259968\",\"reply_settings\":\"following\"}")));
    wireMock.resetRequests();
    connector.publish(PublishRequest.text(ACCOUNT, "k3", "Pick one").withPoll(new Poll(List.of("yes", "no"), Duration.ofDays(1))));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(equalToJson(
        "{\"text\":\"Pick one\",\"poll\":{\"options\":[\"yes\",\"no\"],\"duration_minutes\":1440}}")));
  }

  @Test
  void publishes_a_thread_as_a_reply_chain_and_resumes_it_without_reposting() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("1").willReturn(json(201, "r1", "{\"data\":{\"id\":\"100\",\"text\":\"a\"}}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("t").whenScenarioStateIs("1")
        .willSetStateTo("2").willReturn(json(201, "r2", "{\"data\":{\"id\":\"101\",\"text\":\"b\"}}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("t").whenScenarioStateIs("2")
        .willSetStateTo("3").willReturn(json(503, "r3", "{\"title\":\"Service Unavailable\",\"status\":503}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("t").whenScenarioStateIs("3")
        .willReturn(json(201, "r4", "{\"data\":{\"id\":\"102\",\"text\":\"c\"}}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest thread = PublishRequest.text(ACCOUNT, "k", "1/3 start")
        .withThreadParts(List.of(ThreadPart.of("2/3 middle"), ThreadPart.of("3/3 end"))).withCheckpoint(checkpoint);
    assertThatThrownBy(() -> connector.publish(thread)).isInstanceOf(PlatformUnavailableException.class);
    PublishResult result = connector.publish(thread);
    assertThat(result.externalId()).isEqualTo("100");
    assertThat(result.threadPartIds()).containsExactly("101", "102");
    List<String> bodies = wireMock.findAll(postRequestedFor(urlPathEqualTo("/2/tweets"))).stream()
        .map(XConnectorTest::body).toList();
    assertThat(bodies).hasSize(4);
    assertThat(bodies.get(1)).contains("\"in_reply_to_tweet_id\":\"100\"");
    assertThat(bodies.get(3)).contains("3/3 end").contains("\"in_reply_to_tweet_id\":\"101\"");
  }

  @Test
  void replies_to_an_interaction() {
    created("555");
    PublishResult reply = connector.reply(new ReplyRequest(ACCOUNT, "444", "thanks!", "rk"));
    assertThat(reply.externalId()).isEqualTo("555");
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(equalToJson(
        "{\"text\":\"thanks!\",\"reply\":{\"in_reply_to_tweet_id\":\"444\"}}")));
  }

  @Test
  void deletes_a_post_and_reports_a_refusal() {
    wireMock.stubFor(delete(urlPathEqualTo("/2/tweets/77")).willReturn(json(200, "d", "{\"data\":{\"deleted\":true}}")));
    connector.delete(ACCOUNT, "77");
    wireMock.verify(deleteRequestedFor(urlPathEqualTo("/2/tweets/77")));
    wireMock.stubFor(delete(urlPathEqualTo("/2/tweets/78")).willReturn(json(200, "d", "{\"data\":{\"deleted\":false}}")));
    assertThatThrownBy(() -> connector.delete(ACCOUNT, "78")).isInstanceOf(ContentRejectedException.class);
  }

  // --------------------------------------------------------------------------------------------- media

  private MediaAsset file(MediaKind kind, String mime, int bytes, String alt) throws Exception {
    Path path = dir.resolve("m" + bytes + kind);
    byte[] content = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      content[i] = (byte) i;
    }
    Files.write(path, content);
    return MediaAsset.builder(kind, path.toUri(), mime).altText(alt).build();
  }

  private static void upload(String id, String finalizeBody) {
    wireMock.stubFor(post(urlPathEqualTo("/2/media/upload/initialize")).willReturn(json(200, "init",
        "{\"data\":{\"id\":\"" + id + "\",\"media_key\":\"13_" + id + "\",\"expires_after_secs\":1295999}}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/media/upload/" + id + "/append"))
        .willReturn(aResponse().withStatus(200).withHeader("x-transaction-id", "app")));
    wireMock.stubFor(post(urlPathEqualTo("/2/media/upload/" + id + "/finalize")).willReturn(json(200, "fin", finalizeBody)));
    wireMock.stubFor(post(urlPathEqualTo("/2/media/metadata")).willReturn(json(200, "meta", "{\"data\":{\"id\":\"" + id + "\"}}")));
  }

  @Test
  void uploads_an_image_in_chunks_sets_alt_text_and_attaches_the_media_id() throws Exception {
    upload("1880028106020515840", "{\"data\":{\"id\":\"1880028106020515840\",\"media_key\":\"13_1880028106020515840\","
        + "\"size\":2500,\"expires_after_secs\":86400}}");
    created("9");
    connector.publish(PublishRequest.text(ACCOUNT, "k", "Photo of the day")
        .withMedia(List.of(file(MediaKind.IMAGE, "image/png", 2500, "A sunset"))));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/media/upload/initialize")).withRequestBody(equalToJson(
        "{\"media_type\":\"image/png\",\"total_bytes\":2500,\"media_category\":\"tweet_image\"}")));
    var appends = wireMock.findAll(postRequestedFor(urlPathEqualTo("/2/media/upload/1880028106020515840/append")));
    assertThat(appends).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(appends.get(i).getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
      assertThat(new String(appends.get(i).getBody(), StandardCharsets.ISO_8859_1))
          .contains("name=\"segment_index\"\r\n\r\n" + i + "\r\n").contains("name=\"media\"");
    }
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/media/metadata")).withRequestBody(equalToJson(
        "{\"id\":\"1880028106020515840\",\"metadata\":{\"alt_text\":{\"text\":\"A sunset\"}}}")));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(equalToJson(
        "{\"text\":\"Photo of the day\",\"media\":{\"media_ids\":[\"1880028106020515840\"]}}")));
  }

  @Test
  void waits_for_video_processing_on_check_after_secs_through_the_sleeper() throws Exception {
    upload("42", "{\"data\":{\"id\":\"42\",\"media_key\":\"7_42\",\"processing_info\":{\"state\":\"pending\",\"check_after_secs\":1}}}");
    wireMock.stubFor(get(urlPathEqualTo("/2/media/upload")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("2").willReturn(json(200, "st1",
            "{\"data\":{\"id\":\"42\",\"processing_info\":{\"state\":\"in_progress\",\"check_after_secs\":5,\"progress_percent\":40}}}")));
    wireMock.stubFor(get(urlPathEqualTo("/2/media/upload")).inScenario("s").whenScenarioStateIs("2")
        .willReturn(json(200, "st2", "{\"data\":{\"id\":\"42\",\"processing_info\":{\"state\":\"succeeded\",\"progress_percent\":100}}}")));
    created("43");
    connector.publish(PublishRequest.text(ACCOUNT, "k", "video")
        .withMedia(List.of(file(MediaKind.VIDEO, "video/mp4", 100, null))));
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));
    wireMock.verify(2, getRequestedFor(urlPathEqualTo("/2/media/upload"))
        .withQueryParam("command", equalTo("STATUS")).withQueryParam("media_id", equalTo("42")));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/media/upload/initialize"))
        .withRequestBody(containing("\"media_category\":\"tweet_video\"")));
    wireMock.verify(0, postRequestedFor(urlPathEqualTo("/2/media/metadata")));
  }

  @Test
  void failed_processing_is_a_content_rejection_with_xs_reason_and_no_post() throws Exception {
    upload("42", "{\"data\":{\"id\":\"42\",\"processing_info\":{\"state\":\"failed\",\"error\":{\"code\":1,"
        + "\"message\":\"Unsupported video format\"}}}}");
    created("43");
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "video")
        .withMedia(List.of(file(MediaKind.VIDEO, "video/mp4", 100, null)))))
        .isInstanceOf(ContentRejectedException.class).hasMessageContaining("Unsupported video format");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void media_uploaded_then_503_on_create_retry_reuses_the_media_id_from_the_checkpoint() throws Exception {
    upload("777", "{\"data\":{\"id\":\"777\",\"media_key\":\"3_777\",\"expires_after_secs\":86400}}");
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("up").willReturn(json(503, "down",
            "{\"title\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503,\"detail\":\"Service Unavailable\"}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).inScenario("c").whenScenarioStateIs("up")
        .willReturn(json(201, "ok", "{\"data\":{\"id\":\"888\",\"text\":\"pic\"}}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "pic")
        .withMedia(List.of(file(MediaKind.IMAGE, "image/jpeg", 500, "alt"))).withCheckpoint(checkpoint);
    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class)
        .satisfies(e -> assertThat(((ConnectorException) e).requestId()).contains("down"));
    assertThat(checkpoint.get("x.media.0.0")).contains("777");
    PublishResult result = connector.publish(request);
    assertThat(result.externalId()).isEqualTo("888");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/media/upload/initialize")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/media/metadata")));
    var creates = wireMock.findAll(postRequestedFor(urlPathEqualTo("/2/tweets")));
    assertThat(creates).hasSize(2).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"777\""));
  }

  @Test
  void an_expired_recorded_media_id_is_uploaded_again() throws Exception {
    upload("900", "{\"data\":{\"id\":\"900\"}}");
    created("901");
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("x.media.0.0", "old-1");
    checkpoint.put("x.media.0.0.expiresAt", START.minusSeconds(1).toString());
    checkpoint.put("x.media.0.0.ready", "true");
    connector.publish(PublishRequest.text(ACCOUNT, "k", "again")
        .withMedia(List.of(file(MediaKind.IMAGE, "image/jpeg", 10, null))).withCheckpoint(checkpoint));
    assertThat(checkpoint.get("x.media.0.0")).contains("900");
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(containing("\"900\"")));
  }

  // ------------------------------------------------------------------------------------------ reconcile

  @Test
  void publish_accepted_but_response_lost_is_outcome_unknown_and_reconcile_finds_it() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Instant attempted = clock.instant();
    PublishRequest request = PublishRequest.text(ACCOUNT, "k", "Fish & chips <3 at https://example.com/menu?x=1");
    assertThatThrownBy(() -> connector.publish(request)).isInstanceOfSatisfying(TransportException.class,
        e -> assertThat(e.outcomeUnknown()).isTrue());
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
    // X returns its own rendering: escaped entities and a t.co link.
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/tweets")).willReturn(json(200, "tl",
        "{\"data\":[{\"id\":\"1901\",\"text\":\"Something else\",\"created_at\":\"" + attempted.plusSeconds(9) + "\"},"
            + "{\"id\":\"1900\",\"text\":\"Fish &amp; chips &lt;3 at https://t.co/AbC123\",\"created_at\":\""
            + attempted.plusSeconds(1) + "\",\"unknown_field\":{\"x\":1}}],"
            + "\"meta\":{\"result_count\":2,\"newest_id\":\"1901\",\"oldest_id\":\"1900\"}}")));
    PublishResult found = connector.reconcile(request, attempted).orElseThrow();
    assertThat(found.externalId()).isEqualTo("1900");
    assertThat(found.publishedAt()).isEqualTo(attempted.plusSeconds(1));
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/users/" + USER + "/tweets"))
        .withQueryParam("start_time", equalTo("2025-06-01T11:59:00Z"))
        .withQueryParam("exclude", equalTo("retweets")));
    assertThat(connector.reconcile(PublishRequest.text(ACCOUNT, "k2", "never posted"), attempted)).isEmpty();
  }

  @Test
  void reconcile_ignores_posts_from_before_the_attempt() {
    Instant attempted = clock.instant();
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/tweets")).willReturn(json(200, "tl",
        "{\"data\":[{\"id\":\"5\",\"text\":\"same words\",\"created_at\":\"" + attempted.minusSeconds(3600) + "\"}],"
            + "\"meta\":{\"result_count\":1}}")));
    assertThat(connector.reconcile(PublishRequest.text(ACCOUNT, "k", "same words"), attempted)).isEmpty();
  }

  // -------------------------------------------------------------------------------------------- metrics

  @Test
  void metrics_are_batched_by_100_and_map_public_non_public_and_organic_names() {
    List<String> ids = IntStream.range(0, 150).mapToObj(i -> "1346889436626259" + (100 + i)).toList();
    String first = ids.get(0);
    String second = ids.get(1);
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(json(200, "m",
        "{\"data\":[{\"id\":\"" + first + "\",\"text\":\"a\","
            + "\"public_metrics\":{\"retweet_count\":5,\"reply_count\":2,\"like_count\":42,\"quote_count\":1,"
            + "\"bookmark_count\":3,\"impression_count\":1200,\"retired_count\":9},"
            + "\"non_public_metrics\":{\"impression_count\":1200,\"url_link_clicks\":17,\"user_profile_clicks\":9},"
            + "\"organic_metrics\":{\"impression_count\":1200,\"like_count\":42},"
            + "\"attachments\":{\"media_keys\":[\"13_1\"]}},"
            + "{\"id\":\"" + second + "\",\"text\":\"b\",\"public_metrics\":{\"retweet_count\":0,\"like_count\":1}}],"
            + "\"includes\":{\"media\":[{\"media_key\":\"13_1\",\"type\":\"video\",\"public_metrics\":{\"view_count\":800}}]},"
            + "\"errors\":[{\"resource_id\":\"" + ids.get(2) + "\",\"resource_type\":\"tweet\",\"title\":\"Not Found Error\","
            + "\"detail\":\"Could not find tweet\",\"type\":\"https://api.x.com/2/problems/resource-not-found\"}]}")));
    List<MetricSnapshot> snapshots = connector.fetchMetrics(ACCOUNT, ids);
    var requests = wireMock.findAll(getRequestedFor(urlPathEqualTo("/2/tweets")));
    List<Integer> sizes = requests.stream().map(r -> r.queryParameter("ids").firstValue().split(",").length).toList();
    // Each batch is followed by one public-only request for the posts X returned without reporting
    // them as not found (private metric groups exist only for the author's recent posts).
    assertThat(sizes).containsExactly(100, 97, 50, 50);
    assertThat(requests.get(0).queryParameter("tweet.fields").firstValue())
        .isEqualTo("public_metrics,non_public_metrics,organic_metrics,attachments");
    assertThat(requests.get(0).queryParameter("expansions").firstValue()).isEqualTo("attachments.media_keys");
    assertThat(requests.get(1).queryParameter("tweet.fields").firstValue()).isEqualTo("public_metrics,attachments");
    assertThat(requests.get(1).queryParameter("ids").firstValue()).doesNotContain(ids.get(2)).doesNotContain(first);
    assertThat(snapshots).extracting(MetricSnapshot::externalPostId).containsExactly(first, second);
    MetricSnapshot a = snapshots.get(0);
    assertThat(a.capturedAt()).isEqualTo(START);
    assertThat(a.values()).containsEntry(Metric.IMPRESSIONS, 1200L).containsEntry(Metric.LIKES, 42L)
        .containsEntry(Metric.COMMENTS, 2L).containsEntry(Metric.SHARES, 5L).containsEntry(Metric.QUOTES, 1L)
        .containsEntry(Metric.SAVES, 3L).containsEntry(Metric.LINK_CLICKS, 17L)
        .containsEntry(Metric.PROFILE_VISITS, 9L).containsEntry(Metric.VIDEO_VIEWS, 800L);
    MetricSnapshot b = snapshots.get(1);
    assertThat(b.value(Metric.LIKES)).isEqualTo(OptionalLong.of(1));
    assertThat(b.value(Metric.SHARES)).isEqualTo(OptionalLong.of(0));
    // Missing data stays absent, never zero.
    assertThat(b.value(Metric.IMPRESSIONS)).isEmpty();
    assertThat(b.value(Metric.SAVES)).isEmpty();
    assertThat(b.value(Metric.VIDEO_VIEWS)).isEmpty();
  }

  @Test
  void metric_groups_are_configurable() {
    Connector publicOnly = connector(Map.of("metricFields", "public_metrics"));
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets")).willReturn(json(200, "m", "{\"data\":[]}")));
    assertThat(publicOnly.fetchMetrics(ACCOUNT, List.of("1", "2"))).isEmpty();
    wireMock.verify(1, getRequestedFor(urlPathEqualTo("/2/tweets"))
        .withQueryParam("tweet.fields", equalTo("public_metrics,attachments"))
        .withQueryParam("media.fields", equalTo("public_metrics")));
    assertThatThrownBy(() -> connector(Map.of("metricFields", "public_metrics,vanity_metrics")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("metricFields");
  }

  @Test
  void account_metrics_come_from_the_users_public_metrics() {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER)).willReturn(json(200, "u",
        "{\"data\":{\"id\":\"" + USER + "\",\"username\":\"chorus\",\"public_metrics\":{\"followers_count\":1500,"
            + "\"following_count\":20,\"tweet_count\":300,\"listed_count\":4,\"like_count\":9}}}")));
    MetricSnapshot snapshot = connector.fetchAccountMetrics(ACCOUNT);
    assertThat(snapshot.accountLevel()).isTrue();
    assertThat(snapshot.values()).containsEntry(Metric.FOLLOWERS, 1500L).containsEntry(Metric.FOLLOWING, 20L)
        .containsEntry(Metric.of("posts"), 300L).containsEntry(Metric.of("listed"), 4L).hasSize(4);
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/users/" + USER)).withQueryParam("user.fields", equalTo("public_metrics")));
  }

  // --------------------------------------------------------------------------------------- interactions

  @Test
  void mentions_page_with_pagination_tokens_and_tell_replies_from_mentions() {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/mentions"))
        .withQueryParam("pagination_token", matching(".*").and(equalTo("t3buvdr5pujq9g7bggsnf3ep2ha28")))
        .willReturn(json(200, "m2", "{\"meta\":{\"result_count\":0}}")));
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER + "/mentions"))
        .withQueryParam("pagination_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(json(200, "m1", "{\"data\":[{\"id\":\"1301573587187331074\",\"text\":\"Hey @chorus, love it!\","
            + "\"author_id\":\"1234567890\",\"created_at\":\"2024-01-15T10:30:00.000Z\",\"conversation_id\":\"1301573587187331074\"},"
            + "{\"id\":\"1301573587187331075\",\"text\":\"@chorus agreed\",\"author_id\":\"1234567891\","
            + "\"created_at\":\"2024-01-15T10:31:00.000Z\",\"conversation_id\":\"1200\",\"in_reply_to_user_id\":\"" + USER + "\","
            + "\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"1200\"}]}],"
            + "\"includes\":{\"users\":[{\"id\":\"1234567890\",\"name\":\"Dev Person\",\"username\":\"developer\"}]},"
            + "\"meta\":{\"newest_id\":\"1301573587187331075\",\"result_count\":2,\"next_token\":\"t3buvdr5pujq9g7bggsnf3ep2ha28\"}}")));
    Page<Interaction> page = connector.fetchInteractions(ACCOUNT,
        InteractionQuery.firstPage(Set.of(InteractionKind.MENTION, InteractionKind.REPLY)));
    assertThat(page.nextCursor()).isEqualTo("t3buvdr5pujq9g7bggsnf3ep2ha28");
    assertThat(page.items()).hasSize(2);
    Interaction mention = page.items().get(0);
    assertThat(mention.kind()).isEqualTo(InteractionKind.MENTION);
    assertThat(mention.authorHandle()).isEqualTo("@developer");
    assertThat(mention.authorName()).isEqualTo("Dev Person");
    assertThat(mention.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(mention.url()).hasToString("https://x.com/developer/status/1301573587187331074");
    Interaction reply = page.items().get(1);
    assertThat(reply.kind()).isEqualTo(InteractionKind.REPLY);
    assertThat(reply.parentExternalId()).isEqualTo("1200");
    assertThat(reply.authorHandle()).isEqualTo("1234567891");
    Page<Interaction> last = connector.fetchInteractions(ACCOUNT,
        InteractionQuery.firstPage(Set.of(InteractionKind.MENTION)).next(page.nextCursor()));
    assertThat(last.items()).isEmpty();
    assertThat(last.hasMore()).isFalse();
    Page<Interaction> onlyReplies = connector.fetchInteractions(ACCOUNT, InteractionQuery.firstPage(Set.of(InteractionKind.REPLY)));
    assertThat(onlyReplies.items()).extracting(Interaction::kind).containsExactly(InteractionKind.REPLY);
  }

  // ------------------------------------------------------------------------------------------ research

  private static final String SEARCH_PAGE = "{\"data\":[{\"id\":\"1861000000000000001\",\"text\":\"Loving #chorus today\","
      + "\"author_id\":\"1234567890\",\"created_at\":\"2025-06-01T11:30:00.000Z\",\"lang\":\"en\","
      + "\"edit_history_tweet_ids\":[\"1861000000000000001\"],\"public_metrics\":{\"retweet_count\":3,\"reply_count\":1,"
      + "\"like_count\":12,\"quote_count\":0,\"bookmark_count\":2,\"impression_count\":480}},"
      + "{\"id\":\"1861000000000000002\",\"text\":\"#chorus \uD83C\uDFB6\",\"author_id\":\"99\","
      + "\"created_at\":\"2025-06-01T11:00:00.000Z\",\"lang\":\"und\",\"public_metrics\":{\"like_count\":4}}],"
      + "\"includes\":{\"users\":[{\"id\":\"1234567890\",\"name\":\"Dev Person\",\"username\":\"developer\"}]},"
      + "\"meta\":{\"newest_id\":\"1861000000000000001\",\"oldest_id\":\"1861000000000000002\",\"result_count\":2,"
      + "\"next_token\":\"b26v89c19zqg8o3fpzbkk\"}}";

  @Test
  void search_sends_xs_query_fields_bounds_and_token_and_maps_public_metrics() {
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
        .withQueryParam("pagination_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(json(200, "s1", SEARCH_PAGE)));
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
        .withQueryParam("pagination_token", equalTo("b26v89c19zqg8o3fpzbkk"))
        .willReturn(json(200, "s2", "{\"meta\":{\"result_count\":0}}")));
    Instant since = Instant.parse("2025-05-31T12:00:00.250Z");
    Instant until = Instant.parse("2025-06-01T11:59:00.500Z");
    SearchQuery query = SearchQuery.of(SearchTerm.hashtag("#chorus")).between(since, until).withPageSize(3);
    Page<PublicPost> page = connector.search(ACCOUNT, query);

    // since rounds down (start_time is inclusive), until rounds up (end_time is exclusive); 3 is below X's 10
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
        .withQueryParam("query", equalTo("#chorus"))
        .withQueryParam("max_results", equalTo("10"))
        .withQueryParam("start_time", equalTo("2025-05-31T12:00:00Z"))
        .withQueryParam("end_time", equalTo("2025-06-01T11:59:01Z"))
        .withQueryParam("tweet.fields", equalTo("created_at,lang,public_metrics,author_id"))
        .withQueryParam("expansions", equalTo("author_id"))
        .withQueryParam("user.fields", equalTo("username")));
    assertThat(page.nextCursor()).isEqualTo("b26v89c19zqg8o3fpzbkk");
    assertThat(page.items()).hasSize(2);
    PublicPost first = page.items().get(0);
    assertThat(first.externalId()).isEqualTo("1861000000000000001");
    assertThat(first.authorId()).isEqualTo("1234567890");
    assertThat(first.authorHandle()).isEqualTo("developer");
    assertThat(first.language()).isEqualTo("en");
    assertThat(first.url()).hasToString("https://x.com/developer/status/1861000000000000001");
    assertThat(first.capturedAt()).isEqualTo(START);
    assertThat(first.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of(Metric.LIKES, 12L, Metric.SHARES, 3L,
        Metric.COMMENTS, 1L, Metric.QUOTES, 0L, Metric.IMPRESSIONS, 480L));
    PublicPost second = page.items().get(1);
    // no user in includes: the handle falls back to the id; "und" is no language; only like_count was sent
    assertThat(second.authorHandle()).isEqualTo("99");
    assertThat(second.language()).isNull();
    assertThat(second.metrics()).containsExactly(Map.entry(Metric.LIKES, 4L));

    Page<PublicPost> last = connector.search(ACCOUNT, query.next(page.nextCursor()));
    assertThat(last.items()).isEmpty();
    assertThat(last.nextCursor()).isNull();
  }

  @Test
  void search_writes_mentions_and_phrases_in_xs_query_syntax_and_clamps_the_page_size() {
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent")).willReturn(json(200, "s", "{\"meta\":{\"result_count\":0}}")));
    connector.search(ACCOUNT, SearchQuery.of(SearchTerm.mention("@XDevelopers")).withPageSize(500));
    connector.search(ACCOUNT, SearchQuery.of(SearchTerm.keyword("social media")).withPageSize(40));
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
        .withQueryParam("query", equalTo("@XDevelopers")).withQueryParam("max_results", equalTo("100")));
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/tweets/search/recent"))
        .withQueryParam("query", equalTo("\"social media\"")).withQueryParam("max_results", equalTo("40")));
    assertThatThrownBy(() -> connector.search(ACCOUNT, SearchQuery.of(SearchTerm.keyword("x".repeat(513)))))
        .isInstanceOfSatisfying(dev.chorus.InvalidValueException.class,
            e -> assertThat(e.field()).isEqualTo("query.term.value"));
    assertThatThrownBy(() -> connector.search(ACCOUNT, SearchQuery.of(SearchTerm.mention("not-a-handle"))))
        .isInstanceOf(dev.chorus.InvalidValueException.class);
    wireMock.verify(2, getRequestedFor(urlPathEqualTo("/2/tweets/search/recent")));
  }

  @Test
  void a_search_429_waits_for_the_search_windows_reset_and_retries() {
    long reset = START.plusSeconds(40).getEpochSecond();
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent")).inScenario("limited")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
        .willReturn(json(429, "limited", "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\","
            + "\"type\":\"about:blank\",\"status\":429}")
            .withHeader("x-rate-limit-limit", "450").withHeader("x-rate-limit-remaining", "0")
            .withHeader("x-rate-limit-reset", String.valueOf(reset))));
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent")).inScenario("limited")
        .whenScenarioStateIs("open").willReturn(json(200, "s", SEARCH_PAGE)));
    Page<PublicPost> page = connector.search(ACCOUNT, SearchQuery.of(SearchTerm.hashtag("chorus")));
    assertThat(page.items()).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(40));
  }

  @Test
  void a_profile_has_its_public_metrics_and_at_most_the_asked_recent_posts_without_replies_and_retweets() {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/by/username/XDevelopers")).willReturn(json(200, "u",
        "{\"data\":{\"id\":\"2244994945\",\"name\":\"Developers\",\"username\":\"XDevelopers\","
            + "\"created_at\":\"2013-12-14T04:35:55.000Z\",\"description\":\"The voice of the X Dev team\","
            + "\"public_metrics\":{\"followers_count\":583423,\"following_count\":2048,\"tweet_count\":14052,"
            + "\"listed_count\":1672,\"like_count\":2401}}}")));
    wireMock.stubFor(get(urlPathEqualTo("/2/users/2244994945/tweets")).willReturn(json(200, "t",
        "{\"data\":[" + XStub.tweets(List.of(
            new PublicPost(Platform.X, "1861000000000000010", "2244994945", "XDevelopers", "newest",
                Instant.parse("2025-06-01T10:00:00Z"), null, null, START, Map.of(Metric.LIKES, 50L, Metric.IMPRESSIONS, 9000L)),
            new PublicPost(Platform.X, "1861000000000000009", "2244994945", "XDevelopers", "older",
                Instant.parse("2025-05-31T10:00:00Z"), null, null, START, Map.of(Metric.LIKES, 7L)),
            new PublicPost(Platform.X, "1861000000000000008", "2244994945", "XDevelopers", "oldest",
                Instant.parse("2025-05-30T10:00:00Z"), null, null, START, Map.of(Metric.LIKES, 1L))))
            + "],\"meta\":{\"result_count\":3}}")));
    dev.chorus.model.PublicProfile profile = connector.lookupProfile(ACCOUNT, "@XDevelopers", 2);
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/users/by/username/XDevelopers"))
        .withQueryParam("user.fields", equalTo("public_metrics,created_at,description")));
    // 2 is below X's minimum of 5 for max_results: ask for 5, keep 2
    wireMock.verify(getRequestedFor(urlPathEqualTo("/2/users/2244994945/tweets"))
        .withQueryParam("max_results", equalTo("5")).withQueryParam("exclude", equalTo("retweets,replies"))
        .withQueryParam("tweet.fields", equalTo("created_at,lang,public_metrics,author_id")));
    assertThat(profile.externalId()).isEqualTo("2244994945");
    assertThat(profile.handle()).isEqualTo("XDevelopers");
    assertThat(profile.displayName()).isEqualTo("Developers");
    assertThat(profile.description()).isEqualTo("The voice of the X Dev team");
    assertThat(profile.createdAt()).isEqualTo(Instant.parse("2013-12-14T04:35:55Z"));
    assertThat(profile.counters()).containsExactlyInAnyOrderEntriesOf(
        Map.of(Metric.FOLLOWERS, 583_423L, Metric.FOLLOWING, 2_048L, Metric.POSTS, 14_052L));
    assertThat(profile.recentPosts()).extracting(PublicPost::text).containsExactly("newest", "older");
    assertThat(profile.recentPosts().get(0).metrics())
        .containsExactlyInAnyOrderEntriesOf(Map.of(Metric.LIKES, 50L, Metric.IMPRESSIONS, 9000L));
    assertThat(profile.recentPosts().get(0).url()).hasToString("https://x.com/XDevelopers/status/1861000000000000010");

    dev.chorus.model.PublicProfile bare = connector.lookupProfile(ACCOUNT, "XDevelopers", 0);
    assertThat(bare.recentPosts()).isEmpty();
    wireMock.verify(1, getRequestedFor(urlPathEqualTo("/2/users/2244994945/tweets")));
  }

  @Test
  void an_unknown_or_malformed_handle_is_not_found_or_invalid() {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/by/username/nobody_here")).willReturn(json(200, "nf",
        "{\"errors\":[{\"value\":\"nobody_here\",\"detail\":\"Could not find user with username: [nobody_here].\","
            + "\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":\"username\","
            + "\"resource_id\":\"nobody_here\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}]}")));
    assertThatThrownBy(() -> connector.lookupProfile(ACCOUNT, "nobody_here", 5))
        .isInstanceOfSatisfying(dev.chorus.connector.NotFoundException.class, e -> {
          assertThat(e.requestId()).contains("nf");
          assertThat(e.getMessage()).contains("Could not find user with username: [nobody_here].");
        });
    assertThatThrownBy(() -> connector.lookupProfile(ACCOUNT, "way_too_long_handle", 5))
        .isInstanceOfSatisfying(dev.chorus.InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("handle"));
    assertThatThrownBy(() -> connector.lookupProfile(ACCOUNT, "XDevelopers", 101))
        .isInstanceOfSatisfying(dev.chorus.InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("recentPosts"));
    wireMock.verify(1, getRequestedFor(urlPathMatching("/2/users/.*")));
  }

  // ---------------------------------------------------------------------------------------- rate limits

  @Test
  void an_exhausted_window_is_waited_out_before_the_next_call_not_after_a_429() {
    long reset = START.plusSeconds(20).getEpochSecond();
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(201, "r", "{\"data\":{\"id\":\"1\",\"text\":\"a\"}}")
        .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "0")
        .withHeader("x-rate-limit-reset", String.valueOf(reset))));
    connector.publish(PublishRequest.text(ACCOUNT, "k1", "one"));
    assertThat(waits).isEmpty();
    connector.publish(PublishRequest.text(ACCOUNT, "k2", "two"));
    assertThat(waits).containsExactly(Duration.ofSeconds(20));
    wireMock.verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  @Test
  void an_exhausted_24_hour_user_cap_fails_fast_with_its_reset_and_no_request() {
    Instant reset = START.plus(Duration.ofHours(10));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(201, "r", "{\"data\":{\"id\":\"1\",\"text\":\"a\"}}")
        .withHeader("x-rate-limit-limit", "100").withHeader("x-rate-limit-remaining", "50")
        .withHeader("x-rate-limit-reset", String.valueOf(START.plusSeconds(900).getEpochSecond()))
        .withHeader("x-user-limit-24hour-limit", "17").withHeader("x-user-limit-24hour-remaining", "0")
        .withHeader("x-user-limit-24hour-reset", String.valueOf(reset.getEpochSecond()))));
    connector.publish(PublishRequest.text(ACCOUNT, "k1", "one"));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k2", "two")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAt()).contains(reset));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
    assertThat(waits).isEmpty();
  }

  @Test
  void a_usage_capped_429_is_a_rate_limit_that_is_not_retried_blindly() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(429, "cap",
        "{\"title\":\"UsageCapExceeded\",\"type\":\"https://api.x.com/2/problems/usage-capped\",\"status\":429,"
            + "\"detail\":\"Usage cap exceeded: Monthly product cap\"}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "x")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("Monthly product cap").contains("cap");
        });
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  // --------------------------------------------------------------------------------------------- errors

  @Test
  void a_validation_problem_keeps_xs_message_parameter_and_transaction_id() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(400, "tx-400",
        "{\"errors\":[{\"parameters\":{\"media.media_ids\":[\"123\"]},\"message\":\"Your media IDs are invalid.\"}],"
            + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
            + "\"type\":\"https://api.x.com/2/problems/invalid-request\"}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "x")))
        .isInstanceOfSatisfying(ContentRejectedException.class, e -> {
          assertThat(e.reason()).contains("Your media IDs are invalid.").contains("media.media_ids");
          assertThat(e.requestId()).contains("tx-400");
          assertThat(e.getMessage()).contains("tx-400").contains("HTTP 400");
        });
  }

  @Test
  void a_duplicate_is_a_content_rejection_and_a_suspension_a_permission_denial() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(403, "dup",
        "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\","
            + "\"title\":\"Forbidden\",\"status\":403}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "x")))
        .isInstanceOf(ContentRejectedException.class).hasMessageContaining("duplicate content");
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(403, "sus",
        "{\"detail\":\"This account is suspended.\",\"type\":\"https://api.twitter.com/2/problems/user-suspended\","
            + "\"title\":\"Forbidden\",\"status\":403}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "x")))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("user-suspended");
  }

  @Test
  void a_401_refreshes_once_with_basic_auth_saves_the_rotated_pair_and_retries() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer access-1"))
        .willReturn(json(401, "u", "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer access-2"))
        .willReturn(json(201, "ok", "{\"data\":{\"id\":\"5\",\"text\":\"x\"}}")));
    assertThat(connector.publish(PublishRequest.text(ACCOUNT, "k", "x")).externalId()).isEqualTo("5");
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("client-1:client-secret-1".getBytes(StandardCharsets.UTF_8));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
        .withHeader("Authorization", equalTo(basic))
        .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("refresh_token=refresh-1")));
    OAuthTokens saved = store.load(REF).orElseThrow();
    assertThat(saved.accessToken()).isEqualTo("access-2");
    assertThat(saved.refreshToken()).contains("refresh-2");
  }

  @Test
  void a_second_401_after_the_refresh_is_authentication_expired() {
    wireMock.stubFor(post(urlPathEqualTo("/2/tweets")).willReturn(json(401, "u2",
        "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "x")))
        .isInstanceOfSatisfying(AuthenticationExpiredException.class, e -> assertThat(e.requestId()).contains("u2"));
    wireMock.verify(2, postRequestedFor(urlPathEqualTo("/2/tweets")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
  }

  // ------------------------------------------------------------------------------------------ validation

  @Test
  void validation_counts_x_weighting_and_xs_media_and_poll_rules_offline() {
    String url = "https://example.com/" + "a".repeat(200);
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "a".repeat(256) + " " + url)).valid()).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "a".repeat(257) + " " + url)).violates("text.length")).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "\u6f22".repeat(141))).violates("text.length")).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "\u6f22".repeat(140))).valid()).isTrue();
    MediaAsset image = MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///a.png"), "image/png").build();
    MediaAsset gif = MediaAsset.builder(MediaKind.GIF, URI.create("file:///a.gif"), "image/gif").build();
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("file:///a.mp4"), "video/mp4")
        .duration(Duration.ofSeconds(141)).build();
    ValidationResult mixed = connector.validate(PublishRequest.text(ACCOUNT, "k", "x").withMedia(List.of(image, gif)));
    assertThat(mixed.violates("media.mix")).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "x").withMedia(List.of(gif, gif)))
        .violates("media.kind.count")).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "x").withMedia(List.of(video)))
        .violates("media.duration.max")).isTrue();
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "x")
        .withMedia(List.of(MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///a.bmp"), "image/bmp").build())))
        .violates("media.mimeType")).isTrue();
    ValidationResult poll = connector.validate(PublishRequest.text(ACCOUNT, "k", "x").withMedia(List.of(image))
        .withPoll(new Poll(List.of("y".repeat(26), "no"), Duration.ofMinutes(4))));
    assertThat(poll.violations()).extracting(v -> v.rule())
        .contains("poll.media", "poll.option.length", "poll.duration");
    PublishRequest quote = new PublishRequest(ACCOUNT, "k", dev.chorus.model.PostFormat.FEED, "q", List.of(image),
        null, null, List.of(), null, Map.of("quoteTweetId", "12", "mystery", "1"), null, null, null);
    assertThat(connector.validate(quote).violations()).extracting(v -> v.rule())
        .contains("quote.exclusive", "options.unknown");
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "   ")).violates("text.required")).isTrue();
    assertThatThrownBy(() -> connector.publish(PublishRequest.text(ACCOUNT, "k", "\u6f22".repeat(141))))
        .isInstanceOf(ContentValidationException.class).hasMessageContaining("280");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  // ------------------------------------------------------------------------------------- auth and config

  @Test
  void the_authorization_url_asks_for_offline_access_with_pkce_s256() {
    AuthorizationRequest pending = XOAuth.client(runtime, "client-1", null, "https://app.example/cb").authorizationRequest();
    URI url = URI.create(pending.url());
    assertThat(url.getHost()).isEqualTo("x.com");
    assertThat(url.getPath()).isEqualTo("/i/oauth2/authorize");
    Map<String, String> query = java.util.Arrays.stream(url.getRawQuery().split("&"))
        .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0],
            p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    assertThat(query.get("scope")).isEqualTo("tweet.read tweet.write users.read media.write offline.access");
    assertThat(query).containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code")
        .containsEntry("client_id", "client-1").containsKey("code_challenge").containsKey("state");
  }

  @Test
  void a_token_store_without_a_client_id_and_no_credentials_at_all_are_config_errors() {
    XConnectorProvider provider = new XConnectorProvider();
    ConnectorContext withStore = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(TokenStore.class, store).build();
    assertThatThrownBy(() -> provider.create(withStore, provider.configSpec().validate("x", Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0)).startsWith("clientId"));
    ConnectorContext bare = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build();
    assertThatThrownBy(() -> provider.create(bare, provider.configSpec().validate("x", Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0)).startsWith("accessToken"));
    Connector fixed = provider.create(bare, provider.configSpec().validate("x",
        Map.of("accessToken", "fixed-token-1", "baseUrl", wireMock.baseUrl())));
    created("3");
    fixed.publish(PublishRequest.text(ACCOUNT, "k", "fixed"));
    wireMock.verify(postRequestedFor(urlPathEqualTo("/2/tweets")).withHeader("Authorization", equalTo("Bearer fixed-token-1")));
    assertThat(fixed.toString()).doesNotContain("fixed-token-1");
    fixed.close();
  }

  @Test
  void concurrent_publishes_on_one_connector_each_get_their_own_post() throws Exception {
    wireMock.stubFor(post(urlPathMatching("/2/tweets")).willReturn(json(201, "c", "{\"data\":{\"id\":\"{{randomValue length=12 type='NUMERIC'}}\"}}")
        .withTransformers("response-template")));
    List<Thread> threads = new ArrayList<>();
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      int n = i;
      threads.add(new Thread(() -> ids.add(connector.publish(PublishRequest.text(ACCOUNT, "k" + n, "post " + n)).externalId())));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(10_000);
    }
    assertThat(ids).hasSize(8).doesNotHaveDuplicates();
    wireMock.verify(8, postRequestedFor(urlPathEqualTo("/2/tweets")));
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
