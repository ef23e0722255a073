package dev.chorus.schedule;

import dev.chorus.ChorusException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.IllegalTransitionException;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.ChorusListener;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.AccountId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.SystemTransitions;
import dev.chorus.workflow.TargetTransitioned;
import dev.chorus.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling capability of one {@code Chorus} instance: it plans targets with the {@link
 * Planner} (account zone and queue, workspace blackouts, account spacing, the platform's publishing
 * quota), hands them to a {@link Dispatcher} that publishes through the connectors, and maps every
 * outcome back onto the post lifecycle through {@link SystemTransitions}.
 *
 * <p>Reached as {@code chorus.scheduler()}; people schedule through {@code
 * session.posts().schedule(postId, intent)}, which checks their permission. Edits, cancels, pauses
 * and retries of targets reach the dispatcher through the workflow's events. Intents (as written)
 * and planning settings live in the {@link ChorusStore}, so any node on the same stores, or this one
 * after a restart, tops up recurrences and plans with the same settings; what this instance keeps in
 * memory is only a cache. The dispatch key of a recurrence's occurrence is its local date-time read
 * as UTC, not its instant, so it is the same on every node and when zone rules move the instant
 * ({@link #replan()}). Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

  /** How far ahead the occurrences of a recurrence are materialised by default. */
  public static final Duration DEFAULT_RECURRENCE_HORIZON = Duration.ofDays(35);

  /** How long before a credential expires a claim warns about it by default. */
  public static final Duration DEFAULT_CREDENTIAL_WARNING = Duration.ofDays(3);

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final int MAX_OCCURRENCES = 1000;
  private static final int MAX_MOVES = 8;
  private static final Duration JUST_PAST = Duration.ofMinutes(1);
  /** How far back the keys of a recurrence are derived from its stored intent, for cancels and listings. */
  private static final Duration KEY_LOOKBACK = Duration.ofDays(7);

  /** A target of a post. */
  private record TargetRef(WorkspaceId workspace, PostId post, AccountId account) {}

  /**
   * What this node armed for a target: its intent, zone and (for a recurrence) the occurrence keys
   * it knows and how far it has materialised them. Only a cache: the intent itself lives in the
   * store, and a node without this entry derives everything from the stored intent.
   */
  private static final class Armed {
    final ScheduleIntent intent;
    final ZoneId zone;
    /** Filled only for a recurrence; a one-off target shares the empty set (64 bytes less per target). */
    final NavigableSet<Instant> occurrences;
    volatile Instant through;

    Armed(ScheduleIntent intent, ZoneId zone) {
      this.intent = intent;
      this.zone = zone;
      this.occurrences = intent instanceof ScheduleIntent.Recurring
          ? new ConcurrentSkipListSet<>() : java.util.Collections.emptyNavigableSet();
    }

    boolean recurring() {
      return intent instanceof ScheduleIntent.Recurring;
    }
  }

  /** One occurrence of a recurrence: its local date-time as written by the rule and its instant now. */
  private record Occurrence(LocalDateTime local, Instant at) {}

  private final ChorusStore store;
  private final SystemTransitions system;
  private final Clock clock;
  private final EventPublisher events;
  private final DispatchStore dispatchStore;
  private final Dispatcher dispatcher;
  private final Planner planner;
  private final SchedulingSettings settings;
  private final Map<Platform, Connector> explicitConnectors;
  private final ConnectorRegistry registry;
  private final ConnectorContext connectorContext;
  private final Map<Platform, Map<String, String>> connectorConfigs;
  private final Map<Platform, Connector> createdConnectors = new ConcurrentHashMap<>();
  private final CredentialStatus credentials;
  private final Duration credentialWarning;
  private final Duration recurrenceHorizon;
  private final Map<TargetRef, Armed> armed = new ConcurrentHashMap<>();
  private final Map<TargetRef, Instant> warned = new ConcurrentHashMap<>();
  private final ReentrantLock planning = new ReentrantLock();
  private final Object lifecycle = new Object();
  private ScheduledExecutorService topUpLoop;
  private boolean closed;

  private Scheduler(Builder b, ChorusStore store, SystemTransitions system, Clock clock, EventPublisher events) {
    this.store = Checks.required("store", store);
    this.system = Checks.required("system", system);
    this.clock = Checks.required("clock", clock);
    this.events = Checks.required("events", events);
    this.settings = new SchedulingSettings(store);
    this.dispatchStore = b.dispatchStore == null ? new InMemoryDispatchStore(clock) : b.dispatchStore;
    this.explicitConnectors = Map.copyOf(b.connectors);
    this.registry = b.registry;
    this.connectorContext = b.connectorContext == null ? ConnectorContext.of(clock) : b.connectorContext;
    this.connectorConfigs = Map.copyOf(b.connectorConfigs);
    this.credentials = b.credentials;
    this.credentialWarning = b.credentialWarning;
    this.recurrenceHorizon = b.recurrenceHorizon;
    this.planner = new Planner(clock, b.suggester, b.planningHorizon);
    Dispatcher.Builder d = Dispatcher.builder(dispatchStore, new Resolver())
        .sink(new Sink())
        .events(events)
        .clock(clock)
        .retryPolicy(b.retryPolicy)
        .batchSize(b.batchSize)
        .workers(b.workers)
        .lease(b.lease)
        .pollInterval(b.pollInterval)
        .missedWindow(b.missedWindow);
    if (b.nodeId != null) {
      d.nodeId(b.nodeId);
    }
    this.dispatcher = d.build();
  }

  /** Settings for a scheduler; {@code Chorus.builder()} exposes the same settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The dispatch engine. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** Where dispatches live. */
  public DispatchStore dispatchStore() {
    return dispatchStore;
  }

  /** The planning settings (blackouts, queues, spacing, conflict mode). */
  public SchedulingSettings settings() {
    return settings;
  }

  /** The planner, on this instance's clock and slot suggester. */
  public Planner planner() {
    return planner;
  }

  /**
   * The listener that keeps dispatches in step with the workflow (an edit or cancel cancels the
   * target's dispatches, a resume or retry re-arms them). {@code Chorus} registers it before any
   * other listener; a host building its own stack must do the same.
   */
  public ChorusListener listener() {
    return this::onEvent;
  }

  /**
   * The connector for the platform: one given explicitly, else one created (once) from the
   * registry with the configured context and configuration.
   *
   * @throws dev.chorus.connector.ConfigException when the registry's provider rejects the configuration
   */
  public Optional<Connector> connector(Platform platform) {
    Checks.required("platform", platform);
    Connector given = explicitConnectors.get(platform);
    if (given != null) {
      return Optional.of(given);
    }
    if (registry == null || registry.provider(platform).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(createdConnectors.computeIfAbsent(platform,
        p -> registry.create(p, connectorContext, connectorConfigs.getOrDefault(p, Map.of()))));
  }

  /**
   * Starts the background engine: {@link #replan()}s the stored intents and materialises the stored
   * recurrences (so a restarted node, or a new one, carries on where any node left off), then runs
   * the dispatcher's loop and an hourly top-up of recurrences.
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the scheduler is closed");
      }
      if (topUpLoop == null) {
        replanSafely();
        topUpSafely();
      }
      dispatcher.start();
      if (topUpLoop == null) {
        topUpLoop = Executors.newSingleThreadScheduledExecutor(runnable -> {
          Thread thread = new Thread(runnable, "chorus-recurrence-" + dispatcher.nodeId());
          thread.setDaemon(true);
          return thread;
        });
        topUpLoop.scheduleWithFixedDelay(this::topUpSafely, 1, 60, TimeUnit.MINUTES);
      }
    }
  }

  /**
   * One step of the engine, for tests and hosts that drive it themselves: materialises due
   * occurrences of the recurrences stored in the {@link ChorusStore} (by any node), then claims and
   * processes one batch. Returns how many dispatches were claimed.
   */
  public int runOnce() {
    topUpSafely();
    return dispatcher.runOnce();
  }

  /** Runs {@link #runOnce()} until a step claims nothing, at most {@code maxSteps} times; returns the total claimed. */
  public int runUntilIdle(int maxSteps) {
    int total = 0;
    for (int i = 0; i < maxSteps; i++) {
      int claimed = runOnce();
      total += claimed;
      if (claimed == 0) {
        break;
      }
    }
    return total;
  }

  /** Stops the engine and closes the connectors it created; a dispatch store it was given stays open. */
  @Override
  public void close() {
    ScheduledExecutorService loop;
    synchronized (lifecycle) {
      closed = true;
      loop = topUpLoop;
      topUpLoop = null;
    }
    if (loop != null) {
      loop.shutdownNow();
    }
    dispatcher.close();
    createdConnectors.values().forEach(connector -> {
      try {
        connector.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the {} connector failed", connector.platform().id(), e);
      }
    });
  }

  /**
   * Pauses dispatch for the scope (the crisis switch for {@link PauseScope#all()}): nothing in it is
   * claimed or started until resumed. Target states do not change.
   */
  public void pause(PauseScope scope, String reason) {
    Checks.required("scope", scope);
    dispatcher.pause(scope, reason);
  }

  /**
   * Resumes the scope; targets the engine paused itself in it (an expired credential) go back to
   * SCHEDULED first. False when the scope was not paused.
   */
  public boolean resume(PauseScope scope) {
    Checks.required("scope", scope);
    List<WorkspaceId> workspaces = scope.workspaceId().map(List::of).orElseGet(store::workspaceIds);
    for (WorkspaceId workspace : workspaces) {
      restoreSystemPaused(workspace, scope.kind() == PauseScope.Kind.ACCOUNT ? scope.account() : null);
    }
    return dispatcher.resume(scope);
  }

  /** The lock that serialises planning in this instance, so two plans cannot take the same slot. */
  public Lock planningLock() {
    return planning;
  }

  /** The intent stored for the target (by an import or an earlier schedule, on any node), if any. */
  public Optional<ScheduleIntent> intent(WorkspaceId workspace, PostId post, AccountId account) {
    return store.scheduleIntent(Checks.required("workspace", workspace), Checks.required("postId", post),
        Checks.required("accountId", account));
  }

  /** Stores the intent for the target as written, used when it is scheduled without one. */
  public void rememberIntent(WorkspaceId workspace, PostId post, AccountId account, ScheduleIntent intent) {
    store.saveScheduleIntent(Checks.required("workspace", workspace), Checks.required("postId", post),
        Checks.required("accountId", account), Checks.required("intent", intent));
  }

  /**
   * The intent a target is scheduled with when none is given: the remembered one, else the next
   * slot of the account's queue, else now.
   */
  public ScheduleIntent defaultIntent(WorkspaceId workspace, PostId post, AccountId account) {
    return intent(workspace, post, account).orElseGet(() -> settings.queue(workspace, account).isPresent()
        ? ScheduleIntent.nextQueueSlot()
        : ScheduleIntent.at(clock.instant()));
  }

  /** The zone a target's times are shown in: its intent's zone, else the account's. */
  public Optional<ZoneId> zone(WorkspaceId workspace, PostId post, AccountId account) {
    Armed a = armed.get(new TargetRef(workspace, post, account));
    if (a != null) {
      return Optional.of(a.zone);
    }
    return intent(workspace, post, account).flatMap(Scheduler::explicitZone)
        .or(() -> store.account(workspace, account).map(SocialAccount::timeZone));
  }

  /**
   * The target's dispatches (one for a one-off, one per occurrence of a recurrence that this node
   * armed or that its stored intent has from a week ago to the recurrence horizon), by due time.
   */
  public List<DispatchRecord> dispatches(WorkspaceId workspace, PostId post, AccountId account) {
    List<DispatchRecord> found = new ArrayList<>();
    for (DispatchKey key : keys(new TargetRef(workspace, post, account))) {
      dispatchStore.find(key).ifPresent(found::add);
    }
    found.sort(java.util.Comparator.comparing(DispatchRecord::dueAt));
    return found;
  }

  /**
   * Plans each listed target of the post with its intent, keeping every rule of its account. Changes
   * nothing; call under {@link #planningLock()} together with {@link #arm}.
   *
   * @throws SchedulingConflictException when a time breaks a rule and the workspace rejects conflicts
   * @throws EntityNotFoundException when an account is gone
   */
  public Map<AccountId, PlannedTarget> plan(Post post, Map<AccountId, ScheduleIntent> targetIntents) {
    Checks.required("post", post);
    Map<AccountId, PlannedTarget> plans = new LinkedHashMap<>();
    Map<AccountId, List<Instant>> planned = new HashMap<>();
    for (Map.Entry<AccountId, ScheduleIntent> entry : targetIntents.entrySet()) {
      AccountId accountId = entry.getKey();
      ScheduleIntent intent = nowIfJustPast(Checks.required("intent", entry.getValue()));
      WorkspaceId workspace = post.workspaceId();
      SocialAccount account = store.account(workspace, accountId)
          .orElseThrow(() -> new EntityNotFoundException("account", accountId, workspace));
      PlanningRules rules = new PlanningRules(settings.blackouts(workspace),
          settings.minSpacing(workspace, accountId), quota(account.platform()));
      List<Instant> taken = new ArrayList<>(taken(workspace, accountId, post.id()));
      taken.addAll(planned.getOrDefault(accountId, List.of()));
      PlanningContext context = new PlanningContext(account, settings.queue(workspace, accountId).orElse(null),
          rules, taken, settings.conflictMode(workspace));
      Instant at = planner.plan(intent, context);
      ZoneId zone = explicitZone(intent).orElse(account.timeZone());
      List<Instant> occurrences = List.of(at);
      if (intent instanceof ScheduleIntent.Recurring recurring) {
        Instant now = clock.instant();
        occurrences = planner.occurrences(recurring, account.timeZone(), now, now.plus(recurrenceHorizon),
            MAX_OCCURRENCES);
        if (occurrences.isEmpty()) {
          occurrences = List.of(at);
        }
      }
      planned.computeIfAbsent(accountId, k -> new ArrayList<>()).addAll(occurrences);
      plans.put(accountId, new PlannedTarget(accountId, intent, zone, at, occurrences));
    }
    return plans;
  }

  /**
   * Schedules the dispatches of the planned targets that are SCHEDULED in {@code post}; a target
   * whose dispatch exists already is left as it is (scheduling twice is a no-op), one whose dispatch
   * was cancelled is re-armed.
   */
  public void arm(Post post, Collection<PlannedTarget> plans) {
    Checks.required("post", post);
    for (PlannedTarget plan : plans) {
      Optional<PostTarget> target = post.target(plan.account());
      if (target.isEmpty() || target.get().state() != TargetState.SCHEDULED) {
        continue;
      }
      TargetRef ref = new TargetRef(post.workspaceId(), post.id(), plan.account());
      store.saveScheduleIntent(ref.workspace(), ref.post(), ref.account(), plan.intent());
      Armed a = new Armed(plan.intent(), plan.zone());
      armed.put(ref, a);
      if (!a.recurring()) {
        armOne(DispatchKey.once(ref.workspace(), ref.post(), ref.account()), plan.at(), null, true);
      } else {
        armOccurrences(ref, a, plan);
      }
    }
  }

  /**
   * Moves SCHEDULED targets of the post to their new plans: a one-off dispatch is rescheduled under
   * its key (so a claim taken before cannot publish at the old time), a recurrence's pending
   * occurrences are cancelled and the new ones armed.
   *
   * @throws ChorusException naming the target when an attempt may already have reached the platform
   */
  public void rearm(Post post, Collection<PlannedTarget> plans) {
    Checks.required("post", post);
    for (PlannedTarget plan : plans) {
      TargetRef ref = new TargetRef(post.workspaceId(), post.id(), plan.account());
      boolean wasRecurring = storedOrArmed(ref).orElse(null) instanceof ScheduleIntent.Recurring;
      if (!plan.recurring() && !wasRecurring) {
        ChangeResult result = dispatcher.reschedule(DispatchKey.once(ref.workspace(), ref.post(), ref.account()), plan.at());
        if (result == ChangeResult.TOO_LATE) {
          throw new ChorusException("post " + post.id().value() + " on account " + plan.account().value()
              + " is being published or is published; it cannot be rescheduled");
        }
        if (result == ChangeResult.NOT_FOUND) {
          armOne(DispatchKey.once(ref.workspace(), ref.post(), ref.account()), plan.at(), null, true);
        }
      } else {
        cancelDispatches(ref, false);
      }
      store.saveScheduleIntent(ref.workspace(), ref.post(), ref.account(), plan.intent());
      Armed a = new Armed(plan.intent(), plan.zone());
      armed.put(ref, a);
      if (plan.recurring()) {
        armOccurrences(ref, a, plan);
      } else if (wasRecurring) {
        armOne(DispatchKey.once(ref.workspace(), ref.post(), ref.account()), plan.at(), null, true);
      }
    }
  }

  /**
   * Arms the occurrences of a planned recurrence up to the horizon; when none falls inside it, the
   * planned first time. Every key is the occurrence's local date-time, so it stays the same when
   * zone rules move the instant.
   */
  private void armOccurrences(TargetRef ref, Armed a, PlannedTarget plan) {
    ScheduleIntent.Recurring recurring = (ScheduleIntent.Recurring) plan.intent();
    Instant now = clock.instant();
    Instant to = now.plus(recurrenceHorizon);
    List<Occurrence> occurrences = occurrences(recurring, a.zone, now, to);
    if (occurrences.isEmpty()) {
      occurrences = List.of(new Occurrence(LocalDateTime.ofInstant(plan.at(), a.zone), plan.at()));
    }
    String series = series(ref, recurring);
    for (Occurrence o : occurrences) {
      DispatchKey key = occurrenceKey(ref, o.local());
      a.occurrences.add(key.occurrence());
      armOne(key, o.at(), series, true);
    }
    a.through = to;
  }

  private void armOne(DispatchKey key, Instant at, String series, boolean revive) {
    if (dispatcher.schedule(new DispatchRequest(key, at, series))) {
      return;
    }
    if (!revive) {
      return;
    }
    dispatchStore.find(key).ifPresent(existing -> {
      if (existing.state() == DispatchState.CANCELLED || existing.state() == DispatchState.MISSED
          || existing.state() == DispatchState.FAILED) {
        ChangeResult result = dispatcher.reschedule(key, at);
        if (result != ChangeResult.APPLIED) {
          LOG.warn("Could not re-arm {}: {}", key, result);
        }
      }
    });
  }

  // --- keeping dispatches in step with the workflow

  private void onEvent(ChorusEvent event) {
    if (!(event instanceof TargetTransitioned t) || t.actor().equals(Workflow.SYSTEM)) {
      return;
    }
    TargetRef ref = new TargetRef(t.workspaceId(), t.postId(), t.accountId());
    switch (t.to()) {
      case DRAFT, PAUSED -> cancelDispatches(ref, false);
      case CANCELLED -> cancelDispatches(ref, true);
      case SCHEDULED -> {
        if (t.from() == TargetState.PAUSED || t.from() == TargetState.FAILED || t.from() == TargetState.MISSED) {
          rearm(ref);
        }
      }
      default -> { }
    }
  }

  private void cancelDispatches(TargetRef ref, boolean forget) {
    for (DispatchKey key : keys(ref)) {
      ChangeResult result = dispatcher.cancel(key);
      if (result == ChangeResult.TOO_LATE) {
        LOG.debug("Dispatch {} is past cancelling", key);
      }
    }
    if (forget) {
      armed.remove(ref);
      store.deleteScheduleIntent(ref.workspace(), ref.post(), ref.account());
    }
  }

  private void rearm(TargetRef ref) {
    Instant now = clock.instant();
    Optional<ScheduleIntent> intent = storedOrArmed(ref);
    if (!(intent.orElse(null) instanceof ScheduleIntent.Recurring recurring)) {
      DispatchKey key = DispatchKey.once(ref.workspace(), ref.post(), ref.account());
      Optional<DispatchRecord> existing = dispatchStore.find(key);
      if (existing.isEmpty()) {
        dispatcher.schedule(DispatchRequest.of(key, now));
      } else if (existing.get().state() != DispatchState.PUBLISHED) {
        Instant due = existing.get().dueAt().isBefore(now) ? now : existing.get().dueAt();
        ChangeResult result = dispatcher.reschedule(key, due);
        if (result != ChangeResult.APPLIED) {
          LOG.warn("Could not re-arm {}: {}", key, result);
        }
      }
      return;
    }
    Armed a = cached(ref, recurring);
    String series = series(ref, recurring);
    Instant to = now.plus(recurrenceHorizon);
    for (Occurrence o : occurrences(recurring, a.zone, now, to)) {
      DispatchKey key = occurrenceKey(ref, o.local());
      a.occurrences.add(key.occurrence());
      armOne(key, o.at(), series, true);
    }
    a.through = to;
  }

  /**
   * Recomputes, with the zone rules this JVM has now, every stored local-time and recurring intent's
   * future dispatches that no node has claimed yet, and moves those whose instant changed (a
   * time-zone database update that moves a DST change or a zone's offset): a local time stays the
   * wall-clock time the user wrote. A one-off local time is placed again by the planner (keeping
   * the account's rules); an occurrence of a recurrence is moved to its new instant, cancelled when
   * its DST policy now skips it, and scheduled when it is missing. Called by {@link #start()}; call it
   * after updating the JVM's time-zone data without a restart. Returns how many dispatches moved.
   */
  public int replan() {
    int moved = 0;
    Instant now = clock.instant();
    for (ChorusStore.StoredIntent stored : store.scheduleIntents()) {
      TargetRef ref = new TargetRef(stored.workspace(), stored.post(), stored.account());
      try {
        if (stored.intent() instanceof ScheduleIntent.AtLocal local) {
          moved += replanLocal(ref, local, now);
        } else if (stored.intent() instanceof ScheduleIntent.Recurring recurring) {
          moved += replanRecurring(ref, recurring, now);
        }
      } catch (ChorusException e) {
        LOG.warn("Could not replan {}/{} on account {}: {}", ref.workspace().value(), ref.post().value(),
            ref.account().value(), e.getMessage());
      }
    }
    return moved;
  }

  private void replanSafely() {
    try {
      int moved = replan();
      if (moved > 0) {
        LOG.info("Replanning with the current time-zone rules moved {} dispatches", moved);
      }
    } catch (RuntimeException e) {
      LOG.warn("Replanning stored intents failed", e);
    }
  }

  private Optional<TargetState> targetState(TargetRef ref) {
    return store.post(ref.workspace(), ref.post()).flatMap(p -> p.target(ref.account())).map(PostTarget::state);
  }

  /** Whether a dispatch is still waiting for its first claim and due after now, so it may be moved. */
  private static boolean movable(DispatchRecord record, Instant now) {
    return record.state() == DispatchState.PENDING && record.attempts() == 0 && record.dueAt().isAfter(now);
  }

  private int replanLocal(TargetRef ref, ScheduleIntent.AtLocal local, Instant now) {
    if (targetState(ref).orElse(null) != TargetState.SCHEDULED) {
      return 0;
    }
    DispatchKey key = DispatchKey.once(ref.workspace(), ref.post(), ref.account());
    Optional<DispatchRecord> record = dispatchStore.find(key);
    if (record.isEmpty() || !movable(record.get(), now)) {
      return 0;
    }
    ZoneId zone = zoneOf(ref, local);
    Optional<Instant> resolved = local.dst().resolve(local.local(), zone);
    if (resolved.isPresent() && resolved.get().equals(record.get().dueAt())) {
      return 0;
    }
    Instant at;
    planning.lock();
    try {
      Post post = store.post(ref.workspace(), ref.post()).orElse(null);
      if (post == null) {
        return 0;
      }
      at = plan(post, Map.of(ref.account(), local)).get(ref.account()).at();
    } finally {
      planning.unlock();
    }
    if (at.equals(record.get().dueAt())) {
      return 0;
    }
    ChangeResult result = dispatcher.reschedule(key, at);
    if (result != ChangeResult.APPLIED) {
      LOG.debug("Could not move {} to {}: {}", key, at, result);
      return 0;
    }
    LOG.info("Moved {} from {} to {}: {} in {} under the current zone rules", key, record.get().dueAt(), at,
        local.local(), zone);
    return 1;
  }

  private int replanRecurring(TargetRef ref, ScheduleIntent.Recurring recurring, Instant now) {
    TargetState state = targetState(ref).orElse(null);
    if (state != TargetState.SCHEDULED && state != TargetState.PUBLISHING) {
      return 0;
    }
    Armed a = cached(ref, recurring);
    Instant to = now.plus(recurrenceHorizon);
    String series = series(ref, recurring);
    int moved = 0;
    // Every local occurrence near the window, whatever instant it had before the rules changed.
    LocalDateTime localFrom = LocalDateTime.ofInstant(now, a.zone).minusDays(2);
    LocalDateTime localTo = LocalDateTime.ofInstant(to, a.zone).plusDays(2);
    for (LocalDateTime local : recurring.recurrence().localOccurrences(recurring.start(), localFrom, localTo,
        MAX_OCCURRENCES + 64)) {
      DispatchKey key = occurrenceKey(ref, local);
      Optional<Instant> at = recurring.dst().resolve(local, a.zone);
      Optional<DispatchRecord> record = dispatchStore.find(key);
      if (record.isEmpty()) {
        if (at.isPresent() && at.get().isAfter(now) && at.get().isBefore(to)) {
          a.occurrences.add(key.occurrence());
          armOne(key, at.get(), series, false);
        }
        continue;
      }
      if (!movable(record.get(), now) || at.equals(Optional.of(record.get().dueAt()))) {
        continue;
      }
      ChangeResult result = at.isEmpty() ? dispatcher.cancel(key) : dispatcher.reschedule(key, at.get());
      if (result == ChangeResult.APPLIED) {
        moved++;
        LOG.info("Moved the occurrence {} of {} from {} to {} under the current zone rules", local, key,
            record.get().dueAt(), at.map(Instant::toString).orElse("nothing (skipped by its DST policy)"));
      }
    }
    return moved;
  }

  private void topUpSafely() {
    try {
      Instant now = clock.instant();
      for (ChorusStore.StoredIntent stored : store.scheduleIntents()) {
        if (!(stored.intent() instanceof ScheduleIntent.Recurring recurring)) {
          continue;
        }
        TargetRef ref = new TargetRef(stored.workspace(), stored.post(), stored.account());
        Optional<TargetState> state = store.post(ref.workspace(), ref.post())
            .flatMap(p -> p.target(ref.account())).map(PostTarget::state);
        if (state.isPresent() && (state.get() == TargetState.SCHEDULED || state.get() == TargetState.PUBLISHING)) {
          topUp(ref, recurring, now);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Materialising recurrences failed; trying again on the next step", e);
    }
  }

  /**
   * Schedules the occurrences from where this node last materialised (or from now) to the horizon.
   * Another node may have scheduled some of them already: the key of an occurrence is the same on
   * every node, so scheduling it again is a no-op.
   */
  private void topUp(TargetRef ref, ScheduleIntent.Recurring recurring, Instant now) {
    Armed a = cached(ref, recurring);
    Instant through = a.through;
    Instant from = through == null || through.isBefore(now) ? now : through;
    Instant to = now.plus(recurrenceHorizon);
    if (!from.isBefore(to)) {
      return;
    }
    String series = series(ref, recurring);
    for (Occurrence o : occurrences(recurring, a.zone, from, to)) {
      DispatchKey key = occurrenceKey(ref, o.local());
      a.occurrences.add(key.occurrence());
      armOne(key, o.at(), series, false);
    }
    a.through = to;
  }

  /** This node's cache entry for the stored recurrence, replaced when the stored intent changed. */
  private Armed cached(TargetRef ref, ScheduleIntent.Recurring recurring) {
    return armed.compute(ref, (k, old) -> old != null && old.intent.equals(recurring)
        ? old
        : new Armed(recurring, zoneOf(ref, recurring)));
  }

  /** The stored intent of the target, else (a store that lost it) the one this node armed. */
  private Optional<ScheduleIntent> storedOrArmed(TargetRef ref) {
    Optional<ScheduleIntent> stored = store.scheduleIntent(ref.workspace(), ref.post(), ref.account());
    if (stored.isPresent()) {
      return stored;
    }
    Armed a = armed.get(ref);
    return a == null ? Optional.empty() : Optional.of(a.intent);
  }

  /** The zone the intent's local times are read in: its own, else the account's (UTC for a gone account). */
  private ZoneId zoneOf(TargetRef ref, ScheduleIntent intent) {
    return explicitZone(intent).orElseGet(() -> store.account(ref.workspace(), ref.account())
        .map(SocialAccount::timeZone).orElse(ZoneOffset.UTC));
  }

  /**
   * The recurrence's occurrences whose instant falls in {@code [from, to)}, under the zone's current
   * rules and the intent's DST policy; an occurrence the policy skips is left out.
   */
  private static List<Occurrence> occurrences(ScheduleIntent.Recurring recurring, ZoneId zone, Instant from, Instant to) {
    LocalDateTime localFrom = LocalDateTime.ofInstant(from, zone).minusDays(1);
    LocalDateTime localTo = LocalDateTime.ofInstant(to, zone).plusDays(1);
    List<Occurrence> result = new ArrayList<>();
    for (LocalDateTime local : recurring.recurrence().localOccurrences(recurring.start(), localFrom, localTo,
        MAX_OCCURRENCES + 64)) {
      Optional<Instant> at = recurring.dst().resolve(local, zone);
      if (at.isPresent() && !at.get().isBefore(from) && at.get().isBefore(to) && result.size() < MAX_OCCURRENCES) {
        result.add(new Occurrence(local, at.get()));
      }
    }
    return result;
  }

  /**
   * The key of one occurrence: its local date-time read as if it were UTC. Not the instant, which a
   * time-zone database update may move; the local time as the rule writes it is the same on every
   * node and under every version of the zone rules.
   */
  private static DispatchKey occurrenceKey(TargetRef ref, LocalDateTime local) {
    return new DispatchKey(ref.workspace(), ref.post(), ref.account(), local.toInstant(ZoneOffset.UTC));
  }

  /** The local date-time of an occurrence key, for messages. */
  private static LocalDateTime occurrenceLocal(DispatchKey key) {
    return LocalDateTime.ofInstant(key.occurrence(), ZoneOffset.UTC);
  }

  private List<DispatchKey> keys(TargetRef ref) {
    Optional<ScheduleIntent> intent = storedOrArmed(ref);
    if (!(intent.orElse(null) instanceof ScheduleIntent.Recurring recurring)) {
      return List.of(DispatchKey.once(ref.workspace(), ref.post(), ref.account()));
    }
    java.util.TreeSet<Instant> occurrences = new java.util.TreeSet<>();
    Armed a = armed.get(ref);
    if (a != null && a.recurring()) {
      occurrences.addAll(a.occurrences);
    }
    Instant now = clock.instant();
    ZoneId zone = a != null && a.intent.equals(recurring) ? a.zone : zoneOf(ref, recurring);
    for (Occurrence o : occurrences(recurring, zone, now.minus(KEY_LOOKBACK), now.plus(recurrenceHorizon))) {
      occurrences.add(occurrenceKey(ref, o.local()).occurrence());
    }
    List<DispatchKey> keys = new ArrayList<>();
    for (Instant occurrence : occurrences) {
      keys.add(new DispatchKey(ref.workspace(), ref.post(), ref.account(), occurrence));
    }
    return keys;
  }

  private static String series(TargetRef ref, ScheduleIntent.Recurring recurring) {
    String text = ref.workspace().value() + "/" + ref.post().value() + "/" + ref.account().value() + "#" + recurring.rule();
    if (text.length() <= 400) {
      return text;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ref.workspace().value() + "/" + ref.post().value() + "#" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * An instant up to a minute in the past is a "now" read a moment ago (by the caller or by {@link
   * #defaultIntent}); it is planned for a second from now rather than refused as past.
   */
  private ScheduleIntent nowIfJustPast(ScheduleIntent intent) {
    if (intent instanceof ScheduleIntent.At at) {
      Instant now = clock.instant();
      if (at.instant().isBefore(now) && Duration.between(at.instant(), now).compareTo(JUST_PAST) <= 0) {
        return ScheduleIntent.at(now.plusSeconds(1));
      }
    }
    return intent;
  }

  private static Optional<ZoneId> explicitZone(ScheduleIntent intent) {
    if (intent instanceof ScheduleIntent.AtLocal local) {
      return local.explicitZone();
    }
    if (intent instanceof ScheduleIntent.Recurring recurring) {
      return Optional.ofNullable(recurring.zone());
    }
    return Optional.empty();
  }

  private PublishingQuota quota(Platform platform) {
    try {
      return connector(platform).flatMap(c -> c.capabilities().limits().quota()).orElse(null);
    } catch (ChorusException e) {
      LOG.warn("No connector for {} to read its publishing quota from: {}", platform.id(), e.getMessage());
      return null;
    }
  }

  /** The account's other planned or recent publication times, for spacing and quota. */
  private List<Instant> taken(WorkspaceId workspace, AccountId account, PostId exclude) {
    List<Instant> taken = new ArrayList<>();
    for (Post other : store.posts(workspace)) {
      if (other.id().equals(exclude)) {
        continue;
      }
      Optional<PostTarget> target = other.target(account);
      if (target.isEmpty()) {
        continue;
      }
      switch (target.get().state()) {
        case PUBLISHED -> {
          if (target.get().published() != null && target.get().published().publishedAt() != null) {
            taken.add(target.get().published().publishedAt());
          }
        }
        case SCHEDULED, PUBLISHING, PAUSED -> {
          for (DispatchRecord record : dispatches(workspace, other.id(), account)) {
            if (record.state() != DispatchState.CANCELLED && record.state() != DispatchState.MISSED) {
              taken.add(record.dueAt());
            }
          }
        }
        default -> { }
      }
    }
    return taken;
  }

  // --- engine-side moves

  /** Targets the engine paused itself (an expired credential) go back to SCHEDULED. */
  private void restoreSystemPaused(WorkspaceId workspace, AccountId onlyAccount) {
    for (Post post : store.posts(workspace)) {
      for (PostTarget target : post.targets()) {
        if (target.state() != TargetState.PAUSED
            || (onlyAccount != null && !onlyAccount.equals(target.accountId()))) {
          continue;
        }
        AuditEntry last = null;
        for (AuditEntry entry : store.audit(workspace, post.id())) {
          if (entry.accountId().equals(target.accountId())) {
            last = entry;
          }
        }
        if (last != null && last.actor().equals(Workflow.SYSTEM) && last.to() == TargetState.PAUSED) {
          try {
            system.transition(workspace, post.id(), target.accountId(), TargetState.SCHEDULED,
                "resumed with the account's dispatch");
          } catch (IllegalTransitionException e) {
            LOG.debug("Target {}/{} moved on before it could be resumed", post.id(), target.accountId());
          }
        }
      }
    }
  }

  private Optional<PostTarget> currentTarget(DispatchKey key) {
    return store.post(key.workspace(), key.post()).flatMap(p -> p.target(key.account()));
  }

  /**
   * Moves the target along {@code path} from wherever it stands, retrying on a lost race; each
   * step is taken only from the state before it in the path.
   */
  private interface Step {
    /** The next move from {@code state}, or null when done. */
    Runnable next(TargetState state);
  }

  private void drive(DispatchKey key, Step step) {
    for (int i = 0; i < MAX_MOVES; i++) {
      Optional<PostTarget> target = currentTarget(key);
      if (target.isEmpty()) {
        return;
      }
      Runnable move = step.next(target.get().state());
      if (move == null) {
        return;
      }
      try {
        move.run();
      } catch (IllegalTransitionException e) {
        LOG.debug("Lost a race moving {}; reading it again", key);
      }
    }
    throw new ChorusException("could not record the outcome of " + key + " after " + MAX_MOVES + " tries");
  }

  /** Builds the request from the post's current content, moving the target to PUBLISHING. */
  private final class Resolver implements ConnectorResolver {
    @Override
    public Optional<Resolved> resolve(DispatchRecord dispatch) {
      DispatchKey key = dispatch.key();
      Optional<SocialAccount> account = store.account(key.workspace(), key.account());
      if (account.isEmpty() || currentTarget(key).isEmpty()) {
        return Optional.empty();
      }
      Optional<DispatchRecord> current = dispatchStore.find(key);
      if (current.isEmpty() || current.get().leaseToken() != dispatch.leaseToken()) {
        // Rescheduled, cancelled or taken over since the claim: every write of this claim is fenced
        // out, so answering "gone" changes nothing, and the target is not moved to PUBLISHING.
        return Optional.empty();
      }
      boolean[] gone = {false};
      drive(key, state -> switch (state) {
        case SCHEDULED -> () -> system.publishing(key.workspace(), key.post(), key.account());
        case PUBLISHING -> null;
        default -> {
          gone[0] = true;
          yield null;
        }
      });
      if (gone[0]) {
        return Optional.empty();
      }
      Post post = store.post(key.workspace(), key.post()).orElse(null);
      PostTarget target = post == null ? null : post.target(key.account()).orElse(null);
      if (target == null || target.state() != TargetState.PUBLISHING) {
        return Optional.empty();
      }
      Connector connector = connector(account.get().platform()).orElseThrow(() -> new ChorusException(
          "no connector for platform " + account.get().platform().id() + "; add one with Chorus.builder().connectors(...)"));
      warnIfExpiring(key, account.get());
      return Optional.of(new Resolved(connector,
          PublishRequest.of(post, target, account.get(), dispatch.idempotencyKey())));
    }
  }

  private void warnIfExpiring(DispatchKey key, SocialAccount account) {
    Optional<Instant> expires;
    try {
      expires = credentials.expiresAt(account);
    } catch (RuntimeException e) {
      LOG.warn("The credential status of account {} could not be read", account.id().value(), e);
      return;
    }
    if (expires.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    if (expires.get().isAfter(now.plus(credentialWarning))) {
      return;
    }
    TargetRef accountRef = new TargetRef(key.workspace(), PostId.of("account"), key.account());
    Instant before = warned.put(accountRef, expires.get());
    if (expires.get().equals(before)) {
      return;
    }
    DispatchEvent event = new DispatchEvent.CredentialExpiring(now, key, expires.get());
    try {
      dispatchStore.appendOutbox(event);
    } catch (RuntimeException e) {
      LOG.warn("Could not write {} to the outbox", event.type(), e);
    }
    events.publish(event);
  }

  /** Maps dispatch outcomes onto the lifecycle; every callback is idempotent. */
  private final class Sink implements OutcomeSink {

    @Override
    public void published(DispatchRecord d, PublishResult result) {
      DispatchKey key = d.key();
      boolean[] done = {false};
      drive(key, state -> done[0] ? null : switch (state) {
        case SCHEDULED -> () -> system.publishing(key.workspace(), key.post(), key.account());
        case PUBLISHING -> d.series() == null
            ? () -> system.published(key.workspace(), key.post(), key.account(), result.toRef())
            : () -> {
              system.transition(key.workspace(), key.post(), key.account(), TargetState.SCHEDULED,
                  "published the occurrence of " + occurrenceLocal(key) + " as " + result.externalId()
                      + (result.url() == null ? "" : " " + result.url()) + "; later occurrences stay scheduled");
              done[0] = true;
            };
        default -> {
          if (state != TargetState.PUBLISHED && d.series() == null) {
            LOG.warn("{} was published while its target is {}", key, state);
          }
          yield null;
        }
      });
    }

    @Override
    public void failed(DispatchRecord d, String reason) {
      DispatchKey key = d.key();
      drive(key, state -> switch (state) {
        case SCHEDULED -> d.series() == null
            ? () -> system.publishing(key.workspace(), key.post(), key.account())
            : null;
        case PUBLISHING -> d.series() == null
            ? () -> system.failed(key.workspace(), key.post(), key.account(), reason)
            : () -> system.transition(key.workspace(), key.post(), key.account(), TargetState.SCHEDULED,
                "the occurrence of " + occurrenceLocal(key) + " failed: " + reason);
        default -> null;
      });
    }

    @Override
    public void missed(DispatchRecord d, String reason) {
      DispatchKey key = d.key();
      drive(key, state -> switch (state) {
        case PUBLISHING -> () -> system.transition(key.workspace(), key.post(), key.account(), TargetState.SCHEDULED,
            "not published: " + reason);
        case SCHEDULED -> d.series() == null
            ? () -> system.missed(key.workspace(), key.post(), key.account(), reason)
            : null;
        default -> null;
      });
    }

    @Override
    public void paused(PauseScope scope, String reason) {
      if (scope.kind() != PauseScope.Kind.ACCOUNT) {
        return;
      }
      for (Post post : store.posts(scope.workspace())) {
        if (post.target(scope.account()).isEmpty()) {
          continue;
        }
        DispatchKey key = DispatchKey.once(scope.workspace(), post.id(), scope.account());
        drive(key, state -> switch (state) {
          case PUBLISHING -> () -> system.transition(key.workspace(), key.post(), key.account(),
              TargetState.SCHEDULED, "credential expired before publishing");
          case SCHEDULED -> () -> system.paused(key.workspace(), key.post(), key.account(),
              "credential expired: " + reason);
          default -> null;
        });
      }
    }
  }

  @Override
  public String toString() {
    return "Scheduler[" + dispatcher.nodeId() + ", " + dispatchStore + "]";
  }

  /**
   * Settings of a {@link Scheduler}. Dispatcher settings are validated when the scheduler is built
   * (by {@code Chorus.Builder.build()}), each with a typed error naming the setting.
   */
  public static final class Builder {
    private DispatchStore dispatchStore;
    private final Map<Platform, Connector> connectors = new LinkedHashMap<>();
    private ConnectorRegistry registry;
    private ConnectorContext connectorContext;
    private final Map<Platform, Map<String, String>> connectorConfigs = new HashMap<>();
    private String nodeId;
    private int batchSize = 50;
    private int workers = 4;
    private Duration lease = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Duration missedWindow = Duration.ofHours(1);
    private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
    private SlotSuggester suggester = SlotSuggester.NONE;
    private Duration planningHorizon = Planner.DEFAULT_HORIZON;
    private Duration recurrenceHorizon = DEFAULT_RECURRENCE_HORIZON;
    private CredentialStatus credentials = CredentialStatus.UNKNOWN;
    private Duration credentialWarning = DEFAULT_CREDENTIAL_WARNING;

    private Builder() {}

    /** Where dispatches live (default: in memory on the Chorus clock). Not closed by the scheduler. */
    public Builder dispatchStore(DispatchStore store) {
      this.dispatchStore = Checks.required("dispatchStore", store);
      return this;
    }

    /** Connectors are created from this registry, one per platform, when first needed. */
    public Builder connectors(ConnectorRegistry value) {
      this.registry = Checks.required("connectors", value);
      return this;
    }

    /** The context connectors from the registry are created with (default: the Chorus clock only). */
    public Builder connectorContext(ConnectorContext value) {
      this.connectorContext = Checks.required("connectorContext", value);
      return this;
    }

    /** The raw configuration of the platform's connector from the registry. */
    public Builder connectorConfig(Platform platform, Map<String, String> config) {
      connectorConfigs.put(Checks.required("platform", platform), Checks.map("connectorConfig", config));
      return this;
    }

    /** A connector instance for its platform; wins over the registry. The caller keeps ownership. */
    public Builder connector(Connector connector) {
      Checks.required("connector", connector);
      connectors.put(connector.platform(), connector);
      return this;
    }

    /** This node's id, recorded as lease owner (random by default). */
    public Builder nodeId(String value) {
      this.nodeId = Checks.notBlank("nodeId", value);
      return this;
    }

    /** Dispatches per claim, 1 to 1000 (50 by default). */
    public Builder batchSize(int value) {
      this.batchSize = value;
      return this;
    }

    /** Publishing worker threads, 1 to 256 (4 by default). */
    public Builder workers(int value) {
      this.workers = value;
      return this;
    }

    /** How long a claim holds without a heartbeat, at least 1 s (2 min by default). */
    public Builder lease(Duration value) {
      this.lease = value;
      return this;
    }

    /** The mean wait between idle polls of the background loop, at least 10 ms (5 s by default). */
    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    /** How late a never-attempted dispatch may still publish after downtime (1 h by default). */
    public Builder missedWindow(Duration value) {
      this.missedWindow = value;
      return this;
    }

    /** Backoff for transient failures. */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Checks.required("retryPolicy", value);
      return this;
    }

    /** Suggests times for {@link ScheduleIntent#bestTime} (none by default). */
    public Builder slotSuggester(SlotSuggester value) {
      this.suggester = Checks.required("slotSuggester", value);
      return this;
    }

    /** How far ahead planning searches (26 weeks by default). */
    public Builder planningHorizon(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidValueException("planningHorizon", value, "must be positive");
      }
      this.planningHorizon = value;
      return this;
    }

    /** How far ahead occurrences of recurrences are materialised (35 days by default). */
    public Builder recurrenceHorizon(Duration value) {
      if (value == null || value.compareTo(Duration.ofHours(1)) < 0) {
        throw new InvalidValueException("recurrenceHorizon", value, "must be at least 1 hour");
      }
      this.recurrenceHorizon = value;
      return this;
    }

    /**
     * Tells when accounts' credentials expire; a claim for an account whose credential expires
     * within {@code warning} emits {@link DispatchEvent.CredentialExpiring} (once per expiry).
     */
    public Builder credentialStatus(CredentialStatus status, Duration warning) {
      this.credentials = Checks.required("credentialStatus", status);
      if (warning == null || warning.isNegative()) {
        throw new InvalidValueException("credentialWarning", warning, "must not be negative");
      }
      this.credentialWarning = warning;
      return this;
    }

    /**
     * The scheduler over the Chorus state.
     *
     * @throws InvalidValueException naming a dispatcher setting that is out of range
     */
    public Scheduler build(ChorusStore store, SystemTransitions system, Clock clock, EventPublisher events) {
      return new Scheduler(this, store, system, clock, events);
    }
  }
}
