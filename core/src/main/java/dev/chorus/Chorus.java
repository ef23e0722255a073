package dev.chorus;

import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.event.ChorusListener;
import dev.chorus.event.EventPublisher;
import dev.chorus.inbox.CrisisMode;
import dev.chorus.inbox.InboxEngine;
import dev.chorus.inbox.InboxStore;
import dev.chorus.inbox.SentimentClassifier;
import dev.chorus.model.Actor;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.Role;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.CredentialStatus;
import dev.chorus.schedule.DispatchStore;
import dev.chorus.schedule.RetryPolicy;
import dev.chorus.schedule.Scheduler;
import dev.chorus.schedule.SlotSuggester;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.Session;
import dev.chorus.workflow.SystemTransitions;
import dev.chorus.workflow.Workflow;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The root object an application creates once and shares: it owns the clock, the store and the
 * listeners, and opens {@link Session}s in which an actor works inside a workspace. Thread-safe.
 *
 * <pre>{@code
 * try (Chorus chorus = Chorus.builder().build()) {
 *   Workspace ws = chorus.createWorkspace("Acme", ZoneId.of("Europe/Berlin"), ApprovalPolicy.singleApprover(), owner);
 *   Session session = chorus.session(owner, ws.id());
 *   Post post = session.posts().createDraft(PostContent.text("Hello"), accountId);
 * }
 * }</pre>
 */
public final class Chorus implements AutoCloseable {

  private final Clock clock;
  private final ChorusStore store;
  private final EventPublisher events;
  private final Workflow workflow;
  private final Scheduler scheduler;
  private final InboxEngine inbox;
  private final CrisisMode crisis;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Chorus(Builder builder) {
    this.clock = builder.clock;
    this.store = builder.store == null ? ChorusStore.inMemory() : builder.store;
    // The scheduler's listener goes first, so dispatches follow an edit or cancel before anyone else hears of it.
    AtomicReference<Scheduler> forward = new AtomicReference<>();
    List<ChorusListener> listeners = new ArrayList<>();
    listeners.add(event -> {
      Scheduler target = forward.get();
      if (target != null) {
        target.listener().onEvent(event);
      }
    });
    listeners.addAll(builder.listeners);
    this.events = new EventPublisher(listeners);
    this.workflow = new Workflow(store, clock, events);
    this.scheduler = builder.scheduling.build(store, workflow.system(), clock, events);
    forward.set(scheduler);
    workflow.attachScheduler(scheduler);
    InboxStore inboxStore = builder.inboxStore == null ? InboxStore.inMemory() : builder.inboxStore;
    this.inbox = new InboxEngine(inboxStore, store, scheduler::connector, clock, events, builder.sentiment,
        builder.inboxOverlap);
    this.crisis = new CrisisMode(inboxStore, scheduler, clock, events);
    workflow.attachInbox(inbox, crisis);
  }

  /** A builder with the system UTC clock, an in-memory store and no listeners. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock every timestamp comes from. */
  public Clock clock() {
    return clock;
  }

  /** The store. */
  public ChorusStore store() {
    return store;
  }

  /** Where events go. */
  public EventPublisher events() {
    return events;
  }

  /**
   * The scheduling engine: {@code start()} runs it in the background, {@code runOnce()} runs one step
   * (for tests and hosts that drive it), settings, pauses and the dispatcher.
   */
  public Scheduler scheduler() {
    open();
    return scheduler;
  }

  /**
   * The system side of the unified inbox: sync of every account, webhook ingestion
   * ({@code chorus.inbox().ingest(webhookResult)}). People work through {@code session.inbox()}.
   */
  public InboxEngine inbox() {
    open();
    return inbox;
  }

  /**
   * The crisis switch a host or an anomaly listener calls: entering pauses the workspace's
   * scheduled posts and surfaces its holding statements; leaving resumes them.
   */
  public CrisisMode crisis() {
    open();
    return crisis;
  }

  /**
   * Creates a workspace whose only member is {@code owner}, as {@link Role#OWNER}.
   *
   * @throws InvalidValueException if a value is missing or blank
   */
  public Workspace createWorkspace(String name, ZoneId timeZone, ApprovalPolicy policy, ActorId owner) {
    Checks.required("owner", owner);
    Workspace workspace =
        new Workspace(WorkspaceId.random(), name, timeZone, policy, Map.of(owner, Role.OWNER));
    return createWorkspace(workspace);
  }

  /**
   * Stores the workspace as given.
   *
   * @throws InvalidValueException if a workspace with its id exists
   */
  public Workspace createWorkspace(Workspace workspace) {
    open();
    return workflow.createWorkspace(workspace);
  }

  /** A session in which the actor works inside the workspace. */
  public Session session(ActorId actor, WorkspaceId workspace) {
    open();
    return workflow.session(actor, workspace);
  }

  /** A session in which the actor works inside the workspace. */
  public Session session(Actor actor, WorkspaceId workspace) {
    return session(Checks.required("actor", actor).id(), workspace);
  }

