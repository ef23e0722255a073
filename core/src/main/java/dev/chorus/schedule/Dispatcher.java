package dev.chorus.schedule;

import dev.chorus.ChorusException;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.Checks;
import dev.chorus.schedule.internal.StoreCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatch node: claims due dispatches from the store in batches under a lease, publishes them
 * through their connector and records the outcome, never twice. Many nodes may share one store.
 *
 * <p>Never twice: the attempt marker is recorded durably before the connector is called (by
 * {@link DispatchStore#startAttempt} in {@link #runOnce()}, by the claim itself in the background
 * loop, which hands every dispatch it claims to an idle worker at once: there an edit or cancel
 * after the claim is TOO_LATE, and a pause takes effect from the next claim); a
 * dispatch whose earlier attempt may have reached the platform (an ambiguous failure, or a node
 * that died mid-attempt) is reconciled with the platform before any new attempt, and a platform
 * that can neither reconcile nor de-duplicate by idempotency key fails the dispatch rather than
 * risk a second post. Never lost: a claimed dispatch whose node dies is claimed again when its
 * lease lapses.
 *
 * <p>Durability and events: every store write returns only once it is durable (the JDBC store
 * commits many dispatches' writes per transaction, but each caller waits for its own commit), and
 * the events describing a state change (Scheduled, Published, Failed, Missed, Retried,
 * RateLimited, Paused, Resumed, CredentialExpired) are handed to the store with that change, so a
 * store with an outbox writes them in the same transaction; listeners hear them only after the
 * change is recorded. {@link DispatchEvent.Claimed} goes to the listeners only, never to the outbox:
 * a claim is not an outcome, writing a row per claim would double the outbox for no relay-worthy
 * fact, and a claim whose node dies is simply claimed again. The {@link OutcomeSink} is called
 * before the outcome is recorded, so it hears every outcome at least once: if the node dies between
 * the two, the next owner reconciles with the platform (the attempt marker was durable before the
 * call) and calls the sink again; the platform still sees at most one post.
 *
 * <p>Write-behind of publications: once the platform accepted a post and the sink heard of it, the
 * worker hands the PUBLISHED outcome to the store ({@link DispatchStore#completeAsync}) and takes
 * the next dispatch without waiting for the commit, so the JDBC store commits many outcomes per
 * transaction. Nothing is lost or doubled by it: until the outcome commits the dispatch is CLAIMED
 * with its durable attempt marker, so if this node dies first, the next owner reconciles with the
 * platform and records what it finds; an outcome arriving after the lease was lost is fenced out.
 * The Published event reaches the listeners only after the commit. {@link #runOnce()} returns and
 * {@link #close()} finishes only after every outcome they started is durable.
 *
 * <p>Tests drive {@link #runOnce()} with a controlled clock; {@link #start()} runs the same step
 * in a background loop. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final String nodeId;
  private final DispatchStore store;
  private final ConnectorResolver resolver;
  private final OutcomeSink sink;
  private final EventPublisher events;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final int batchSize;
  private final int workers;
  private final int claimers;
  private final Duration lease;
  private final Duration pollInterval;
  private final Duration missedWindow;
  private final Map<DispatchKey, Long> inFlight = new ConcurrentHashMap<>();
  /** Publications whose outcome is written behind (see {@link #published}) and not yet durable. */
  private final java.util.Set<CompletableFuture<Boolean>> recording = ConcurrentHashMap.newKeySet();
  /** Idle workers of the background loop: it claims only as many dispatches as there are idle workers. */
  private final Semaphore idle;
  /**
   * After a claim that took nothing: how long until the store's next pending dispatch falls due, in
   * the store's clock, or null when it did not say (or the claim took something).
   */
  private volatile Duration untilNextDue;
  private final Object lifecycle = new Object();
  private ExecutorService pool;
  private ScheduledExecutorService loop;
  private boolean closed;

  private Dispatcher(Builder b) {
    this.nodeId = b.nodeId;
    this.store = b.store;
    this.resolver = b.resolver;
    this.sink = b.sink;
    this.events = b.events;
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy;
    this.batchSize = b.batchSize;
    this.workers = b.workers;
    this.claimers = b.workers > 1 ? b.claimers : 1;
    this.lease = b.lease;
    this.pollInterval = b.pollInterval;
    this.missedWindow = b.missedWindow;
    this.idle = new Semaphore(b.workers);
  }

  /** A builder over the store and the resolver; every other setting has a default. */
  public static Builder builder(DispatchStore store, ConnectorResolver resolver) {
    return new Builder(store, resolver);
  }

  /** This node's id, recorded as lease owner. */
  public String nodeId() {
    return nodeId;
  }

  /** The store. */
  public DispatchStore store() {
    return store;
  }

  /** Schedules a dispatch; scheduling an existing key again is a no-op that returns false. */
  public boolean schedule(DispatchRequest request) {
    Checks.required("request", request);
    DispatchEvent event = new DispatchEvent.Scheduled(clock.instant(), request.key(), request.dueAt());
    boolean added = store.schedule(request, List.of(event));
    if (added) {
      events.publish(event);
    }
    return added;
  }

  /**
   * Schedules one dispatch per occurrence of the rule in {@code [from, to)}, at most {@code max},
   * all in one series so that after downtime only the latest due occurrence is published. Returns
   * how many were new.
   */
  public int scheduleRecurrence(DispatchKey template, Recurrence rule, java.time.LocalDateTime start,
      java.time.ZoneId zone, DstPolicy policy, Instant from, Instant to, int max) {
    Checks.required("template", template);
    String series = template.workspace() + "/" + template.post() + "/" + template.account() + "#" + rule.rule();
    int added = 0;
    for (Instant at : rule.occurrences(start, zone, policy, from, to, max)) {
      DispatchKey key = new DispatchKey(template.workspace(), template.post(), template.account(), at);
      if (schedule(new DispatchRequest(key, at, series))) {
        added++;
      }
    }
    return added;
  }

  /** Cancels a dispatch unless an attempt may already have reached the platform. */
  public ChangeResult cancel(DispatchKey key) {
    return store.cancel(key);
  }

  /**
   * Moves a dispatch to a new due time, or (same due time) records an edit so a claim taken before
   * it cannot publish the old content.
   */
  public ChangeResult reschedule(DispatchKey key, Instant dueAt) {
    return store.reschedule(key, dueAt);
  }

  /** Pauses the scope; nothing in it is claimed or started until resumed. */
  public void pause(PauseScope scope, String reason) {
    Checks.required("scope", scope);
    DispatchEvent event = new DispatchEvent.Paused(clock.instant(), scope, reason == null ? "" : reason);
    store.pause(scope, reason, List.of(event));
    events.publish(event);
  }

  /** Resumes the scope; false when it was not paused. */
  public boolean resume(PauseScope scope) {
    Checks.required("scope", scope);
    DispatchEvent event = new DispatchEvent.Resumed(clock.instant(), scope);
    boolean resumed = store.resume(scope, List.of(event));
    if (resumed) {
      events.publish(event);
    }
    return resumed;
  }

  /**
   * Claims one batch and processes it before returning (on the worker pool when it has more than
   * one worker). Returns how many dispatches were claimed.
   */
  public int runOnce() {
    ClaimBatch batch = store.claim(nodeId, batchSize, lease);
    noteNextDue(batch);
    List<DispatchRecord> claimed = batch.dispatches();
    for (DispatchRecord dispatch : claimed) {
      events.publish(new DispatchEvent.Claimed(clock.instant(), dispatch.key(), nodeId, dispatch.attempts()));
    }
    ExecutorService workerPool = workers > 1 ? pool() : null;
    if (workerPool == null || claimed.size() < 2) {
      for (DispatchRecord dispatch : claimed) {
        processSafely(dispatch, batch.now(), false);
      }
    } else {
      List<Future<?>> futures = new ArrayList<>();
      for (DispatchRecord dispatch : claimed) {
        futures.add(workerPool.submit(() -> processSafely(dispatch, batch.now(), false)));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          LOG.warn("Dispatch worker failed", e.getCause());
        }
      }
    }
    awaitRecording(Duration.ofSeconds(60));
    return claimed.size();
  }

  /** Waits (at most {@code limit}) until every outcome written behind is durable or failed. */
  private void awaitRecording(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    for (CompletableFuture<Boolean> pending : List.copyOf(recording)) {
      try {
        pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // Logged where it completes; a timed-out one stays claimed and is taken over when its lease lapses.
      }
    }
  }

  /**
   * Extends the lease of every dispatch this node is publishing. The background loop calls it every
   * third of the lease; a long upload may call it too. Returns how many leases were extended.
   */
  public int heartbeat() {
    int renewed = 0;
    for (Map.Entry<DispatchKey, Long> entry : inFlight.entrySet()) {
      if (store.renew(entry.getKey(), entry.getValue(), lease)) {
        renewed++;
      } else if (entry.getValue().equals(inFlight.get(entry.getKey()))) {
        // Still in flight after the failed renewal (not merely finished meanwhile): the lease is lost.
        LOG.warn("Node {} lost the lease on {}; its outcome will not be recorded here", nodeId, entry.getKey());
      }
    }
    return renewed;
  }

  /**
   * Starts the background loop: claim, process, heartbeat; idle polls wait the poll interval with
   * jitter. With more than one worker the loop claims for idle workers only and keeps claiming while
   * they publish, so a burst of due dispatches keeps every worker busy; with several
   * {@linkplain Builder#claimers claimers} that many claims run at once, each for the workers idle
   * when it starts.
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("dispatcher " + nodeId + " is closed");
      }
      if (loop != null) {
        return;
      }
      ScheduledThreadPoolExecutor steps = new ScheduledThreadPoolExecutor(
          1 + claimers, runnable -> {
            Thread thread = new Thread(runnable, "chorus-dispatch-" + nodeId);
            thread.setDaemon(true);
            return thread;
          });
      // close() drops the next idle poll instead of waiting up to a poll interval for it.
      steps.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      loop = steps;
      if (workers > 1 && pool() instanceof java.util.concurrent.ThreadPoolExecutor threads) {
        // A node's workers exist from its start, not created one by one during its first burst.
        threads.prestartAllCoreThreads();
      }
      long beat = Math.max(1, lease.toMillis() / 3);
      loop.scheduleWithFixedDelay(this::heartbeatSafely, beat, beat, TimeUnit.MILLISECONDS);
      for (int i = 0; i < claimers; i++) {
        loop.execute(this::loopStep);
      }
    }
  }

  private void loopStep() {
    boolean full = false;
    try {
      full = workers > 1 ? claimForIdleWorkers() : runOnce() >= batchSize;
    } catch (RuntimeException e) {
      untilNextDue = null; // what an earlier claim said no longer counts: wait the full poll interval
      LOG.warn("Dispatch node {} could not claim; trying again after the poll interval", nodeId, e);
    }
    synchronized (lifecycle) {
      if (closed || loop == null) {
        return;
      }
      loop.schedule(this::loopStep, full ? 0 : idleDelayMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void noteNextDue(ClaimBatch batch) {
    untilNextDue = batch.dispatches().isEmpty()
        ? batch.nextDue().map(at -> Duration.between(batch.now(), at)).orElse(null) : null;
  }

  /**
   * The wait before the next claim when the last found nothing more: the poll interval with jitter
   * (0.5x to 1.5x), or less when the store said the next dispatch falls due sooner, so it is claimed
   * when it falls due rather than up to a poll interval later. (A dispatch scheduled on another node
   * meanwhile, due earlier still, is found by the next poll as before.)
   */
  private long idleDelayMillis() {
    long base = pollInterval.toMillis();
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
    Duration next = untilNextDue;
    if (next == null || next.compareTo(Duration.ofMillis(jittered)) >= 0) {
      return jittered;
    }
    return Math.max(1, (next.toNanos() + 999_999) / 1_000_000); // rounded up: due by then
  }

  /**
   * The background loop's step with a worker pool: waits (at most the poll interval) for an idle
   * worker, claims at most one dispatch per idle worker (so nothing claimed waits in a queue while
   * its lease runs) and hands them to the workers without waiting for them, so the next claim
   * overlaps the publishing of this one. Returns whether to claim again at once: the claim was full
   * (more may be due) or every worker stayed busy for the poll interval.
   */
  private boolean claimForIdleWorkers() {
    try {
      if (!idle.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        return true; // every worker stayed busy for a poll interval: look again at once
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    int available = 1 + idle.drainPermits();
    int limit = Math.min(batchSize, available);
    idle.release(available - limit); // idle workers beyond one batch stay idle for the next claim
    List<DispatchRecord> claimed;
    Instant storeNow;
    try {
      // Each dispatch claimed here goes to an idle worker at once, so the claim records the
      // attempt markers too (one write per dispatch fewer; see DispatchStore#claimAndStart).
      ClaimBatch batch = store.claimAndStart(nodeId, limit, lease);
      noteNextDue(batch);
      claimed = batch.dispatches();
      storeNow = batch.now();
    } catch (RuntimeException e) {
      idle.release(limit);
      throw e;
    }
    idle.release(limit - claimed.size());
    ExecutorService workerPool = pool();
    for (int i = 0; i < claimed.size(); i++) {
      DispatchRecord dispatch = claimed.get(i);
      try {
        workerPool.execute(() -> {
          try {
            events.publish(new DispatchEvent.Claimed(clock.instant(), dispatch.key(), nodeId, dispatch.attempts()));
            processSafely(dispatch, storeNow, true);
          } finally {
            idle.release();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Closing: the rest stay claimed and are taken over when their lease lapses.
        idle.release(claimed.size() - i);
        return false;
      }
    }
    return !claimed.isEmpty() && claimed.size() == limit;
  }

  private void heartbeatSafely() {
    try {
      heartbeat();
    } catch (RuntimeException e) {
      LOG.warn("Heartbeat of node {} failed", nodeId, e);
    }
  }

  /** Stops the loop and the workers; dispatches in flight finish or are taken over after their lease. */
  @Override
  public void close() {
    ExecutorService stopLoop;
    ExecutorService stopPool;
    synchronized (lifecycle) {
      closed = true;
      stopLoop = loop;
      stopPool = pool;
      loop = null;
      pool = null;
    }
    for (ExecutorService service : new ExecutorService[] {stopLoop, stopPool}) {
      if (service != null) {
        service.shutdown();
        try {
          if (!service.awaitTermination(30, TimeUnit.SECONDS)) {
            service.shutdownNow();
          }
        } catch (InterruptedException e) {
          service.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }
    }
    awaitRecording(Duration.ofSeconds(30));
  }

  private ExecutorService pool() {
    synchronized (lifecycle) {
      if (pool == null) {
        pool = Executors.newFixedThreadPool(workers, runnable -> {
          Thread thread = new Thread(runnable, "chorus-dispatch-worker-" + nodeId);
          thread.setDaemon(true);
          return thread;
        });
      }
      return pool;
    }
  }

  /**
   * Processes a claimed dispatch; {@code started} when the claim already recorded the attempt
   * marker ({@link DispatchStore#claimAndStart}), in which case {@code dispatch} shows the marker
   * as it was before the claim.
   */
  private void processSafely(DispatchRecord dispatch, Instant storeNow, boolean started) {
    try {
      process(dispatch, storeNow, started);
    } catch (RuntimeException e) {
      // Leave the claim alone: when its lease lapses another node takes over and reconciles.
      LOG.warn("Node {} abandoned {}; it is taken over when the lease lapses", nodeId, dispatch.key(), e);
    } finally {
      inFlight.remove(dispatch.key());
    }
  }

  private void process(DispatchRecord d, Instant storeNow, boolean started) {
    DispatchKey key = d.key();
    long token = d.leaseToken();
    inFlight.put(key, token);
    if (d.attempts() == 0 && d.attemptStartedAt() == null) {
      String missedReason = null;
      if (d.series() != null && store.laterOccurrenceDue(d.series(), d.dueAt(), storeNow)) {
        missedReason = "superseded by a later occurrence of the series";
      } else if (Duration.between(d.dueAt(), storeNow).compareTo(missedWindow) > 0) {
        missedReason = "due at " + d.dueAt() + ", " + Duration.between(d.dueAt(), storeNow).toSeconds()
            + " s late, beyond the missed window of " + missedWindow.toSeconds() + " s";
      }
      if (missedReason != null) {
        sink.missed(d, missedReason);
        DispatchEvent missed = new DispatchEvent.Missed(clock.instant(), key, d.dueAt(), missedReason);
        if (store.complete(key, token, DispatchState.MISSED, null, missedReason, false, List.of(missed))) {
          events.publish(missed);
        }
        return;
      }
    }
    Optional<ConnectorResolver.Resolved> resolved;
    try {
      resolved = resolver.resolve(d);
    } catch (ChorusException e) {
      if (e.retryable()) {
        // Keep the marker of an earlier attempt that may have reached the platform (reconcile first next time).
        retry(d, "could not resolve the target: " + e.getMessage(), false, d.attemptStartedAt() != null, null,
            List.of());
      } else {
        fail(d, "could not resolve the target: " + e.getMessage(), d.attemptStartedAt() != null);
      }
      return;
    }
    if (resolved.isEmpty()) {
      store.complete(key, token, DispatchState.CANCELLED, null, "the target no longer exists",
          d.attemptStartedAt() != null);
      return;
    }
    Connector connector = resolved.get().connector();
    PublishRequest request = resolved.get().request();
    if (!request.idempotencyKey().equals(d.idempotencyKey())) {
      fail(d, "the resolver returned a request whose idempotency key is not the dispatch's",
          d.attemptStartedAt() != null);
      return;
    }
    request = request.withCheckpoint(new StoreCheckpoint(store, key, token, d.checkpoint(), lease));

    if (d.attemptStartedAt() != null) {
      // An earlier attempt may have reached the platform: find out before trying again.
      if (connector.capabilities().supports(Capability.RECONCILE)) {
        Optional<PublishResult> found;
        try {
          found = connector.reconcile(request, d.attemptStartedAt());
        } catch (ConnectorException e) {
          onError(d, e, true);
          return;
        }
        if (found.isPresent()) {
          published(d, found.get(), true);
          return;
        }
        if (d.attempts() >= retryPolicy.maxAttempts()) {
          fail(d, "gave up after " + d.attempts() + " attempts: " + d.lastError()
              + " (reconciled: the platform has no post from them)", false);
          return;
        }
      } else if (!connector.capabilities().supports(Capability.IDEMPOTENCY_KEYS)) {
        fail(d, "an earlier attempt may have reached " + connector.platform().id()
            + ", which can neither reconcile nor de-duplicate; check the account before publishing again", true);
        return;
      }
    }
    if (!started && !store.startAttempt(key, token, d.version(), lease)) {
      // Paused, edited, cancelled or taken over: if still ours (paused), give it back untouched.
      store.retry(key, token, Duration.ZERO, "paused before the attempt", false, d.attemptStartedAt() != null);
      return;
    }
    PublishResult result;
    try {
      result = connector.publish(request);
    } catch (ConnectorException e) {
      onError(d, e, e.outcomeUnknown());
      return;
    } catch (DispatchStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      // An unexpected failure inside the connector may have happened after sending.
      retry(d, "connector failed: " + e, true, true, null, List.of());
      return;
    }
    published(d, result, false);
  }

  private void published(DispatchRecord d, PublishResult result, boolean reconciled) {
    sink.published(d, result);
    DispatchEvent event = new DispatchEvent.Published(clock.instant(), d.key(), result.externalId(), result.url(),
        reconciled);
    CompletableFuture<Boolean> written = store.completeAsync(d.key(), d.leaseToken(), DispatchState.PUBLISHED,
        result, null, false, List.of(event));
    recording.add(written);
    written.whenComplete((done, error) -> {
      try {
        if (error != null) {
          LOG.warn("Node {} could not record the publication of {}; it is taken over and reconciled when the lease"
              + " lapses", nodeId, d.key(), error);
        } else if (done) {
          events.publish(event);
        } else {
          LOG.warn("Node {} lost the lease on {} before recording its publication; the next owner reconciles",
              nodeId, d.key());
        }
      } finally {
        recording.remove(written);
      }
    });
  }

  private void onError(DispatchRecord d, ConnectorException e, boolean outcomeUnknown) {
    String reason = e.getMessage();
    if (e instanceof AuthenticationExpiredException) {
      PauseScope scope = PauseScope.account(d.key().workspace(), d.key().account());
      Instant now = clock.instant();
      List<DispatchEvent> paused = List.of(new DispatchEvent.Paused(now, scope, reason),
          new DispatchEvent.CredentialExpired(now, d.key().workspace(), d.key().account(), reason));
      store.pause(scope, reason, paused);
      store.retry(d.key(), d.leaseToken(), Duration.ZERO, reason, false, outcomeUnknown);
      sink.paused(scope, reason);
      paused.forEach(events::publish);
      return;
    }
    if (!e.retryable() && !outcomeUnknown) {
      fail(d, reason, false);
      return;
    }
    Instant retryAt = null;
    List<DispatchEvent> with = List.of();
    if (e instanceof RateLimitedException limited) {
      retryAt = limited.retryAt().orElse(null);
      with = List.of(new DispatchEvent.RateLimited(clock.instant(), d.key(), retryAt));
    }
    retry(d, reason, true, outcomeUnknown, retryAt, with);
  }

  /** Records a retry (or, out of attempts, a failure) with {@code with} and its own event. */
  private void retry(DispatchRecord d, String reason, boolean failed, boolean outcomeUnknown, Instant retryAt,
      List<DispatchEvent> with) {
    int failures = d.attempts() + (failed ? 1 : 0);
    // Out of attempts: give up at once only when the platform surely has no post. After an
    // ambiguous last attempt, come back once more to reconcile first, so a post the platform did
    // accept is recorded as published rather than failed (bounded, in case reconcile keeps failing).
    boolean reconcileFirst = outcomeUnknown && failures < 2 * retryPolicy.maxAttempts();
    if (failed && failures >= retryPolicy.maxAttempts() && !reconcileFirst) {
      fail(d, "gave up after " + failures + " attempts: " + reason, outcomeUnknown, with);
      return;
    }
    Duration delay = retryPolicy.delay(Math.max(1, failures), ThreadLocalRandom.current());
    if (retryAt != null) {
      Duration untilReset = Duration.between(store.now(), retryAt);
      if (untilReset.compareTo(delay) > 0) {
        delay = untilReset;
      }
    }
    List<DispatchEvent> all = new ArrayList<>(with);
    all.add(new DispatchEvent.Retried(clock.instant(), d.key(), failures, delay, reason));
    if (store.retry(d.key(), d.leaseToken(), delay, reason, failed, outcomeUnknown, all)) {
      all.forEach(events::publish);
    }
  }

  private void fail(DispatchRecord d, String reason, boolean outcomeUnknown) {
    fail(d, reason, outcomeUnknown, List.of());
  }

  /** Records a failure with {@code with} and its own event. */
  private void fail(DispatchRecord d, String reason, boolean outcomeUnknown, List<DispatchEvent> with) {
    sink.failed(d, reason);
    List<DispatchEvent> all = new ArrayList<>(with);
    all.add(new DispatchEvent.Failed(clock.instant(), d.key(), reason));
    if (store.complete(d.key(), d.leaseToken(), DispatchState.FAILED, null, reason, outcomeUnknown, all)) {
      all.forEach(events::publish);
    }
  }

  @Override
  public String toString() {
    return "Dispatcher[" + nodeId + ", " + store + "]";
  }

  /** Settings of a {@link Dispatcher}. */
  public static final class Builder {
    private final DispatchStore store;
    private final ConnectorResolver resolver;
    private String nodeId = "node-" + java.util.UUID.randomUUID();
    private OutcomeSink sink = OutcomeSink.NONE;
    private EventPublisher events = EventPublisher.none();
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private int batchSize = 50;
    private int workers = 4;
    private int claimers = 1;
    private Duration lease = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration missedWindow = Duration.ofHours(1);

    private Builder(DispatchStore store, ConnectorResolver resolver) {
      this.store = Checks.required("store", store);
      this.resolver = Checks.required("resolver", resolver);
    }

    /** The node id recorded as lease owner; random by default. */
    public Builder nodeId(String value) {
      this.nodeId = Checks.notBlank("nodeId", value);
      return this;
    }

    /** Where outcomes go; none by default. */
    public Builder sink(OutcomeSink value) {
      this.sink = Checks.required("sink", value);
      return this;
    }

    /** Where events go; nowhere by default. */
    public Builder events(EventPublisher value) {
      this.events = Checks.required("events", value);
      return this;
    }

    /** The clock for event times; lease and due decisions use the store's clock. */
    public Builder clock(Clock value) {
      this.clock = Checks.required("clock", value);
      return this;
    }

    /** Backoff for transient failures. */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Checks.required("retryPolicy", value);
      return this;
    }

    /** Dispatches per claim, 1 to 1000; 50 by default. */
    public Builder batchSize(int value) {
      if (value < 1 || value > 1000) {
        throw new InvalidValueException("batchSize", value, "must be between 1 and 1000");
      }
      this.batchSize = value;
      return this;
    }

    /**
     * Worker threads, 1 to 2048 (1 processes on the claiming thread); 4 by default. A worker mostly
     * waits on the platform, so a node meeting a burst of N targets due at once at L per call within
     * S needs about N * L / S workers (10,000 at 50 ms within 1 s: 500).
     */
    public Builder workers(int value) {
      if (value < 1 || value > 2048) {
        throw new InvalidValueException("workers", value, "must be between 1 and 2048");
      }
      this.workers = value;
      return this;
    }

    /**
     * Claim loops running at once in the background loop ({@link #start()}), 1 to 16; 1 by default.
     * Only with more than one worker (a single worker processes on the one claiming thread). Each
     * loop claims for the workers idle when it starts; the store keeps concurrent claims disjoint
     * (the JDBC store with {@code FOR UPDATE SKIP LOCKED}, as for several nodes), so claims
     * overlap instead of queueing behind one another. This helps only where the claim loop, not
     * the CPU or the database, is what workers wait for: on a two-core machine shared with
     * PostgreSQL, 4 loops were slower than 1 (benchmarks/README.md). Each loop polls on its own
     * when nothing is due, so idle polls multiply by this number.
     */
    public Builder claimers(int value) {
      if (value < 1 || value > 16) {
        throw new InvalidValueException("claimers", value, "must be between 1 and 16");
      }
      this.claimers = value;
      return this;
    }

    /** How long a claim holds without a heartbeat; at least 1 s, 2 min by default. */
    public Builder lease(Duration value) {
      if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new InvalidValueException("lease", value, "must be at least 1 second");
      }
      this.lease = value;
      return this;
    }

    /** The mean wait between idle polls; at least 10 ms, 5 s by default. */
    public Builder pollInterval(Duration value) {
      if (value == null || value.compareTo(Duration.ofMillis(10)) < 0) {
        throw new InvalidValueException("pollInterval", value, "must be at least 10 ms");
      }
      this.pollInterval = value;
      return this;
    }

    /**
     * How late a never-attempted dispatch may still publish (after downtime); later ones become
     * MISSED. Not negative; 1 h by default.
     */
    public Builder missedWindow(Duration value) {
      if (value == null || value.isNegative()) {
        throw new InvalidValueException("missedWindow", value, "must not be negative");
      }
      this.missedWindow = value;
      return this;
    }

    /** The dispatcher. */
    public Dispatcher build() {
      return new Dispatcher(this);
    }
  }
}
