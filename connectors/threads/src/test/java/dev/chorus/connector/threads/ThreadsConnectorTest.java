package dev.chorus.connector.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.chorus.connector.threads.ThreadsStub.USER_ID;
import static dev.chorus.connector.threads.ThreadsStub.V;
import static dev.chorus.connector.threads.ThreadsStub.error;
import static dev.chorus.connector.threads.ThreadsStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.threads.internal.ThreadsSettings;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
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

/** Threads flows against a WireMock Threads API: containers, polling, carousels, thread resume, quota, refresh. */
class ThreadsConnectorTest {

  private static final SocialAccount ACCOUNT = new SocialAccount(new AccountId("th-1"), new WorkspaceId("ws"),
      Platform.THREADS, "@chorus", USER_ID, ZoneId.of("UTC"), new CredentialsRef("threads/test"));
  private static WireMockServer wireMock;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T12:00:00Z"));
  private final List<Duration> waits = new ArrayList<>();
  private Clock clock;
  private HttpRuntime runtime;
  private ThreadsConnector connector;

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
    clock = new Clock() {
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
    connector = connector(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        Map.of("baseUrl", wireMock.baseUrl(), "accessToken", "tok"));
    quota(3, 250, 10, 1000);
  }

  private static ThreadsConnector connector(ConnectorContext context, Map<String, String> config) {
    ThreadsConnectorProvider provider = new ThreadsConnectorProvider();
    return provider.create(context, provider.configSpec().validate("threads", config));
  }

  @AfterEach
  void tearDown() {
    connector.close();
    runtime.close();
  }

