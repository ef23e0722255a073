package dev.chorus.schedule;

import dev.chorus.model.Checks;
import java.util.List;

/**
 * The scheduling settings a workspace keeps in the {@link dev.chorus.store.ChorusStore}: its
 * blackout windows and what planning does with a conflict. {@link SchedulingSettings} reads and
 * writes it, so every node of a cluster and every restart sees the same settings.
 *
 * @param blackouts the windows nothing is published in, in the order they were added
 * @param conflictMode what planning does when a requested time breaks a rule
 */
public record WorkspaceScheduling(List<BlackoutWindow> blackouts, ConflictMode conflictMode) {

  /** No blackouts and {@link ConflictMode#REJECT}: what a workspace has until it sets anything. */
  public static final WorkspaceScheduling DEFAULT = new WorkspaceScheduling(List.of(), ConflictMode.REJECT);

  public WorkspaceScheduling {
    blackouts = Checks.list("blackouts", blackouts);
    Checks.required("conflictMode", conflictMode);
  }

  /** These settings with the blackout windows replaced. */
  public WorkspaceScheduling withBlackouts(List<BlackoutWindow> windows) {
    return new WorkspaceScheduling(windows, conflictMode);
  }

  /** These settings with the conflict mode replaced. */
  public WorkspaceScheduling withConflictMode(ConflictMode mode) {
    return new WorkspaceScheduling(blackouts, mode);
  }
}
