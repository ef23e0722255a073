package dev.chorus.inbox;

import dev.chorus.event.EventPublisher;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.PauseScope;
import dev.chorus.schedule.Scheduler;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crisis switch of the instance ({@code chorus.crisis()}): a host, an anomaly listener (for
 * example one reacting to an analytics {@code AnomalyAlert}) or a person through
 * {@link Inbox#enterCrisis} switches a workspace into crisis mode, which pauses its scheduled posts
 * in the scheduler ({@link PauseScope#workspace}) and surfaces the pre-approved holding statements
 * in {@link CrisisModeEntered}; leaving resumes them. When the workspace was already paused before
 * the crisis, leaving leaves that pause in place. No permission checks here: this is the system
 * entry; people go through {@link Inbox}. Thread-safe.
 */
public final class CrisisMode {

  private static final Logger LOG = LoggerFactory.getLogger(CrisisMode.class);

  private final InboxStore store;
  private final Scheduler scheduler;
  private final Clock clock;
  private final EventPublisher events;
  private final Object lock = new Object();

  /** The switch over the store and scheduler; {@code Chorus} builds one. */
  public CrisisMode(InboxStore store, Scheduler scheduler, Clock clock, EventPublisher events) {
    this.store = Checks.required("inboxStore", store);
    this.scheduler = Checks.required("scheduler", scheduler);
    this.clock = Checks.required("clock", clock);
    this.events = Checks.required("events", events);
  }

  /**
   * Switches the workspace into crisis mode; a no-op returning the current state when it is in
   * crisis mode already.
   *
   * @param trigger who or what decided it, for example an actor id or {@code anomaly:engagement}
   * @param reason why, shown to people and kept with the pause
   */
  public CrisisState enter(WorkspaceId workspace, String trigger, String reason) {
    Checks.required("workspace", workspace);
    Checks.notBlank("trigger", trigger);
    Checks.notBlank("reason", reason);
    synchronized (lock) {
      CrisisState current = store.crisis(workspace);
      if (current.active()) {
        return current;
      }
      PauseScope scope = PauseScope.workspace(workspace);
      boolean alreadyPaused = scheduler.dispatchStore().pauses().containsKey(scope);
      if (!alreadyPaused) {
        scheduler.pause(scope, "crisis mode: " + reason);
      }
      CrisisState next = store.updateCrisis(workspace,
          c -> new CrisisState(workspace, true, trigger, reason, clock.instant(), !alreadyPaused));
      LOG.info("Workspace {} entered crisis mode ({})", workspace, trigger);
      events.publish(new CrisisModeEntered(workspace, trigger, reason, store.holdingStatements(workspace),
          next.since()));
      return next;
    }
  }

  /** Switches crisis mode off and resumes what entering paused; false when it was not on. */
  public boolean leave(WorkspaceId workspace, String by) {
    Checks.required("workspace", workspace);
    Checks.notBlank("by", by);
    synchronized (lock) {
      CrisisState current = store.crisis(workspace);
      if (!current.active()) {
        return false;
      }
      boolean resumed = current.pausedScheduler() && scheduler.resume(PauseScope.workspace(workspace));
      store.updateCrisis(workspace, c -> CrisisState.inactive(workspace));
      LOG.info("Workspace {} left crisis mode ({})", workspace, by);
      events.publish(new CrisisModeLeft(workspace, by, resumed, clock.instant()));
      return true;
    }
  }

  /** The workspace's crisis state. */
  public CrisisState state(WorkspaceId workspace) {
    return store.crisis(Checks.required("workspace", workspace));
  }

  /** Whether the workspace is in crisis mode. */
  public boolean active(WorkspaceId workspace) {
    return state(workspace).active();
  }

  /** The workspace's pre-approved holding statements. */
  public List<HoldingStatement> holdingStatements(WorkspaceId workspace) {
    return store.holdingStatements(Checks.required("workspace", workspace));
  }

  /** Replaces the workspace's holding statements (names must be unique). */
  public void holdingStatements(WorkspaceId workspace, List<HoldingStatement> statements) {
    Checks.required("workspace", workspace);
    List<HoldingStatement> copy = Checks.list("holdingStatements", statements);
    if (copy.stream().map(HoldingStatement::name).distinct().count() != copy.size()) {
      throw new dev.chorus.InvalidValueException("holdingStatements", copy.size() + " statements",
          "names must be unique");
    }
    store.saveHoldingStatements(workspace, copy);
  }

  @Override
  public String toString() {
    return "CrisisMode";
  }
}
