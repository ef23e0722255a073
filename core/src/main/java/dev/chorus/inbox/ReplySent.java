package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.ActorId;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** A reply was accepted by the platform. */
public record ReplySent(WorkspaceId workspaceId, ConversationId conversationId, ActorId actor, String idempotencyKey, String externalId, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
