package dev.chorus.inbox;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * A rule hid an inbound message, but hiding it on the platform failed; the message stays stored
 * and hidden in the inbox.
 *
 * @param externalId the platform id of the message
 * @param reason the failure's type and message
 */
public record PlatformHideFailed(WorkspaceId workspaceId, ConversationId conversationId, Platform platform,
    String externalId, String reason, Instant at) implements ChorusEvent {

  @Override
  public Optional<WorkspaceId> workspace() {
    return Optional.of(workspaceId);
  }
}
