package dev.chorus.inbox;

import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A thread of inbound messages (and this instance's replies) on one account, with its triage state.
 * Immutable; the {@code with...} methods return changed copies.
 *
 * @param rootRef what the thread hangs off: {@code item:<external id>} of its first message or
 *     {@code dm:<author id>} for direct messages
 * @param kind the kind of the message that opened it
 * @param assignee who owns it, or {@code null}
 * @param firstReceivedAt when the first inbound message was written (platform time)
 * @param firstResponseAt when the first reply was sent, or {@code null}
 * @param firstResponder who sent the first reply, or {@code null}
 */
public record Conversation(
    ConversationId id,
    WorkspaceId workspaceId,
    AccountId accountId,
    Platform platform,
    String rootRef,
    InteractionKind kind,
    ConversationStatus status,
    ActorId assignee,
    Priority priority,
    Set<String> tags,
    List<Note> notes,
    Sentiment sentiment,
    boolean hidden,
    Instant firstReceivedAt,
    Instant lastActivityAt,
    Instant firstResponseAt,
    ActorId firstResponder) {

  /** Checks and copies the values. */
  public Conversation {
    Checks.required("conversation.id", id);
    Checks.required("conversation.workspaceId", workspaceId);
    Checks.required("conversation.accountId", accountId);
    Checks.required("conversation.platform", platform);
    Checks.notBlank("conversation.rootRef", rootRef);
    Checks.required("conversation.kind", kind);
    Checks.required("conversation.status", status);
    Checks.required("conversation.priority", priority);
    tags = Set.copyOf(new TreeSet<>(Checks.set("conversation.tags", tags)));
    notes = Checks.list("conversation.notes", notes);
    Checks.required("conversation.sentiment", sentiment);
    Checks.required("conversation.firstReceivedAt", firstReceivedAt);
    Checks.required("conversation.lastActivityAt", lastActivityAt);
    if (status == ConversationStatus.ASSIGNED && assignee == null) {
      throw new dev.chorus.InvalidValueException("conversation.status", status, "needs an assignee");
    }
  }

  /** The owner, if any. */
  public Optional<ActorId> assigneeId() {
    return Optional.ofNullable(assignee);
  }

  /** Whether a reply has been sent. */
  public boolean responded() {
    return firstResponseAt != null;
  }

  /** A copy with the status. */
  public Conversation withStatus(ConversationStatus value) {
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, value, assignee, priority, tags,
        notes, sentiment, hidden, firstReceivedAt, lastActivityAt, firstResponseAt, firstResponder);
  }

  /** A copy with the assignee ({@code null} to unassign) and the status that follows from it. */
  public Conversation withAssignee(ActorId value) {
    ConversationStatus next = status;
    if (value != null && status == ConversationStatus.NEW) {
      next = ConversationStatus.ASSIGNED;
    } else if (value == null && status == ConversationStatus.ASSIGNED) {
      next = ConversationStatus.NEW;
    }
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, next, value, priority, tags,
        notes, sentiment, hidden, firstReceivedAt, lastActivityAt, firstResponseAt, firstResponder);
  }

  /** A copy with the priority. */
  public Conversation withPriority(Priority value) {
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, status, assignee, value, tags,
        notes, sentiment, hidden, firstReceivedAt, lastActivityAt, firstResponseAt, firstResponder);
  }

  /** A copy with the tags. */
  public Conversation withTags(Set<String> value) {
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, status, assignee, priority, value,
        notes, sentiment, hidden, firstReceivedAt, lastActivityAt, firstResponseAt, firstResponder);
  }

  /** A copy with the note appended. */
  public Conversation withNote(Note note) {
    List<Note> next = new ArrayList<>(notes);
    next.add(Checks.required("note", note));
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, status, assignee, priority, tags,
        next, sentiment, hidden, firstReceivedAt, lastActivityAt, firstResponseAt, firstResponder);
  }

  /** A copy after an inbound message: activity, sentiment, hidden flag and the earliest receipt. */
  public Conversation withInbound(Instant createdAt, Sentiment value, boolean hide) {
    Instant first = createdAt.isBefore(firstReceivedAt) ? createdAt : firstReceivedAt;
    Instant last = createdAt.isAfter(lastActivityAt) ? createdAt : lastActivityAt;
    ConversationStatus next = status;
    if (status == ConversationStatus.REPLIED || status == ConversationStatus.CLOSED) {
      next = assignee != null ? ConversationStatus.ASSIGNED : ConversationStatus.NEW;
    }
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, next, assignee, priority, tags,
        notes, value, hidden || hide, first, last, firstResponseAt, firstResponder);
  }

  /** A copy after a reply sent by the actor at the instant. */
  public Conversation withReply(ActorId actor, Instant at) {
    boolean first = firstResponseAt == null;
    ConversationStatus next =
        status == ConversationStatus.CLOSED || status == ConversationStatus.SPAM ? status : ConversationStatus.REPLIED;
    Instant last = at.isAfter(lastActivityAt) ? at : lastActivityAt;
    return new Conversation(id, workspaceId, accountId, platform, rootRef, kind, next, assignee, priority, tags,
        notes, sentiment, hidden, firstReceivedAt, last, first ? at : firstResponseAt, first ? actor : firstResponder);
  }
}
