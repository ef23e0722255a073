package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Never-twice, never-lost scenarios, run against every store. Time moves only through {@link
 * #advance}: the in-memory store's test clock, or (JDBC) shifting the stored instants back, which
 * is the same to the database clock.
 */
abstract class DispatchScenarios {

  static final Duration LEASE = Duration.ofSeconds(60);
  static final WorkspaceId W1 = WorkspaceId.of("w1");
  static final WorkspaceId W2 = WorkspaceId.of("w2");
  static final AccountId A1 = AccountId.of("a1");
  static final AccountId A2 = AccountId.of("a2");

  /** A fresh, empty store. */
  abstract DispatchStore newStore();

  /** Moves the store's notion of time forward. */
  abstract void advance(Duration by);

  /** How many targets the race uses (smaller over a network database). */
  int raceSize() {
    return 120;
  }

  DispatchStore store;
  FakePlatform platform;
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();
  /** Runs inside the resolver, after the claim and before the attempt starts. */
  final AtomicReference<Consumer<DispatchRecord>> onResolve = new AtomicReference<>(d -> {});

  @BeforeEach
  void setUpScenario() {
    store = newStore();
    platform = new FakePlatform(() -> store.now());
    events.clear();
  }

  Dispatcher node(String id) {
    return node(id, OutcomeSink.NONE, Clock.systemUTC(), 1);
  }

  Dispatcher node(String id, OutcomeSink sink, Clock clock, int workers) {
    return Dispatcher.builder(store, this::resolve)
        .nodeId(id)
        .sink(sink)
        .clock(clock)
        .events(new EventPublisher(List.of(events::add)))
        .lease(LEASE)
        .workers(workers)
        .batchSize(10)
        .missedWindow(Duration.ofHours(1))
        .retryPolicy(new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 4, 0.1))
        .build();
  }

  Optional<ConnectorResolver.Resolved> resolve(DispatchRecord d) {
    onResolve.get().accept(d);
    SocialAccount account = new SocialAccount(d.key().account(), d.key().workspace(), FakePlatform.PLATFORM,
        "@" + d.key().account(), "x-" + d.key().account(), ZoneId.of("UTC"), CredentialsRef.of("cred"));
    return Optional.of(new ConnectorResolver.Resolved(platform,
        PublishRequest.text(account, d.idempotencyKey(), "post " + d.key().post())));
  }

  DispatchKey schedule(WorkspaceId w, AccountId a, String post, Instant due) {
    DispatchKey key = DispatchKey.once(w, PostId.of(post), a);
    assertThat(store.schedule(DispatchRequest.of(key, due))).isTrue();
    return key;
  }

  DispatchKey dueNow(String post) {
    return schedule(W1, A1, post, store.now().minusSeconds(1));
  }

  DispatchState state(DispatchKey key) {
    return store.find(key).orElseThrow().state();
  }

  int published(DispatchKey key) {
    return platform.count(key.idempotencyKey());
  }

  static OutcomeSink crashingOnPublished() {
    return new OutcomeSink() {
      @Override
      public void published(DispatchRecord dispatch, PublishResult result) {
        throw new IllegalStateException("node killed after the platform accepted");
      }
    };
  }

  /** The background loop's claim (every dispatch goes to a worker at once) records the attempt marker. */
  @Test
  void a_starting_claim_records_the_marker_before_it_returns_and_answers_edits_too_late() {
    DispatchKey key = dueNow("armed");
    List<DispatchRecord> claimed = store.claimAndStart("a", 10, LEASE).dispatches();
    assertThat(claimed).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(key);
      assertThat(d.state()).isEqualTo(DispatchState.CLAIMED);
      assertThat(d.attemptStartedAt()).as("the marker as it was before the claim").isNull();
    });
    assertThat(store.find(key).orElseThrow().attemptStartedAt()).as("recorded by the claim").isNotNull();
    assertThat(store.cancel(key)).isEqualTo(ChangeResult.TOO_LATE);
    assertThat(store.reschedule(key, store.now().plusSeconds(60))).isEqualTo(ChangeResult.TOO_LATE);
    assertThat(state(key)).isEqualTo(DispatchState.CLAIMED);
  }

  @Test
  void node_dying_right_after_a_starting_claim_leaves_a_dispatch_that_is_reconciled_and_published_once() {
    DispatchKey key = dueNow("armed-crash");
    assertThat(store.claimAndStart("dead", 10, LEASE).dispatches()).hasSize(1);
    // The node dies before calling the platform: the next owner cannot tell, so it reconciles first.
    assertTakenOverAndPublishedOnce(key, 1);
  }

  /** Another node finds the lease held, then lapsed, takes the dispatch over and publishes it once. */
  void assertTakenOverAndPublishedOnce(DispatchKey key, int reconciles) {
    Dispatcher b = node("b");
    assertThat(b.runOnce()).as("lease still held").isZero();
    advance(LEASE.plusSeconds(1));
    assertThat(b.runOnce()).isEqualTo(1);
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
    assertThat(platform.reconcileCalls).hasValue(reconciles);
  }

  @Test
  void a_starting_claim_hands_out_an_earlier_attempts_marker_so_the_caller_reconciles() {
    DispatchKey key = dueNow("earlier");
    DispatchRecord first = store.claim("a", 10, LEASE).dispatches().get(0);
    assertThat(store.startAttempt(key, first.leaseToken(), first.version(), LEASE)).isTrue();
    Instant marker = store.find(key).orElseThrow().attemptStartedAt();
    assertThat(store.retry(key, first.leaseToken(), Duration.ZERO, "timed out after sending", true, true)).isTrue();
    DispatchRecord again = store.claimAndStart("b", 10, LEASE).dispatches().get(0);
    assertThat(again.attemptStartedAt()).isEqualTo(marker);
    assertThat(store.find(key).orElseThrow().attemptStartedAt()).isNotNull();
  }

  @Test
  void a_starting_claim_skips_paused_scopes_and_an_outcome_without_a_call_clears_its_marker() {
    DispatchKey paused = schedule(W2, A1, "paused", store.now().minusSeconds(1));
    DispatchKey key = dueNow("not-attempted");
    store.pause(PauseScope.workspace(W2), "crisis");
    List<DispatchRecord> claimed = store.claimAndStart("a", 10, LEASE).dispatches();
    assertThat(claimed).extracting(DispatchRecord::key).containsExactly(key);
    assertThat(state(paused)).isEqualTo(DispatchState.PENDING);
    assertThat(store.find(paused).orElseThrow().attemptStartedAt()).isNull();
    // Found missed (or cancelled by the resolver) after the claim: nothing was sent, so no marker.
    assertThat(store.complete(key, claimed.get(0).leaseToken(), DispatchState.MISSED, null, "too late", false))
        .isTrue();
    assertThat(store.find(key).orElseThrow().attemptStartedAt()).isNull();
  }

  @Test
  void a_retryable_resolve_failure_keeps_the_marker_of_an_earlier_attempt() {
    DispatchKey key = dueNow("resolve-fails");
    DispatchRecord first = store.claim("a", 10, LEASE).dispatches().get(0);
    assertThat(store.startAttempt(key, first.leaseToken(), first.version(), LEASE)).isTrue();
    assertThat(store.retry(key, first.leaseToken(), Duration.ZERO, "timed out after sending", true, true)).isTrue();
    onResolve.set(d -> {
      throw new dev.chorus.connector.PlatformUnavailableException(FakePlatform.PLATFORM, 503, "r1",
          "the content store is down");
    });
    assertThat(node("b").runOnce()).isEqualTo(1);
    DispatchRecord after = store.find(key).orElseThrow();
    assertThat(after.state()).isEqualTo(DispatchState.PENDING);
    assertThat(after.attemptStartedAt()).as("the next attempt must still reconcile first").isNotNull();
    onResolve.set(d -> {});
    advance(Duration.ofMinutes(10));
    assertThat(node("c").runOnce()).isEqualTo(1);
    assertThat(platform.reconcileCalls).hasValue(1);
    assertThat(published(key)).isEqualTo(1);
  }

  @Test
  void publishes_once_when_node_dies_before_the_connector_call() {
    DispatchKey key = dueNow("p1");
    onResolve.set(d -> {
      throw new IllegalStateException("node killed before the connector call");
    });
    assertThat(node("a").runOnce()).isEqualTo(1);
    assertThat(state(key)).isEqualTo(DispatchState.CLAIMED);
    onResolve.set(d -> {});
    assertTakenOverAndPublishedOnce(key, 0);
  }

  @Test
  void publishes_once_when_node_dies_after_the_platform_accepted() {
    DispatchKey key = dueNow("p1");
    node("a", crashingOnPublished(), Clock.systemUTC(), 1).runOnce();
    assertThat(published(key)).isEqualTo(1);
    DispatchRecord abandoned = store.find(key).orElseThrow();
    assertThat(abandoned.state()).isEqualTo(DispatchState.CLAIMED);
    assertThat(abandoned.attemptStartedAt()).isNotNull();
    advance(LEASE.plusSeconds(1));
    assertThat(node("b").runOnce()).isEqualTo(1);
    DispatchRecord done = store.find(key).orElseThrow();
    assertThat(done.state()).isEqualTo(DispatchState.PUBLISHED);
    assertThat(done.url()).hasToString("https://fake.example/p/" + key.idempotencyKey());
    assertThat(published(key)).isEqualTo(1);
    assertThat(platform.publishCalls).hasValue(1);
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DispatchEvent.Published.class,
        p -> assertThat(p.reconciled()).isTrue()));
  }

  @Test
  void reconciles_after_timeout_after_sending_and_does_not_publish_again() {
    DispatchKey key = dueNow("p1");
    platform.faults.add(new FakePlatform.AcceptThenTimeout());
    Dispatcher a = node("a");
    a.runOnce();
    DispatchRecord waiting = store.find(key).orElseThrow();
    assertThat(waiting.state()).isEqualTo(DispatchState.PENDING);
    assertThat(waiting.attemptStartedAt()).as("marker kept for reconciliation").isNotNull();
    assertThat(store.cancel(key)).as("an ambiguous attempt cannot be cancelled").isEqualTo(ChangeResult.TOO_LATE);
    advance(Duration.ofMinutes(1));
    a.runOnce();
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
    assertThat(platform.reconcileCalls).hasValue(1);
    assertThat(platform.publishCalls).hasValue(1);
  }

  @Test
  void an_ambiguous_last_attempt_is_reconciled_before_giving_up() {
    // Four attempts allowed: three fail before the platform accepts, the fourth is accepted but its
    // answer is lost. The post exists, so the dispatch must end PUBLISHED, not FAILED.
    DispatchKey key = dueNow("p1");
    platform.faults.add(new FakePlatform.FailBeforeAccept());
    platform.faults.add(new FakePlatform.FailBeforeAccept());
    platform.faults.add(new FakePlatform.FailBeforeAccept());
    platform.faults.add(new FakePlatform.AcceptThenTimeout());
    Dispatcher a = node("a");
    for (int round = 0; round < 12 && !state(key).equals(DispatchState.PUBLISHED)
        && !state(key).equals(DispatchState.FAILED); round++) {
      a.runOnce();
      advance(Duration.ofMinutes(10));
    }
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
    assertThat(platform.publishCalls).hasValue(4);
    assertThat(platform.reconcileCalls).hasValue(1);
  }

  @Test
  void retries_after_failure_before_accept_without_reconciling() {
    DispatchKey key = dueNow("p1");
    platform.faults.add(new FakePlatform.FailBeforeAccept());
    platform.faults.add(new FakePlatform.ServerError());
    Dispatcher a = node("a");
    a.runOnce();
    assertThat(store.find(key).orElseThrow().attempts()).isEqualTo(1);
    assertThat(store.find(key).orElseThrow().attemptStartedAt()).isNull();
    advance(Duration.ofSeconds(5));
    assertThat(a.runOnce()).as("backoff of ~10 s not over").isZero();
    advance(Duration.ofSeconds(7));
    a.runOnce();
    assertThat(store.find(key).orElseThrow().attempts()).isEqualTo(2);
    advance(Duration.ofSeconds(25));
    a.runOnce();
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
    assertThat(platform.reconcileCalls).hasValue(0);
    assertThat(events).filteredOn(e -> e instanceof DispatchEvent.Retried).hasSize(2);
  }

  @Test
  void honours_the_rate_limit_reset_time() {
    DispatchKey key = dueNow("p1");
    platform.faults.add(new FakePlatform.RateLimit(Duration.ofMinutes(10)));
    Dispatcher a = node("a");
    a.runOnce();
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(DispatchEvent.RateLimited.class));
    advance(Duration.ofMinutes(5));
    assertThat(a.runOnce()).isZero();
    advance(Duration.ofMinutes(6));
    assertThat(a.runOnce()).isEqualTo(1);
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
  }

  @Test
  void content_rejected_fails_at_once_with_the_platform_reason() {
    DispatchKey key = dueNow("p1");
    platform.faults.add(new FakePlatform.Reject("media aspect ratio 3:1 not allowed"));
    node("a").runOnce();
    DispatchRecord failed = store.find(key).orElseThrow();
    assertThat(failed.state()).isEqualTo(DispatchState.FAILED);
    assertThat(failed.lastError()).contains("media aspect ratio 3:1 not allowed");
    assertThat(platform.publishCalls).hasValue(1);
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DispatchEvent.Failed.class,
        f -> assertThat(f.reason()).contains("aspect ratio")));
  }

  @Test
  void expired_credential_pauses_the_account_instead_of_burning_retries() {
    DispatchKey first = schedule(W1, A1, "p1", store.now().minusSeconds(2));
    DispatchKey second = schedule(W1, A1, "p2", store.now().minusSeconds(1));
    DispatchKey other = schedule(W1, A2, "p3", store.now().minusSeconds(1));
    platform.faults.add(new FakePlatform.AuthExpired());
    Dispatcher a = node("a");
    Dispatcher single = Dispatcher.builder(store, this::resolve).nodeId("s").batchSize(1)
        .events(new EventPublisher(List.of(events::add))).lease(LEASE).workers(1).build();
    single.runOnce();
    assertThat(store.pauses()).containsKey(PauseScope.account(W1, A1));
    DispatchRecord held = store.find(first).orElseThrow();
    assertThat(held.state()).isEqualTo(DispatchState.PENDING);
    assertThat(held.attempts()).isZero();
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(DispatchEvent.CredentialExpired.class));
    a.runOnce();
    assertThat(state(other)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(state(first)).isEqualTo(DispatchState.PENDING);
    assertThat(state(second)).isEqualTo(DispatchState.PENDING);
    assertThat(a.resume(PauseScope.account(W1, A1))).isTrue();
    a.runOnce();
    assertThat(published(first)).isEqualTo(1);
    assertThat(published(second)).isEqualTo(1);
    assertThat(platform.total()).isEqualTo(3);
  }

  @Test
  void pause_and_resume_by_workspace_account_and_everything() {
    DispatchKey w1a1 = schedule(W1, A1, "p1", store.now().minusSeconds(1));
    DispatchKey w1a2 = schedule(W1, A2, "p2", store.now().minusSeconds(1));
    DispatchKey w2a1 = schedule(W2, A1, "p3", store.now().minusSeconds(1));
    Dispatcher a = node("a");
    a.pause(PauseScope.all(), "crisis");
    assertThat(a.runOnce()).isZero();
    a.pause(PauseScope.workspace(W1), "client review");
    a.resume(PauseScope.all());
    a.runOnce();
    assertThat(published(w2a1)).isEqualTo(1);
    assertThat(published(w1a1) + published(w1a2)).isZero();
    a.pause(PauseScope.account(W1, A1), "brand safety");
    a.resume(PauseScope.workspace(W1));
    a.runOnce();
    assertThat(published(w1a2)).isEqualTo(1);
    assertThat(published(w1a1)).isZero();
    a.resume(PauseScope.account(W1, A1));
    a.runOnce();
    assertThat(published(w1a1)).isEqualTo(1);
    assertThat(platform.total()).isEqualTo(3);
  }

  @Test
  void crisis_switch_stops_the_rest_of_a_claimed_batch() {
    List<DispatchKey> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(schedule(W1, A1, "p" + i, store.now().minusSeconds(10 - i)));
    }
    Dispatcher a = node("a");
    onResolve.set(d -> store.pause(PauseScope.all(), "crisis"));
    assertThat(a.runOnce()).isEqualTo(5);
    assertThat(platform.total()).isZero();
    assertThat(keys).allSatisfy(k -> assertThat(state(k)).isEqualTo(DispatchState.PENDING));
    onResolve.set(d -> {});
    store.resume(PauseScope.all());
    a.runOnce();
    assertThat(keys).allSatisfy(k -> assertThat(published(k)).isEqualTo(1));
  }

  @Test
  void three_nodes_racing_publish_every_target_exactly_once() throws Exception {
    int n = raceSize();
    List<DispatchKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(schedule(i % 2 == 0 ? W1 : W2, i % 3 == 0 ? A1 : A2, "race-" + i, store.now().minusSeconds(5)));
    }
    List<Dispatcher> nodes = List.of(node("n1", OutcomeSink.NONE, Clock.systemUTC(), 4),
        node("n2", OutcomeSink.NONE, Clock.systemUTC(), 4), node("n3", OutcomeSink.NONE, Clock.systemUTC(), 4));
    CyclicBarrier barrier = new CyclicBarrier(nodes.size());
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (Dispatcher d : nodes) {
      Thread t = new Thread(() -> {
        try {
          barrier.await();
          int idle = 0;
          while (idle < 3) {
            idle = d.runOnce() == 0 ? idle + 1 : 0;
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(60_000);
    }
    nodes.forEach(Dispatcher::close);
    assertThat(errors).isEmpty();
    assertThat(keys).allSatisfy(k -> {
      assertThat(published(k)).as("publications of %s", k).isEqualTo(1);
      assertThat(state(k)).isEqualTo(DispatchState.PUBLISHED);
    });
    assertThat(platform.publishCalls).hasValue(n);
    assertThat(events).filteredOn(e -> e instanceof DispatchEvent.Claimed).hasSize(n);
  }

  /**
   * An empty claim says when the next pending dispatch falls due, so an idle node can wake then: not
   * a dispatch already due but paused, nor one already claimed; none when nothing is pending.
   */
  @Test
  void an_empty_claim_tells_when_the_next_pending_dispatch_falls_due() {
    assertThat(store.claim("n", 10, LEASE).nextDue()).isEmpty();
    Instant base = store.now().truncatedTo(ChronoUnit.SECONDS);
    schedule(W1, A2, "paused-and-due", store.now().minusSeconds(5));
    store.pause(PauseScope.account(W1, A2), "test");
    DispatchKey soon = schedule(W1, A1, "soon", base.plusSeconds(30));
    DispatchKey later = schedule(W2, A1, "later", base.plusSeconds(90));

    ClaimBatch idle = store.claim("n", 10, LEASE);
    assertThat(idle.dispatches()).isEmpty();
    assertThat(idle.nextDueAt()).isEqualTo(store.find(soon).orElseThrow().nextAttemptAt())
        .isEqualTo(base.plusSeconds(30));

    advance(Duration.ofSeconds(31));
    assertThat(store.claim("n", 10, LEASE).dispatches()).extracting(DispatchRecord::key).containsExactly(soon);
    ClaimBatch after = store.claim("n", 10, LEASE);
    assertThat(after.dispatches()).isEmpty();
    assertThat(after.nextDueAt()).isEqualTo(store.find(later).orElseThrow().nextAttemptAt())
        .isAfter(after.now());
  }

  /**
   * A node idle with a long poll interval (an hour) publishes a dispatch when it falls due, not up
   * to an hour later: its empty claim said when, and it woke then. {@code realTime} is a store whose
   * clock runs in real time; with one worker the loop goes through {@link Dispatcher#runOnce()},
   * with more through the claim for idle workers.
   */
  void anIdleNodeWakesWhenTheNextDispatchFallsDue(DispatchStore realTime, int workers) throws Exception {
    DispatchKey key = DispatchKey.once(W1, PostId.of("wake-" + workers), A1);
    Instant due = realTime.now().plusMillis(300);
    assertThat(realTime.schedule(DispatchRequest.of(key, due))).isTrue();
    CountDownLatch published = new CountDownLatch(1);
    OutcomeSink sink = new OutcomeSink() {
      @Override
      public void published(DispatchRecord dispatch, PublishResult result) {
        published.countDown();
      }
    };
    FakePlatform wakePlatform = new FakePlatform(realTime::now);
    try (Dispatcher idle = Dispatcher.builder(realTime, d -> Optional.of(new ConnectorResolver.Resolved(wakePlatform,
        resolve(d).orElseThrow().request()))).nodeId("idle").sink(sink).workers(workers).lease(LEASE)
        .pollInterval(Duration.ofHours(1)).build()) {
      idle.start();
      assertThat(published.await(30, TimeUnit.SECONDS)).as("published well before the poll interval").isTrue();
    }
    assertThat(wakePlatform.count(key.idempotencyKey())).isEqualTo(1);
    assertThat(wakePlatform.results.get(key.idempotencyKey()).publishedAt()).isAfterOrEqualTo(due);
  }

  @Test
  void background_loop_claims_only_for_idle_workers_and_publishes_every_target_once() throws Exception {
    claimsOnlyForIdleWorkersAndPublishesOnce(12, 3, 1, 10);
  }

  /**
   * More workers than one claim may take (6 workers, batches of 2): the workers beyond a batch stay
   * available for the next claim, so all six end up busy (they used to be lost, capping the node at
   * one batch of workers for good).
   */
  @Test
  void idle_workers_beyond_one_batch_are_kept_for_the_next_claim() throws Exception {
    claimsOnlyForIdleWorkersAndPublishesOnce(30, 6, 1, 2);
  }

  /**
   * Four claim loops racing over 40 due targets for 3 workers: the loops together still claim no
   * more than there are idle workers, and every target is claimed and published exactly once.
   */
  @Test
  void several_claim_loops_claim_only_for_idle_workers_and_publish_every_target_once() throws Exception {
    claimsOnlyForIdleWorkersAndPublishesOnce(40, 3, 4, 10);
  }

  private void claimsOnlyForIdleWorkersAndPublishesOnce(int n, int workers, int claimers, int batch)
      throws Exception {
    List<DispatchKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(dueNow("loop-" + i));
    }
    CountDownLatch busy = new CountDownLatch(workers);
    CountDownLatch release = new CountDownLatch(1);
    onResolve.set(d -> {
      busy.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CountDownLatch done = new CountDownLatch(n);
    OutcomeSink sink = new OutcomeSink() {
      @Override
      public void published(DispatchRecord dispatch, PublishResult result) {
        done.countDown();
      }
    };
    Dispatcher loop = Dispatcher.builder(store, this::resolve).nodeId("loop").sink(sink).lease(LEASE)
        .events(new EventPublisher(List.of(events::add))).workers(workers).claimers(claimers).batchSize(batch)
        .pollInterval(Duration.ofMillis(50)).build();
    try {
      loop.start();
      assertThat(busy.await(30, TimeUnit.SECONDS)).isTrue();
      // Every worker is held inside the resolver: the loop has no idle worker and must not claim ahead.
      assertThat(keys.stream().filter(k -> state(k) == DispatchState.CLAIMED)).hasSize(workers);
      assertThat(keys.stream().filter(k -> state(k) == DispatchState.PENDING)).hasSize(n - workers);
      release.countDown();
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      release.countDown();
      loop.close();
    }
    assertThat(keys).allSatisfy(k -> {
      assertThat(published(k)).as("publications of %s", k).isEqualTo(1);
      assertThat(state(k)).isEqualTo(DispatchState.PUBLISHED);
    });
    assertThat(events).filteredOn(e -> e instanceof DispatchEvent.Claimed).hasSize(n);
  }

  @Test
  void node_clock_minutes_off_changes_nothing() {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30));
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30));
    DispatchKey future = schedule(W1, A1, "future", store.now().plus(Duration.ofMinutes(5)));
    DispatchKey due = schedule(W1, A1, "due", store.now().minus(Duration.ofMinutes(2)));
    Dispatcher fast = node("fast", OutcomeSink.NONE, ahead, 1);
    Dispatcher slow = node("slow", OutcomeSink.NONE, behind, 1);
    assertThat(fast.runOnce()).as("only the due one, by the store's clock").isEqualTo(1);
    assertThat(published(due)).isEqualTo(1);
    assertThat(state(future)).isEqualTo(DispatchState.PENDING);
    advance(Duration.ofMinutes(6));
    assertThat(slow.runOnce()).isEqualTo(1);
    assertThat(published(future)).as("not missed, though the node's clock says so or not").isEqualTo(1);
  }

  @Test
  void upload_longer_than_the_lease_keeps_ownership_through_heartbeats() {
    DispatchKey key = dueNow("video");
    Dispatcher a = node("a");
    Dispatcher b = node("b");
    List<Integer> stolen = new ArrayList<>();
    platform.faults.add(new FakePlatform.Slow(() -> {
      for (int i = 0; i < 6; i++) {
        advance(LEASE.dividedBy(2));
        assertThat(a.heartbeat()).isEqualTo(1);
        stolen.add(b.runOnce());
      }
    }));
    a.runOnce();
    assertThat(stolen).containsOnly(0);
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(published(key)).isEqualTo(1);
  }

  @Test
  void late_outcome_of_a_node_that_lost_its_lease_is_rejected() {
    DispatchKey key = dueNow("p1");
    DispatchRecord claimed = store.claim("a", 10, LEASE).dispatches().get(0);
    advance(LEASE.plusSeconds(1));
    DispatchRecord taken = store.claim("b", 10, LEASE).dispatches().get(0);
    assertThat(taken.leaseToken()).isGreaterThan(claimed.leaseToken());
    assertThat(store.startAttempt(key, claimed.leaseToken(), claimed.version(), LEASE)).isFalse();
    assertThat(store.complete(key, claimed.leaseToken(), DispatchState.FAILED, null, "late", false)).isFalse();
    assertThat(store.renew(key, claimed.leaseToken(), LEASE)).isFalse();
    assertThat(store.find(key).orElseThrow().leaseOwner()).isEqualTo("b");
    assertThat(store.complete(key, taken.leaseToken(), DispatchState.CANCELLED, null, "test", false)).isTrue();
  }

  @Test
  void two_hours_of_downtime_publish_within_the_window_and_miss_beyond_it() {
    Instant t0 = store.now();
    DispatchKey early = schedule(W1, A1, "early", t0.plus(Duration.ofMinutes(10)));
    DispatchKey middle = schedule(W1, A1, "middle", t0.plus(Duration.ofMinutes(50)));
    DispatchKey recent = schedule(W1, A1, "recent", t0.plus(Duration.ofMinutes(100)));
    List<DispatchKey> series = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      DispatchKey k = new DispatchKey(W1, PostId.of("daily"), A2, t0.plus(Duration.ofMinutes(25L * i)));
      assertThat(store.schedule(new DispatchRequest(k, k.occurrence(), "daily-series"))).isTrue();
      series.add(k);
    }
    advance(Duration.ofHours(2));
    Dispatcher a = node("a");
    while (a.runOnce() > 0) {
      // drain
    }
    assertThat(state(early)).isEqualTo(DispatchState.MISSED);
    assertThat(state(middle)).isEqualTo(DispatchState.MISSED);
    assertThat(published(recent)).isEqualTo(1);
    assertThat(series.subList(0, 3)).allSatisfy(k -> assertThat(state(k)).isEqualTo(DispatchState.MISSED));
    assertThat(published(series.get(3))).as("the recurrence catches up once").isEqualTo(1);
    assertThat(platform.total()).isEqualTo(2);
    assertThat(events).filteredOn(e -> e instanceof DispatchEvent.Missed).hasSize(5);
  }

  @Test
  void cancel_racing_the_claim_wins_before_the_attempt() {
    DispatchKey key = dueNow("p1");
    Dispatcher a = node("a");
    onResolve.set(d -> assertThat(a.cancel(d.key())).isEqualTo(ChangeResult.APPLIED));
    a.runOnce();
    assertThat(state(key)).isEqualTo(DispatchState.CANCELLED);
    assertThat(published(key)).isZero();
    assertThat(platform.publishCalls).hasValue(0);
  }

  @Test
  void edit_racing_the_claim_publishes_the_new_version_once() {
    DispatchKey key = dueNow("p1");
    Dispatcher a = node("a");
    Instant due = store.find(key).orElseThrow().dueAt();
    onResolve.set(d -> {
      if (d.version() == 0) {
        assertThat(a.reschedule(d.key(), due)).isEqualTo(ChangeResult.APPLIED);
      }
    });
    a.runOnce();
    assertThat(platform.publishCalls).as("old version not sent").hasValue(0);
    assertThat(store.find(key).orElseThrow().version()).isEqualTo(1);
    a.runOnce();
    assertThat(published(key)).isEqualTo(1);
    assertThat(a.cancel(key)).as("after publication").isEqualTo(ChangeResult.TOO_LATE);
    assertThat(a.reschedule(key, due)).isEqualTo(ChangeResult.TOO_LATE);
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
  }

  @Test
  void scheduling_the_same_target_twice_is_a_no_op() {
    DispatchKey key = dueNow("p1");
    Dispatcher a = node("a");
    assertThat(a.schedule(DispatchRequest.of(key, store.now().plusSeconds(600)))).isFalse();
    assertThat(store.find(key).orElseThrow().dueAt()).isBefore(store.now());
    a.runOnce();
    assertThat(a.schedule(DispatchRequest.of(key, store.now()))).isFalse();
    a.runOnce();
    assertThat(published(key)).isEqualTo(1);
  }

  @Test
  void multi_step_flow_resumes_from_its_recorded_checkpoint() {
    DispatchKey key = dueNow("reel");
    platform.faults.add(new FakePlatform.CheckpointThenCrash("container", "c-17"));
    Dispatcher a = node("a");
    a.runOnce();
    assertThat(store.find(key).orElseThrow().checkpoint()).containsEntry("container", "c-17");
    advance(Duration.ofMinutes(1));
    a.runOnce();
    assertThat(platform.reconcileCalls).hasValue(1);
    assertThat(platform.checkpointsSeen.get(1)).containsEntry("container", "c-17");
    assertThat(published(key)).isEqualTo(1);
  }

  static Clock fixed(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }
}
