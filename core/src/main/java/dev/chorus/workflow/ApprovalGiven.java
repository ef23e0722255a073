package dev.chorus.workflow;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * An approval step of a post target was signed off; emitted after the change is stored. The last
 * step is followed by a {@link TargetTransitioned} to APPROVED.
 *
 * @param step the 1-based number of the step signed off
 * @param of how many steps the policy has
 */
public record ApprovalGiven(
    WorkspaceId workspaceId,
    PostId postId,
    AccountId accountId,
    ActorId actor,
    String stepName,
    int step,
    int of,
    Instant at)
    implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
