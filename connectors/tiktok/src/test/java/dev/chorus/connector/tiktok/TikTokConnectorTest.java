package dev.chorus.connector.tiktok;

import dev.chorus.connector.http.MediaReader;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.tiktok.internal.ChunkPlan;
import dev.chorus.connector.tiktok.internal.TikTokConnector;
import dev.chorus.media.MediaSource;
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
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TikTokConnectorTest {

  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");
  static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("tt-1"), new WorkspaceId("ws-1"),
      Platform.TIKTOK, "Chorus Test", "afd97af1", ZoneId.of("UTC"), new CredentialsRef("tiktok/chorus-test"));
  static final long MIB = 1024 * 1024;

  private WireMockServer wireMock;
  private TikTokStub stub;
  private final TestClock clock = new TestClock();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<String, Long> videoSizes = new LinkedHashMap<>();

  @BeforeAll
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
    stub = new TikTokStub(wireMock);
  }

  @AfterAll
  void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void reset() {
    stub.reset();
    clock.now.set(START);
    waits.clear();
    videoSizes.clear();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    open.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private Connector connector(Map<String, String> overrides, TokenStore store, int maxAttempts) {
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).sleeper(d -> {
      waits.add(d);
      clock.now.updateAndGet(at -> at.plus(d));
    }).maxAttempts(maxAttempts).build();
    open.add(runtime);
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("baseUrl", "http://127.0.0.1:" + wireMock.port());
    raw.put("clientKey", "ck-test");
    raw.put("clientSecret", "cs-test-secret");
    raw.put("accessToken", "act.seed");
    raw.put("refreshToken", "rft.seed");
    raw.put("statusPollInterval", "PT5S");
    raw.put("statusTimeout", "PT30S");
    raw.putAll(overrides);
    TikTokConnectorProvider provider = new TikTokConnectorProvider();
    MediaReader opener = asset -> videoSizes.containsKey(asset.source().toString())
        ? MediaSource.ofStream(() -> new PatternStream(videoSizes.get(asset.source().toString())),
            videoSizes.get(asset.source().toString()), "generated video")
        : MediaReader.standard().open(asset);
    ConnectorContext context = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(TokenStore.class, store).extension(MediaReader.class, opener).build();
    Connector connector = provider.create(context, provider.configSpec().validate("tiktok", raw));
    open.add(connector);
    return connector;
  }

  private Connector connector() {
    return connector(Map.of(), new InMemoryTokenStore(), 3);
  }

  private static PublishRequest video(String source, String caption, Duration duration) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create(source), "video/mp4")
        .duration(duration).dimensions(1080, 1920).build();
    return PublishRequest.text(ACCOUNT, "key-" + caption.hashCode(), caption)
        .withFormat(PostFormat.VIDEO).withMedia(List.of(video));
  }

  private PublishRequest fileVideo(long size) {
    String source = "file:///videos/clip-" + size + ".mp4";
    videoSizes.put(source, size);
    return video(source, "a #cat video of " + size + " bytes", Duration.ofSeconds(30));
  }

  private static PublishRequest withOptions(PublishRequest request, Map<String, String> options) {
    return new PublishRequest(request.account(), request.idempotencyKey(), request.format(), request.text(),
        request.media(), request.link(), request.firstComment(), request.threadParts(), request.poll(), options,
        request.inReplyTo(), request.publishAt(), request.checkpoint());
  }

  private List<LoggedRequest> requests(String path) {
    return wireMock.findAll(postRequestedFor(urlPathMatching(path)));
  }

  private JsonNode initBody() {
    List<LoggedRequest> inits = requests("/v2/post/publish/(video|content)/init/");
    assertThat(inits).hasSize(1);
    return TikTokStub.MAPPER.readTree(inits.get(0).getBodyAsString());
  }

  private List<String> contentRanges() {
    return wireMock.findAll(putRequestedFor(urlPathEqualTo(TikTokStub.UPLOAD_PATH))).stream()
        .map(r -> r.getHeader("Content-Range"))
        .sorted(Comparator.comparingLong(r -> Long.parseLong(r.substring(6, r.indexOf('-')))))
        .toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Creator info

  @Test
  void creator_info_is_queried_before_init_and_the_default_privacy_is_lowered_to_what_the_creator_offers() {
    stub.creatorInfo(List.of("FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), false, false, true, 300);
    stub.publishSucceeds("7123456789012345678");
    PublishResult result = connector().publish(video("https://verified.example.com/v.mp4", "hello", Duration.ofSeconds(20)));

    List<String> order = new ArrayList<>(wireMock.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList());
    java.util.Collections.reverse(order);
    assertThat(order.get(0)).isEqualTo("/v2/post/publish/creator_info/query/");
    assertThat(order.get(1)).isEqualTo("/v2/post/publish/video/init/");
    JsonNode info = initBody().path("post_info");
    assertThat(info.path("privacy_level").stringValue()).isEqualTo("FOLLOWER_OF_CREATOR");
    assertThat(info.path("disable_stitch").booleanValue()).isTrue();
    assertThat(info.path("disable_duet").booleanValue()).isFalse();
    assertThat(info.path("title").stringValue()).isEqualTo("hello");
    assertThat(info.path("brand_content_toggle").isBoolean()).isTrue();
    assertThat(result.externalId()).isEqualTo("7123456789012345678");
    assertThat(result.url()).hasToString("https://www.tiktok.com/@chorus.test/video/7123456789012345678");
  }

  @Test
  void a_privacy_level_the_creator_does_not_offer_fails_before_init() {
    stub.creatorInfo(List.of("MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), false, false, false, 300);
    PublishRequest request = withOptions(video("https://verified.example.com/v.mp4", "hi", Duration.ofSeconds(5)),
        Map.of(TikTokOptions.PRIVACY_LEVEL, "PUBLIC_TO_EVERYONE"));
    InvalidValueException thrown = catchThrowableOfType(InvalidValueException.class,
        () -> connector().publish(request));
    assertThat(thrown.field()).isEqualTo("options.privacyLevel");
    assertThat(thrown.getMessage()).contains("PUBLIC_TO_EVERYONE").contains("MUTUAL_FOLLOW_FRIENDS");
    assertThat(requests("/v2/post/publish/creator_info/query/")).hasSize(1);
    assertThat(requests("/v2/post/publish/video/init/")).isEmpty();
    assertThat(request.checkpoint().snapshot()).isEmpty();
  }

  @Test
  void a_video_longer_than_the_creators_maximum_or_comments_the_creator_disabled_fail_before_init() {
    stub.creatorInfo(List.of("SELF_ONLY"), true, false, false, 60);
    Connector connector = connector(Map.of("privacyLevel", "SELF_ONLY"), new InMemoryTokenStore(), 3);
    InvalidValueException tooLong = catchThrowableOfType(InvalidValueException.class,
        () -> connector.publish(video("https://verified.example.com/v.mp4", "long", Duration.ofSeconds(90))));
    assertThat(tooLong.field()).isEqualTo("media[0].duration");
    assertThat(tooLong.getMessage()).contains("60 s");
    InvalidValueException comments = catchThrowableOfType(InvalidValueException.class,
        () -> connector.publish(withOptions(video("https://verified.example.com/v.mp4", "c", Duration.ofSeconds(9)),
            Map.of(TikTokOptions.DISABLE_COMMENT, "false"))));
    assertThat(comments.field()).isEqualTo("options.disableComment");
    assertThat(requests("/v2/post/publish/video/init/")).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // FILE_UPLOAD chunks

  @Test
  void chunk_plans_follow_the_media_transfer_rules() {
    long chunk = 10 * MIB;
    ChunkPlan small = ChunkPlan.of(4 * MIB, chunk);
    assertThat(small).isEqualTo(new ChunkPlan(4 * MIB, 4 * MIB, 1));
    assertThat(small.contentRange(0)).isEqualTo("bytes 0-4194303/4194304");

    ChunkPlan seventy = ChunkPlan.of(70_000_000, chunk);
    assertThat(seventy.chunkCount()).isEqualTo(6); // floor(70,000,000 / 10,485,760)
    assertThat(seventy.contentRange(0)).isEqualTo("bytes 0-10485759/70000000");
    assertThat(seventy.contentRange(5)).isEqualTo("bytes 52428800-69999999/70000000");
    assertThat(seventy.length(5)).isEqualTo(17_571_200); // the last chunk absorbs the remainder

    ChunkPlan threeHundred = ChunkPlan.of(300_000_000, chunk);
    assertThat(threeHundred.chunkCount()).isEqualTo(28);
    assertThat(threeHundred.length(27)).isEqualTo(300_000_000 - 27 * chunk);
    assertThat(threeHundred.length(27)).isLessThanOrEqualTo(ChunkPlan.MAX_LAST_CHUNK);
    assertThat(threeHundred.contentRange(27)).isEqualTo("bytes 283115520-299999999/300000000");

    ChunkPlan fourGb = ChunkPlan.of(4L * 1024 * MIB, chunk);
    assertThat(fourGb.chunkCount()).isBetween(1, ChunkPlan.MAX_CHUNKS);
    // A file over 64 MB is never sent whole, even with the largest preferred chunk.
    ChunkPlan big = ChunkPlan.of(79_000_000, 40_000_000);
    assertThat(big.chunkCount()).isEqualTo(2);
    assertThat(big.length(0)).isLessThanOrEqualTo(ChunkPlan.MAX_CHUNK);
    assertThatThrownBy(() -> ChunkPlan.of(10 * MIB, 4 * MIB)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("chunkBytes");
  }

  @Test
  void a_4_mb_video_goes_as_one_chunk() {
    stub.initSucceeds("v_pub_file~v2-1.1", true);
    stub.status("v_pub_file~v2-1.1", "7000000000000000001", "PUBLISH_COMPLETE");
    PublishResult result = connector().publish(fileVideo(4 * MIB));

    JsonNode source = initBody().path("source_info");
    assertThat(source.path("source").stringValue()).isEqualTo("FILE_UPLOAD");
    assertThat(source.path("video_size").asLong()).isEqualTo(4 * MIB);
    assertThat(source.path("chunk_size").asLong()).isEqualTo(4 * MIB);
    assertThat(source.path("total_chunk_count").asInt()).isEqualTo(1);
    List<LoggedRequest> puts = wireMock.findAll(putRequestedFor(urlPathEqualTo(TikTokStub.UPLOAD_PATH)));
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).getHeader("Content-Range")).isEqualTo("bytes 0-4194303/4194304");
    assertThat(puts.get(0).getHeader("Content-Type")).isEqualTo("video/mp4");
    assertThat(puts.get(0).containsHeader("Authorization")).isFalse();
    assertThat(puts.get(0).queryParameter("upload_token").firstValue()).isEqualTo("Xza123");
    assertThat(puts.get(0).getBody()).hasSize((int) (4 * MIB));
    assertThat(result.externalId()).isEqualTo("7000000000000000001");
  }

  @Test
  void a_70_mb_video_goes_in_six_chunks_with_content_ranges_and_the_last_absorbs_the_remainder() {
    stub.initSucceeds("v_pub_file~v2-1.2", true);
    stub.status("v_pub_file~v2-1.2", "7000000000000000002", "PUBLISH_COMPLETE");
    connector().publish(fileVideo(70_000_000));

    JsonNode source = initBody().path("source_info");
    assertThat(source.path("video_size").asLong()).isEqualTo(70_000_000);
    assertThat(source.path("chunk_size").asLong()).isEqualTo(10 * MIB);
    assertThat(source.path("total_chunk_count").asInt()).isEqualTo(6);
    assertThat(contentRanges()).containsExactly(
        "bytes 0-10485759/70000000", "bytes 10485760-20971519/70000000", "bytes 20971520-31457279/70000000",
        "bytes 31457280-41943039/70000000", "bytes 41943040-52428799/70000000", "bytes 52428800-69999999/70000000");
    LoggedRequest last = wireMock.findAll(putRequestedFor(urlPathEqualTo(TikTokStub.UPLOAD_PATH))
        .withHeader("Content-Range", equalTo("bytes 52428800-69999999/70000000"))).get(0);
    byte[] body = last.getBody();
    assertThat(body).hasSize(17_571_200);
    assertThat(body[0]).isEqualTo(PatternStream.at(52428800));
  }

  @Test
  void a_failure_after_chunk_2_of_3_resumes_at_chunk_3_without_initialising_again() {
    long size = 16 * MIB; // 5 MiB chunks: floor(16/5) = 3, the last one 6 MiB
    stub.initSucceeds("v_pub_file~v2-1.3", true);
    stub.status("v_pub_file~v2-1.3", "7000000000000000003", "PUBLISH_COMPLETE");
    StubMapping broken = wireMock.stubFor(put(urlPathEqualTo(TikTokStub.UPLOAD_PATH)).atPriority(1)
        .withHeader("Content-Range", matching("bytes 10485760-.*"))
        .willReturn(aResponse().withStatus(503)));
    Connector connector = connector(Map.of("chunkBytes", String.valueOf(5 * MIB)), new InMemoryTokenStore(), 1);
    PublishRequest request = fileVideo(size).withCheckpoint(Checkpoint.inMemory());

    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class);
    assertThat(request.checkpoint().get(TikTokConnector.CP_CHUNKS_UPLOADED)).contains("2");
    assertThat(request.checkpoint().get(TikTokConnector.CP_PUBLISH_ID)).contains("v_pub_file~v2-1.3");

    wireMock.removeStub(broken);
    PublishResult result = connector.publish(request);
    assertThat(result.externalId()).isEqualTo("7000000000000000003");
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(1);
    assertThat(requests("/v2/post/publish/creator_info/query/")).hasSize(1);
    assertThat(wireMock.findAll(putRequestedFor(urlPathEqualTo(TikTokStub.UPLOAD_PATH))).stream()
        .map(r -> r.getHeader("Content-Range")).toList())
        .containsExactlyInAnyOrder("bytes 0-5242879/16777216", "bytes 5242880-10485759/16777216",
            "bytes 10485760-16777215/16777216", "bytes 10485760-16777215/16777216");
    assertThat(request.checkpoint().get(TikTokConnector.CP_CHUNKS_UPLOADED)).contains("3");
    // Done is done: a third call answers from the checkpoint without calling TikTok.
    int before = wireMock.getAllServeEvents().size();
    assertThat(connector.publish(request).externalId()).isEqualTo("7000000000000000003");
    assertThat(wireMock.getAllServeEvents()).hasSize(before);
  }

  // ---------------------------------------------------------------------------------------------
  // PULL_FROM_URL, photos, status

  @Test
  void pull_from_url_sends_the_video_url_and_uploads_nothing() {
    stub.initSucceeds("v_pub_url~v2.123456789", false);
    stub.status("v_pub_url~v2.123456789", "7123", "PROCESSING_DOWNLOAD", "PUBLISH_COMPLETE");
    PublishResult result = connector().publish(video("https://verified.example.com/v.mp4", "pulled", Duration.ofSeconds(9)));
    JsonNode source = initBody().path("source_info");
    assertThat(source.path("source").stringValue()).isEqualTo("PULL_FROM_URL");
    assertThat(source.path("video_url").stringValue()).isEqualTo("https://verified.example.com/v.mp4");
    assertThat(source.has("video_size")).isFalse();
    assertThat(wireMock.findAll(putRequestedFor(urlPathEqualTo(TikTokStub.UPLOAD_PATH)))).isEmpty();
    assertThat(result.externalId()).isEqualTo("7123");
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
  }

  @Test
  void a_photo_post_goes_through_content_init_with_photo_images_and_cover_index() {
    stub.initSucceeds("p_pub_url~v2.123456789", false);
    stub.status("p_pub_url~v2.123456789", "7200000000000000001", "PUBLISH_COMPLETE");
    List<MediaAsset> photos = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      photos.add(MediaAsset.builder(MediaKind.IMAGE, URI.create("https://verified.example.com/" + i + ".webp"),
          "image/webp").build());
    }
    PublishRequest request = withOptions(PublishRequest.text(ACCOUNT, "photo-1", "this will be a #funny photo")
        .withFormat(PostFormat.CAROUSEL).withMedia(photos),
        Map.of(TikTokOptions.PHOTO_TITLE, "funny cat", TikTokOptions.PHOTO_COVER_INDEX, "1"));
    PublishResult result = connector().publish(request);

    assertThat(requests("/v2/post/publish/content/init/")).hasSize(1);
    JsonNode body = initBody();
    assertThat(body.path("media_type").stringValue()).isEqualTo("PHOTO");
    assertThat(body.path("post_mode").stringValue()).isEqualTo("DIRECT_POST");
    assertThat(body.path("post_info").path("title").stringValue()).isEqualTo("funny cat");
    assertThat(body.path("post_info").path("description").stringValue()).isEqualTo("this will be a #funny photo");
    assertThat(body.path("post_info").has("disable_duet")).isFalse();
    assertThat(body.path("source_info").path("source").stringValue()).isEqualTo("PULL_FROM_URL");
    assertThat(body.path("source_info").path("photo_cover_index").asInt()).isEqualTo(1);
    assertThat(body.path("source_info").path("photo_images")).hasSize(3);
    assertThat(body.path("source_info").path("photo_images").get(2).stringValue())
        .isEqualTo("https://verified.example.com/3.webp");
    assertThat(result.url()).hasToString("https://www.tiktok.com/@chorus.test/photo/7200000000000000001");
  }

  @Test
  void status_is_polled_through_the_sleeper_until_publish_complete() {
    stub.initSucceeds("v_pub_url~v2.5", false);
    stub.status("v_pub_url~v2.5", "7555", "PROCESSING_UPLOAD", "PROCESSING_UPLOAD", "PUBLISH_COMPLETE");
    PublishResult result = connector().publish(video("https://verified.example.com/v.mp4", "poll", Duration.ofSeconds(9)));
    assertThat(result.externalId()).isEqualTo("7555");
    assertThat(result.publishedAt()).isEqualTo(START.plusSeconds(10));
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    assertThat(requests("/v2/post/publish/status/fetch/")).hasSize(3);
  }

  @Test
  void a_failed_publish_reports_the_fail_reason_and_the_next_attempt_initialises_anew() {
    stub.initSucceeds("v_pub_url~v2.6", false);
    stub.status("v_pub_url~v2.6", null, "PROCESSING_DOWNLOAD", "FAILED:duration_check_failed");
    Connector connector = connector();
    PublishRequest request = video("https://verified.example.com/v.mp4", "fails", Duration.ofSeconds(9));
    ContentRejectedException rejected = catchThrowableOfType(ContentRejectedException.class,
        () -> connector.publish(request));
    assertThat(rejected.reason()).contains("duration_check_failed").contains("v_pub_url~v2.6");
    assertThat(rejected.retryable()).isFalse();

    wireMock.stubFor(TikTokStub.init().atPriority(1).willReturn(TikTokStub.json(200,
        TikTokStub.ok("{\"publish_id\":\"v_pub_url~v2.7\"}", "log-init-2"))));
    stub.status("v_pub_url~v2.7", "7777", "PUBLISH_COMPLETE");
    assertThat(connector.publish(request).externalId()).isEqualTo("7777");
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(2);
  }

  @Test
  void an_interrupted_status_poll_resumes_polling_the_same_publish_id() {
    stub.initSucceeds("v_pub_url~v2.8", false);
    stub.status("v_pub_url~v2.8", null, "PROCESSING_DOWNLOAD");
    Connector connector = connector(Map.of("statusTimeout", "PT10S"), new InMemoryTokenStore(), 3);
    PublishRequest request = video("https://verified.example.com/v.mp4", "slow", Duration.ofSeconds(9));
    TransportException unknown = catchThrowableOfType(TransportException.class, () -> connector.publish(request));
    assertThat(unknown.outcomeUnknown()).isTrue();
    assertThat(unknown.getMessage()).contains("v_pub_url~v2.8");
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));

    wireMock.stubFor(TikTokStub.apiPost("/v2/post/publish/status/fetch/").atPriority(1)
        .withRequestBody(matchingJsonPath("$.publish_id", equalTo("v_pub_url~v2.8")))
        .willReturn(TikTokStub.json(200, TikTokStub.ok("{\"status\":\"PUBLISH_COMPLETE\",\"fail_reason\":\"\","
            + "\"publicaly_available_post_id\":[7888],\"uploaded_bytes\":0,\"downloaded_bytes\":1000}", "log-1"))));
    assertThat(connector.publish(request).externalId()).isEqualTo("7888");
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(1);
    assertThat(requests("/v2/post/publish/creator_info/query/")).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Errors and limits

  @Test
  void a_spam_risk_403_is_not_retried_before_the_next_day() {
    stub.initFails(403, "spam_risk_too_many_posts", "Too many posts today.", "log-spam");
    Connector connector = connector();
    PublishRequest request = video("https://verified.example.com/v.mp4", "one too many", Duration.ofSeconds(9));
    RateLimitedException limited = catchThrowableOfType(RateLimitedException.class, () -> connector.publish(request));
    assertThat(limited.retryAt()).contains(START.plus(Duration.ofHours(24)));
    assertThat(limited.requestId()).contains("log-spam");
    assertThat(limited.getMessage()).contains("spam_risk_too_many_posts");
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(1);
    assertThat(waits).isEmpty();

    // The bucket stays closed: a second post today fails without reaching TikTok's init.
    assertThatThrownBy(() -> connector.publish(video("https://verified.example.com/w.mp4", "again",
        Duration.ofSeconds(9)))).isInstanceOf(RateLimitedException.class);
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(1);
  }

  @Test
  void a_429_waits_out_the_one_minute_sliding_window_through_the_sleeper() {
    stub.initFails(429, "rate_limit_exceeded", "API rate limit exceeded, please retry later.", "log-429");
    stub.publishSucceeds("7429");
    PublishResult result = connector().publish(video("https://verified.example.com/v.mp4", "busy", Duration.ofSeconds(9)));
    assertThat(result.externalId()).isEqualTo("7429");
    assertThat(waits).contains(Duration.ofMinutes(1));
    assertThat(requests("/v2/post/publish/video/init/")).hasSize(2);
  }

  @Test
  void an_error_envelope_is_a_typed_error_with_the_log_id_as_request_id() {
    wireMock.stubFor(TikTokStub.apiPost("/v2/post/publish/creator_info/query/").atPriority(1)
        .willReturn(TikTokStub.json(401, TikTokStub.error("scope_not_authorized",
            "The user did not authorize the scope required for completing this request.", "log-scope"))));
    PermissionDeniedException denied = catchThrowableOfType(PermissionDeniedException.class,
        () -> connector().publish(video("https://verified.example.com/v.mp4", "x", Duration.ofSeconds(9))));
    assertThat(denied.requestId()).contains("log-scope");
    assertThat(denied.getMessage()).contains("scope_not_authorized").contains("log-scope");
  }

  @Test
  void a_rotated_refresh_token_is_saved_before_the_new_access_token_is_used() {
    stub.tokenEndpoint("act.new", "rft.new");
    stub.publishSucceeds("7100");
    List<String> savedRefreshTokens = new CopyOnWriteArrayList<>();
    List<Integer> usesOfNewTokenAtSave = new CopyOnWriteArrayList<>();
    InMemoryTokenStore memory = new InMemoryTokenStore();
    TokenStore store = new TokenStore() {
      @Override
      public Optional<OAuthTokens> load(CredentialsRef ref) {
        return memory.load(ref);
      }

      @Override
      public void save(CredentialsRef ref, OAuthTokens tokens) {
        savedRefreshTokens.add(tokens.refreshToken().orElse("none"));
        usesOfNewTokenAtSave.add(wireMock.findAll(postRequestedFor(urlPathMatching("/v2/post/.*"))
            .withHeader("Authorization", equalTo("Bearer act.new"))).size());
        memory.save(ref, tokens);
      }

      @Override
      public void delete(CredentialsRef ref) {
        memory.delete(ref);
      }
    };
    memory.save(ACCOUNT.credentials(), OAuthTokens.builder().accessToken("act.old").refreshToken("rft.old")
        .expiresAt(START.minusSeconds(60)).build());
    connector(Map.of(), store, 3).publish(video("https://verified.example.com/v.mp4", "fresh", Duration.ofSeconds(9)));

    assertThat(savedRefreshTokens).containsExactly("rft.new");
    assertThat(usesOfNewTokenAtSave).containsExactly(0);
    LoggedRequest refresh = wireMock.findAll(postRequestedFor(urlPathEqualTo("/v2/oauth/token/"))).get(0);
    assertThat(refresh.getBodyAsString()).contains("client_key=ck-test").contains("client_secret=cs-test-secret")
        .contains("grant_type=refresh_token").contains("refresh_token=rft.old");
    assertThat(requests("/v2/post/publish/creator_info/query/").get(0).getHeader("Authorization"))
        .isEqualTo("Bearer act.new");
    assertThat(memory.load(ACCOUNT.credentials()).orElseThrow().attributes())
        .containsEntry(TikTokOAuth.OPEN_ID, "afd97af1-b87b-48b9-ac98-410aghda5344");
  }

  @Test
  void a_rejected_token_is_refreshed_once_with_the_rotated_refresh_token() {
    stub.tokenEndpoint("act.second", "rft.second");
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.save(ACCOUNT.credentials(), OAuthTokens.builder().accessToken("act.first").refreshToken("rft.first")
        .expiresAt(START.plus(Duration.ofHours(2))).build());
    wireMock.stubFor(TikTokStub.apiPost("/v2/post/publish/creator_info/query/").atPriority(1)
        .withHeader("Authorization", equalTo("Bearer act.first"))
        .willReturn(TikTokStub.json(401, TikTokStub.error("access_token_invalid",
            "The access token is invalid or not found in the request.", "log-401"))));
    stub.publishSucceeds("7200");
    assertThat(connector(Map.of(), store, 3).publish(video("https://verified.example.com/v.mp4", "r",
        Duration.ofSeconds(9))).externalId()).isEqualTo("7200");
    assertThat(store.load(ACCOUNT.credentials()).orElseThrow().refreshToken()).contains("rft.second");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/v2/oauth/token/"))).get(0).getBodyAsString())
        .contains("refresh_token=rft.first");
  }

  @Test
  void metrics_are_queried_in_batches_of_20_and_absent_counters_stay_absent() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      ids.add(String.valueOf(7300000000000000000L + i));
    }
    stub.metricsFor(ids);
    List<MetricSnapshot> snapshots = connector().fetchMetrics(ACCOUNT, ids);
    assertThat(stub.metricsRequestSizes()).containsExactly(20, 20, 5);
    assertThat(snapshots).hasSize(45);
    MetricSnapshot odd = snapshots.stream().filter(s -> s.externalPostId().equals(ids.get(1))).findFirst().orElseThrow();
    assertThat(odd.value(Metric.LIKES)).hasValue(2);
    assertThat(odd.value(Metric.COMMENTS)).hasValue(3);
    assertThat(odd.value(Metric.VIDEO_VIEWS)).isEmpty();
    assertThat(snapshots.get(0).capturedAt()).isEqualTo(START);
    LoggedRequest first = requests("/v2/video/query/").get(0);
    assertThat(first.queryParameter("fields").firstValue()).isEqualTo("id,like_count,comment_count,share_count,view_count");
  }

  @Test
  void account_metrics_read_the_follower_count_from_user_info() {
    stub.accountFollowers(4242);
    MetricSnapshot snapshot = connector().fetchAccountMetrics(ACCOUNT);
    assertThat(snapshot.value(Metric.FOLLOWERS)).hasValue(4242);
    assertThat(snapshot.value(Metric.FOLLOWING)).hasValue(12);
    assertThat(snapshot.value(TikTokOptions.VIDEOS)).hasValue(7);
    assertThat(snapshot.accountLevel()).isTrue();
  }

  @Test
  void validate_applies_tiktoks_limits_offline() {
    Connector connector = connector();
    PublishRequest base = video("https://verified.example.com/v.mp4", "ok", Duration.ofSeconds(9));
    assertThat(connector.validate(base.withText("a".repeat(2200))).valid()).isTrue();
    assertThat(connector.validate(base.withText("a".repeat(2201))).violates("text.length")).isTrue();
    ValidationResult tooLong = connector.validate(video("https://verified.example.com/v.mp4", "x", Duration.ofMinutes(11)));
    assertThat(tooLong.violations()).anyMatch(v -> v.field().equals("media[0].duration"));
    assertThat(connector.validate(PublishRequest.text(ACCOUNT, "k", "text only")).violates("media.required")).isTrue();

    List<MediaAsset> photos = new ArrayList<>();
    for (int i = 0; i < 36; i++) {
      photos.add(MediaAsset.builder(MediaKind.IMAGE, URI.create("https://verified.example.com/" + i + ".jpg"),
          "image/jpeg").build());
    }
    PublishRequest album = PublishRequest.text(ACCOUNT, "k", "a".repeat(4000)).withFormat(PostFormat.CAROUSEL);
    assertThat(connector.validate(album.withMedia(photos)).violates("media.count")).isTrue();
    assertThat(connector.validate(album.withMedia(photos.subList(0, 35))).valid()).isTrue();
    assertThat(connector.validate(album.withText("a".repeat(4001)).withMedia(photos.subList(0, 2)))
        .violates("text.length")).isTrue();
    PublishRequest local = album.withMedia(List.of(MediaAsset.builder(MediaKind.IMAGE,
        URI.create("file:///photos/1.jpg"), "image/jpeg").build()));
    assertThat(connector.validate(local).violates("media.source")).isTrue();
    assertThat(connector.validate(withOptions(base, Map.of("privacy", "x"))).violates("options.unknown")).isTrue();
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void delete_comments_and_scheduling_are_not_declared_and_fail_without_io() {
    Connector connector = connector();
    assertThat(connector.capabilities().supports(Capability.DELETE)).isFalse();
    assertThatThrownBy(() -> connector.delete(ACCOUNT, "7123")).isInstanceOf(UnsupportedCapabilityException.class);
    assertThatThrownBy(() -> connector.publish(video("https://verified.example.com/v.mp4", "later",
        Duration.ofSeconds(9)).publishAt(START.plusSeconds(3600)))).isInstanceOf(UnsupportedCapabilityException.class);
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void reconcile_asks_the_status_of_the_recorded_publish_id_or_looks_for_the_caption_in_the_video_list() {
    Connector connector = connector();
    PublishRequest interrupted = video("https://verified.example.com/v.mp4", "recorded", Duration.ofSeconds(9));
    interrupted.checkpoint().put(TikTokConnector.CP_PUBLISH_ID, "v_pub_url~v2.9");
    stub.status("v_pub_url~v2.9", "7999", "PUBLISH_COMPLETE");
    assertThat(connector.reconcile(interrupted, START).map(PublishResult::externalId)).contains("7999");

    stub.existingPost("7998", "a   caption  to find", START.plusSeconds(5));
    stub.existingPost("7997", "something else", START.plusSeconds(6));
    PublishRequest lost = video("https://verified.example.com/v.mp4", "a caption to find", Duration.ofSeconds(9));
    Optional<PublishResult> found = connector.reconcile(lost, START);
    assertThat(found.map(PublishResult::externalId)).contains("7998");
    assertThat(lost.checkpoint().get(TikTokConnector.CP_POST_ID)).contains("7998");
    assertThat(connector.reconcile(video("https://verified.example.com/v.mp4", "never posted",
        Duration.ofSeconds(9)), START)).isEmpty();
    // A post from before the attempt (minus the skew) is not ours.
    assertThat(connector.reconcile(video("https://verified.example.com/v.mp4", "a caption to find",
        Duration.ofSeconds(9)), START.plus(Duration.ofHours(1)))).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  /** Bytes whose value depends on their position, generated on the fly. */
  static final class PatternStream extends InputStream {
    private final long length;
    private long position;

    PatternStream(long length) {
      this.length = length;
    }

    static byte at(long position) {
      return (byte) (position % 251);
    }

    @Override
    public int read() {
      return position < length ? at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(count, length - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = at(position++);
      }
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, length - position));
      position += skipped;
      return skipped;
    }
  }

  /** A clock that moves only through the test's sleeper. */
  static final class TestClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(START);

    @Override
    public Instant instant() {
      return now.get();
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
