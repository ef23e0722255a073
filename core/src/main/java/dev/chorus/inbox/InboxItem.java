package dev.chorus.inbox;

import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;

/**
 * One message of a conversation: the normalised interaction, how and when it arrived, and its
 * sentiment. Unique by ({@code interaction.platform()}, {@code interaction.externalId()}).
 *
 * @param receivedAt when this instance first stored it
 * @param hidden whether a rule hid it from the default inbox view
 */
public record InboxItem(
    WorkspaceId workspaceId,
    ConversationId conversationId,
    Interaction interaction,
    ItemSource source,
    Sentiment sentiment,
    boolean hidden,
    Instant receivedAt) {

  /** Checks the values. */
  public InboxItem {
    Checks.required("item.workspaceId", workspaceId);
    Checks.required("item.conversationId", conversationId);
    Checks.required("item.interaction", interaction);
    Checks.required("item.source", source);
    Checks.required("item.sentiment", sentiment);
    Checks.required("item.receivedAt", receivedAt);
  }

  /** Whether it came from the community rather than from this instance. */
  public boolean inbound() {
    return source != ItemSource.OUTBOUND;
  }
}
