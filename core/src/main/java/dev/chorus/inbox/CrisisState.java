package dev.chorus.inbox;

import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;

/**
 * A workspace's crisis mode.
 *
 * @param trigger who or what switched it on (an actor id, {@code anomaly:...}), or {@code null} when inactive
 * @param reason why, or {@code null}
 * @param since when it started, or {@code null} when inactive
 * @param pausedScheduler whether entering paused the workspace in the scheduler (false when it was paused already)
 */
public record CrisisState(
    WorkspaceId workspaceId, boolean active, String trigger, String reason, Instant since, boolean pausedScheduler) {

  /** Checks the values. */
  public CrisisState {
    Checks.required("crisis.workspaceId", workspaceId);
    if (active) {
      Checks.notBlank("crisis.trigger", trigger);
      Checks.required("crisis.since", since);
    }
  }

  /** The inactive state. */
  public static CrisisState inactive(WorkspaceId workspace) {
    return new CrisisState(workspace, false, null, null, null, false);
  }
}
