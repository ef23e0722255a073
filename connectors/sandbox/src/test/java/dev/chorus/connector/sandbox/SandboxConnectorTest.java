package dev.chorus.connector.sandbox;

import static dev.chorus.connector.sandbox.Fixtures.KEY;
import static dev.chorus.connector.sandbox.Fixtures.TUESDAY;
import static dev.chorus.connector.sandbox.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SandboxConnectorTest {

  private final Fixtures.TestClock clock = new Fixtures.TestClock(TUESDAY.plus(Duration.ofHours(12)));

  private Connector shared(SandboxPlatform sandbox) {
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build();
    return ConnectorRegistry.builder().discover().build()
        .create(Platform.SANDBOX, context, Map.of("api_key", KEY.reveal()));
  }

  @Test
  void is_found_by_service_loader_and_declares_its_features() {
    ConnectorProvider provider = ServiceLoader.load(ConnectorProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.platform().equals(Platform.SANDBOX)).findFirst().orElseThrow();

    assertThat(provider.capabilities().features()).contains(Capability.PUBLISH, Capability.RECONCILE,
        Capability.IDEMPOTENCY_KEYS, Capability.DELETE, Capability.REPLY, Capability.POST_METRICS,
        Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.POLL, Capability.FIRST_COMMENT);
    assertThat(provider.capabilities().formats()).contains(PostFormat.REEL, PostFormat.CAROUSEL, PostFormat.THREAD);
    assertThat(provider.capabilities().metricsBatchSize()).isEqualTo(50);
    assertThat(provider.capabilities().limits().text().max()).isEqualTo(500);
    assertThat(provider.capabilities().limits().carouselMin()).isEqualTo(2);
    assertThat(provider.configSpec().option("api_key").orElseThrow().secret()).isTrue();
  }

  @Test
  void a_shared_platform_from_the_context_is_the_one_the_connector_uses() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
    Connector connector = shared(sandbox);

    connector.publish(Fixtures.text("a", "k", "hello"));

    assertThat(sandbox.publicationCountByKey("k")).isEqualTo(1);
    assertThat(connector.toString()).doesNotContain(KEY.reveal());
  }

  @Test
  void a_key_the_shared_platform_does_not_accept_fails_as_expired_authentication() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build();
    Connector connector = ConnectorRegistry.create(new SandboxConnectorProvider(), context,
        Map.of("api_key", "not-the-key-55"));

    assertThatThrownBy(() -> connector.publish(Fixtures.text("a", "k", "hello")))
        .isInstanceOf(AuthenticationExpiredException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-key-55").doesNotContain(KEY.reveal()));
    assertThat(sandbox.publicationCount()).isZero();
  }

  @Test
  void a_new_platform_is_built_from_the_configuration() {
    Connector connector = ConnectorRegistry.create(new SandboxConnectorProvider(), ConnectorContext.of(clock),
        Map.of("api_key", "k-1", "rate_limit_per_minute", "2", "text_max", "20",
            "faults", "SERVER_ERROR:0.0, MALFORMED:0"));

    connector.publish(Fixtures.text("a", "k1", "short"));
    assertThatThrownBy(() -> connector.publish(Fixtures.text("a", "k2", "this text is longer than twenty")))
        .isInstanceOf(dev.chorus.connector.ContentRejectedException.class);
    assertThatThrownBy(() -> connector.publish(Fixtures.text("a", "k3", "third")))
        .isInstanceOf(dev.chorus.connector.RateLimitedException.class);
  }

  @Test
  void configuration_problems_are_listed_by_setting_and_never_show_the_key() {
    SandboxConnectorProvider provider = new SandboxConnectorProvider();
    ConnectorContext context = ConnectorContext.of(clock);

    assertThatThrownBy(() -> ConnectorRegistry.create(provider, context, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.startsWith("api_key")));
    assertThatThrownBy(() -> ConnectorRegistry.create(provider, context, Map.of("api_key", "s3cret-xyz",
        "latency_ms", "-5", "faults", "EXPLODE:0.5", "metrics_batch_size", "0")))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.problems()).hasSize(3);
          assertThat(e.problems()).anyMatch(p -> p.startsWith("latency_ms"))
              .anyMatch(p -> p.startsWith("faults") && p.contains("EXPLODE"))
              .anyMatch(p -> p.startsWith("metrics_batch_size"));
          assertThat(e.getMessage()).doesNotContain("s3cret-xyz");
        });
    assertThatThrownBy(() -> ConnectorRegistry.create(provider, context, Map.of("api_key", "x", "seed", "abc")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("seed");
  }

  @Test
  void offline_validation_applies_the_format_rules() {
    Connector connector = shared(Fixtures.sandbox(clock).build());

    assertThat(connector.validate(Fixtures.text("a", "k", "x").withFormat(PostFormat.REEL)).violates("format.media"))
        .isTrue();
    assertThat(connector.validate(Fixtures.text("a", "k", "x").withFormat(PostFormat.CAROUSEL)
        .withMedia(List.of(Fixtures.image(1)))).violates("carousel.min")).isTrue();
    assertThat(connector.validate(Fixtures.text("a", "k", "x").withFormat(PostFormat.CAROUSEL)
        .withMedia(List.of(Fixtures.image(1), Fixtures.image(2)))).valid()).isTrue();
  }

  @Test
  void metrics_are_fetched_in_batches_of_the_declared_size() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
    Connector connector = shared(sandbox);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(connector.publish(Fixtures.text("a", "k" + i, "post " + i)).externalId());
    }
    ids.add("unknown-id");
    clock.advance(Duration.ofHours(5));

    var snapshots = connector.fetchMetrics(account("a"), ids);

    assertThat(snapshots).hasSize(120);
    assertThat(sandbox.metricsRequestSizes()).containsExactly(50, 50, 21);
    assertThat(sandbox.requestCount(SandboxOperation.POST_METRICS)).isEqualTo(3);
    assertThatThrownBy(() -> sandbox.postMetrics(KEY, account("a"), ids))
        .isInstanceOf(InvalidValueException.class);
    assertThat(connector.fetchMetrics(account("b"), ids)).isEmpty();
  }

  @Test
  void interactions_page_through_comments_and_mentions_without_gaps_or_repeats() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).followers("a", 20_000).build();
    Connector connector = shared(sandbox);
    SocialAccount a = account("a");
    for (int i = 0; i < 3; i++) {
      connector.publish(Fixtures.text("a", "k" + i, "a post that people comment on " + i)
          .withFormat(PostFormat.REEL).withMedia(List.of(Fixtures.video())));
    }
    clock.advance(Duration.ofHours(36));
    Set<InteractionKind> kinds = Set.of(InteractionKind.COMMENT, InteractionKind.MENTION);

    List<Interaction> all = Page.collect(
        cursor -> connector.fetchInteractions(a, new InteractionQuery(kinds, null, cursor, 7)), 1000);

    long comments = all.stream().filter(i -> i.kind() == InteractionKind.COMMENT).count();
    long mentions = all.stream().filter(i -> i.kind() == InteractionKind.MENTION).count();
    long counted = connector.fetchMetrics(a, sandbox.publications().stream().map(SandboxPost::externalId).toList())
        .stream().mapToLong(s -> s.value(dev.chorus.model.Metric.COMMENTS).orElseThrow()).sum();
    assertThat(comments).isEqualTo(counted).isGreaterThan(20);
    assertThat(mentions).isEqualTo(6);
    assertThat(new HashSet<>(all.stream().map(Interaction::externalId).toList())).hasSize(all.size());
    assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(Interaction::createdAt));
    assertThat(all).allMatch(i -> !i.createdAt().isAfter(clock.instant()));

    Page<Interaction> onlyMentions = connector.fetchInteractions(a,
        new InteractionQuery(Set.of(InteractionKind.MENTION), null, null, 50));
    assertThat(onlyMentions.items()).hasSize(6).allMatch(i -> i.kind() == InteractionKind.MENTION);
    assertThat(onlyMentions.hasMore()).isFalse();
    assertThatThrownBy(() -> connector.fetchInteractions(a, new InteractionQuery(kinds, null, "garbage!", 5)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("query.cursor"));
  }

  @Test
  void replies_go_to_visible_comments_once_per_key() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).followers("a", 20_000).build();
    Connector connector = shared(sandbox);
    SocialAccount a = account("a");
    connector.publish(Fixtures.text("a", "k", "ask me anything").withFormat(PostFormat.REEL)
        .withMedia(List.of(Fixtures.video())));
    clock.advance(Duration.ofHours(24));
    Interaction comment = connector.fetchInteractions(a,
        new InteractionQuery(Set.of(InteractionKind.COMMENT), null, null, 1)).items().get(0);

    String first = connector.reply(new ReplyRequest(a, comment.externalId(), "thanks!", "r1")).externalId();
    String again = connector.reply(new ReplyRequest(a, comment.externalId(), "thanks!", "r1")).externalId();

    assertThat(again).isEqualTo(first);
    assertThat(sandbox.publicationCountByKey("r1")).isEqualTo(1);
    assertThat(sandbox.publication(first).orElseThrow().inReplyTo()).isEqualTo(comment.externalId());
    assertThatThrownBy(() -> connector.reply(new ReplyRequest(a, "nope-c9", "hi", "r2")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void hide_flips_the_hidden_flag_of_a_visible_interaction_and_counts_as_a_request() {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
    Connector connector = shared(sandbox);
    SocialAccount a = account("a");
    String id = sandbox.arrangeInteraction("a", InteractionKind.COMMENT, null, "spam spam", clock.instant());

    assertThat(connector.capabilities().supports(dev.chorus.connector.Capability.HIDE)).isTrue();
    connector.hide(a, id, true);
    assertThat(sandbox.isHidden(id)).isTrue();
    assertThat(sandbox.requestCount(SandboxOperation.HIDE)).isEqualTo(1);
    // Still listed for the account itself.
    assertThat(connector.fetchInteractions(a, new InteractionQuery(Set.of(InteractionKind.COMMENT), null, null, 10))
        .items()).extracting(Interaction::externalId).contains(id);

    connector.hide(a, id, false);
    assertThat(sandbox.isHidden(id)).isFalse();
    assertThatThrownBy(() -> connector.hide(a, "nope-c9", true)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> connector.hide(account("b"), id, true)).isInstanceOf(NotFoundException.class);
    assertThat(sandbox.isHidden("nope-c9")).isFalse();
  }

  @Test
  void threads_and_first_comments_get_their_own_ids() {
    Connector connector = shared(Fixtures.sandbox(clock).build());
    var result = connector.publish(Fixtures.text("a", "k", "1/3")
        .withThreadParts(List.of(dev.chorus.model.ThreadPart.of("2/3"), dev.chorus.model.ThreadPart.of("3/3")))
        .withFirstComment("links below"));

    assertThat(result.threadPartIds()).hasSize(2).doesNotHaveDuplicates();
    assertThat(result.firstCommentId()).isNotNull();
    assertThat(result.url().toString()).endsWith(result.externalId());
  }

  @Test
  void many_threads_publishing_distinct_keys_give_exact_counts() throws Exception {
    SandboxPlatform sandbox = Fixtures.sandbox(clock).build();
    Connector connector = shared(sandbox);
    int threads = 16;
    int each = 100;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    var start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            connector.publish(Fixtures.text("acct" + (thread % 4), "t" + thread + "-" + i, "post " + i));
            // Every thread also repeats one shared key: only one post may come of it.
            connector.publish(Fixtures.text("acct0", "shared", "shared post"));
          }
          return null;
        }));
      }
      start.countDown();
      for (var future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(sandbox.publicationCount()).isEqualTo(threads * each + 1);
    assertThat(sandbox.publicationCountByKey("shared")).isEqualTo(1);
    assertThat(sandbox.publications().stream().map(SandboxPost::externalId).distinct().count())
        .isEqualTo(threads * each + 1);
    assertThat(sandbox.requestCount()).isEqualTo(threads * each * 2);
    IntStream.range(0, 4).forEach(a ->
        assertThat(sandbox.publicationCountByAccount("acct" + a)).isEqualTo(each * threads / 4 + (a == 0 ? 1 : 0)));
  }
}
