package dev.chorus.workflow;

import dev.chorus.AccessDeniedException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.StaleVersionException;
import dev.chorus.event.ChorusEvent;
import dev.chorus.event.EventPublisher;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.Role;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The engine behind {@link dev.chorus.Chorus}: it opens {@link Session}s, checks permissions and
 * applies post changes with optimistic retry. Thread-safe; usually reached through {@code Chorus}
 * rather than built directly.
 */
public final class Workflow {

  /** The actor the scheduling engine and other internal machinery act as. */
  public static final ActorId SYSTEM = ActorId.of("chorus-system");

  /** How often a change is re-applied after losing an optimistic-concurrency race. */
  static final int MAX_ATTEMPTS = 32;

  private final ChorusStore store;
  private final Clock clock;
  private final EventPublisher events;
  private final Object workspaceLock = new Object();
  private volatile dev.chorus.schedule.Scheduler scheduler;
  private volatile dev.chorus.inbox.InboxEngine inbox;
  private volatile dev.chorus.inbox.CrisisMode crisisMode;

  /** An engine over the store, reading time from the clock and emitting through the publisher. */
  public Workflow(ChorusStore store, Clock clock, EventPublisher events) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
  }

  /** Stores a new workspace as given and returns it. */
  public Workspace createWorkspace(Workspace workspace) {
    store.insertWorkspace(Checks.required("workspace", workspace));
    return workspace;
  }

  /**
   * A session in which the actor works in the workspace. Membership and permissions are checked on
   * every call, so a role change takes effect at once.
   */
  public Session session(ActorId actor, WorkspaceId workspace) {
    return new Session(this, Checks.required("actor", actor), Checks.required("workspace", workspace));
  }

  /** The entry the scheduling engine uses to move targets as {@link #SYSTEM}. */
  public SystemTransitions system() {
    return new SystemTransitions(this);
  }

  /**
   * Attaches the scheduler that {@link Posts#schedule(PostId, dev.chorus.schedule.ScheduleIntent)}
   * plans and dispatches with; {@code Chorus} does this once when it is built.
   *
   * @throws IllegalStateException if a scheduler is attached already
   */
  public void attachScheduler(dev.chorus.schedule.Scheduler value) {
    Checks.required("scheduler", value);
    synchronized (workspaceLock) {
      if (scheduler != null) {
        throw new IllegalStateException("a scheduler is attached already");
      }
      scheduler = value;
    }
  }

  /**
   * Attaches the inbox that {@link Session#inbox()} works with; {@code Chorus} does this once.
   *
   * @throws IllegalStateException if an inbox is attached already
   */
  public void attachInbox(dev.chorus.inbox.InboxEngine engine, dev.chorus.inbox.CrisisMode crisis) {
    Checks.required("inbox", engine);
    Checks.required("crisis", crisis);
    synchronized (workspaceLock) {
      if (inbox != null) {
        throw new IllegalStateException("an inbox is attached already");
      }
      inbox = engine;
      crisisMode = crisis;
    }
  }

  /** The session inbox of the actor. */
  dev.chorus.inbox.Inbox inbox(ActorId actor, WorkspaceId workspace) {
    dev.chorus.inbox.InboxEngine engine = inbox;
    if (engine == null) {
      throw new IllegalStateException("no inbox is attached");
    }
    return dev.chorus.inbox.Inbox.of(engine, crisisMode, p -> authorize(actor, workspace, p).workspace(),
        actor, workspace);
  }

  /** The attached scheduler, if any. */
  java.util.Optional<dev.chorus.schedule.Scheduler> scheduler() {
    return java.util.Optional.ofNullable(scheduler);
  }

  ChorusStore store() {
    return store;
  }

  Instant now() {
    return clock.instant();
  }

  void emit(ChorusEvent event) {
    events.publish(event);
  }

  /** The actor's role in the workspace; a non-member sees the same error as for a missing one. */
  Access member(ActorId actor, WorkspaceId workspace) {
    Workspace found = store.workspace(workspace).orElse(null);
    Role role = found == null ? null : found.members().get(actor);
    if (role == null) {
      throw new EntityNotFoundException("workspace", workspace, workspace);
    }
    return new Access(found, role);
  }

  /** The actor's access, which must include the permission. */
  Access authorize(ActorId actor, WorkspaceId workspace, Permission permission) {
    Access access = member(actor, workspace);
    if (!access.role().allows(permission)) {
      throw new AccessDeniedException(actor, permission, workspace);
    }
    return access;
  }

  /** Changes a workspace under this engine's lock (workspace edits are rare and small). */
  Workspace updateWorkspace(WorkspaceId id, java.util.function.UnaryOperator<Workspace> edit) {
    synchronized (workspaceLock) {
      Workspace current =
          store.workspace(id).orElseThrow(() -> new EntityNotFoundException("workspace", id, id));
      Workspace next = edit.apply(current);
      store.updateWorkspace(next);
      return next;
    }
  }

  Post post(WorkspaceId workspace, PostId id) {
    return store.post(workspace, id).orElseThrow(() -> new EntityNotFoundException("post", id, workspace));
  }

  /** A change to one post; may run several times, so it must only read and change {@code change}. */
  @FunctionalInterface
  interface Mutation {
    void apply(PostChange change);
  }

  /**
   * Applies the mutation to the freshest copy of the post and stores it with its audit entries,
   * re-reading and re-applying when another writer got there first; emits the events once stored.
   */
  Post mutate(WorkspaceId workspace, PostId id, Mutation mutation) {
    for (int attempt = 1; ; attempt++) {
      Post post = post(workspace, id);
      Instant now = now();
      PostChange change = new PostChange(workspace, post, now);
      mutation.apply(change);
      if (!change.changed()) {
        return post;
      }
      Instant stamp = now.isBefore(post.updatedAt()) ? post.updatedAt() : now;
      Post next = change.current().touched(stamp);
      try {
        store.updatePost(post.version(), next, change.audit());
      } catch (StaleVersionException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        continue;
      }
      change.events().forEach(this::emit);
      return next;
    }
  }

  /** What an actor holds in a workspace. */
  record Access(Workspace workspace, Role role) {}
}
