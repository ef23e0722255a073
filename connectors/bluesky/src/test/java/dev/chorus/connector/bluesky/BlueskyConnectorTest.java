package dev.chorus.connector.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.bluesky.BlueskyStub.CREATE_RECORD;
import static dev.chorus.connector.bluesky.BlueskyStub.CREATE_SESSION;
import static dev.chorus.connector.bluesky.BlueskyStub.DID;
import static dev.chorus.connector.bluesky.BlueskyStub.GET_POSTS;
import static dev.chorus.connector.bluesky.BlueskyStub.JSON;
import static dev.chorus.connector.bluesky.BlueskyStub.REFRESH_SESSION;
import static dev.chorus.connector.bluesky.BlueskyStub.UPLOAD_BLOB;
import static dev.chorus.connector.bluesky.BlueskyStub.error;
import static dev.chorus.connector.bluesky.BlueskyStub.json;
import static dev.chorus.connector.bluesky.BlueskyStub.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
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
import dev.chorus.model.ThreadPart;
import dev.chorus.model.WorkspaceId;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The connector's own behaviour against Bluesky's wire format: sessions, media, facets, threads, batching. */
class BlueskyConnectorTest {

  private static final String PASSWORD = "abcd-efgh-ijkl-mnop";
  private static WireMockServer wireMock;

  private MutableClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private HttpRuntime runtime;
  private BlueskyStub stub;
  private Connector connector;
  private final SocialAccount account = new SocialAccount(new AccountId("acc-1"), new WorkspaceId("ws-1"),
      Platform.BLUESKY, BlueskyStub.HANDLE, DID, ZoneId.of("UTC"), new CredentialsRef("bluesky/acc-1"));

