package dev.chorus.workflow;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.PostId;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * A post target moved from one lifecycle state to another; emitted after the change is stored.
 *
 * @param reason the comment or the system's reason, or {@code null}
 */
public record TargetTransitioned(
    WorkspaceId workspaceId,
    PostId postId,
    AccountId accountId,
    ActorId actor,
    TargetState from,
    TargetState to,
    String reason,
    Instant at)
    implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
