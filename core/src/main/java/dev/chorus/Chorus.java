package dev.chorus;

import dev.chorus.event.ChorusListener;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.Actor;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Checks;
import dev.chorus.model.Role;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.Session;
import dev.chorus.workflow.SystemTransitions;
import dev.chorus.workflow.Workflow;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
  private final AtomicBoolean closed = new AtomicBoolean();

  private Chorus(Builder builder) {
    this.clock = builder.clock;
    this.store = builder.store == null ? ChorusStore.inMemory() : builder.store;
    this.events = new EventPublisher(builder.listeners);
    this.workflow = new Workflow(store, clock, events);
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

  /** Marks the instance closed; further calls fail. Idempotent. */
  @Override
  public void close() {
    closed.set(true);
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

    private Builder() {}

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

    /** Adds a listener; listeners are called in the order added, each isolated from the others. */
    public Builder listener(ChorusListener listener) {
      this.listeners.add(Checks.required("listener", listener));
      return this;
    }

    /** The configured instance. */
    public Chorus build() {
      return new Chorus(this);
    }
  }
}
