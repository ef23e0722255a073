package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** A new inbound message was stored (a duplicate from polling or a webhook is not announced again). */
public record InboxItemReceived(WorkspaceId workspaceId, ConversationId conversationId, Platform platform, String externalId, InteractionKind kind, ItemSource source, Sentiment sentiment, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
