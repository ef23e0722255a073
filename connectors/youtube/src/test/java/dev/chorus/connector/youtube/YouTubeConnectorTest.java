package dev.chorus.connector.youtube;

import dev.chorus.connector.http.MediaReader;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.AuthorizationRequest;
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
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YouTubeConnectorTest {

  private static final Instant START = Instant.parse("2026-06-10T17:00:00Z");
  private static final String TOKEN = "ya29.token-for-tests-only";
  private static final int CHUNK = 262_144;
  private static final int TOTAL = 614_400;
  private static final URI VIDEO_URI = URI.create("file:///videos/clip.mp4");

  private WireMockServer wireMock;
  private MutableClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private HttpRuntime runtime;
  private YouTubeStub stub;
  private final Map<URI, byte[]> files = new HashMap<>();
  private final List<YouTubeConnector> open = new ArrayList<>();
  private final byte[] videoBytes = new byte[TOTAL];

  private final SocialAccount account = new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"),
      Platform.YOUTUBE, "@me", YouTubeStub.CHANNEL_ID, ZoneId.of("UTC"), new CredentialsRef("youtube/me"));

  @BeforeAll
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
    for (int i = 0; i < TOTAL; i++) {
      videoBytes[i] = (byte) (i * 31 + 7);
    }
  }

  @AfterAll
  void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void reset() {
    clock = new MutableClock(START);
    waits.clear();
    files.clear();
    files.put(VIDEO_URI, videoBytes);
    runtime = HttpRuntime.builder().clock(clock).sleeper(duration -> {
      waits.add(duration);
      clock.advance(duration);
    }).build();
    stub = new YouTubeStub(wireMock, clock);
    stub.reset();
  }

  @AfterEach
  void close() {
    open.forEach(YouTubeConnector::close);
    open.clear();
    runtime.close();
  }

  private YouTubeConnector connector() {
    return connector(Map.of());
  }

  private YouTubeConnector connector(Map<String, String> extra) {
    YouTubeProvider provider = new YouTubeProvider();
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put(YouTubeProvider.BASE_URL, wireMock.baseUrl());
    raw.put(YouTubeProvider.TOKEN_URL, wireMock.baseUrl() + "/token");
    raw.put(YouTubeProvider.CLIENT_ID, "client.apps.googleusercontent.com");
    raw.put(YouTubeProvider.CLIENT_SECRET, "client-secret-for-tests");
    raw.put(YouTubeProvider.REDIRECT_URI, "https://app.example/callback");
    raw.put(YouTubeProvider.ACCESS_TOKEN, TOKEN);
    raw.put(YouTubeProvider.UPLOAD_CHUNK_SIZE, String.valueOf(CHUNK));
    raw.putAll(extra);
    var config = provider.configSpec().validate("youtube", raw);
    var context = dev.chorus.connector.ConnectorContext.builder(clock)
        .extension(HttpRuntime.class, runtime)
        .extension(MediaReader.class, asset -> MediaSource.ofBytes(files.get(asset.source())))
        .build();
    YouTubeConnector connector = (YouTubeConnector) provider.create(context, config);
    open.add(connector);
    return connector;
  }

  private PublishRequest request(String text) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, VIDEO_URI, "video/mp4").build();
    return PublishRequest.text(account, "key-1", text).withFormat(PostFormat.VIDEO).withMedia(List.of(video));
  }

  private void sessionStarts(String uploadId) {
    wireMock.stubFor(post(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)).withQueryParam("uploadType", equalTo("resumable"))
        .willReturn(stub.sessionStarted(uploadId)));
  }

  private void chunkAnswers(String uploadId, String contentRange, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    wireMock.stubFor(put(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)).withQueryParam("upload_id", equalTo(uploadId))
        .withHeader("Content-Range", equalTo(contentRange)).willReturn(answer));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder resumeIncomplete(long lastByte) {
    return aResponse().withStatus(308).withHeader("Range", "bytes=0-" + lastByte).withHeader("Content-Length", "0");
  }

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String id) {
    return YouTubeStub.uploadJson(201, "up", YouTubeStub.video(id, "Launch", "Launch\nday", clock.instant(), null));
  }

  private List<LoggedRequest> uploadPuts() {
    return wireMock.findAll(putRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)));
  }

  private List<String> contentRanges() {
    return uploadPuts().stream().map(r -> r.getHeader("Content-Range")).toList();
  }

  // -----------------------------------------------------------------------------------------
  // Resumable upload

  @Test
  void uploads_in_chunks_and_continues_from_the_byte_the_server_reports() {
    sessionStarts("s1");
    chunkAnswers("s1", "bytes 0-262143/614400", resumeIncomplete(262_143));
    // The server kept fewer bytes of the second chunk than were sent: continue from 400000, not 524288.
    chunkAnswers("s1", "bytes 262144-524287/614400", resumeIncomplete(399_999));
    chunkAnswers("s1", "bytes 400000-614399/614400", created("vid-1"));
    Checkpoint checkpoint = Checkpoint.inMemory();

    PublishResult result = connector().publish(request("Launch\nday").withCheckpoint(checkpoint));

    assertThat(result.externalId()).isEqualTo("vid-1");
    assertThat(result.url()).hasToString("https://www.youtube.com/watch?v=vid-1");
    assertThat(contentRanges()).containsExactly(
        "bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes 400000-614399/614400");
    byte[] last = uploadPuts().get(2).getBody();
    assertThat(last).isEqualTo(Arrays.copyOfRange(videoBytes, 400_000, TOTAL));
    LoggedRequest start = wireMock.findAll(postRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH))).get(0);
    assertThat(start.getHeader("X-Upload-Content-Length")).isEqualTo("614400");
    assertThat(start.getHeader("X-Upload-Content-Type")).isEqualTo("video/mp4");
    assertThat(start.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode body = YouTubeStub.JSON.readTree(start.getBodyAsString());
    assertThat(body.path("snippet").path("title").asString()).isEqualTo("Launch");
    assertThat(body.path("snippet").path("description").asString()).isEqualTo("Launch\nday");
    assertThat(body.path("status").path("privacyStatus").asString()).isEqualTo("public");
    assertThat(checkpoint.get("youtube.upload.session")).contains(stub.sessionUrl("s1"));
    assertThat(checkpoint.get("youtube.upload.offset")).contains("400000");
    assertThat(checkpoint.get("youtube.video.id")).contains("vid-1");
    assertThat(waits).isEmpty();

    // Publishing again with the same checkpoint does not upload again.
    wireMock.resetRequests();
    assertThat(connector().publish(request("Launch\nday").withCheckpoint(checkpoint)).externalId()).isEqualTo("vid-1");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void an_interrupted_chunk_is_followed_by_a_status_query_and_the_upload_resumes_where_the_server_stands() {
    sessionStarts("s2");
    chunkAnswers("s2", "bytes 0-262143/614400", resumeIncomplete(262_143));
    chunkAnswers("s2", "bytes 262144-524287/614400", YouTubeStub.uploadJson(503, "s2",
        YouTubeStub.error(503, "Backend Error", "Backend Error", "global", "backendError", "UNAVAILABLE")));
    chunkAnswers("s2", "bytes */614400", resumeIncomplete(299_999));
    chunkAnswers("s2", "bytes 300000-562143/614400", resumeIncomplete(562_143));
    chunkAnswers("s2", "bytes 562144-614399/614400", created("vid-2"));

    PublishResult result = connector().publish(request("Launch\nday"));

    assertThat(result.externalId()).isEqualTo("vid-2");
    assertThat(contentRanges()).containsExactly("bytes 0-262143/614400", "bytes 262144-524287/614400",
        "bytes */614400", "bytes 300000-562143/614400", "bytes 562144-614399/614400");
    LoggedRequest query = uploadPuts().get(2);
    assertThat(query.getBody()).isEmpty();
    assertThat(query.getHeader("Content-Length")).isEqualTo("0");
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)))).hasSize(1);
  }

  @Test
  void after_a_crash_the_recorded_session_is_asked_for_its_position_and_no_new_session_is_opened() {
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("youtube.upload.session", stub.sessionUrl("s3"));
    checkpoint.put("youtube.upload.total", String.valueOf(TOTAL));
    checkpoint.put("youtube.upload.offset", "262144");
    chunkAnswers("s3", "bytes */614400", resumeIncomplete(524_287));
    chunkAnswers("s3", "bytes 524288-614399/614400", created("vid-3"));
    YouTubeConnector connector = connector();

    PublishResult result = connector.publish(request("Launch\nday").withCheckpoint(checkpoint));

    assertThat(result.externalId()).isEqualTo("vid-3");
    assertThat(contentRanges()).containsExactly("bytes */614400", "bytes 524288-614399/614400");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)))).isEmpty();
    assertThat(connector.quota().used()).isZero();
  }

  @Test
  void an_expired_session_starts_over_with_a_new_session_from_byte_zero() {
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("youtube.upload.session", stub.sessionUrl("old"));
    checkpoint.put("youtube.upload.total", String.valueOf(TOTAL));
    checkpoint.put("youtube.upload.offset", "262144");
    chunkAnswers("old", "bytes */614400", YouTubeStub.uploadJson(404, "old",
        YouTubeStub.error(404, "Not Found", "Not Found", "global", "notFound", "NOT_FOUND")));
    sessionStarts("new");
    chunkAnswers("new", "bytes 0-262143/614400", resumeIncomplete(262_143));
    // The new session expires too, mid-way (410 Gone): a third session finishes the job.
    chunkAnswers("new", "bytes 262144-524287/614400", aResponse().withStatus(410));
    YouTubeConnector connector = connector(Map.of(YouTubeProvider.VIDEOS_INSERT_COST, "100"));

    wireMock.stubFor(post(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)).inScenario("sessions")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willSetStateTo("second").willReturn(stub.sessionStarted("new")));
    wireMock.stubFor(post(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)).inScenario("sessions")
        .whenScenarioStateIs("second").willReturn(stub.sessionStarted("third")));
    chunkAnswers("third", "bytes 0-262143/614400", resumeIncomplete(262_143));
    chunkAnswers("third", "bytes 262144-524287/614400", resumeIncomplete(524_287));
    chunkAnswers("third", "bytes 524288-614399/614400", created("vid-4"));

    PublishResult result = connector.publish(request("Launch\nday").withCheckpoint(checkpoint));

    assertThat(result.externalId()).isEqualTo("vid-4");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)))).hasSize(2);
    assertThat(contentRanges()).containsExactly("bytes */614400",
        "bytes 0-262143/614400", "bytes 262144-524287/614400",
        "bytes 0-262143/614400", "bytes 262144-524287/614400", "bytes 524288-614399/614400");
    assertThat(checkpoint.get("youtube.upload.session")).contains(stub.sessionUrl("third"));
    assertThat(connector.quota().used()).isEqualTo(200);
  }

  // -----------------------------------------------------------------------------------------
  // Scheduling

  @Test
  void publish_at_sends_a_private_video_with_an_rfc3339_publish_time() {
    Instant at = START.plus(Duration.ofDays(2)).plusMillis(250);
    sessionStarts("s5");
    chunkAnswers("s5", "bytes 0-262143/614400", resumeIncomplete(262_143));
    chunkAnswers("s5", "bytes 262144-524287/614400", resumeIncomplete(524_287));
    chunkAnswers("s5", "bytes 524288-614399/614400", YouTubeStub.uploadJson(201, "s5",
        YouTubeStub.video("vid-5", "Launch", "Launch\nday", clock.instant(), at)));

    PublishResult result = connector().publish(request("Launch\nday").publishAt(at));

    assertThat(result.publishedAt()).isEqualTo(at);
    JsonNode body = YouTubeStub.JSON.readTree(
        wireMock.findAll(postRequestedFor(urlPathEqualTo(YouTubeStub.UPLOAD_PATH))).get(0).getBodyAsString());
    assertThat(body.path("status").path("privacyStatus").asString()).isEqualTo("private");
    assertThat(body.path("status").path("publishAt").asString()).isEqualTo("2026-06-12T17:00:00Z");
  }

  @Test
  void publish_at_with_a_public_privacy_status_is_rejected_offline() {
    PublishRequest scheduled = request("Launch").publishAt(START.plus(Duration.ofDays(1)));
    PublishRequest publicOne = new PublishRequest(account, "k", PostFormat.VIDEO, "Launch", scheduled.media(), null,
        null, List.of(), null, Map.of(YouTubeOptions.PRIVACY_STATUS, "public"), null, scheduled.publishAt(), null);

    assertThat(connector().validate(publicOne).violates("scheduling.privacy")).isTrue();
    assertThatThrownBy(() -> connector().publish(publicOne)).isInstanceOf(ContentValidationException.class);
    assertThat(connector().validate(request("Launch").publishAt(START.minusSeconds(1))).violates("scheduling.past"))
        .isTrue();
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  // -----------------------------------------------------------------------------------------
  // Metrics

  @Test
  void statistics_arrive_as_strings_in_batches_of_fifty_and_missing_counters_stay_absent() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add("v" + i);
    }
    ArrayNode items = YouTubeStub.JSON.createArrayNode();
    for (String id : ids) {
      ObjectNode item = items.addObject();
      item.put("kind", "youtube#video");
      item.put("id", id);
      ObjectNode statistics = item.putObject("statistics");
      statistics.put("viewCount", "18446744073");
      if (!id.equals("v7")) {
        statistics.put("likeCount", "15085");
      }
      statistics.put("favoriteCount", "0");
      if (!id.equals("v8")) {
        statistics.put("commentCount", "261");
      }
      item.putObject("snippet").put("title", "ignored").put("unknownField", true);
    }
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/videos"))
        .willReturn(YouTubeStub.json(200, YouTubeStub.list("youtube#videoListResponse", items))));
    YouTubeConnector connector = connector();

    List<MetricSnapshot> snapshots = connector.fetchMetrics(account, ids);

    assertThat(snapshots).hasSize(120);
    assertThat(stub.metricsRequestSizes()).containsExactly(50, 50, 20);
    MetricSnapshot first = snapshots.get(0);
    assertThat(first.value(Metric.VIDEO_VIEWS)).isEqualTo(OptionalLong.of(18_446_744_073L));
    assertThat(first.value(Metric.LIKES)).isEqualTo(OptionalLong.of(15_085));
    assertThat(first.value(Metric.COMMENTS)).isEqualTo(OptionalLong.of(261));
    assertThat(snapshots.get(7).value(Metric.LIKES)).isEmpty();
    assertThat(snapshots.get(8).value(Metric.COMMENTS)).isEmpty();
    assertThat(first.values()).doesNotContainKey(Metric.SAVES);
    assertThat(first.capturedAt()).isEqualTo(START);
    assertThat(connector.quota().used()).isEqualTo(3);
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/videos"))).get(0)
        .queryParameter("part").firstValue()).isEqualTo("statistics");
  }

  @Test
  void a_hidden_subscriber_count_is_absent_not_zero() {
    stub.accountStatistics("0", true);
    MetricSnapshot hidden = connector().fetchAccountMetrics(account);
    assertThat(hidden.value(Metric.FOLLOWERS)).isEmpty();
    assertThat(hidden.value(Metric.VIDEO_VIEWS)).isEqualTo(OptionalLong.of(123_456));
    assertThat(hidden.accountLevel()).isTrue();

    stub.accountStatistics("1500", false);
    assertThat(connector().fetchAccountMetrics(account).value(Metric.FOLLOWERS)).isEqualTo(OptionalLong.of(1500));
  }

  // -----------------------------------------------------------------------------------------
  // Comments

  @Test
  void comment_threads_page_with_page_tokens_and_carry_their_replies() {
    Instant t = START.minusSeconds(600);
    ObjectNode reply = YouTubeStub.comment("Ugz1.r1", "vid-a", "Ugz1", "thanks!", t.plusSeconds(30), "UCme");
    ArrayNode page1 = YouTubeStub.JSON.createArrayNode();
    page1.add(YouTubeStub.thread("Ugz1", "vid-a", "great video", t, List.of(reply)));
    page1.add(YouTubeStub.thread("Ugz2", "vid-a", "second", t.minusSeconds(60), List.of()));
    ObjectNode first = YouTubeStub.list("youtube#commentThreadListResponse", page1);
    first.put("nextPageToken", "TOKEN-2");
    ArrayNode page2 = YouTubeStub.JSON.createArrayNode();
    page2.add(YouTubeStub.thread("Ugz3", "vid-b", "older", t.minusSeconds(3600), List.of()));
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/commentThreads"))
        .withQueryParam("pageToken", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(YouTubeStub.json(200, first)));
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/commentThreads")).withQueryParam("pageToken", equalTo("TOKEN-2"))
        .willReturn(YouTubeStub.json(200, YouTubeStub.list("youtube#commentThreadListResponse", page2))));
    YouTubeConnector connector = connector();
    Set<InteractionKind> kinds = Set.of(InteractionKind.COMMENT, InteractionKind.REPLY);

    Page<Interaction> one = connector.fetchInteractions(account, new InteractionQuery(kinds, null, null, 20));
    Page<Interaction> two = connector.fetchInteractions(account, new InteractionQuery(kinds, null, one.nextCursor(), 20));

    assertThat(one.nextCursor()).isEqualTo("TOKEN-2");
    assertThat(one.items()).extracting(Interaction::externalId).containsExactly("Ugz1", "Ugz1.r1", "Ugz2");
    Interaction comment = one.items().get(0);
    assertThat(comment.kind()).isEqualTo(InteractionKind.COMMENT);
    assertThat(comment.externalPostId()).isEqualTo("vid-a");
    assertThat(comment.text()).isEqualTo("great video");
    assertThat(comment.createdAt()).isEqualTo(t);
    Interaction answer = one.items().get(1);
    assertThat(answer.kind()).isEqualTo(InteractionKind.REPLY);
    assertThat(answer.parentExternalId()).isEqualTo("Ugz1");
    assertThat(two.items()).extracting(Interaction::externalId).containsExactly("Ugz3");
    assertThat(two.hasMore()).isFalse();
    LoggedRequest call = wireMock.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))).get(0);
    assertThat(call.queryParameter("part").firstValue()).isEqualTo("snippet,replies");
    assertThat(call.queryParameter("allThreadsRelatedToChannelId").firstValue()).isEqualTo(YouTubeStub.CHANNEL_ID);
    assertThat(call.queryParameter("maxResults").firstValue()).isEqualTo("20");

    // Only replies asked for, and only those newer than "since": the older thread stops the paging.
    Page<Interaction> replies = connector.fetchInteractions(account,
        new InteractionQuery(Set.of(InteractionKind.REPLY), t.minusSeconds(1), null, 20));
    assertThat(replies.items()).extracting(Interaction::externalId).containsExactly("Ugz1.r1");
    assertThat(replies.hasMore()).isFalse();
  }

  @Test
  void a_reply_is_a_comment_with_the_parent_id_and_costs_fifty_units() {
    stub.replySucceeds("Ugz1.new");
    YouTubeConnector connector = connector();

    PublishResult reply = connector.reply(new ReplyRequest(account, "Ugz1", "Thanks <3", "reply-key"));

    assertThat(reply.externalId()).isEqualTo("Ugz1.new");
    LoggedRequest call = wireMock.findAll(postRequestedFor(urlPathEqualTo("/youtube/v3/comments"))).get(0);
    JsonNode body = YouTubeStub.JSON.readTree(call.getBodyAsString());
    assertThat(body.path("snippet").path("parentId").asString()).isEqualTo("Ugz1");
    assertThat(body.path("snippet").path("textOriginal").asString()).isEqualTo("Thanks <3");
    assertThat(call.queryParameter("part").firstValue()).isEqualTo("snippet");
    assertThat(connector.quota().used()).isEqualTo(50);
  }

  // -----------------------------------------------------------------------------------------
  // Quota

  @Test
  void a_call_the_quota_cannot_cover_is_refused_before_any_request() {
    YouTubeConnector connector = connector(Map.of(YouTubeProvider.DAILY_QUOTA, "1000"));

    assertThatThrownBy(() -> connector.publish(request("Launch\nday")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          // 10:00 PDT on 10 June: the next Pacific midnight is 07:00 UTC on 11 June.
          assertThat(e.retryAt()).contains(Instant.parse("2026-06-11T07:00:00Z"));
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("videos.insert costs 1600 units");
        });
    assertThat(wireMock.getAllServeEvents()).isEmpty();
    assertThat(connector.quota().used()).isZero();
  }

  @Test
  void the_quota_resets_at_pacific_midnight_across_daylight_saving_changes() {
    // Saturday 7 March 2026, 23:30 PST: DST starts at 02:00 on Sunday 8 March.
    clock.set(Instant.parse("2026-03-08T07:30:00Z"));
    stub.accountStatistics("10", false);
    YouTubeConnector connector = connector(Map.of(YouTubeProvider.DAILY_QUOTA, "2"));
    connector.fetchAccountMetrics(account);
    connector.fetchAccountMetrics(account);
    int served = wireMock.getAllServeEvents().size();
    assertThatThrownBy(() -> connector.fetchAccountMetrics(account))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAt()).contains(Instant.parse("2026-03-08T08:00:00Z")));
    assertThat(wireMock.getAllServeEvents()).hasSize(served);

    // Midnight PST: a new day.
    clock.set(Instant.parse("2026-03-08T08:00:00Z"));
    assertThat(connector.quota().remaining()).isEqualTo(2);
    connector.fetchAccountMetrics(account);
    connector.fetchAccountMetrics(account);
    // Sunday 8 March has 23 hours: the next reset is midnight PDT, 07:00 UTC.
    assertThatThrownBy(() -> connector.fetchAccountMetrics(account))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAt()).contains(Instant.parse("2026-03-09T07:00:00Z")));
    clock.set(Instant.parse("2026-03-09T06:59:59Z"));
    assertThat(connector.quota().remaining()).isZero();
    clock.set(Instant.parse("2026-03-09T07:00:00Z"));
    assertThat(connector.quota().remaining()).isEqualTo(2);

    // Sunday 1 November 2026 has 25 hours: from noon UTC the next reset is 08:00 UTC on 2 November.
    assertThat(YouTubeQuota.nextReset(Instant.parse("2026-11-01T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
    assertThat(YouTubeQuota.nextReset(Instant.parse("2026-11-01T06:59:59Z")))
        .isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
  }

  @Test
  void a_quota_exceeded_answer_waits_for_pacific_midnight_and_stops_further_calls() {
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).willReturn(YouTubeStub.json(403,
        YouTubeStub.error(403, "The request cannot be completed because you have exceeded your quota.",
            "The request cannot be completed because you have exceeded your quota.", "youtube.quota",
            "quotaExceeded", "PERMISSION_DENIED"))));
    YouTubeConnector connector = connector();

    assertThatThrownBy(() -> connector.fetchAccountMetrics(account))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAt()).contains(Instant.parse("2026-06-11T07:00:00Z"));
          assertThat(e.httpStatus()).hasValue(403);
        });
    assertThat(waits).isEmpty();
    int served = wireMock.getAllServeEvents().size();
    assertThat(served).isEqualTo(1);
    assertThatThrownBy(() -> connector.fetchMetrics(account, List.of("v1")))
        .isInstanceOf(RateLimitedException.class);
    assertThat(wireMock.getAllServeEvents()).hasSize(served);
  }

  @Test
  void the_daily_upload_limit_is_a_rate_limit_of_a_day() {
    wireMock.stubFor(post(urlPathEqualTo(YouTubeStub.UPLOAD_PATH)).willReturn(YouTubeStub.uploadJson(400, "u9",
        YouTubeStub.error(400, "The user has exceeded the number of videos they may upload.",
            "The user has exceeded the number of videos they may upload.", "youtube.video", "uploadLimitExceeded",
            "INVALID_ARGUMENT"))));

    assertThatThrownBy(() -> connector().publish(request("Launch\nday")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAt()).contains(START.plus(Duration.ofHours(24)));
          assertThat(e.requestId()).contains("u9");
        });
  }

  // -----------------------------------------------------------------------------------------
  // Offline validation

  @Test
  void the_description_limit_counts_utf8_bytes() {
    YouTubeConnector connector = connector();
    String title = "Title\n";
    String fits = title + "\u00e9".repeat((5000 - title.length()) / 2);
    assertThat(fits.getBytes(StandardCharsets.UTF_8)).hasSize(5000);
    assertThat(connector.validate(request(fits)).valid()).isTrue();

    String over = fits + "a";
    assertThat(over.length()).isLessThan(5000);
    ValidationResult result = connector.validate(request(over));
    assertThat(result.violates("text.length")).isTrue();
    assertThat(result.violations().get(0).actual()).isEqualTo("5001");

    String emoji = title + "\ud83c\udfac".repeat(1249);
    assertThat(emoji.getBytes(StandardCharsets.UTF_8)).hasSize(5002);
    assertThat(connector.validate(request(emoji)).violates("text.length")).isTrue();
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void angle_brackets_in_title_description_or_tags_are_rejected_before_any_request() {
    YouTubeConnector connector = connector();
    assertThat(connector.validate(request("a <b> title\nbody")).violates("title.characters")).isTrue();
    assertThat(connector.validate(request("Title\n1 < 2")).violates("text.characters")).isTrue();
    PublishRequest tagged = withOptions(request("Title"), Map.of(YouTubeOptions.TAGS, "ok, not>ok"));
    assertThat(connector.validate(tagged).violates("tags.characters")).isTrue();
    assertThatThrownBy(() -> connector.publish(request("Title\n1 > 0")))
        .isInstanceOf(ContentValidationException.class)
        .hasMessageContaining("text");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void titles_tags_options_and_media_are_checked_offline() {
    YouTubeConnector connector = connector();
    assertThat(connector.validate(request("t".repeat(100))).valid()).isTrue();
    assertThat(connector.validate(request("t".repeat(101))).violates("title.length")).isTrue();
    assertThat(connector.validate(withOptions(request("t".repeat(101)), Map.of(YouTubeOptions.TITLE, "Short")))
        .valid()).isTrue();
    assertThat(connector.validate(request("\nno title line")).violates("title.required")).isTrue();
    // 499 characters plus the 2 quotes YouTube adds around a tag with a space: 501.
    String tags = "a b" + ",x".repeat(248);
    assertThat(connector.validate(withOptions(request("T"), Map.of(YouTubeOptions.TAGS, tags)))
        .violates("tags.length")).isTrue();
    assertThat(connector.validate(withOptions(request("T"), Map.of(YouTubeOptions.TAGS, "ab" + ",x".repeat(248))))
        .violates("tags.length")).isFalse();
    assertThat(connector.validate(withOptions(request("T"), Map.of("visibility", "public")))
        .violates("options.unknown")).isTrue();
    assertThat(connector.validate(withOptions(request("T"), Map.of(YouTubeOptions.PRIVACY_STATUS, "friends")))
        .violates("options.privacyStatus")).isTrue();
    assertThat(connector.validate(PublishRequest.text(account, "k", "T").withFormat(PostFormat.VIDEO))
        .violates("media.required")).isTrue();
    MediaAsset huge = MediaAsset.builder(MediaKind.VIDEO, VIDEO_URI, "video/mp4")
        .byteSize(YouTubeProvider.MAX_VIDEO_BYTES + 1).build();
    assertThat(connector.validate(request("T").withMedia(List.of(huge))).violates("media.bytes")).isTrue();
    MediaAsset gif = MediaAsset.builder(MediaKind.VIDEO, VIDEO_URI, "image/gif").build();
    assertThat(connector.validate(request("T").withMedia(List.of(gif))).violates("media.mimeType")).isTrue();
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  private static PublishRequest withOptions(PublishRequest base, Map<String, String> options) {
    return new PublishRequest(base.account(), base.idempotencyKey(), base.format(), base.text(), base.media(),
        base.link(), base.firstComment(), base.threadParts(), base.poll(), options, base.inReplyTo(),
        base.publishAt(), base.checkpoint());
  }

  // -----------------------------------------------------------------------------------------
  // Delete, reconcile, auth

  @Test
  void delete_sends_the_id_and_costs_fifty_units() {
    stub.deleteSucceeds("vid-9");
    YouTubeConnector connector = connector();
    connector.delete(account, "vid-9");
    assertThat(connector.quota().used()).isEqualTo(50);
    assertThat(wireMock.getAllServeEvents()).hasSize(1);
  }

  @Test
  void reconcile_reads_the_uploads_playlist_for_two_units_and_matches_title_and_description() {
    stub.existingPost("vid-old", "Launch\nday", START.minus(Duration.ofDays(3)));
    stub.existingPost("vid-other", "Other\nvideo", START.plusSeconds(5));
    stub.existingPost("vid-new", "Launch\nday", START.plusSeconds(20));
    YouTubeConnector connector = connector();

    PublishResult found = connector.reconcile(request("Launch\nday"), START).orElseThrow();

    assertThat(found.externalId()).isEqualTo("vid-new");
    assertThat(connector.quota().used()).isEqualTo(2);
    assertThat(connector.reconcile(request("Never\nuploaded"), START)).isEmpty();
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/search")))).isEmpty();
  }

  @Test
  void an_expired_token_is_refreshed_with_the_refresh_token_and_the_call_repeated() {
    stub.accountStatistics("77", false);
    // Added last, so it wins over the statistics stub for the stale token.
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(YouTubeStub.json(401, YouTubeStub.error(401, "Request had invalid authentication credentials.",
            "Invalid Credentials", "global", "authError", "UNAUTHENTICATED"))));
    YouTubeConnector connector = connector(Map.of(YouTubeProvider.REFRESH_TOKEN, "1//0g-refresh-for-tests"));

    MetricSnapshot snapshot = connector.fetchAccountMetrics(account);

    assertThat(snapshot.value(Metric.FOLLOWERS)).isEqualTo(OptionalLong.of(77));
    LoggedRequest refresh = wireMock.findAll(postRequestedFor(urlPathEqualTo("/token"))).get(0);
    assertThat(refresh.getBodyAsString()).contains("grant_type=refresh_token")
        .contains("refresh_token=1%2F%2F0g-refresh-for-tests").contains("client_secret=client-secret-for-tests");
  }

  @Test
  void the_authorization_url_asks_for_offline_access_and_the_youtube_scopes() {
    YouTubeProvider provider = new YouTubeProvider();
    var config = provider.configSpec().validate("youtube", Map.of(
        YouTubeProvider.CLIENT_ID, "client.apps.googleusercontent.com",
        YouTubeProvider.CLIENT_SECRET, "s", YouTubeProvider.REDIRECT_URI, "https://app.example/callback"));
    AuthorizationRequest pending = provider.oauthClient(runtime, config).authorizationRequest();
    assertThat(pending.url()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?")
        .contains("access_type=offline").contains("prompt=consent").contains("response_type=code")
        .contains("youtube.upload").contains("youtube.force-ssl");
  }

  @Test
  void a_chunk_size_that_is_not_a_multiple_of_256_kib_is_a_config_error_naming_the_setting() {
    assertThatThrownBy(() -> connector(Map.of(YouTubeProvider.UPLOAD_CHUNK_SIZE, "300000")))
        .isInstanceOfSatisfying(dev.chorus.connector.ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.startsWith(YouTubeProvider.UPLOAD_CHUNK_SIZE)));
    assertThatThrownBy(() -> connector(Map.of(YouTubeProvider.DAILY_QUOTA, "0")))
        .isInstanceOfSatisfying(dev.chorus.connector.ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.startsWith(YouTubeProvider.DAILY_QUOTA)));
    assertThatThrownBy(() -> new YouTubeQuota(clock, -5))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("dailyQuota").hasMessageContaining("-5");
  }

  @Test
  void concurrent_reservations_never_spend_more_than_the_daily_quota() throws Exception {
    YouTubeQuota quota = new YouTubeQuota(clock, 5000);
    int threads = 8;
    java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 1000; i++) {
          try {
            quota.reserve("videos.list", 1);
            granted.incrementAndGet();
          } catch (RateLimitedException e) {
            refused.incrementAndGet();
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    go.countDown();
    for (Thread worker : workers) {
      worker.join(10_000);
    }
    assertThat(granted.get()).isEqualTo(5000);
    assertThat(refused.get()).isEqualTo(3000);
    assertThat(quota.remaining()).isZero();
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      if (!duration.isNegative()) {
        now = now.plus(duration);
      }
    }

    void set(Instant instant) {
      now = instant;
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
