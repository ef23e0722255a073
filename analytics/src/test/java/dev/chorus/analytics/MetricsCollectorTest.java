package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.sandbox.Fault;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import dev.chorus.store.ChorusStore.SnapshotQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCollectorTest {

  static final WorkspaceId WS = WorkspaceId.of("ws");
  static final Instant T0 = Instant.parse("2026-03-03T12:00:00Z");
  static final Platform OTHER = Platform.of("othernet");

  final TestClock clock = new TestClock(T0);
  final ChorusStore store = ChorusStore.inMemory();

  static SocialAccount account(Platform platform, String externalId) {
    return new SocialAccount(AccountId.of(platform + "-" + externalId), WS, platform, "@" + externalId, externalId,
        ZoneOffset.UTC, CredentialsRef.of("cred"));
  }

  Connector sandboxConnector(SandboxPlatform sandbox) {
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build();
    return ConnectorRegistry.create(new SandboxConnectorProvider(), context, Map.of("api_key", "k"));
  }

  /** A second network backed by its own sandbox, reporting under another platform id. */
  static Connector renamed(Connector inner, Platform platform) {
    return new Connector() {
      @Override
      public Platform platform() {
        return platform;
      }

      @Override
      public Capabilities capabilities() {
        return inner.capabilities();
      }

      @Override
      public PublishResult publish(PublishRequest request) {
        throw new UnsupportedOperationException("this fake only reads metrics");
      }

      @Override
      public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> ids) {
        SocialAccount asSandbox = new SocialAccount(account.id(), account.workspaceId(), Platform.SANDBOX,
            account.handle(), account.externalId(), account.timeZone(), account.credentials());
        return inner.fetchMetrics(asSandbox, ids).stream()
            .map(s -> new MetricSnapshot(platform, s.accountId(), s.externalPostId(), s.capturedAt(), s.values()))
            .toList();
      }
    };
  }

  @Test
  void one_round_over_121_posts_makes_three_batched_calls_and_caches_the_results() {
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).metricsBatchSize(50).build();
    SocialAccount acc = account(Platform.SANDBOX, "brand");
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock).connector(sandboxConnector(sandbox)).build();
    for (int i = 0; i < 121; i++) {
      sandbox.arrangePost("brand", "p" + i, "post " + i, T0.minus(Duration.ofHours(3)));
      collector.track(new TrackedPost(acc, "p" + i, T0.minus(Duration.ofHours(3))));
    }

    RefreshReport report = collector.refreshRound();

    assertThat(sandbox.requestCount(SandboxOperation.POST_METRICS)).isEqualTo(3);
    assertThat(sandbox.metricsRequestSizes()).containsExactly(50, 50, 21);
    assertThat(report.calls(Platform.SANDBOX)).isEqualTo(3);
    assertThat(report.due()).isEqualTo(121);
    assertThat(report.snapshotsWritten()).isEqualTo(121);
    assertThat(store.snapshots(WS, SnapshotQuery.all())).hasSize(121);

    // Reading goes to the cache, not the platform, and agrees with the store.
    int before = sandbox.requestCount();
    MetricSnapshot latest = collector.latest(new PostKey(Platform.SANDBOX, acc.id(), "p7")).orElseThrow();
    assertThat(sandbox.requestCount()).isEqualTo(before);
    assertThat(latest.capturedAt()).isEqualTo(T0);
    assertThat(latest.value(Metric.IMPRESSIONS)).isPresent();
    assertThat(store.snapshots(WS, SnapshotQuery.post(Platform.SANDBOX, acc.id(), "p7"))).containsExactly(latest);

    // Nothing is due ten minutes later: no calls at all.
    clock.advance(Duration.ofMinutes(10));
    assertThat(collector.refreshRound().calls(Platform.SANDBOX)).isZero();
    assertThat(sandbox.requestCount(SandboxOperation.POST_METRICS)).isEqualTo(3);
  }

  @Test
  void a_new_collector_reads_the_latest_snapshot_from_the_store() {
    MetricSnapshot old = new MetricSnapshot(Platform.SANDBOX, AccountId.of("a"), "p", T0, Map.of(Metric.LIKES, 1L));
    MetricSnapshot newer = new MetricSnapshot(Platform.SANDBOX, AccountId.of("a"), "p", T0.plusSeconds(60),
        Map.of(Metric.LIKES, 5L));
    store.appendSnapshots(WS, List.of(newer, old));
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).build();
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock).connector(sandboxConnector(sandbox)).build();
    assertThat(collector.latest(new PostKey(Platform.SANDBOX, AccountId.of("a"), "p"))).contains(newer);
    assertThat(collector.latest(new PostKey(Platform.SANDBOX, AccountId.of("a"), "none"))).isEmpty();
    assertThat(sandbox.requestCount()).isZero();
  }

  @Test
  void the_decaying_schedule_refreshes_new_posts_often_and_old_posts_rarely() {
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).build();
    SocialAccount acc = account(Platform.SANDBOX, "brand");
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock).connector(sandboxConnector(sandbox)).build();
    Instant fresh = T0.minus(Duration.ofHours(2)); // under a day: hourly
    Instant recent = T0.minus(Duration.ofDays(3)); // under a week: every 6 h
    Instant month = T0.minus(Duration.ofDays(20)); // under 30 days: daily
    Instant old = T0.minus(Duration.ofDays(60)); // weekly
    for (var e : Map.of("fresh", fresh, "recent", recent, "month", month, "old", old).entrySet()) {
      sandbox.arrangePost("brand", e.getKey(), e.getKey(), e.getValue());
      collector.track(new TrackedPost(acc, e.getKey(), e.getValue()));
    }

    assertThat(collector.refreshRound().due()).isEqualTo(4);
    clock.advance(Duration.ofHours(1)); // T0+1h
    assertThat(refreshedIds(collector, sandbox)).containsExactly("fresh");
    clock.set(T0.plus(Duration.ofHours(6))); // fresh (last +1h) and recent (last T0)
    assertThat(refreshedIds(collector, sandbox)).containsExactlyInAnyOrder("fresh", "recent");
    clock.set(T0.plus(Duration.ofHours(23))); // fresh is 25 h old now: every 6 h, last at +6h
    assertThat(refreshedIds(collector, sandbox)).containsExactlyInAnyOrder("fresh", "recent");
    clock.set(T0.plus(Duration.ofHours(24))); // month: one day since T0
    assertThat(refreshedIds(collector, sandbox)).containsExactly("month");
    clock.set(T0.plus(Duration.ofDays(6)));
    List<String> sixDays = refreshedIds(collector, sandbox);
    assertThat(sixDays).contains("fresh", "recent", "month").doesNotContain("old");
    clock.set(T0.plus(Duration.ofDays(7)));
    assertThat(refreshedIds(collector, sandbox)).contains("old");
    assertThat(store.snapshots(WS, SnapshotQuery.post(Platform.SANDBOX, acc.id(), "old"))).hasSize(2);
  }

  private List<String> refreshedIds(MetricsCollector collector, SandboxPlatform sandbox) {
    int before = sandbox.metricsRequestSizes().size();
    RefreshReport report = collector.refreshRound();
    int calls = sandbox.metricsRequestSizes().size() - before;
    assertThat(report.calls(Platform.SANDBOX)).isEqualTo(calls);
    return store.snapshots(WS, SnapshotQuery.all().between(report.at(), report.at().plusNanos(1))).stream()
        .map(MetricSnapshot::externalPostId).toList();
  }

  @Test
  void a_rate_limit_defers_only_its_platform_until_the_reset() {
    SandboxPlatform limited = SandboxPlatform.builder(clock).build();
    SandboxPlatform healthy = SandboxPlatform.builder(clock).build();
    SocialAccount a = account(Platform.SANDBOX, "brand");
    SocialAccount b = account(OTHER, "brand");
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock)
        .connector(sandboxConnector(limited))
        .connector(renamed(sandboxConnector(healthy), OTHER))
        .build();
    for (int i = 0; i < 60; i++) {
      limited.arrangePost("brand", "a" + i, "a", T0.minus(Duration.ofHours(2)));
      healthy.arrangePost("brand", "b" + i, "b", T0.minus(Duration.ofHours(2)));
      collector.track(new TrackedPost(a, "a" + i, T0.minus(Duration.ofHours(2))));
      collector.track(new TrackedPost(b, "b" + i, T0.minus(Duration.ofHours(2))));
    }
    Instant reset = T0.plus(Duration.ofMinutes(30));
    limited.scriptFaults(SandboxOperation.POST_METRICS, Fault.rateLimited(reset, "req-1"));

    RefreshReport first = collector.refreshRound();
    assertThat(first.calls(Platform.SANDBOX)).isEqualTo(1); // the 429 stops this platform at once
    assertThat(first.calls(OTHER)).isEqualTo(2);
    assertThat(first.deferred()).containsExactly(Map.entry(Platform.SANDBOX, reset));
    assertThat(healthy.metricsRequestSizes()).containsExactly(50, 10);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withPlatform(OTHER))).hasSize(60);
    assertThat(store.snapshots(WS, SnapshotQuery.all().withPlatform(Platform.SANDBOX))).isEmpty();
    assertThat(collector.deferredUntil(Platform.SANDBOX)).contains(reset);
    assertThat(collector.deferredUntil(OTHER)).isEmpty();

    clock.set(reset.minusSeconds(1));
    RefreshReport waiting = collector.refreshRound();
    assertThat(waiting.calls(Platform.SANDBOX)).isZero();
    assertThat(waiting.deferred()).containsKey(Platform.SANDBOX);
    assertThat(limited.requestCount(SandboxOperation.POST_METRICS)).isEqualTo(1);

    clock.set(reset);
    RefreshReport after = collector.refreshRound();
    assertThat(after.calls(Platform.SANDBOX)).isEqualTo(2);
    assertThat(after.calls(OTHER)).isZero(); // refreshed 30 minutes ago, hourly schedule
    assertThat(store.snapshots(WS, SnapshotQuery.all().withPlatform(Platform.SANDBOX))).hasSize(60);
    assertThat(collector.deferredUntil(Platform.SANDBOX)).isEmpty();
  }

  @Test
  void a_call_budget_caps_a_round_and_the_rest_go_first_next_round() {
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).build();
    SocialAccount acc = account(Platform.SANDBOX, "brand");
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock)
        .connector(sandboxConnector(sandbox)).callBudget(Platform.SANDBOX, 2).build();
    for (int i = 0; i < 130; i++) {
      sandbox.arrangePost("brand", "p" + i, "p", T0.minus(Duration.ofDays(40)));
      collector.track(new TrackedPost(acc, "p" + i, T0.minus(Duration.ofDays(40))));
    }
    assertThat(collector.refreshRound().snapshotsWritten()).isEqualTo(100);
    clock.advance(Duration.ofMinutes(1));
    RefreshReport second = collector.refreshRound();
    assertThat(second.due()).isEqualTo(30);
    assertThat(second.snapshotsWritten()).isEqualTo(30);
    assertThat(sandbox.metricsRequestSizes()).containsExactly(50, 50, 30);
  }

  @Test
  void bad_input_is_refused_with_the_field_named() {
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).build();
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock).connector(sandboxConnector(sandbox)).build();
    assertThatThrownBy(() -> collector.track(new TrackedPost(account(OTHER, "x"), "p", T0)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("platform");
    SocialAccount foreign = new SocialAccount(AccountId.of("f"), WorkspaceId.of("other"), Platform.SANDBOX, "@f", "f",
        ZoneOffset.UTC, CredentialsRef.of("c"));
    assertThatThrownBy(() -> collector.track(new TrackedPost(foreign, "p", T0)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("workspaceId");
    assertThat(collector.trackedCount()).isZero();
    assertThatThrownBy(() -> new RefreshPolicy(List.of(new RefreshPolicy.Step(Duration.ofDays(2), Duration.ofHours(1)),
        new RefreshPolicy.Step(Duration.ofDays(1), Duration.ofHours(2))), Duration.ofDays(7)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("refreshPolicy.steps[1].age");
  }

  @Test
  void the_default_policy_decays_from_hourly_to_weekly() {
    RefreshPolicy p = RefreshPolicy.defaults();
    assertThat(p.intervalFor(Duration.ofHours(23))).isEqualTo(Duration.ofHours(1));
    assertThat(p.intervalFor(Duration.ofDays(1))).isEqualTo(Duration.ofHours(6));
    assertThat(p.intervalFor(Duration.ofDays(8))).isEqualTo(Duration.ofDays(1));
    assertThat(p.intervalFor(Duration.ofDays(30))).isEqualTo(Duration.ofDays(7));
    assertThat(p.due(T0, T0, T0.plus(Duration.ofMinutes(59)))).isFalse();
    assertThat(p.due(T0, T0, T0.plus(Duration.ofMinutes(60)))).isTrue();
    assertThat(p.due(T0, null, T0)).isTrue();
  }

  @Test
  void tracking_reading_and_rounds_from_several_threads_refresh_each_post_once() throws Exception {
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).build();
    SocialAccount acc = account(Platform.SANDBOX, "brand");
    MetricsCollector collector = MetricsCollector.builder(store, WS, clock).connector(sandboxConnector(sandbox)).build();
    int writers = 4;
    int perWriter = 100;
    for (int w = 0; w < writers; w++) {
      for (int i = 0; i < perWriter; i++) {
        sandbox.arrangePost("brand", "w" + w + "-" + i, "t", T0.minus(Duration.ofHours(1)));
      }
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers + 2);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWriter; i++) {
            TrackedPost post = new TrackedPost(acc, "w" + writer + "-" + i, T0.minus(Duration.ofHours(1)));
            collector.track(post);
            collector.track(post); // re-tracking keeps the schedule
            collector.latest(post.key());
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 20; i++) {
            collector.refreshRound();
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> f : futures) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    collector.refreshRound(); // picks up whatever was tracked after the last concurrent round
    assertThat(collector.trackedCount()).isEqualTo(writers * perWriter);
    List<MetricSnapshot> all = store.snapshots(WS, SnapshotQuery.all());
    // The clock never moved, so each post was due exactly once: one snapshot each, none twice.
    assertThat(all).hasSize(writers * perWriter);
    assertThat(all.stream().map(MetricSnapshot::externalPostId).distinct().count()).isEqualTo(writers * perWriter);
    assertThat(collector.latest(new PostKey(Platform.SANDBOX, acc.id(), "w3-99"))).isPresent();
  }
}
