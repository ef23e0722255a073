package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** The workspace left crisis mode; {@code resumed} tells whether the scheduler pause crisis mode set was lifted. */
public record CrisisModeLeft(WorkspaceId workspaceId, String by, boolean resumed, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