  /** Lifecycle moves made by the scheduling engine as the system actor. */
  public SystemTransitions system() {
    open();
    return workflow.system();
  }

  /** Stops the scheduler and marks the instance closed; further calls fail. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      scheduler.close();
    }
  }

  private void open() {
    if (closed.get()) {
      throw new ChorusException("this Chorus instance is closed");
    }
  }

  /** Configures a {@link Chorus}. Not thread-safe; build once. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ChorusStore store;
    private final List<ChorusListener> listeners = new ArrayList<>();
    private final Scheduler.Builder scheduling = Scheduler.builder();
    private InboxStore inboxStore;
    private SentimentClassifier sentiment = SentimentClassifier.lexicon();
    private Duration inboxOverlap = InboxEngine.DEFAULT_OVERLAP;

    private Builder() {}

    /** Connectors are created from this registry, one per platform, when first needed. */
    public Builder connectors(ConnectorRegistry registry) {
      scheduling.connectors(registry);
      return this;
    }

    /** The context registry connectors are created with (default: the Chorus clock only). */
    public Builder connectorContext(ConnectorContext context) {
      scheduling.connectorContext(context);
      return this;
    }

    /** The raw configuration of the platform's connector from the registry. */
    public Builder connectorConfig(Platform platform, Map<String, String> config) {
      scheduling.connectorConfig(platform, config);
      return this;
    }

    /** A connector instance for its platform; wins over the registry. The caller keeps ownership. */
    public Builder connector(Connector connector) {
      scheduling.connector(connector);
      return this;
    }

    /** Where dispatches live (default: in memory on the Chorus clock); share a JDBC store between nodes. */
    public Builder dispatchStore(DispatchStore store) {
      scheduling.dispatchStore(store);
      return this;
    }

    /** This node's id, recorded as lease owner (random by default). */
    public Builder nodeId(String nodeId) {
      scheduling.nodeId(nodeId);
      return this;
    }

    /** Dispatches per claim, 1 to 1000 (50 by default); checked by {@link #build()}. */
    public Builder dispatchBatchSize(int size) {
      scheduling.batchSize(size);
      return this;
    }

    /** Publishing worker threads, 1 to 256 (4 by default); checked by {@link #build()}. */
    public Builder dispatchWorkers(int workers) {
      scheduling.workers(workers);
      return this;
    }

    /** How long a claim holds without a heartbeat, at least 1 s (2 min by default); checked by {@link #build()}. */
    public Builder dispatchLease(Duration lease) {
      scheduling.lease(lease);
      return this;
    }

    /** The mean wait between idle polls of the background engine (5 s by default); checked by {@link #build()}. */
    public Builder pollInterval(Duration interval) {
      scheduling.pollInterval(interval);
      return this;
    }

    /** How late a post may still go out after downtime before it is MISSED (1 h by default). */
    public Builder missedWindow(Duration window) {
      scheduling.missedWindow(window);
      return this;
    }

    /** Backoff for transient publishing failures. */
    public Builder retryPolicy(RetryPolicy policy) {
      scheduling.retryPolicy(policy);
      return this;
    }

    /** Suggests times for "best time" intents (analytics provides one; none by default). */
    public Builder slotSuggester(SlotSuggester suggester) {
      scheduling.slotSuggester(suggester);
      return this;
    }

    /** How far ahead occurrences of recurring posts are materialised (35 days by default). */
    public Builder recurrenceHorizon(Duration horizon) {
      scheduling.recurrenceHorizon(horizon);
      return this;
    }

    /** Tells when credentials expire; claims within {@code warning} of it emit a warning event. */
    public Builder credentialStatus(CredentialStatus status, Duration warning) {
      scheduling.credentialStatus(status, warning);
      return this;
    }

    /** The clock for every timestamp (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Checks.required("clock", clock);
      return this;
    }

    /** Where state lives (default: a new in-memory store). */
    public Builder store(ChorusStore store) {
      this.store = Checks.required("store", store);
      return this;
    }

    /** Where the inbox keeps its state (default: a new in-memory store). */
    public Builder inboxStore(InboxStore value) {
      this.inboxStore = Checks.required("inboxStore", value);
      return this;
    }

    /** Classifies inbound messages (default: the offline lexicon). */
    public Builder sentimentClassifier(SentimentClassifier value) {
      this.sentiment = Checks.required("sentimentClassifier", value);
      return this;
    }

    /**
     * How far before the newest item seen each inbox poll starts again (5 min by default); checked
     * by {@link #build()}.
     */
    public Builder inboxPollOverlap(Duration value) {
      this.inboxOverlap = Checks.required("inboxPollOverlap", value);
      return this;
    }

    /** Adds a listener; listeners are called in the order added, each isolated from the others. */
    public Builder listener(ChorusListener listener) {
      this.listeners.add(Checks.required("listener", listener));
      return this;
    }

    /**
     * The configured instance.
     *
     * @throws InvalidValueException naming a dispatcher setting that is out of range
     */
    public Chorus build() {
      return new Chorus(this);
    }
  }
}
