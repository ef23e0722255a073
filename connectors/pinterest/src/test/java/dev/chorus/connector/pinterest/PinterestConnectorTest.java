package dev.chorus.connector.pinterest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.pinterest.internal.DefaultPinterestConnector;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PinterestConnectorTest {

  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");
  static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("pin-1"), new WorkspaceId("ws-1"),
      Platform.PINTEREST, "Chorus Test", "chorustest", ZoneId.of("UTC"), new CredentialsRef("pinterest/chorus-test"));
  static final String SECRET = "cs-test-secret";

  private WireMockServer wireMock;
  private PinterestStub stub;
  private final TestClock clock = new TestClock();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Map<String, byte[]> memory = new LinkedHashMap<>();

  @TempDir
  Path dir;

  @BeforeAll
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
    stub = new PinterestStub(wireMock, clock);
  }

  @AfterAll
  void stop() {
    wireMock.stop();
  }

  @BeforeEach
  void reset() {
    clock.now.set(START);
    stub.reset();
    waits.clear();
    memory.clear();
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    open.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private PinterestConnector connector(TokenStore store) {
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).sleeper(d -> {
      waits.add(d);
      clock.now.updateAndGet(at -> at.plus(d));
    }).maxAttempts(3).build();
    open.add(runtime);
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("baseUrl", "http://127.0.0.1:" + wireMock.port());
    raw.put("clientId", PinterestStub.CLIENT_ID);
    raw.put("clientSecret", SECRET);
    raw.put("accessToken", "pina_seed");
    raw.put("refreshToken", "pinr_seed");
    raw.put("mediaPollInterval", "PT5S");
    raw.put("mediaTimeout", "PT1M");
    MediaReader opener = asset -> memory.containsKey(asset.source().toString())
        ? MediaSource.ofBytes(memory.get(asset.source().toString()))
        : MediaReader.standard().open(asset);
    ConnectorContext context = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(TokenStore.class, store).extension(MediaReader.class, opener).build();
    PinterestConnectorProvider provider = new PinterestConnectorProvider();
    PinterestConnector connector = provider.create(context, provider.configSpec().validate("pinterest", raw));
    open.add(connector);
    return connector;
  }

  private PinterestConnector connector() {
    return connector(new InMemoryTokenStore());
  }

  static MediaAsset image(String source, String mime) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create(source), mime).build();
  }

  static PublishRequest pin(PostFormat format, String text, List<MediaAsset> media, Map<String, String> options,
      URI link) {
    return new PublishRequest(ACCOUNT, "key-" + text.hashCode(), format, text, media, link, null, List.of(), null,
        options, null, null, Checkpoint.inMemory());
  }

  static Map<String, String> board() {
    return Map.of(PinterestOptions.BOARD_ID, PinterestStub.BOARD_ID);
  }

  private List<LoggedRequest> posts(String path) {
    return wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  private JsonNode pinBody() {
    List<LoggedRequest> pins = posts("/v5/pins");
    assertThat(pins).isNotEmpty();
    return PinterestStub.MAPPER.readTree(pins.get(pins.size() - 1).getBodyAsString());
  }

  private MediaAsset video(String source) {
    memory.put(source, "FAKE-MP4-BYTES-0123456789".getBytes(StandardCharsets.US_ASCII));
    return MediaAsset.builder(MediaKind.VIDEO, URI.create(source), "video/mp4")
        .duration(Duration.ofSeconds(30)).dimensions(1080, 1920).build();
  }

  // ---------------------------------------------------------------------------------------------
  // Boards

  @Test
  void boardsPageThroughBookmarks() {
    stub.boards(2, 1);
    PinterestConnector connector = connector();
    Page<Board> first = connector.boards(ACCOUNT, null, 2);
    assertThat(first.items()).extracting(Board::id).containsExactly("549755885000", "549755885001");
    assertThat(first.items().get(0).privacy()).isEqualTo(BoardPrivacy.PUBLIC);
    assertThat(first.items().get(1).privacy()).isEqualTo(BoardPrivacy.SECRET);
    assertThat(first.items().get(1).description()).isNull();
    assertThat(first.nextCursor()).isEqualTo("bm-1");
    Page<Board> second = connector.boards(ACCOUNT, first.nextCursor(), 2);
    assertThat(second.items()).extracting(Board::name).containsExactly("Board 2");
    assertThat(second.items().get(0).privacy()).isEqualTo(BoardPrivacy.PROTECTED);
    assertThat(second.hasMore()).isFalse();
    List<LoggedRequest> lists = wireMock.findAll(getRequestedFor(urlPathEqualTo("/v5/boards")));
    assertThat(lists).hasSize(2);
    assertThat(lists.get(0).queryParameter("page_size").firstValue()).isEqualTo("2");
    assertThat(lists.get(0).getHeader("Authorization")).isEqualTo("Bearer pina_seed");
  }

  @Test
  void boardPageSizeOutOfRangeIsRejectedWithoutARequest() {
    PinterestConnector connector = connector();
    assertThatThrownBy(() -> connector.boards(ACCOUNT, null, 0))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("pageSize");
    assertThatThrownBy(() -> connector.boards(ACCOUNT, null, 251)).isInstanceOf(InvalidValueException.class);
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void createBoardPostsNameDescriptionAndPrivacy() {
    wireMock.stubFor(PinterestStub.apiPost("/v5/boards").willReturn(PinterestStub.json(201,
        "{\"id\":\"549755885999\",\"created_at\":\"2026-03-02T09:30:00\",\"name\":\"Summer recipes\","
            + "\"description\":\"Cold soups\",\"privacy\":\"SECRET\",\"owner\":{\"username\":\"chorustest\"},"
            + "\"pin_count\":0,\"follower_count\":0,\"collaborator_count\":0}", "rid-board")));
    PinterestConnector connector = connector();
    Board board = connector.createBoard(ACCOUNT, "Summer recipes", "Cold soups", BoardPrivacy.SECRET);
    assertThat(board).isEqualTo(new Board("549755885999", "Summer recipes", "Cold soups", BoardPrivacy.SECRET));
    JsonNode body = PinterestStub.MAPPER.readTree(posts("/v5/boards").get(0).getBodyAsString());
    assertThat(body.path("name").stringValue()).isEqualTo("Summer recipes");
    assertThat(body.path("description").stringValue()).isEqualTo("Cold soups");
    assertThat(body.path("privacy").stringValue()).isEqualTo("SECRET");
    assertThatThrownBy(() -> connector.createBoard(ACCOUNT, " ", null, BoardPrivacy.PUBLIC))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("name");
    assertThat(posts("/v5/boards")).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Pins

  @Test
  void imageUrlPinSendsEveryFieldOfThePost() {
    stub.pinCreated("813744226420795884");
    MediaAsset image = image("https://example.com/image.jpg", "image/jpeg").toBuilder().altText("A bowl of soup")
        .build();
    Map<String, String> options = new LinkedHashMap<>(board());
    options.put(PinterestOptions.TITLE, "My Pin title");
    PublishRequest request = pin(PostFormat.PIN, "Cold soup for hot days", List.of(image), options,
        URI.create("https://example.com/article"));
    PublishResult result = connector().publish(request);
    assertThat(result.externalId()).isEqualTo("813744226420795884");
    assertThat(result.url()).hasToString("https://www.pinterest.com/pin/813744226420795884/");
    JsonNode body = pinBody();
    assertThat(body.path("board_id").stringValue()).isEqualTo(PinterestStub.BOARD_ID);
    assertThat(body.path("title").stringValue()).isEqualTo("My Pin title");
    assertThat(body.path("description").stringValue()).isEqualTo("Cold soup for hot days");
    assertThat(body.path("link").stringValue()).isEqualTo("https://example.com/article");
    assertThat(body.path("alt_text").stringValue()).isEqualTo("A bowl of soup");
    assertThat(body.path("media_source").path("source_type").stringValue()).isEqualTo("image_url");
    assertThat(body.path("media_source").path("url").stringValue()).isEqualTo("https://example.com/image.jpg");
    assertThat(request.checkpoint().get(DefaultPinterestConnector.CP_PIN_ID)).contains("813744226420795884");
    // A repeat with the same checkpoint returns the recorded pin without another create.
    assertThat(connector().publish(request).externalId()).isEqualTo("813744226420795884");
    assertThat(posts("/v5/pins")).hasSize(1);
  }

  @Test
  void localImageIsSentAsBase64() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    Path file = dir.resolve("pin.png");
    Files.write(file, png);
    stub.pinCreated("9001");
    PublishRequest request = pin(PostFormat.PIN, "base64", List.of(image(file.toUri().toString(), "image/png")),
        board(), null);
    assertThat(connector().publish(request).externalId()).isEqualTo("9001");
    JsonNode source = pinBody().path("media_source");
    assertThat(source.path("source_type").stringValue()).isEqualTo("image_base64");
    assertThat(source.path("content_type").stringValue()).isEqualTo("image/png");
    assertThat(Base64.getDecoder().decode(source.path("data").stringValue())).isEqualTo(png);
    assertThat(pinBody().has("link")).isFalse();
  }

  @Test
  void severalImageUrlsMakeAMultipleImagePin() {
    stub.pinCreated("9002");
    List<MediaAsset> images = List.of(image("https://example.com/1.jpg", "image/jpeg"),
        image("https://example.com/2.png", "image/png"), image("https://example.com/3.webp", "image/webp"));
    connector().publish(pin(PostFormat.CAROUSEL, "three", images, board(), null));
    JsonNode source = pinBody().path("media_source");
    assertThat(source.path("source_type").stringValue()).isEqualTo("multiple_image_urls");
    assertThat(source.path("items")).hasSize(3);
    assertThat(source.path("items").get(2).path("url").stringValue()).isEqualTo("https://example.com/3.webp");
  }

  @Test
  void severalLocalImagesMakeAMultipleBase64Pin() {
    memory.put("mem:a", new byte[] {1, 2, 3});
    memory.put("mem:b", new byte[] {4, 5});
    stub.pinCreated("9003");
    connector().publish(pin(PostFormat.CAROUSEL, "two", List.of(image("mem:a", "image/jpeg"),
        image("mem:b", "image/png")), board(), null));
    JsonNode source = pinBody().path("media_source");
    assertThat(source.path("source_type").stringValue()).isEqualTo("multiple_image_base64");
    assertThat(source.path("items").get(0).path("content_type").stringValue()).isEqualTo("image/jpeg");
    assertThat(Base64.getDecoder().decode(source.path("items").get(1).path("data").stringValue()))
        .isEqualTo(new byte[] {4, 5});
  }

  @Test
  void videoPinRegistersUploadsPollsAndPinsWithACover() {
    stub.mediaRegistered("12345");
    stub.mediaStatus("12345", "registered", "processing", "succeeded");
    stub.pinCreated("9100");
    PublishRequest request = pin(PostFormat.VIDEO, "a video", List.of(video("mem:clip.mp4"),
        image("https://example.com/cover.jpg", "image/jpeg")), board(), null);
    PublishResult result = connector().publish(request);
    assertThat(result.externalId()).isEqualTo("9100");
    JsonNode registration = PinterestStub.MAPPER.readTree(posts("/v5/media").get(0).getBodyAsString());
    assertThat(registration.path("media_type").stringValue()).isEqualTo("video");
    List<LoggedRequest> uploads = posts(PinterestStub.UPLOAD_PATH);
    assertThat(uploads).hasSize(1);
    LoggedRequest upload = uploads.get(0);
    assertThat(upload.containsHeader("Authorization")).isFalse();
    String form = upload.getBodyAsString();
    for (String field : List.of("x-amz-date", "x-amz-signature", "x-amz-security-token", "x-amz-algorithm", "key",
        "policy", "x-amz-credential", "Content-Type")) {
      assertThat(form).contains("name=\"" + field + "\"");
    }
    assertThat(form).contains("uploads/11/aa/22/3:video:12345").contains("name=\"file\"; filename=\"clip.mp4\"")
        .contains("FAKE-MP4-BYTES-0123456789");
    assertThat(form.indexOf("name=\"policy\"")).isLessThan(form.indexOf("name=\"file\""));
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/v5/media/12345")))).hasSize(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    JsonNode source = pinBody().path("media_source");
    assertThat(source.path("source_type").stringValue()).isEqualTo("video_id");
    assertThat(source.path("media_id").stringValue()).isEqualTo("12345");
    assertThat(source.path("cover_image_url").stringValue()).isEqualTo("https://example.com/cover.jpg");
    assertThat(request.checkpoint().get(DefaultPinterestConnector.CP_MEDIA_ID)).contains("12345");
  }

  @Test
  void retryAfterMediaUploadedButPinNotCreatedReusesTheMedia() {
    stub.mediaRegistered("777");
    stub.mediaStatus("777", "succeeded");
    stub.pinFails(500, PinterestStub.error(8, "Something went wrong on our end."), "rid-500", Map.of());
    stub.pinCreated("9200");
    Map<String, String> options = new LinkedHashMap<>(board());
    options.put(PinterestOptions.COVER_KEY_FRAME_TIME, "2.5");
    PublishRequest request = pin(PostFormat.VIDEO, "resume me", List.of(video("mem:resume.mp4")), options, null);
    PinterestConnector connector = connector();
    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(PlatformUnavailableException.class)
        .hasMessageContaining("rid-500");
    assertThat(request.checkpoint().get(DefaultPinterestConnector.CP_MEDIA_ID)).contains("777");
    PublishResult result = connector.publish(request);
    assertThat(result.externalId()).isEqualTo("9200");
    assertThat(posts("/v5/media")).hasSize(1);
    assertThat(posts(PinterestStub.UPLOAD_PATH)).hasSize(1);
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/v5/media/777")))).hasSize(1);
    assertThat(posts("/v5/pins")).hasSize(2);
    assertThat(pinBody().path("media_source").path("cover_image_key_frame_time").asDouble()).isEqualTo(2.5);
  }

  @Test
  void failedVideoProcessingIsRejectedAndTheNextAttemptUploadsAgain() {
    stub.mediaRegistered("800");
    stub.mediaRegistered("801");
    stub.mediaStatus("800", "failed");
    stub.mediaStatus("801", "succeeded");
    stub.pinCreated("9300");
    Map<String, String> options = new LinkedHashMap<>(board());
    options.put(PinterestOptions.COVER_IMAGE_URL, "https://example.com/c.jpg");
    PublishRequest request = pin(PostFormat.VIDEO, "fails once", List.of(video("mem:f.mp4")), options, null);
    PinterestConnector connector = connector();
    assertThatThrownBy(() -> connector.publish(request)).isInstanceOf(ContentRejectedException.class)
        .hasMessageContaining("800");
    assertThat(posts("/v5/pins")).isEmpty();
    assertThat(connector.publish(request).externalId()).isEqualTo("9300");
    assertThat(posts("/v5/media")).hasSize(2);
    assertThat(pinBody().path("media_source").path("media_id").stringValue()).isEqualTo("801");
  }

  @Test
  void videoStillProcessingAtTheTimeoutCreatesNoPinAndResumesPolling() {
    stub.mediaRegistered("900");
    stub.mediaStatus("900", "processing");
    Map<String, String> options = new LinkedHashMap<>(board());
    options.put(PinterestOptions.COVER_KEY_FRAME_TIME, "0");
    PublishRequest request = pin(PostFormat.VIDEO, "slow", List.of(video("mem:s.mp4")), options, null);
    PinterestConnector connector = connector();
    PlatformUnavailableException slow = catchThrowableOfType(PlatformUnavailableException.class,
        () -> connector.publish(request));
    assertThat(slow.getMessage()).contains("still processing");
    assertThat(posts("/v5/pins")).isEmpty();
    stub.mediaStatus("900", "succeeded");
    stub.pinCreated("9400");
    assertThat(connector.publish(request).externalId()).isEqualTo("9400");
    assertThat(posts("/v5/media")).hasSize(1);
  }

  @Test
  void deleteSendsOneDelete() {
    stub.deleteSucceeds("813744226420795884");
    connector().delete(ACCOUNT, "813744226420795884");
    assertThat(stub.requestCount()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Errors, rate limits, auth

  @Test
  void spam429IsRejectedAndNotRetried() {
    stub.pinFails(429, "{\"code\":8,\"message\":\"Sorry! We blocked this link because it may lead to spam.\"}",
        "rid-spam", Map.of("Retry-After", "1"));
    ContentRejectedException spam = catchThrowableOfType(ContentRejectedException.class,
        () -> connector().publish(pin(PostFormat.PIN, "spammy", List.of(image("https://example.com/i.jpg",
            "image/jpeg")), board(), URI.create("https://spam.example/"))));
    assertThat(spam.retryable()).isFalse();
    assertThat(spam.requestId()).contains("rid-spam");
    assertThat(spam.getMessage()).contains("spam").contains("rid-spam");
    assertThat(posts("/v5/pins")).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void spamInMessageDetailIsAlsoASpamBlock() {
    stub.pinFails(429, "{\"code\":8,\"message\":\"Request blocked\",\"message_detail\":\"Spam detected\"}",
        "rid-spam-2", Map.of());
    assertThatThrownBy(() -> connector().publish(pin(PostFormat.PIN, "spammy", List.of(image(
        "https://example.com/i.jpg", "image/jpeg")), board(), null))).isInstanceOf(ContentRejectedException.class)
        .hasMessageContaining("Spam detected");
    assertThat(posts("/v5/pins")).hasSize(1);
  }

  @Test
  void ordinary429WaitsForTheResetHeaderThenSucceeds() {
    long reset = START.plusSeconds(40).getEpochSecond();
    stub.pinFails(429, PinterestStub.error(8, "You have exceeded your rate limit. Try again later."), "rid-429",
        Map.of("X-RateLimit-Reset", String.valueOf(reset)));
    stub.pinCreated("9500");
    PublishResult result = connector().publish(pin(PostFormat.PIN, "later", List.of(image(
        "https://example.com/i.jpg", "image/jpeg")), board(), null));
    assertThat(result.externalId()).isEqualTo("9500");
    assertThat(clock.instant()).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
    assertThat(waits).isNotEmpty();
  }

  @Test
  void rateLimitBeyondTheRuntimesPatienceSurfacesWithItsResetAndRequestId() {
    stub.pinFails(429, PinterestStub.error(8, "You have exceeded your rate limit."), "rid-429-long",
        Map.of("Retry-After", "86400"));
    RateLimitedException limited = catchThrowableOfType(RateLimitedException.class,
        () -> connector().publish(pin(PostFormat.PIN, "much later", List.of(image("https://example.com/i.jpg",
            "image/jpeg")), board(), null)));
    assertThat(limited.retryable()).isTrue();
    assertThat(limited.retryAt()).contains(START.plusSeconds(86400));
    assertThat(limited.requestId()).contains("rid-429-long");
  }

  @Test
  void requestIdIsCarriedInErrorsFromEitherHeader() {
    stub.pinFails(400, PinterestStub.error(1, "Invalid board_id"), "rid-400", Map.of());
    PinterestConnector connector = connector();
    PublishRequest request = pin(PostFormat.PIN, "bad", List.of(image("https://example.com/i.jpg", "image/jpeg")),
        board(), null);
    ContentRejectedException rejected = catchThrowableOfType(ContentRejectedException.class,
        () -> connector.publish(request));
    assertThat(rejected.requestId()).contains("rid-400");
    assertThat(rejected.getMessage()).contains("rid-400").contains("code 1: Invalid board_id");
    assertThat(rejected.httpStatus()).hasValue(400);

    wireMock.stubFor(PinterestStub.createPin().atPriority(1).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json").withHeader("x-request-id", "rid-generic")
        .withBody(PinterestStub.error(3, "Not allowed"))));
    assertThatThrownBy(() -> connector.publish(request.withCheckpoint(Checkpoint.inMemory())))
        .isInstanceOf(dev.chorus.connector.PermissionDeniedException.class).hasMessageContaining("rid-generic");
  }

  @Test
  void expiredTokenIsRefreshedWithBasicClientAuthenticationAndTheNewPairStored() {
    stub.pinFails(401, "{\"code\":2,\"message\":\"Authentication failed.\",\"status\":\"failure\"}", "rid-401",
        Map.of());
    stub.pinCreated("9600");
    TokenStore store = new InMemoryTokenStore();
    PublishResult result = connector(store).publish(pin(PostFormat.PIN, "after refresh", List.of(image(
        "https://example.com/i.jpg", "image/jpeg")), board(), null));
    assertThat(result.externalId()).isEqualTo("9600");
    LoggedRequest token = posts("/v5/oauth/token").get(0);
    String expected = "Basic " + Base64.getEncoder().encodeToString((PinterestStub.CLIENT_ID + ":" + SECRET)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(token.getHeader("Authorization")).isEqualTo(expected);
    assertThat(token.getBodyAsString()).contains("grant_type=refresh_token").contains("refresh_token=pinr_seed")
        .doesNotContain("client_secret");
    List<LoggedRequest> pins = posts("/v5/pins");
    assertThat(pins.get(1).getHeader("Authorization")).isEqualTo("Bearer pina_rotated-1");
    Optional<OAuthTokens> stored = store.load(ACCOUNT.credentials());
    assertThat(stored.orElseThrow().refreshToken()).contains("pinr_rotated-1");
  }

  @Test
  void oauthClientUsesCommaSeparatedScopesAndBasicAuthentication() {
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).build();
    open.add(runtime);
    var client = PinterestOAuth.client(runtime, "http://127.0.0.1:" + wireMock.port() + "/",
        PinterestStub.CLIENT_ID, dev.chorus.connector.Secret.of(SECRET), "https://app.example/callback");
    String url = client.authorizationRequest().url();
    assertThat(url).startsWith(PinterestOAuth.AUTHORIZE_URL)
        .contains("scope=boards%3Aread%2Cboards%3Awrite%2Cpins%3Aread%2Cpins%3Awrite%2Cuser_accounts%3Aread")
        .contains("client_id=" + PinterestStub.CLIENT_ID).doesNotContain(SECRET);
    assertThat(client.toString()).doesNotContain(SECRET).contains("BASIC");
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  @Test
  void reconcileMatchesDescriptionAndTitleOnTheBoardSinceTheAttempt() {
    Map<String, String> options = new LinkedHashMap<>(board());
    options.put(PinterestOptions.TITLE, "Soup");
    PublishRequest request = pin(PostFormat.PIN, "Cold  soup\nfor hot days", List.of(image(
        "https://example.com/i.jpg", "image/jpeg")), options, null);
    stub.existingPost("old-1", "Cold soup for hot days", START.minus(Duration.ofHours(3)));
    stub.existingPost("other-1", "Something else", START.plusSeconds(5));
    PinterestConnector connector = connector();
    assertThat(connector.reconcile(request, START)).isEmpty(); // the only match is older than the attempt

    wireMock.stubFor(PinterestStub.api(get(urlPathEqualTo("/v5/boards/" + PinterestStub.BOARD_ID + "/pins")))
        .atPriority(1).willReturn(PinterestStub.json(200, "{\"items\":[" + PinterestStub.MAPPER.writeValueAsString(
            PinterestStub.pin("wrong-title", "Salad", "Cold soup for hot days", START.plusSeconds(3))) + ","
            + PinterestStub.MAPPER.writeValueAsString(PinterestStub.pin("found-1", "Soup", "Cold soup for hot days",
                START.plusSeconds(2))) + "],\"bookmark\":null}", "rid-list")));
    Optional<PublishResult> found = connector.reconcile(request, START);
    assertThat(found).map(PublishResult::externalId).contains("found-1");
    assertThat(found.get().publishedAt()).isEqualTo(START.plusSeconds(2));
    assertThat(request.checkpoint().get(DefaultPinterestConnector.CP_PIN_ID)).contains("found-1");
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics

  @Test
  void postMetricsAreOneRequestPerPinOverNinetyDaysAndAbsentIsNotZero() {
    stub.metricsFor(List.of("p-0", "p-1"));
    List<MetricSnapshot> snapshots = connector().fetchMetrics(ACCOUNT, List.of("p-0", "p-1", "p-gone"));
    assertThat(snapshots).hasSize(2);
    MetricSnapshot full = snapshots.get(0);
    assertThat(full.externalPostId()).isEqualTo("p-0");
    assertThat(full.values()).containsEntry(Metric.IMPRESSIONS, 240L).containsEntry(Metric.SAVES, 20L)
        .containsEntry(Metric.CLICKS, 37L).containsEntry(Metric.LINK_CLICKS, 20L);
    MetricSnapshot partial = snapshots.get(1);
    assertThat(partial.values()).containsOnlyKeys(Metric.IMPRESSIONS, Metric.SAVES);
    List<LoggedRequest> calls = wireMock.findAll(getRequestedFor(urlPathMatching("/v5/pins/[^/]+/analytics")));
    assertThat(calls).hasSize(3);
    LoggedRequest call = calls.get(0);
    assertThat(call.queryParameter("start_date").firstValue()).isEqualTo("2025-12-03");
    assertThat(call.queryParameter("end_date").firstValue()).isEqualTo("2026-03-02");
    assertThat(call.queryParameter("metric_types").firstValue()).isEqualTo("IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK");
    assertThat(call.queryParameter("app_types").firstValue()).isEqualTo("ALL");
    assertThat(call.queryParameter("split_field").firstValue()).isEqualTo("NO_SPLIT");
  }

  @Test
  void pinAnalyticsOverTheNinetyDayLimitAreRejectedNotSplit() {
    PinterestConnector connector = connector();
    LocalDate today = LocalDate.of(2026, 3, 2);
    assertThatThrownBy(() -> connector.pinAnalytics(ACCOUNT, "p-0", today.minusDays(91), today))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("endDate").hasMessageContaining("90 days");
    assertThatThrownBy(() -> connector.pinAnalytics(ACCOUNT, "p-0", today.minusDays(120), today.minusDays(100)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("startDate");
    assertThatThrownBy(() -> connector.pinAnalytics(ACCOUNT, "p-0", today, today.minusDays(1)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("endDate");
    assertThat(stub.requestCount()).isZero();

    stub.metricsFor(List.of("p-0"));
    PinAnalytics analytics = connector.pinAnalytics(ACCOUNT, "p-0", today.minusDays(90), today);
    assertThat(analytics.summary()).containsEntry("IMPRESSION", 240L).containsEntry("OUTBOUND_CLICK", 20L);
    assertThat(analytics.daily()).hasSize(1);
    assertThat(analytics.daily().get(0).dataStatus()).isEqualTo("READY");
    assertThat(analytics.daily().get(0).date()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(analytics.lifetime()).containsEntry("TOTAL_COMMENTS", 10L);
    LoggedRequest call = wireMock.findAll(getRequestedFor(urlPathEqualTo("/v5/pins/p-0/analytics"))).get(0);
    assertThat(call.queryParameter("start_date").firstValue()).isEqualTo("2025-12-02");
  }

  @Test
  void accountMetricsReadFollowerCountFromUserAccount() {
    stub.accountFollowers(1234);
    MetricSnapshot snapshot = connector().fetchAccountMetrics(ACCOUNT);
    assertThat(snapshot.value(Metric.FOLLOWERS)).hasValue(1234);
    assertThat(snapshot.value(Metric.FOLLOWING)).hasValue(12);
    assertThat(snapshot.capturedAt()).isEqualTo(START);
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Test
  void validationReportsEveryPinterestLimitOffline() {
    MediaAsset image = image("file:///tmp/a.gif", "image/gif").toBuilder().altText("x".repeat(501)).build();
    Map<String, String> options = new LinkedHashMap<>();
    options.put(PinterestOptions.TITLE, "t".repeat(101));
    options.put("colour", "red");
    PublishRequest request = pin(PostFormat.PIN, "d".repeat(801), List.of(image), options,
        URI.create("https://example.com/" + "l".repeat(2048)));
    ValidationResult result = connector().validate(request);
    assertThat(result.violations()).extracting(v -> v.field() + ":" + v.rule()).contains(
        "text:text.length", "options.title:text.length", "media[0].altText:altText.length", "link:link.length",
        "options.colour:options.unknown", "options.boardId:board.required", "media[0].mimeType:media.mimeType");
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void validationChecksVideoPins() {
    MediaAsset longVideo = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://example.com/v.mp4"), "video/mp4")
        .duration(Duration.ofMinutes(16)).build();
    ValidationResult noCover = connector().validate(pin(PostFormat.VIDEO, "v", List.of(longVideo), board(), null));
    assertThat(noCover.violates("media.cover")).isTrue();
    assertThat(noCover.violates("media.duration.max")).isTrue();
    ValidationResult mixed = connector().validate(pin(PostFormat.VIDEO, "v", List.of(longVideo,
        image("https://example.com/1.jpg", "image/jpeg"), image("https://example.com/2.jpg", "image/jpeg")), board(),
        null));
    assertThat(mixed.violates("media.mixed")).isTrue();
    ValidationResult none = connector().validate(pin(PostFormat.PIN, "text only", List.of(), board(), null));
    assertThat(none.violates("media.required")).isTrue();
    ValidationResult badBoard = connector().validate(pin(PostFormat.PIN, "x", List.of(image(
        "https://example.com/1.jpg", "image/jpeg")), Map.of(PinterestOptions.BOARD_ID, "my-board"), null));
    assertThat(badBoard.violations()).extracting(v -> v.field()).containsExactly("options.boardId");
    assertThatThrownBy(() -> connector().publish(pin(PostFormat.VIDEO, "v", List.of(longVideo), board(), null)))
        .isInstanceOf(dev.chorus.connector.ContentValidationException.class);
    assertThat(stub.requestCount()).isZero();
  }

  @Test
  void secretsStayOutOfToStringAndErrors() {
    PinterestConnector connector = connector();
    assertThat(connector.toString()).doesNotContain(SECRET).doesNotContain("pina_seed").doesNotContain("pinr_seed");
    stub.pinFails(400, PinterestStub.error(1, "token pina_seed is invalid"), "rid-echo", Map.of());
    Throwable thrown = catchThrowableOfType(ContentRejectedException.class, () -> connector.publish(pin(
        PostFormat.PIN, "echo", List.of(image("https://example.com/i.jpg", "image/jpeg")), board(), null)));
    assertThat(thrown.getMessage()).doesNotContain("pina_seed").contains("rid-echo");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/v5/pins")).withHeader("Authorization",
        equalTo("Bearer pina_seed")))).hasSize(1);
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/v5/pins")).withHeader("Authorization",
        matching("Basic .*")))).isEmpty();
  }

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
