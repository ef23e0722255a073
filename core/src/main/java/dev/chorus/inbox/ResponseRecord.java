package dev.chorus.inbox;

import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;

/**
 * The raw SLA tuple of one conversation, as analytics consumes it: when the first inbound message
 * was written, when the first reply went out, and who is accountable.
 *
 * @param firstResponse when the first reply was sent, or {@code null} when there is none yet
 * @param actor the first responder, or when unanswered the assignee, or {@code null}
 */
public record ResponseRecord(
    WorkspaceId workspaceId,
    ConversationId conversationId,
    AccountId accountId,
    Instant received,
    Instant firstResponse,
    ActorId actor) {

  /** Checks the values. */
  public ResponseRecord {
    Checks.required("response.workspaceId", workspaceId);
    Checks.required("response.conversationId", conversationId);
    Checks.required("response.accountId", accountId);
    Checks.required("response.received", received);
  }

  /** The tuple of a conversation. */
  public static ResponseRecord of(Conversation c) {
    ActorId actor = c.firstResponder() != null ? c.firstResponder() : c.assignee();
    return new ResponseRecord(c.workspaceId(), c.id(), c.accountId(), c.firstReceivedAt(), c.firstResponseAt(), actor);
  }

  /** Whether it has been answered. */
  public boolean responded() {
    return firstResponse != null;
  }
}
