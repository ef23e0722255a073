package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The workspace entered crisis mode: its scheduled posts are paused and these pre-approved holding statements are surfaced. */
public record CrisisModeEntered(WorkspaceId workspaceId, String trigger, String reason, List<HoldingStatement> holdingStatements, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
