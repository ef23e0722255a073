package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.ActorId;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** A conversation got a new assignee ({@code null} when unassigned) from the actor (a rule acts as the system actor). */
public record ConversationAssigned(WorkspaceId workspaceId, ConversationId conversationId, ActorId actor, ActorId assignee, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