  @TempDir
  Path temp;

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
    clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    waits.clear();
    runtime = HttpRuntime.builder().clock(clock).sleeper(d -> {
      waits.add(d);
      clock.advance(d);
    }).build();
    stub = new BlueskyStub(wireMock, clock);
    stub.reset();
    connector = connector();
  }

  private Connector connector() {
    BlueskyConnectorProvider provider = new BlueskyConnectorProvider();
    ConnectorContext context = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build();
    return provider.create(context, provider.configSpec().validate("bluesky", Map.of(
        BlueskyConnectorProvider.SERVICE_URL, wireMock.baseUrl(),
        BlueskyConnectorProvider.IDENTIFIER, BlueskyStub.HANDLE,
        BlueskyConnectorProvider.APP_PASSWORD, PASSWORD)));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private PublishRequest text(String text) {
    return PublishRequest.text(account, "key-" + text.hashCode(), text);
  }

  private List<JsonNode> bodies(String path) {
    List<JsonNode> bodies = new ArrayList<>();
    for (LoggedRequest request : wireMock.findAll(postRequestedFor(urlPathEqualTo(path)))) {
      bodies.add(JSON.readTree(request.getBodyAsString()));
    }
    return bodies;
  }

  private List<LoggedRequest> requests(String path) {
    return wireMock.findAll(postRequestedFor(urlPathEqualTo(path)));
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions

  @Test
  void logs_in_once_with_identifier_and_app_password_and_sends_the_access_jwt() {
    stub.publishSucceeds("3kpost1");
    stub.publishSucceeds("3kpost2");
    assertThat(connector.publish(text("one")).externalId()).isEqualTo("3kpost1");
    assertThat(connector.publish(text("two")).externalId()).isEqualTo("3kpost2");

    List<JsonNode> logins = bodies(CREATE_SESSION);
    assertThat(logins).hasSize(1);
    assertThat(logins.get(0).path("identifier").asString()).isEqualTo(BlueskyStub.HANDLE);
    assertThat(logins.get(0).path("password").asString()).isEqualTo(PASSWORD);
    assertThat(requests(CREATE_RECORD)).allSatisfy(r ->
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + BlueskyStub.ACCESS_1));
    JsonNode body = bodies(CREATE_RECORD).get(0);
    assertThat(body.path("repo").asString()).isEqualTo(DID);
    assertThat(body.path("collection").asString()).isEqualTo("app.bsky.feed.post");
    assertThat(body.path("record").path("$type").asString()).isEqualTo("app.bsky.feed.post");
    assertThat(body.path("record").path("createdAt").asString()).isEqualTo("2026-05-01T12:00:00.000Z");
    assertThat(connector.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void expired_token_400_refreshes_once_with_the_refresh_jwt_and_retries() {
    stub.enqueuePublish(json(400, "req-expired", error("ExpiredToken", "Token has expired")));
    stub.publishSucceeds("3kafter");
    assertThat(connector.publish(text("hello")).externalId()).isEqualTo("3kafter");

    List<LoggedRequest> refreshes = requests(REFRESH_SESSION);
    assertThat(refreshes).hasSize(1);
    assertThat(refreshes.get(0).getHeader("Authorization")).isEqualTo("Bearer " + BlueskyStub.REFRESH_1);
    List<LoggedRequest> creates = requests(CREATE_RECORD);
    assertThat(creates).hasSize(2);
    assertThat(creates.get(1).getHeader("Authorization")).isEqualTo("Bearer " + BlueskyStub.ACCESS_2);
  }

  @Test
  void expired_token_after_the_refresh_is_authentication_expired() {
    stub.enqueuePublish(json(400, "req-expired", error("ExpiredToken", "Token has expired")));
    assertThatThrownBy(() -> connector.publish(text("hello")))
        .isInstanceOf(AuthenticationExpiredException.class)
        .hasMessageContaining("ExpiredToken")
        .hasMessageContaining("req-expired");
    assertThat(requests(REFRESH_SESSION)).hasSize(1);
    assertThat(requests(CREATE_RECORD)).hasSize(2);
  }

  @Test
  void refused_refresh_token_falls_back_to_a_new_login() {
    wireMock.stubFor(post(urlPathEqualTo(REFRESH_SESSION))
        .willReturn(json(400, "req-refresh-expired", error("ExpiredToken", "Token has expired"))));
    stub.enqueuePublish(json(400, "req-expired", error("ExpiredToken", "Token has expired")));
    stub.publishSucceeds("3kafter");
    assertThat(connector.publish(text("hello")).externalId()).isEqualTo("3kafter");
    assertThat(requests(CREATE_SESSION)).hasSize(2);
  }

  @Test
  void access_jwt_is_refreshed_ahead_of_its_exp_claim() {
    long exp = clock.instant().plus(Duration.ofHours(2)).getEpochSecond();
    String jwt = "eyJhbGciOiJFUzI1NksifQ."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"exp\":" + exp + "}").getBytes())
        + ".sig";
    wireMock.stubFor(post(urlPathEqualTo(CREATE_SESSION))
        .willReturn(json(200, "req-session", BlueskyStub.session(jwt, BlueskyStub.REFRESH_1))));
    stub.publishSucceeds("3kone");
    stub.publishSucceeds("3ktwo");
    connector.publish(text("one"));
    assertThat(requests(REFRESH_SESSION)).isEmpty();
    clock.advance(Duration.ofMinutes(117));
    connector.publish(text("two"));
    assertThat(requests(REFRESH_SESSION)).hasSize(1);
    assertThat(requests(CREATE_RECORD).get(1).getHeader("Authorization"))
        .isEqualTo("Bearer " + BlueskyStub.ACCESS_2);
  }

  @Test
  void wrong_app_password_is_authentication_expired_and_never_shows_the_password() {
    wireMock.stubFor(post(urlPathEqualTo(CREATE_SESSION)).willReturn(
        json(401, "req-login", error("AuthenticationRequired", "Invalid identifier or password"))));
    assertThatThrownBy(() -> connector.publish(text("hello")))
        .isInstanceOf(AuthenticationExpiredException.class)
        .hasMessageContaining("Invalid identifier or password")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    assertThat(requests(CREATE_RECORD)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Media, facets, embeds

  private Path png(String name, int width, int height) throws Exception {
    Path file = temp.resolve(name);
    ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    return file;
  }

  @Test
  void uploads_each_image_as_a_blob_and_embeds_it_with_alt_text_and_aspect_ratio() throws Exception {
    Path probed = png("wide.png", 120, 80);
    Path declared = png("tall.png", 30, 40);
    ObjectNode blob1 = JSON.createObjectNode();
    ObjectNode b1 = blob1.putObject("blob");
    b1.put("$type", "blob");
    b1.putObject("ref").put("$link", "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy");
    b1.put("mimeType", "image/png");
    b1.put("size", Files.size(probed));
    ObjectNode blob2 = blob1.deepCopy();
    ((ObjectNode) blob2.path("blob").path("ref")).put("$link", "bafkreisecond");
    wireMock.stubFor(post(urlPathEqualTo(UPLOAD_BLOB)).inScenario("blobs")
        .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("second")
        .willReturn(json(200, "req-blob-1", blob1)));
    wireMock.stubFor(post(urlPathEqualTo(UPLOAD_BLOB)).inScenario("blobs").whenScenarioStateIs("second")
        .willReturn(json(200, "req-blob-2", blob2)));
    stub.publishSucceeds("3kimages");

    MediaAsset first = MediaAsset.builder(MediaKind.IMAGE, probed.toUri(), "image/png").altText("A cat").build();
    MediaAsset second = MediaAsset.builder(MediaKind.IMAGE, declared.toUri(), "image/png")
        .dimensions(1080, 1350).build();
    connector.publish(text("two pictures").withMedia(List.of(first, second)));

    List<LoggedRequest> uploads = requests(UPLOAD_BLOB);
    assertThat(uploads).hasSize(2);
    assertThat(uploads.get(0).getHeader("Content-Type")).startsWith("image/png");
    assertThat(uploads.get(0).getBody()).isEqualTo(Files.readAllBytes(probed));
    assertThat(uploads.get(0).getHeader("Authorization")).isEqualTo("Bearer " + BlueskyStub.ACCESS_1);
    JsonNode embed = bodies(CREATE_RECORD).get(0).path("record").path("embed");
    assertThat(embed.path("$type").asString()).isEqualTo("app.bsky.embed.images");
    JsonNode images = embed.path("images");
    assertThat(images.size()).isEqualTo(2);
    assertThat(images.get(0).path("alt").asString()).isEqualTo("A cat");
    assertThat(images.get(0).path("image").toString()).isEqualTo(blob1.path("blob").toString());
    assertThat(images.get(0).path("aspectRatio").path("width").asInt()).isEqualTo(120);
    assertThat(images.get(0).path("aspectRatio").path("height").asInt()).isEqualTo(80);
    assertThat(images.get(1).has("alt")).isTrue();
    assertThat(images.get(1).path("alt").asString()).isEmpty();
    assertThat(images.get(1).path("image").path("ref").path("$link").asString()).isEqualTo("bafkreisecond");
    assertThat(images.get(1).path("aspectRatio").path("width").asInt()).isEqualTo(1080);
    assertThat(images.get(1).path("aspectRatio").path("height").asInt()).isEqualTo(1350);
  }

  @Test
  void an_image_over_the_blob_limit_is_refused_before_any_upload() throws Exception {
    Path big = temp.resolve("big.jpg");
    Files.write(big, new byte[2_000_001]);
    MediaAsset undeclared = MediaAsset.builder(MediaKind.IMAGE, big.toUri(), "image/jpeg").build();
    assertThatThrownBy(() -> connector.publish(text("big").withMedia(List.of(undeclared))))
        .isInstanceOf(ContentValidationException.class)
        .hasMessageContaining("2000000");
    assertThat(requests(UPLOAD_BLOB)).isEmpty();
    assertThat(requests(CREATE_RECORD)).isEmpty();

    MediaAsset declared = undeclared.toBuilder().byteSize(2_000_001L).build();
    ValidationResult result = connector.validate(text("big").withMedia(List.of(declared)));
    assertThat(result.violates("media.bytes")).isTrue();
  }

  @Test
  void a_link_becomes_an_external_card_and_a_link_facet() {
    stub.publishSucceeds("3kcard");
    connector.publish(new PublishRequest(account, "k-card", dev.chorus.model.PostFormat.FEED,
        "read https://example.com/story", List.of(), URI.create("https://example.com/story"), null,
        List.of(), null, Map.of("langs", "en,de"), null, null, null));
    JsonNode record = bodies(CREATE_RECORD).get(0).path("record");
    JsonNode embed = record.path("embed");
    assertThat(embed.path("$type").asString()).isEqualTo("app.bsky.embed.external");
    assertThat(embed.path("external").path("uri").asString()).isEqualTo("https://example.com/story");
    assertThat(embed.path("external").path("title").asString()).isNotEmpty();
    assertThat(embed.path("external").has("description")).isTrue();
    JsonNode facet = record.path("facets").get(0);
    assertThat(facet.path("index").path("byteStart").asInt()).isEqualTo(5);
    assertThat(facet.path("index").path("byteEnd").asInt()).isEqualTo(30);
    assertThat(facet.path("features").get(0).path("$type").asString()).isEqualTo("app.bsky.richtext.facet#link");
    assertThat(record.path("langs").toString()).isEqualTo("[\"en\",\"de\"]");
  }

  @Test
  void mentions_are_resolved_to_dids_and_unresolvable_handles_stay_plain_text() {
    ObjectNode bob = JSON.createObjectNode().put("did", "did:plc:bob");
    wireMock.stubFor(get(urlPathEqualTo(BlueskyStub.RESOLVE_HANDLE)).withQueryParam("handle", equalTo("bob.example.com"))
        .willReturn(json(200, "req-resolve", bob)));
    wireMock.stubFor(get(urlPathEqualTo(BlueskyStub.RESOLVE_HANDLE)).withQueryParam("handle", equalTo("ghost.example.com"))
        .willReturn(json(400, "req-resolve-2", error("InvalidRequest", "Unable to resolve handle"))));
    stub.publishSucceeds("3kmention");
    connector.publish(text("✨ @bob.example.com and @ghost.example.com #news"));
    JsonNode facets = bodies(CREATE_RECORD).get(0).path("record").path("facets");
    assertThat(facets.size()).isEqualTo(2);
    assertThat(facets.get(0).path("features").get(0).path("did").asString()).isEqualTo("did:plc:bob");
    assertThat(facets.get(0).path("index").path("byteStart").asInt()).isEqualTo(4);
    assertThat(facets.get(0).path("index").path("byteEnd").asInt()).isEqualTo(20);
    assertThat(facets.get(1).path("features").get(0).path("tag").asString()).isEqualTo("news");
  }

  // ---------------------------------------------------------------------------------------------
  // Replies and threads

  @Test
  void a_reply_copies_the_root_from_the_parent_and_references_the_parent() {
    ObjectNode parent = stub.postView("3kparent", "deep in a thread");
    ObjectNode reply = ((ObjectNode) parent.path("record")).putObject("reply");
    reply.putObject("root").put("uri", "at://did:plc:x/app.bsky.feed.post/3kroot").put("cid", "bafyreiroot");
    reply.putObject("parent").put("uri", "at://did:plc:y/app.bsky.feed.post/3kmid").put("cid", "bafyreimid");
    ObjectNode body = JSON.createObjectNode();
    body.putArray("posts").add(parent);
    wireMock.stubFor(get(urlPathEqualTo(GET_POSTS)).withQueryParam("uris", equalTo(uri("3kparent")))
        .willReturn(json(200, "req-parent", body)));
    stub.publishSucceeds("3kreply");

    PublishResult result = connector.reply(new ReplyRequest(account, "3kparent", "agreed", "reply-key"));

    assertThat(result.externalId()).isEqualTo("3kreply");
    assertThat(result.url()).isEqualTo(URI.create("https://bsky.app/profile/" + DID + "/post/3kreply"));
    JsonNode refs = bodies(CREATE_RECORD).get(0).path("record").path("reply");
    assertThat(refs.path("root").path("uri").asString()).isEqualTo("at://did:plc:x/app.bsky.feed.post/3kroot");
    assertThat(refs.path("root").path("cid").asString()).isEqualTo("bafyreiroot");
    assertThat(refs.path("parent").path("uri").asString()).isEqualTo(uri("3kparent"));
    assertThat(refs.path("parent").path("cid").asString()).isEqualTo(parent.path("cid").asString());
  }

  @Test
  void a_reply_to_a_top_level_post_uses_it_as_root_and_parent() {
    String foreign = "at://did:plc:other/app.bsky.feed.post/3ktop";
    ObjectNode top = stub.postView("3ktop", "top");
    top.put("uri", foreign);
    ObjectNode body = JSON.createObjectNode();
    body.putArray("posts").add(top);
    wireMock.stubFor(get(urlPathEqualTo(GET_POSTS)).willReturn(json(200, "req-parent", body)));
    stub.publishSucceeds("3kreply");
    connector.publish(text("hi").inReplyTo(foreign));
    JsonNode refs = bodies(CREATE_RECORD).get(0).path("record").path("reply");
    assertThat(refs.path("root")).isEqualTo(refs.path("parent"));
    assertThat(refs.path("root").path("uri").asString()).isEqualTo(foreign);
  }

  @Test
  void a_thread_that_fails_in_the_middle_resumes_from_its_checkpoint_without_duplicates() {
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest thread = text("part one").withThreadParts(
        List.of(ThreadPart.of("part two"), ThreadPart.of("part three"))).withCheckpoint(checkpoint);
    stub.publishSucceeds("3kp0");
    stub.publishSucceeds("3kp1");
    stub.enqueuePublish(json(502, "req-down", error("UpstreamFailure", "Upstream Failure")));

    assertThatThrownBy(() -> connector.publish(thread)).isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.snapshot()).hasSize(2);
    assertThat(requests(CREATE_RECORD)).hasSize(3);

    wireMock.resetRequests();
    stub.restartPublishes();
    stub.publishSucceeds("3kp2");
    PublishResult result = connector.publish(thread);

    List<JsonNode> creates = bodies(CREATE_RECORD);
    assertThat(creates).hasSize(1);
    JsonNode record = creates.get(0).path("record");
    assertThat(record.path("text").asString()).isEqualTo("part three");
    assertThat(record.path("reply").path("root").path("uri").asString()).isEqualTo(uri("3kp0"));
    assertThat(record.path("reply").path("parent").path("uri").asString()).isEqualTo(uri("3kp1"));
    assertThat(result.externalId()).isEqualTo("3kp0");
    assertThat(result.threadPartIds()).containsExactly("3kp1", "3kp2");
  }

  @Test
  void thread_parts_chain_replies_to_the_first_post() {
    stub.publishSucceeds("3kt0");
    stub.publishSucceeds("3kt1");
    stub.publishSucceeds("3kt2");
    connector.publish(text("a").withThreadParts(List.of(ThreadPart.of("b"), ThreadPart.of("c"))));
    List<JsonNode> creates = bodies(CREATE_RECORD);
    assertThat(creates.get(0).path("record").has("reply")).isFalse();
    assertThat(creates.get(1).path("record").path("reply").path("root").path("uri").asString()).isEqualTo(uri("3kt0"));
    assertThat(creates.get(1).path("record").path("reply").path("parent").path("uri").asString()).isEqualTo(uri("3kt0"));
    assertThat(creates.get(2).path("record").path("reply").path("root").path("uri").asString()).isEqualTo(uri("3kt0"));
    assertThat(creates.get(2).path("record").path("reply").path("parent").path("uri").asString()).isEqualTo(uri("3kt1"));
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics, interactions, delete, reconcile, limits

  @Test
  void metrics_for_60_posts_go_out_in_batches_of_25_25_and_10() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add("3km" + i);
    }
    stub.metricsFor(ids);
    List<MetricSnapshot> snapshots = connector.fetchMetrics(account, ids);
    assertThat(stub.metricsRequestSizes()).containsExactly(25, 25, 10);
    List<LoggedRequest> calls = wireMock.findAll(getRequestedFor(urlPathEqualTo(GET_POSTS)));
    assertThat(calls.get(0).queryParameter("uris").values().get(0)).isEqualTo(uri("3km0"));
    assertThat(calls.get(2).queryParameter("uris").values().get(9)).isEqualTo(uri("3km59"));
    assertThat(snapshots).hasSize(60);
    MetricSnapshot third = snapshots.stream().filter(s -> s.externalPostId().equals("3km2")).findFirst().orElseThrow();
    assertThat(third.values()).containsEntry(Metric.LIKES, 12L).containsEntry(Metric.SHARES, 2L)
        .containsEntry(Metric.COMMENTS, 2L).containsEntry(Metric.QUOTES, 1L);
    assertThat(third.capturedAt()).isEqualTo(clock.instant());
  }

  @Test
  void absent_counts_are_absent_not_zero() {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode view = stub.postView("3kbare", "no counts");
    view.put("likeCount", 0);
    body.putArray("posts").add(view);
    wireMock.stubFor(get(urlPathEqualTo(GET_POSTS)).willReturn(json(200, "req-posts", body)));
    MetricSnapshot snapshot = connector.fetchMetrics(account, List.of("3kbare")).get(0);
    assertThat(snapshot.values()).containsOnlyKeys(Metric.LIKES);
    assertThat(snapshot.value(Metric.QUOTES)).isEmpty();
  }

  @Test
  void notifications_become_mentions_and_replies_with_cursors() {
    stub.interactions(2, 2);
    Page<Interaction> first = connector.fetchInteractions(account,
        new InteractionQuery(Set.of(InteractionKind.MENTION, InteractionKind.REPLY), null, null, 2));
    assertThat(first.nextCursor()).isEqualTo("cursor-2");
    assertThat(first.items()).extracting(Interaction::kind).containsExactly(InteractionKind.REPLY, InteractionKind.MENTION);
    Interaction reply = first.items().get(0);
    assertThat(reply.externalPostId()).isEqualTo("3kpost1");
    assertThat(reply.authorHandle()).isEqualTo("fan10.bsky.social");
    assertThat(reply.externalId()).startsWith("at://did:plc:fan10/");
    LoggedRequest call = wireMock.findAll(getRequestedFor(urlPathEqualTo(BlueskyStub.NOTIFICATIONS))).get(0);
    assertThat(call.queryParameter("reasons").values()).containsExactlyInAnyOrder("mention", "reply");
    assertThat(call.queryParameter("limit").firstValue()).isEqualTo("2");
    Page<Interaction> second = connector.fetchInteractions(account,
        new InteractionQuery(Set.of(InteractionKind.MENTION, InteractionKind.REPLY), null, first.nextCursor(), 2));
    assertThat(second.hasMore()).isFalse();
    assertThat(second.items()).hasSize(2);
  }

  @Test
  void delete_sends_the_record_key_and_refuses_other_repos_without_a_request() {
    stub.deleteSucceeds("3kgone");
    connector.delete(account, "3kgone");
    assertThat(bodies(BlueskyStub.DELETE_RECORD)).hasSize(1);
    wireMock.resetRequests();
    assertThatThrownBy(() -> connector.delete(account, "at://did:plc:other/app.bsky.feed.post/3kx"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("did:plc:other");
    assertThatThrownBy(() -> connector.delete(account, "not a key!"))
        .isInstanceOf(InvalidValueException.class);
    assertThat(requests(BlueskyStub.DELETE_RECORD)).isEmpty();
  }

  @Test
  void reconcile_matches_the_text_created_after_the_attempt_only() {
    Instant attempt = clock.instant();
    stub.existingPost("3kold", "same text", attempt.minus(Duration.ofHours(3)));
    assertThat(connector.reconcile(text("same text"), attempt)).isEmpty();
    stub.existingPost("3knew", "same text", attempt.plusSeconds(1));
    assertThat(connector.reconcile(text("same text"), attempt)).get()
        .extracting(PublishResult::externalId).isEqualTo("3knew");
  }

  @Test
  void rate_limit_headers_make_the_next_call_wait_until_the_reset() {
    Instant reset = clock.instant().plusSeconds(20);
    stub.enqueuePublish(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(stub.created("3kfirst")))
        .withHeader("RateLimit-Limit", "5000").withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
        .withHeader("RateLimit-Policy", "5000;w=3600"));
    stub.publishSucceeds("3ksecond");
    connector.publish(text("first"));
    assertThat(waits).isEmpty();
    connector.publish(text("second"));
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isEqualTo(Duration.ofSeconds(20));
    assertThat(requests(CREATE_RECORD)).hasSize(2);
  }

  @Test
  void validate_counts_graphemes_and_utf8_bytes_and_images_without_io() {
    String family = "👨‍👩‍👧";
    ValidationResult bytesOnly = connector.validate(text(family.repeat(300)));
    assertThat(bytesOnly.violates("text.bytes")).isTrue();
    assertThat(bytesOnly.violates("text.length")).isFalse();
    assertThat(connector.validate(text("a".repeat(300))).valid()).isTrue();
    assertThat(connector.validate(text("a".repeat(301))).violates("text.length")).isTrue();
    List<MediaAsset> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(MediaAsset.builder(MediaKind.IMAGE, URI.create("https://m.example/" + i), "image/jpeg").build());
    }
    assertThat(connector.validate(text("pics").withMedia(five)).violates("media.count")).isTrue();
    assertThat(connector.validate(new PublishRequest(account, "k", dev.chorus.model.PostFormat.FEED, "x",
        List.of(), null, null, List.of(), null, Map.of("langs", "en,de,fr,es"), null, null, null))
        .violates("langs.count")).isTrue();
    assertThatThrownBy(() -> connector.publish(text("a".repeat(301))))
        .isInstanceOf(ContentValidationException.class);
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void account_metrics_read_followers_from_the_profile() {
    stub.accountFollowers(777);
    MetricSnapshot snapshot = connector.fetchAccountMetrics(account);
    assertThat(snapshot.value(Metric.FOLLOWERS)).hasValue(777);
    assertThat(snapshot.value(Metric.FOLLOWING)).hasValue(12);
    assertThat(snapshot.accountLevel()).isTrue();
  }

  @Test
  void unknown_fields_in_responses_are_ignored() {
    ObjectNode created = stub.created("3kfuture");
    created.putObject("somethingNew").put("x", 1);
    created.put("anotherField", "y");
    stub.enqueuePublish(json(200, "req-future", created));
    assertThat(connector.publish(text("future")).externalId()).isEqualTo("3kfuture");
  }

  @Test
  void concurrent_first_calls_log_in_only_once() throws Exception {
    stub.metricsFor(List.of("3ka"));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread thread = new Thread(() -> {
        try {
          connector.fetchMetrics(account, List.of("3ka"));
        } catch (Throwable t) {
          failures.add(t);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(requests(CREATE_SESSION)).hasSize(1);
  }
}