  private static void quota(int used, int total, int replies, int replyTotal) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads_publishing_limit")).willReturn(ok("q",
        "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":" + total + ",\"quota_duration\":86400},"
            + "\"reply_quota_usage\":" + replies + ",\"reply_config\":{\"quota_total\":" + replyTotal
            + ",\"quota_duration\":86400},\"delete_quota_usage\":0,\"delete_config\":{\"quota_total\":100,"
            + "\"quota_duration\":86400}}]}")));
  }

  private static void finished(String container) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + container)).withQueryParam("fields", equalTo("status,error_message"))
        .willReturn(ok("s", "{\"status\":\"FINISHED\",\"id\":\"" + container + "\"}")));
  }

  private static MediaAsset image(int i) {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("https://cdn.example/" + i + ".jpg"), "image/jpeg")
        .altText("picture " + i).build();
  }

  private static PublishRequest textPost(String key, String text) {
    return PublishRequest.text(ACCOUNT, key, text);
  }

  @Test
  void reads_both_quotas_at_run_time() {
    PublishingLimit limit = connector.publishingLimit(ACCOUNT);
    assertThat(limit.used()).isEqualTo(3);
    assertThat(limit.remaining()).isEqualTo(247);
    assertThat(limit.quota().window()).isEqualTo(Duration.ofDays(1));
    assertThat(limit.repliesRemaining()).isEqualTo(990);
    assertThat(connector.capabilities().limits().quota()).contains(ThreadsConnectorProvider.DEFAULT_QUOTA);
  }

  @Test
  void full_quota_fails_before_any_container_is_created() {
    quota(250, 250, 0, 1000);
    assertThatThrownBy(() -> connector.publish(textPost("k0", "hello")))
        .isInstanceOf(RateLimitedException.class).hasMessageContaining("250 of 250");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")));
  }

  @Test
  void a_thread_needing_more_replies_than_the_reply_quota_has_left_creates_nothing() {
    quota(0, 250, 999, 1000);
    PublishRequest thread = textPost("k0", "one").withThreadParts(List.of(ThreadPart.of("two"), ThreadPart.of("three")));
    assertThatThrownBy(() -> connector.publish(thread)).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("2 more replies");
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")));
  }

  @Test
  void polls_an_in_progress_container_on_the_injected_sleeper_then_publishes() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c1\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c1")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("done").willReturn(ok("s1", "{\"status\":\"IN_PROGRESS\",\"id\":\"c1\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c1")).inScenario("s").whenScenarioStateIs("done")
        .willReturn(ok("s2", "{\"status\":\"FINISHED\",\"id\":\"c1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c1")).willReturn(ok("p", "{\"id\":\"1234567\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/1234567")).withQueryParam("fields", equalTo("id,permalink"))
        .willReturn(ok("l", "{\"id\":\"1234567\",\"permalink\":\"https://www.threads.net/@chorus/post/Cx1\"}")));
    PublishResult result = connector.publish(textPost("k1", "#BronzFonz").withMedia(List.of(image(1))));
    assertThat(result.externalId()).isEqualTo("1234567");
    assertThat(result.url()).isEqualTo(URI.create("https://www.threads.net/@chorus/post/Cx1"));
    assertThat(result.publishedAt()).isEqualTo(Instant.parse("2026-01-01T12:00:10Z"));
    assertThat(waits).containsExactly(Duration.ofSeconds(10));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("media_type", equalTo("IMAGE"))
        .withQueryParam("image_url", equalTo("https://cdn.example/1.jpg"))
        .withQueryParam("alt_text", equalTo("picture 1"))
        .withQueryParam("text", equalTo("#BronzFonz")));
  }

  @Test
  void a_container_error_is_a_content_rejection_with_the_error_message() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c9\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c9")).willReturn(ok("s",
        "{\"status\":\"ERROR\",\"id\":\"c9\",\"error_message\":\"FAILED_DOWNLOADING_VIDEO\"}")));
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://cdn.example/v.mp4"), "video/mp4").build();
    Checkpoint checkpoint = Checkpoint.inMemory();
    assertThatThrownBy(() -> connector.publish(textPost("k9", "clip").withMedia(List.of(video))
        .withCheckpoint(checkpoint)))
        .isInstanceOfSatisfying(ContentRejectedException.class,
            e -> assertThat(e.reason()).contains("FAILED_DOWNLOADING_VIDEO"));
    assertThat(checkpoint.get("th.part.0.container")).contains("");
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("media_type", equalTo("VIDEO")).withQueryParam("video_url", equalTo("https://cdn.example/v.mp4")));
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")));
  }

  @Test
  void a_container_still_processing_after_the_timeout_is_retryable_and_resumes_with_the_same_container() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c5\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c5")).willReturn(ok("s", "{\"status\":\"IN_PROGRESS\",\"id\":\"c5\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    assertThatThrownBy(() -> connector.publish(textPost("k5", "slow").withCheckpoint(checkpoint)))
        .isInstanceOfSatisfying(PlatformUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(waits).hasSizeGreaterThan(20).allMatch(d -> d.equals(Duration.ofSeconds(10)));
    finished("c5");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).willReturn(ok("p", "{\"id\":\"m5\"}")));
    assertThat(connector.publish(textPost("k5", "slow").withCheckpoint(checkpoint)).externalId()).isEqualTo("m5");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")));
  }

  @Test
  void container_created_but_not_published_resumes_by_publishing_the_same_container() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c1\"}")));
    finished("c1");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).inScenario("p")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up").willReturn(error(500, "t1",
            "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,\"is_transient\":true}}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).inScenario("p")
        .whenScenarioStateIs("up").willReturn(ok("p", "{\"id\":\"m1\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    assertThatThrownBy(() -> connector.publish(textPost("k1", "hi").withCheckpoint(checkpoint)))
        .isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.get("th.part.0.container")).contains("c1");
    assertThat(connector.publish(textPost("k1", "hi").withCheckpoint(checkpoint)).externalId()).isEqualTo("m1");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("media_type", equalTo("TEXT")).withQueryParam("text", equalTo("hi")));
  }

  @Test
  void a_container_older_than_24_hours_is_replaced() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c2\"}")));
    finished("c2");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c2")).willReturn(ok("p", "{\"id\":\"m2\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("th.part.0.container", "c-old");
    checkpoint.put("th.part.0.createdAt", now.get().minus(Duration.ofHours(25)).toString());
    assertThat(connector.publish(textPost("k2", "again").withCheckpoint(checkpoint)).externalId()).isEqualTo("m2");
    wireMock.verify(0, getRequestedFor(urlPathEqualTo(V + "/c-old")));
  }

  @Test
  void an_expired_container_status_forgets_it_so_the_retry_creates_a_new_one() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"c3\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/c-exp")).willReturn(ok("s", "{\"status\":\"EXPIRED\",\"id\":\"c-exp\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("th.part.0.container", "c-exp");
    checkpoint.put("th.part.0.createdAt", now.get().minus(Duration.ofHours(2)).toString());
    assertThatThrownBy(() -> connector.publish(textPost("k3", "late").withCheckpoint(checkpoint)))
        .isInstanceOfSatisfying(PlatformUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
    finished("c3");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).willReturn(ok("p", "{\"id\":\"m3\"}")));
    assertThat(connector.publish(textPost("k3", "late").withCheckpoint(checkpoint)).externalId()).isEqualTo("m3");
  }

  @Test
  void an_already_published_container_leaves_the_outcome_unknown_for_reconcile() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/c-pub")).willReturn(ok("s", "{\"status\":\"PUBLISHED\",\"id\":\"c-pub\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    checkpoint.put("th.part.0.container", "c-pub");
    checkpoint.put("th.part.0.createdAt", now.get().toString());
    assertThatThrownBy(() -> connector.publish(textPost("k4", "dup?").withCheckpoint(checkpoint)))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    wireMock.verify(0, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")));
  }

  @Test
  void carousel_creates_children_then_the_parent_with_children_ids() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("is_carousel_item",
        equalTo("true")).withQueryParam("image_url", equalTo("https://cdn.example/1.jpg"))
        .willReturn(ok("c", "{\"id\":\"ch1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("is_carousel_item",
        equalTo("true")).withQueryParam("image_url", equalTo("https://cdn.example/2.jpg"))
        .willReturn(ok("c", "{\"id\":\"ch2\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("media_type",
        equalTo("CAROUSEL")).willReturn(ok("c", "{\"id\":\"parent\"}")));
    finished("ch1");
    finished("ch2");
    finished("parent");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("parent")).willReturn(ok("p", "{\"id\":\"m7\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest request = textPost("k7", "album").withFormat(PostFormat.CAROUSEL)
        .withMedia(List.of(image(1), image(2))).withCheckpoint(checkpoint);
    assertThat(connector.publish(request).externalId()).isEqualTo("m7");
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("children", equalTo("ch1,ch2")).withQueryParam("text", equalTo("album"))
        .withQueryParam("is_carousel_item", absent()));
    wireMock.verify(2, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("is_carousel_item", equalTo("true")).withQueryParam("text", absent()));
    assertThat(checkpoint.snapshot()).containsEntry("th.part.0.child.0", "ch1").containsEntry("th.part.0.child.1", "ch2")
        .containsEntry("th.part.0.id", "m7");
  }

  @Test
  void carousel_validation_enforces_two_to_twenty_items() {
    List<MediaAsset> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(image(i));
    }
    assertThat(connector.validate(textPost("k", "x").withFormat(PostFormat.CAROUSEL).withMedia(many))
        .violates("carousel.max")).isTrue();
    assertThat(connector.validate(textPost("k", "x").withFormat(PostFormat.CAROUSEL).withMedia(many.subList(0, 20)))
        .valid()).isTrue();
    assertThat(connector.validate(textPost("k", "x").withFormat(PostFormat.CAROUSEL).withMedia(List.of(image(1))))
        .violates("carousel.min")).isTrue();
  }

  @Test
  void a_thread_failing_at_part_two_resumes_without_posting_part_one_again() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text", equalTo("one"))
        .willReturn(ok("c", "{\"id\":\"c-1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text", equalTo("two"))
        .willReturn(ok("c", "{\"id\":\"c-2\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text", equalTo("three"))
        .willReturn(ok("c", "{\"id\":\"c-3\"}")));
    finished("c-1");
    finished("c-2");
    finished("c-3");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c-1")).willReturn(ok("p", "{\"id\":\"p1\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c-2")).inScenario("two").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
        .willReturn(error(500, "t", "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,"
            + "\"is_transient\":true,\"fbtrace_id\":\"t\"}}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c-2")).inScenario("two").whenScenarioStateIs("up").willReturn(ok("p", "{\"id\":\"p2\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("c-3")).willReturn(ok("p", "{\"id\":\"p3\"}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest thread = textPost("k8", "one").withThreadParts(List.of(ThreadPart.of("two"), ThreadPart.of("three")))
        .withCheckpoint(checkpoint);

    assertThatThrownBy(() -> connector.publish(thread)).isInstanceOf(PlatformUnavailableException.class);
    assertThat(checkpoint.snapshot()).containsEntry("th.part.0.id", "p1").containsEntry("th.part.1.container", "c-2")
        .doesNotContainKey("th.part.1.id");

    PublishResult result = connector.publish(thread);
    assertThat(result.externalId()).isEqualTo("p1");
    assertThat(result.threadPartIds()).containsExactly("p2", "p3");
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text",
        equalTo("one")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text",
        equalTo("two")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish"))
        .withQueryParam("creation_id", equalTo("c-1")));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text",
        equalTo("one")).withQueryParam("reply_to_id", absent()));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text",
        equalTo("two")).withQueryParam("reply_to_id", equalTo("p1")));
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("text",
        equalTo("three")).withQueryParam("reply_to_id", equalTo("p2")));
  }

  @Test
  void an_empty_part_and_a_local_file_are_reported_without_calling_threads() {
    MediaAsset local = MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///tmp/a.jpg"), "image/jpeg").build();
    PublishRequest bad = textPost("k", " ").withThreadParts(List.of(ThreadPart.of("two"),
        new ThreadPart("pic", List.of(local))));
    assertThat(connector.validate(bad).violations()).extracting(v -> v.field() + " " + v.rule())
        .contains("text text.required", "threadParts[1].media[0].source media.publicUrl");
    assertThatThrownBy(() -> connector.publish(bad)).isInstanceOf(ContentValidationException.class);
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void reply_chains_to_the_parent_and_checks_the_reply_quota() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("c", "{\"id\":\"rc\"}")));
    finished("rc");
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).willReturn(ok("p", "{\"id\":\"r1\"}")));
    PublishResult reply = connector.reply(new dev.chorus.connector.ReplyRequest(ACCOUNT, "parent-9", "thanks!", "rk"));
    assertThat(reply.externalId()).isEqualTo("r1");
    wireMock.verify(postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
        .withQueryParam("reply_to_id", equalTo("parent-9")).withQueryParam("media_type", equalTo("TEXT"))
        .withQueryParam("text", equalTo("thanks!")));

    quota(0, 250, 1000, 1000);
    assertThatThrownBy(() -> connector.reply(new dev.chorus.connector.ReplyRequest(ACCOUNT, "parent-9", "more", "rk2")))
        .isInstanceOf(RateLimitedException.class);
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads")));
  }

  @Test
  void insights_map_threads_names_and_a_refused_name_leaves_only_that_metric_absent() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).willReturn(error(400, "e",
        "{\"error\":{\"message\":\"(#100) Param metric must be one of {views, likes, replies, reposts, quotes}\","
            + "\"type\":\"OAuthException\",\"code\":100,\"fbtrace_id\":\"e\"}}")));
    for (String name : List.of("views", "likes", "replies", "reposts", "quotes")) {
      wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).withQueryParam("metric", equalTo(name))
          .willReturn(ok("r", "{\"data\":[" + ThreadsStub.insight("m1", name, name.length()) + "]}")));
    }
    wireMock.stubFor(get(urlPathEqualTo(V + "/m1/insights")).withQueryParam("metric", equalTo("quotes"))
        .willReturn(ok("r", "{\"data\":[{\"name\":\"quotes\",\"period\":\"lifetime\",\"values\":[]}]}")));
    List<MetricSnapshot> snapshots = connector.fetchMetrics(ACCOUNT, List.of("m1"));
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).values()).containsOnly(Map.entry(Metric.IMPRESSIONS, 5L), Map.entry(Metric.LIKES, 5L),
        Map.entry(Metric.COMMENTS, 7L), Map.entry(ThreadsSettings.REPOSTS, 7L));
  }

  @Test
  void account_followers_come_from_threads_insights_total_value() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads_insights")).withQueryParam("metric",
        equalTo("followers_count")).willReturn(ok("u", "{\"data\":[{\"name\":\"followers_count\",\"period\":\"day\","
            + "\"title\":\"followers_count\",\"total_value\":{\"value\":1234},\"id\":\"x\"}]}")));
    assertThat(connector.fetchAccountMetrics(ACCOUNT).value(Metric.FOLLOWERS)).hasValue(1234);
  }

  @Test
  void delete_reads_the_success_body() {
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(V + "/1234567"))
        .willReturn(ok("d", "{\"success\":true,\"deleted_id\":\"1234567\"}")));
    connector.delete(ACCOUNT, "1234567");
    wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(V + "/7654321"))
        .willReturn(ok("d", "{\"success\":false}")));
    assertThatThrownBy(() -> connector.delete(ACCOUNT, "7654321")).isInstanceOf(ContentRejectedException.class);
  }

  @Test
  void reconcile_records_the_found_root_so_the_thread_continues_from_part_two() {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("l", "{\"data\":["
        + "{\"id\":\"old\",\"text\":\"one\",\"timestamp\":\"2025-12-30T10:00:00+0000\"},"
        + "{\"id\":\"p1\",\"text\":\"one\",\"timestamp\":\"2026-01-01T12:00:05+0000\",\"permalink\":"
        + "\"https://www.threads.net/@chorus/post/P1\"}]}")));
    Checkpoint checkpoint = Checkpoint.inMemory();
    PublishRequest thread = textPost("k", "one").withThreadParts(List.of(ThreadPart.of("two")))
        .withCheckpoint(checkpoint);
    assertThat(connector.reconcile(thread, now.get())).get().extracting(PublishResult::externalId).isEqualTo("p1");
    assertThat(checkpoint.get("th.part.0.id")).contains("p1");
  }

  @Test
  void refresh_uses_th_refresh_token_and_the_connector_sends_the_new_token() {
    wireMock.stubFor(get(urlPathEqualTo("/refresh_access_token")).withQueryParam("grant_type",
        equalTo("th_refresh_token")).withQueryParam("access_token", equalTo("old-long-lived"))
        .willReturn(ok("r", "{\"access_token\":\"new-long-lived\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
    ThreadsOAuth oauth = new ThreadsOAuth(runtime, wireMock.baseUrl(), "app-1", Secret.of("app-secret"));
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.save(ACCOUNT.credentials(), OAuthTokens.builder().accessToken("old-long-lived")
        .expiresAt(now.get().plus(Duration.ofDays(2))).attribute(ThreadsOAuth.USER_ID, USER_ID).build());
    ManagedCredentials credentials = ManagedCredentials.builder().platform(Platform.THREADS).store(store)
        .refresher(oauth).clock(clock).refreshAhead(Duration.ofDays(7)).build();
    ThreadsConnector managed = connector(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime)
        .extension(CredentialSource.class, credentials).build(), Map.of("baseUrl", wireMock.baseUrl()));
    managed.publishingLimit(ACCOUNT);
    wireMock.verify(getRequestedFor(urlPathEqualTo(V + "/" + USER_ID + "/threads_publishing_limit"))
        .withHeader("Authorization", equalTo("Bearer new-long-lived")));
    OAuthTokens saved = store.load(ACCOUNT.credentials()).orElseThrow();
    assertThat(saved.accessToken()).isEqualTo("new-long-lived");
    assertThat(saved.expiresAt()).contains(now.get().plusSeconds(5183944));
    assertThat(saved.attributes()).containsEntry(ThreadsOAuth.USER_ID, USER_ID);
    assertThat(oauth.toString()).doesNotContain("app-secret");
  }

  @Test
  void a_refused_refresh_means_reconnect() {
    wireMock.stubFor(get(urlPathEqualTo("/refresh_access_token")).willReturn(error(400, "tr",
        "{\"error\":{\"message\":\"Session has expired\",\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"tr\"}}")));
    ThreadsOAuth oauth = new ThreadsOAuth(runtime, wireMock.baseUrl(), "app-1", Secret.of("app-secret"));
    OAuthTokens current = OAuthTokens.builder().accessToken("dead-token").build();
    assertThatThrownBy(() -> oauth.refresh(current)).isInstanceOf(AuthenticationExpiredException.class)
        .message().doesNotContain("dead-token");
  }

  @Test
  void code_exchange_then_long_lived_exchange() {
    wireMock.stubFor(post(urlPathEqualTo("/oauth/access_token")).willReturn(ok("a",
        "{\"access_token\":\"short\",\"user_id\":" + USER_ID + "}")));
    wireMock.stubFor(get(urlPathEqualTo("/access_token")).withQueryParam("grant_type", equalTo("th_exchange_token"))
        .withQueryParam("access_token", equalTo("short")).withQueryParam("client_secret", equalTo("app-secret"))
        .willReturn(ok("b", "{\"access_token\":\"long\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
    ThreadsOAuth oauth = new ThreadsOAuth(runtime, wireMock.baseUrl(), "app-1", Secret.of("app-secret"));
    OAuthTokens tokens = oauth.exchange("the-code", "https://app.example/cb");
    assertThat(tokens.accessToken()).isEqualTo("long");
    assertThat(tokens.attributes()).containsEntry(ThreadsOAuth.USER_ID, USER_ID);
    assertThat(ThreadsOAuth.authorizationUrl("app-1", "https://app.example/cb", ThreadsOAuth.SCOPES, "st"))
        .startsWith("https://threads.net/oauth/authorize?client_id=app-1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb")
        .contains("scope=threads_basic%2Cthreads_content_publish").contains("response_type=code&state=st");
    assertThatThrownBy(() -> ThreadsOAuth.authorizationUrl("app-1", "http://insecure", ThreadsOAuth.SCOPES, "st"))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("redirectUri");
  }

  @Test
  void hide_posts_manage_reply_and_success_false_is_a_rejection() {
    wireMock.stubFor(post(urlPathEqualTo(V + "/1801/manage_reply")).willReturn(ok("h1", "{\"success\":true}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/1802/manage_reply")).willReturn(ok("h2", "{\"success\":false}")));
    assertThat(connector.capabilities().supports(dev.chorus.connector.Capability.HIDE)).isTrue();

    connector.hide(ACCOUNT, "1801", true);
    connector.hide(ACCOUNT, "1801", false);

    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/1801/manage_reply")).withQueryParam("hide", equalTo("true")));
    wireMock.verify(1, postRequestedFor(urlPathEqualTo(V + "/1801/manage_reply")).withQueryParam("hide", equalTo("false")));
    assertThatThrownBy(() -> connector.hide(ACCOUNT, "1802", true))
        .isInstanceOf(dev.chorus.connector.ContentRejectedException.class).hasMessageContaining("1802");
  }
}
