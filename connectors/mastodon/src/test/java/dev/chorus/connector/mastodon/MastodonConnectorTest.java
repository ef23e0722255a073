package dev.chorus.connector.mastodon;

import dev.chorus.connector.http.MediaReader;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.AuthorizationRequest;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.Poll;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import dev.chorus.model.WorkspaceId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
class MastodonConnectorTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final String TOKEN = "token-for-tests-only";

  private WireMockServer wireMock;
  private MutableClock clock;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private HttpRuntime runtime;
  private MastodonStub stub;
  private final Map<URI, byte[]> files = new HashMap<>();
  private final List<MastodonConnector> open = new ArrayList<>();

  private final SocialAccount account = new SocialAccount(new AccountId("a1"), new WorkspaceId("w1"),
      Platform.MASTODON, "@me@mastodon.example", MastodonStub.ACCOUNT_ID, ZoneId.of("UTC"),
      new CredentialsRef("mastodon/me"));

  @BeforeAll
  void start() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wireMock.start();
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
    runtime = HttpRuntime.builder().clock(clock).sleeper(duration -> {
      waits.add(duration);
      clock.advance(duration);
    }).build();
    stub = new MastodonStub(wireMock, clock);
    stub.reset();
  }

  @AfterEach
  void close() {
    open.forEach(MastodonConnector::close);
    open.clear();
    runtime.close();
  }

  private MastodonConnector connector() {
    MastodonProvider provider = new MastodonProvider();
    var config = provider.configSpec().validate("mastodon", Map.of(
        MastodonProvider.BASE_URL, wireMock.baseUrl(), MastodonProvider.ACCESS_TOKEN, TOKEN));
    ConnectorContext context = ConnectorContext.builder(clock)
        .extension(HttpRuntime.class, runtime)
        .extension(MediaReader.class, asset -> {
          byte[] bytes = files.get(asset.source());
          if (bytes == null) {
            throw new dev.chorus.InvalidValueException("media.source", asset.source(), "no such file");
          }
          return dev.chorus.media.MediaSource.ofBytes(bytes);
        })
        .build();
    MastodonConnector connector = (MastodonConnector) provider.create(context, config);
    open.add(connector);
    return connector;
  }

  private MediaAsset image(String name, String alt) {
    URI source = URI.create("file:///media/" + name);
    files.put(source, ("bytes of " + name).getBytes(StandardCharsets.UTF_8));
    return MediaAsset.builder(MediaKind.IMAGE, source, "image/png").altText(alt).build();
  }

  private List<LoggedRequest> statusPosts() {
    return wireMock.findAll(postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
  }

  private static JsonNode body(LoggedRequest request) {
    return MastodonStub.JSON.readTree(request.getBodyAsString());
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void instance_limits_are_read_at_run_time_and_replace_the_declared_defaults_for_validation() {
    stub.instance(MastodonStub.instanceBody(1000, 30, 2));
    MastodonConnector connector = connector();
    PublishRequest long600 = PublishRequest.text(account, "k1", "a".repeat(600));
    assertThat(connector.validate(long600).violates("text.length")).isTrue();
    assertThat(connector.instanceLimits()).isEmpty();

    InstanceLimits limits = connector.refreshInstanceLimits();

    assertThat(limits.maxCharacters()).isEqualTo(1000);
    assertThat(limits.charactersReservedPerUrl()).isEqualTo(30);
    assertThat(connector.instanceLimits()).contains(limits);
    assertThat(connector.validate(long600).valid()).isTrue();
    assertThat(connector.validate(long600.withText("a".repeat(1001))).violates("text.length")).isTrue();
    // 975 + space + a URL weighing 30 = 1006 here; it would be 999 with the default weight of 23.
    String withUrl = "a".repeat(975) + " https://example.com/some/long/path?x=1";
    assertThat(connector.validate(long600.withText(withUrl)).violates("text.length")).isTrue();
    String threeImages = "three";
    ValidationResult media = connector.validate(long600.withText(threeImages)
        .withMedia(List.of(image("1.png", null), image("2.png", null), image("3.png", null))));
    assertThat(media.violates("media.count")).isTrue();
    assertThat(connector.capabilities()).isEqualTo(new MastodonProvider().capabilities());
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v2/instance")))).hasSize(1);
  }

  @Test
  void publish_reads_the_instance_limits_once_before_the_first_post_and_rejects_offline_what_they_forbid() {
    stub.instance(MastodonStub.instanceBody(100, 23, 4));
    stub.publishSucceeds("1001");
    MastodonConnector connector = connector();

    assertThatThrownBy(() -> connector.publish(PublishRequest.text(account, "k1", "b".repeat(101))))
        .isInstanceOf(ContentValidationException.class)
        .hasMessageContaining("101");
    assertThat(statusPosts()).isEmpty();

    PublishResult result = connector.publish(PublishRequest.text(account, "k2", "b".repeat(100)));
    assertThat(result.externalId()).isEqualTo("1001");
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v2/instance")))).hasSize(1);
  }

  @Test
  void media_answered_with_202_is_polled_until_processed_then_the_status_is_posted_with_its_id() {
    ObjectNode pending = media("22348641", null);
    wireMock.stubFor(post(urlPathEqualTo("/api/v2/media"))
        .willReturn(MastodonStub.json(202, "req-media", pending)));
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/media/22348641")).inScenario("processing")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
        .willReturn(MastodonStub.json(206, "req-poll-1", pending)));
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/media/22348641")).inScenario("processing")
        .whenScenarioStateIs("done")
        .willReturn(MastodonStub.json(200, "req-poll-2", media("22348641", "https://files.example/original/x.png"))));
    stub.publishSucceeds("103254962155278888");
    MastodonConnector connector = connector();

    PublishResult result = connector.publish(PublishRequest.text(account, "idem-media", "with a picture")
        .withMedia(List.of(image("cat.png", "a cat on a mat"))));

    assertThat(result.externalId()).isEqualTo("103254962155278888");
    assertThat(result.url()).hasToString("https://mastodon.example/@tck/103254962155278888");
    LoggedRequest upload = wireMock.findAll(postRequestedFor(urlPathEqualTo("/api/v2/media"))).get(0);
    assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data");
    assertThat(upload.getBodyAsString()).contains("name=\"file\"; filename=\"cat.png\"", "bytes of cat.png",
        "name=\"description\"", "a cat on a mat");
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/media/22348641")))).hasSize(2);
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    LoggedRequest status = statusPosts().get(0);
    assertThat(status.getHeader("Idempotency-Key")).isEqualTo("idem-media");
    assertThat(status.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(body(status).path("media_ids").get(0).asString()).isEqualTo("22348641");
    assertThat(body(status).path("status").asString()).isEqualTo("with a picture");
  }

  @Test
  void a_failure_after_the_upload_resumes_with_the_same_media_id_and_the_same_idempotency_key() {
    wireMock.stubFor(post(urlPathEqualTo("/api/v2/media"))
        .willReturn(MastodonStub.json(200, "req-media", media("555", "https://files.example/original/555.png"))));
    stub.publishFails(dev.chorus.connector.tck.PlatformStub.Failure.UNAVAILABLE, "req-503", "down");
    MastodonConnector connector = connector();
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = PublishRequest.text(account, "idem-resume", "resume me")
        .withMedia(List.of(image("dog.png", null))).withCheckpoint(checkpoint);

    assertThatThrownBy(() -> connector.publish(request))
        .isInstanceOf(PlatformUnavailableException.class)
        .hasMessageContaining("req-503");
    assertThat(checkpoint.snapshot()).containsValue("555");

    stub.reset();
    stub.publishSucceeds("9001");
    PublishResult result = connector.publish(request);

    assertThat(result.externalId()).isEqualTo("9001");
    assertThat(wireMock.findAll(postRequestedFor(urlPathEqualTo("/api/v2/media")))).isEmpty();
    assertThat(statusPosts()).hasSize(1);
    assertThat(statusPosts().get(0).getHeader("Idempotency-Key")).isEqualTo("idem-resume");
    assertThat(body(statusPosts().get(0)).path("media_ids").get(0).asString()).isEqualTo("555");

    // Once the status exists, a repeat publish reports it without posting again.
    stub.reset();
    assertThat(connector.publish(request).externalId()).isEqualTo("9001");
    assertThat(statusPosts()).isEmpty();
  }

  @Test
  void the_first_failed_attempt_already_sent_the_idempotency_key_on_every_retry() {
    stub.publishFails(dev.chorus.connector.tck.PlatformStub.Failure.UNAVAILABLE, "req-503", "down");
    stub.publishSucceeds("42");
    MastodonConnector connector = connector();

    PublishResult result = connector.publish(PublishRequest.text(account, "idem-retry", "retry me"));

    assertThat(result.externalId()).isEqualTo("42");
    assertThat(statusPosts()).hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("idem-retry"));
  }

  @Test
  void attachments_still_processing_at_post_time_are_awaited_and_the_post_repeated_once() {
    wireMock.stubFor(post(urlPathEqualTo("/api/v2/media"))
        .willReturn(MastodonStub.json(200, "req-media", media("77", "https://files.example/77.png"))));
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/media/77"))
        .willReturn(MastodonStub.json(200, "req-poll", media("77", "https://files.example/77.png"))));
    stub.enqueuePublish(MastodonStub.json(422, "req-422",
        MastodonStub.error("Cannot attach files that have not finished processing. Try again in a moment!")));
    stub.publishSucceeds("78");

    PublishResult result = connector().publish(PublishRequest.text(account, "k", "pic")
        .withMedia(List.of(image("p.png", null))));

    assertThat(result.externalId()).isEqualTo("78");
    assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/media/77")))).hasSize(1);
  }

  @Test
  void scheduled_at_is_sent_natively_and_the_scheduled_status_can_be_cancelled() {
    Instant at = START.plus(Duration.ofHours(3));
    ObjectNode scheduled = MastodonStub.JSON.createObjectNode();
    scheduled.put("id", "3221");
    scheduled.put("scheduled_at", "2026-03-01T13:00:00.000Z");
    ObjectNode params = scheduled.putObject("params");
    params.put("text", "later");
    params.putNull("media_ids");
    params.put("application_id", 596551);
    scheduled.putArray("media_attachments");
    stub.enqueuePublish(MastodonStub.json(200, "req-scheduled", scheduled));
    wireMock.stubFor(delete(urlPathEqualTo("/api/v1/scheduled_statuses/3221"))
        .willReturn(MastodonStub.json(200, "req-del", MastodonStub.JSON.createObjectNode())));
    MastodonConnector connector = connector();

    PublishResult result = connector.publish(PublishRequest.text(account, "k-s", "later").publishAt(at));

    assertThat(result.externalId()).isEqualTo(MastodonConnector.SCHEDULED_PREFIX + "3221");
    assertThat(result.publishedAt()).isEqualTo(at);
    assertThat(body(statusPosts().get(0)).path("scheduled_at").asString()).isEqualTo("2026-03-01T13:00:00Z");

    connector.delete(account, result.externalId());
    wireMock.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/scheduled_statuses/3221")));
  }

  @Test
  void scheduled_at_less_than_five_minutes_ahead_or_a_scheduled_thread_is_rejected_before_posting() {
    MastodonConnector connector = connector();
    PublishRequest soon = PublishRequest.text(account, "k", "soon").publishAt(START.plus(Duration.ofMinutes(4)));
    assertThat(connector.validate(soon).violates("scheduling.lead")).isTrue();
    PublishRequest thread = PublishRequest.text(account, "k", "one")
        .withThreadParts(List.of(ThreadPart.of("two"))).publishAt(START.plus(Duration.ofHours(1)));
    assertThat(connector.validate(thread).violates("scheduling.thread")).isTrue();
    assertThatThrownBy(() -> connector.publish(soon)).isInstanceOf(ContentValidationException.class);
    assertThat(statusPosts()).isEmpty();
  }

  @Test
  void a_poll_is_sent_with_options_expiry_and_platform_options_and_may_not_carry_media() {
    stub.publishSucceeds("500");
    MastodonConnector connector = connector();
    PublishRequest request = new PublishRequest(account, "k-poll", dev.chorus.model.PostFormat.FEED, "Tabs or spaces?",
        List.of(), null, null, List.of(), new Poll(List.of("tabs", "spaces"), Duration.ofDays(1)),
        Map.of(MastodonOptions.POLL_MULTIPLE, "true", MastodonOptions.VISIBILITY, "unlisted",
            MastodonOptions.SPOILER_TEXT, "code style", MastodonOptions.LANGUAGE, "en"),
        null, null, null);

    connector.publish(request);

    JsonNode sent = body(statusPosts().get(0));
    assertThat(sent.path("poll").path("options").get(0).asString()).isEqualTo("tabs");
    assertThat(sent.path("poll").path("options").get(1).asString()).isEqualTo("spaces");
    assertThat(sent.path("poll").path("expires_in").asLong()).isEqualTo(86_400);
    assertThat(sent.path("poll").path("multiple").asBoolean()).isTrue();
    assertThat(sent.path("visibility").asString()).isEqualTo("unlisted");
    assertThat(sent.path("spoiler_text").asString()).isEqualTo("code style");
    assertThat(sent.path("language").asString()).isEqualTo("en");

    ValidationResult withMedia = connector.validate(request.withMedia(List.of(image("x.png", null))));
    assertThat(withMedia.violates("poll.media")).isTrue();
    ValidationResult tooShort = connector.validate(request.withPoll(new Poll(List.of("a", "b"), Duration.ofMinutes(1))));
    assertThat(tooShort.violates("poll.duration")).isTrue();
  }

  @Test
  void platform_options_are_checked_and_the_content_warning_counts_towards_the_limit() {
    MastodonConnector connector = connector();
    PublishRequest base = PublishRequest.text(account, "k", "x".repeat(490));
    PublishRequest options = new PublishRequest(account, "k", dev.chorus.model.PostFormat.FEED, "x".repeat(490),
        List.of(), null, null, List.of(), null,
        Map.of(MastodonOptions.SPOILER_TEXT, "y".repeat(11), MastodonOptions.VISIBILITY, "everyone",
            MastodonOptions.SENSITIVE, "maybe", "colour", "red"),
        null, null, null);
    assertThat(connector.validate(base).valid()).isTrue();
    ValidationResult result = connector.validate(options);
    assertThat(result.violations()).extracting(dev.chorus.connector.Violation::field).contains(
        "options.spoiler_text", "options.visibility", "options.sensitive", "options.colour");
  }

  @Test
  void a_thread_chains_each_part_to_the_previous_with_its_own_idempotency_key() {
    stub.publishSucceeds("100");
    stub.publishSucceeds("101");
    stub.publishSucceeds("102");
    MastodonConnector connector = connector();

    PublishResult result = connector.publish(PublishRequest.text(account, "idem-thread", "1/3")
        .withThreadParts(List.of(ThreadPart.of("2/3"), ThreadPart.of("3/3"))));

    assertThat(result.externalId()).isEqualTo("100");
    assertThat(result.threadPartIds()).containsExactly("101", "102");
    List<LoggedRequest> posts = statusPosts();
    assertThat(posts).hasSize(3);
    assertThat(body(posts.get(0)).has("in_reply_to_id")).isFalse();
    assertThat(body(posts.get(1)).path("in_reply_to_id").asString()).isEqualTo("100");
    assertThat(body(posts.get(2)).path("in_reply_to_id").asString()).isEqualTo("101");
    assertThat(posts).extracting(r -> r.getHeader("Idempotency-Key"))
        .containsExactly("idem-thread", "idem-thread-part-1", "idem-thread-part-2");
  }

  @Test
  void notifications_are_paged_by_the_link_header_and_replies_to_the_account_are_told_from_mentions() {
    stub.interactions(2, 3);
    MastodonConnector connector = connector();
    Set<InteractionKind> kinds = Set.of(InteractionKind.MENTION, InteractionKind.REPLY);

    Page<Interaction> first = connector.fetchInteractions(account, new InteractionQuery(kinds, null, null, 3));
    assertThat(first.nextCursor()).isEqualTo("899898");
    assertThat(first.items()).extracting(Interaction::kind)
        .containsExactly(InteractionKind.MENTION, InteractionKind.REPLY, InteractionKind.MENTION);
    Interaction reply = first.items().get(1);
    assertThat(reply.externalPostId()).isEqualTo("555");
    assertThat(reply.authorHandle()).isEqualTo("@fan1@remote.example");
    assertThat(reply.text()).isEqualTo("@tck hello 899899");

    Page<Interaction> second = connector.fetchInteractions(account, new InteractionQuery(kinds, null, first.nextCursor(), 3));
    assertThat(second.hasMore()).isFalse();
    assertThat(second.items()).hasSize(3);
    LoggedRequest secondCall = wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))).get(1);
    assertThat(secondCall.queryParameter("max_id").firstValue()).isEqualTo("899898");
    assertThat(secondCall.queryParameter("limit").firstValue()).isEqualTo("3");

    Page<Interaction> onlyReplies = connector.fetchInteractions(account,
        new InteractionQuery(Set.of(InteractionKind.REPLY), null, null, 3));
    assertThat(onlyReplies.items()).extracting(Interaction::kind).containsOnly(InteractionKind.REPLY);
  }

  @Test
  void an_exhausted_rate_limit_is_waited_out_through_the_injected_sleeper_before_the_next_call() {
    ObjectNode me = MastodonStub.account(MastodonStub.ACCOUNT_ID, "me");
    me.put("followers_count", 10);
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/verify_credentials"))
        .willReturn(MastodonStub.json(200, "req-me", me)
            .withHeader("X-RateLimit-Limit", "300")
            .withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", MastodonStub.resetHeader(START.plusSeconds(20)))));
    MastodonConnector connector = connector();
    long wallStart = System.nanoTime();

    MetricSnapshot first = connector.fetchAccountMetrics(account);
    assertThat(waits).isEmpty();
    MetricSnapshot second = connector.fetchAccountMetrics(account);

    assertThat(waits).containsExactly(Duration.ofSeconds(20));
    assertThat(second.capturedAt()).isEqualTo(START.plusSeconds(20));
    assertThat(first.value(Metric.FOLLOWERS)).hasValue(10);
    assertThat(first.value(Metric.FOLLOWING)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void a_429_whose_reset_is_far_ahead_is_reported_with_the_iso_reset_instead_of_waited_for() {
    Instant reset = START.plus(Duration.ofMinutes(4));
    stub.publishRateLimited(reset, "req-429");

    assertThatThrownBy(() -> connector().publish(PublishRequest.text(account, "k", "throttled")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.retryAt()).contains(reset);
          assertThat(e.requestId()).contains("req-429");
        });
    assertThat(waits).isEmpty();
  }

  @Test
  void a_422_becomes_a_content_rejection_carrying_mastodons_message_and_request_id() {
    stub.enqueuePublish(MastodonStub.json(422, "req-422",
        MastodonStub.error("Validation failed: Text character limit of 500 exceeded")));

    assertThatThrownBy(() -> connector().publish(PublishRequest.text(account, "k", "fine offline")))
        .isInstanceOfSatisfying(ContentRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo("Validation failed: Text character limit of 500 exceeded");
          assertThat(e.requestId()).contains("req-422");
          assertThat(e.httpStatus()).hasValue(422);
        });
  }

  @Test
  void metrics_are_batched_by_twenty_and_missing_data_is_absent_not_zero() {
    List<String> ids = new ArrayList<>();
    ArrayNode body = MastodonStub.JSON.createArrayNode();
    for (int i = 0; i < 25; i++) {
      ids.add("s" + i);
      if (i == 3) {
        continue; // deleted: Mastodon leaves it out
      }
      ObjectNode status = MastodonStub.status("s" + i, "p", START);
      status.put("favourites_count", i);
      if (i == 0) {
        status.put("quotes_count", 7);
      }
      body.add(status);
    }
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/statuses")).willReturn(MastodonStub.json(200, "req-st", body)));

    List<MetricSnapshot> snapshots = connector().fetchMetrics(account, ids);

    assertThat(stub.metricsRequestSizes()).containsExactly(20, 5);
    assertThat(snapshots).hasSize(24).extracting(MetricSnapshot::externalPostId).doesNotContain("s3");
    assertThat(snapshots.get(0).value(Metric.QUOTES)).hasValue(7);
    assertThat(snapshots.get(1).value(Metric.QUOTES)).isEmpty();
    assertThat(snapshots.get(1).value(Metric.LIKES)).hasValue(1);
    assertThat(snapshots.get(1).value(Metric.COMMENTS)).hasValue(0);
  }

  @Test
  void reconcile_matches_the_rendered_html_of_a_recent_status_and_ignores_older_ones() {
    stub.existingPost("old", "Hello @friend@other.example see https://example.com/a?b=1 & more", START.minusSeconds(3600));
    MastodonConnector connector = connector();
    PublishRequest request = PublishRequest.text(account, "k", "Hello @friend@other.example see https://example.com/a?b=1 & more");
    assertThat(connector.reconcile(request, START)).isEmpty();

    ObjectNode rendered = MastodonStub.status("new", "x", START.plusSeconds(1));
    rendered.put("content", "<p>Hello <span class=\"h-card\"><a href=\"https://other.example/@friend\" class=\"u-url mention\">"
        + "@<span>friend</span></a></span> see <a href=\"https://example.com/a?b=1\" rel=\"nofollow noopener\">"
        + "<span class=\"invisible\">https://</span><span class=\"\">example.com/a?b=1</span><span class=\"invisible\"></span>"
        + "</a> &amp; more</p>");
    ArrayNode list = MastodonStub.JSON.createArrayNode().add(rendered);
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/" + MastodonStub.ACCOUNT_ID + "/statuses"))
        .withQueryParam("max_id", absent())
        .willReturn(MastodonStub.json(200, "req-st", list)));

    assertThat(connector.reconcile(request, START)).map(PublishResult::externalId).contains("new");
  }

  @Test
  void reply_posts_in_reply_to_the_parent_with_the_replys_idempotency_key() {
    stub.replySucceeds("r1");
    PublishResult result = connector().reply(new dev.chorus.connector.ReplyRequest(account, "p1", "thanks!", "idem-r"));
    assertThat(result.externalId()).isEqualTo("r1");
    assertThat(body(statusPosts().get(0)).path("in_reply_to_id").asString()).isEqualTo("p1");
    assertThat(statusPosts().get(0).getHeader("Idempotency-Key")).isEqualTo("idem-r");
  }

  @Test
  void a_status_is_deleted_by_id_and_a_missing_one_is_not_found() {
    stub.deleteSucceeds("9");
    wireMock.stubFor(delete(urlPathEqualTo("/api/v1/statuses/10"))
        .willReturn(MastodonStub.json(404, "req-404", MastodonStub.error("Record not found"))));
    MastodonConnector connector = connector();
    connector.delete(account, "9");
    wireMock.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/statuses/9")));
    assertThatThrownBy(() -> connector.delete(account, "10"))
        .isInstanceOf(dev.chorus.connector.NotFoundException.class).hasMessageContaining("Record not found");
  }

  @Test
  void an_app_is_registered_and_its_oauth_client_points_at_the_instance() {
    ObjectNode app = MastodonStub.JSON.createObjectNode();
    app.put("id", "563419");
    app.put("name", "Chorus");
    app.putArray("scopes").add("read").add("write");
    app.put("redirect_uri", "https://app.example/callback");
    app.put("client_id", "TWhM-client");
    app.put("client_secret", "ZEaF-secret-value");
    app.put("client_secret_expires_at", 0);
    wireMock.stubFor(post(urlPathEqualTo("/api/v1/apps")).willReturn(MastodonStub.json(200, "req-app", app)));

    MastodonApps.RegisteredApp registered = MastodonApps.register(runtime, wireMock.baseUrl(), "Chorus",
        "https://app.example/callback", MastodonApps.SCOPES, "https://app.example");

    assertThat(registered.clientId()).isEqualTo("TWhM-client");
    assertThat(registered.clientSecret().reveal()).isEqualTo("ZEaF-secret-value");
    assertThat(registered.toString()).doesNotContain("ZEaF-secret-value");
    JsonNode sent = body(wireMock.findAll(postRequestedFor(urlPathEqualTo("/api/v1/apps"))).get(0));
    assertThat(sent.path("redirect_uris").get(0).asString()).isEqualTo("https://app.example/callback");
    assertThat(sent.path("scopes").asString()).isEqualTo("read write");
    AuthorizationRequest authorization = MastodonApps.oauthClient(runtime, registered).authorizationRequest();
    assertThat(authorization.toString()).doesNotContain("ZEaF-secret-value");
  }

  @Test
  void a_bad_redirect_uri_at_registration_is_a_content_rejection_with_mastodons_message() {
    wireMock.stubFor(post(urlPathEqualTo("/api/v1/apps")).willReturn(MastodonStub.json(422, "req-app",
        MastodonStub.error("Validation failed: Redirect URI must be an absolute URI."))));
    assertThatThrownBy(() -> MastodonApps.register(runtime, wireMock.baseUrl(), "Chorus", "nope",
        MastodonApps.SCOPES, null))
        .isInstanceOf(ContentRejectedException.class).hasMessageContaining("Redirect URI must be an absolute URI");
  }

  @Test
  void without_a_token_or_a_credential_source_creation_fails_with_a_config_error_naming_the_token() {
    MastodonProvider provider = new MastodonProvider();
    var config = provider.configSpec().validate("mastodon", Map.of(MastodonProvider.BASE_URL, wireMock.baseUrl()));
    assertThatThrownBy(() -> provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .build(), config))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.startsWith(MastodonProvider.ACCESS_TOKEN)));
  }

  @Test
  void validation_is_safe_from_many_threads_while_limits_are_refreshed() throws Exception {
    stub.instance(MastodonStub.instanceBody(1000, 23, 4));
    MastodonConnector connector = connector();
    PublishRequest fits = PublishRequest.text(account, "k", "z".repeat(400));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < 200; i++) {
            assertThat(connector.validate(fits).valid()).isTrue();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (int i = 0; i < 3; i++) {
      connector.refreshInstanceLimits();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }

  private static ObjectNode media(String id, String url) {
    ObjectNode media = MastodonStub.JSON.createObjectNode();
    media.put("id", id);
    media.put("type", "image");
    if (url == null) {
      media.putNull("url");
    } else {
      media.put("url", url);
    }
    media.put("preview_url", "https://files.example/small/" + id + ".png");
    media.putNull("remote_url");
    media.putObject("meta").putObject("original").put("width", 640).put("height", 480);
    media.put("description", "alt");
    media.put("blurhash", "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}");
    return media;
  }

  /** A clock that moves only when told. */
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
