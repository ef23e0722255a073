package dev.chorus.inbox;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capability;
import dev.chorus.inbox.internal.Threading;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inbox of one workspace as one actor works in it ({@code session.inbox()}). Every call checks
 * the actor's permission first: {@link Permission#INBOX_READ} to read and sync,
 * {@link Permission#INBOX_REPLY} to reply, assign, note, tag, prioritise, change status and manage
 * rules and saved replies (moderation), {@link Permission#POST_APPROVE} to set the pre-approved
 * holding statements, {@link Permission#POST_SCHEDULE} to switch crisis mode (it pauses and resumes
 * scheduled posts) and {@link Permission#METRICS_READ} for SLA reports.
 * Bad input fails before anything changes. Cheap to create and thread-safe.
 */
public final class Inbox {

  /** Checks the acting actor's permission in the workspace and returns the workspace. */
  @FunctionalInterface
  public interface Access {
    /**
     * The workspace, when the actor is a member holding the permission.
     *
     * @throws dev.chorus.AccessDeniedException when the actor lacks it
     * @throws EntityNotFoundException when the actor is not a member
     */
    Workspace require(Permission permission);
  }

  private final InboxEngine engine;
  private final CrisisMode crisis;
  private final Access access;
  private final ActorId actor;
  private final WorkspaceId workspace;

  private Inbox(InboxEngine engine, CrisisMode crisis, Access access, ActorId actor, WorkspaceId workspace) {
    this.engine = engine;
    this.crisis = crisis;
    this.access = access;
    this.actor = actor;
    this.workspace = workspace;
  }

  /** The inbox for the actor; {@code Session.inbox()} calls this with its permission check. */
  public static Inbox of(InboxEngine engine, CrisisMode crisis, Access access, ActorId actor, WorkspaceId workspace) {
    return new Inbox(Checks.required("engine", engine), Checks.required("crisis", crisis),
        Checks.required("access", access), Checks.required("actor", actor), Checks.required("workspace", workspace));
  }

  // ------------------------------------------------------------------ reading and sync

  /** Polls every account of the workspace that can be read, from each account's cursor. */
  public List<SyncResult> sync() {
    access.require(Permission.INBOX_READ);
    return engine.sync(workspace);
  }

  /** The conversations, most recent activity first, hidden ones included. */
  public List<Conversation> conversations() {
    access.require(Permission.INBOX_READ);
    return engine.store().conversations(workspace);
  }

  /** The conversations in the status, most recent activity first. */
  public List<Conversation> conversations(ConversationStatus status) {
    Checks.required("status", status);
    return conversations().stream().filter(c -> c.status() == status).toList();
  }

  /** The conversation. */
  public Conversation conversation(ConversationId id) {
    access.require(Permission.INBOX_READ);
    return find(id);
  }

  /** The conversation's messages and replies, oldest first. */
  public List<InboxItem> items(ConversationId id) {
    access.require(Permission.INBOX_READ);
    find(id);
    return engine.store().items(workspace, id);
  }

  /** The reply attempts of the conversation, oldest first. */
  public List<ReplyAttempt> replies(ConversationId id) {
    access.require(Permission.INBOX_READ);
    return engine.store().replies(workspace).stream().filter(r -> r.conversationId().equals(id)).toList();
  }

  // ------------------------------------------------------------------ workflow

  /**
   * Assigns the conversation to a member of the workspace ({@code null} to unassign).
   *
   * @throws InvalidValueException when the assignee is not a member
   */
  public Conversation assign(ConversationId id, ActorId assignee) {
    access.require(Permission.INBOX_REPLY);
    find(id);
    if (assignee != null && !engine.isMember(workspace, assignee)) {
      throw new InvalidValueException("assignee", assignee, "is not a member of workspace " + workspace);
    }
    Conversation next = engine.store().updateConversation(workspace, id, c -> c.withAssignee(assignee));
    engine.events().publish(new ConversationAssigned(workspace, id, actor, assignee, engine.clock().instant()));
    return next;
  }

  /**
   * Sets the status. REPLIED comes only from a reply; ASSIGNED needs an assignee.
   *
   * @throws InvalidValueException for REPLIED, or ASSIGNED without an assignee
   */
  public Conversation status(ConversationId id, ConversationStatus status) {
    Checks.required("status", status);
    access.require(Permission.INBOX_REPLY);
    Conversation current = find(id);
    if (status == ConversationStatus.REPLIED) {
      throw new InvalidValueException("status", status, "is set by sending a reply");
    }
    if (status == ConversationStatus.ASSIGNED && current.assignee() == null) {
      throw new InvalidValueException("status", status, "needs an assignee; use assign");
    }
    return engine.store().updateConversation(workspace, id, c -> c.withStatus(status));
  }

  /** Appends an internal note. */
  public Conversation note(ConversationId id, String text) {
    Checks.notBlank("note.text", text);
    access.require(Permission.INBOX_REPLY);
    find(id);
    Note note = new Note(actor, text, engine.clock().instant());
    return engine.store().updateConversation(workspace, id, c -> c.withNote(note));
  }

  /** Adds tags. */
  public Conversation tag(ConversationId id, String... tags) {
    Set<String> add = tags(tags);
    access.require(Permission.INBOX_REPLY);
    find(id);
    return engine.store().updateConversation(workspace, id, c -> {
      Set<String> next = new HashSet<>(c.tags());
      next.addAll(add);
      return c.withTags(next);
    });
  }

  /** Removes tags. */
  public Conversation untag(ConversationId id, String... tags) {
    Set<String> remove = tags(tags);
    access.require(Permission.INBOX_REPLY);
    find(id);
    return engine.store().updateConversation(workspace, id, c -> {
      Set<String> next = new HashSet<>(c.tags());
      next.removeAll(remove);
      return c.withTags(next);
    });
  }

  /** Sets the priority. */
  public Conversation priority(ConversationId id, Priority priority) {
    Checks.required("priority", priority);
    access.require(Permission.INBOX_REPLY);
    find(id);
    return engine.store().updateConversation(workspace, id, c -> c.withPriority(priority));
  }

  // ------------------------------------------------------------------ replies

  /**
   * Replies to the conversation's latest inbound message; see {@link #reply(ConversationId, String, String, String)}.
   */
  public ReplyAttempt reply(ConversationId id, String draftId, String text) {
    access.require(Permission.INBOX_REPLY);
    List<InboxItem> inbound = engine.store().items(workspace, find(id).id()).stream().filter(InboxItem::inbound).toList();
    if (inbound.isEmpty()) {
      throw new InvalidValueException("conversation", id, "has no inbound message to answer");
    }
    return reply(id, inbound.get(inbound.size() - 1).interaction().externalId(), draftId, text);
  }

  /**
   * Replies to one message of the conversation through the account's connector, at most once per
   * (message, draft id): the attempt is recorded before the call with an idempotency key derived
   * from both. Calling again with the same draft returns the SENT attempt without calling the
   * platform; after a definite failure it tries again. When the connection is lost after the
   * platform may have accepted it, the attempt is returned in state {@link ReplyState#UNKNOWN} and
   * nothing is resent until it is resolved: by a person, or by a later sync that finds the account's
   * own reply to the same message with the same text on the platform.
   *
   * @param inReplyTo the external id of a message of this conversation
   * @throws ReplyPendingException when the same reply is in flight or UNKNOWN
   * @throws dev.chorus.connector.UnsupportedCapabilityException when the platform cannot reply
   * @throws dev.chorus.connector.ConnectorException when the platform refused it (the attempt is FAILED)
   */
  public ReplyAttempt reply(ConversationId id, String inReplyTo, String draftId, String text) {
    Checks.notBlank("inReplyTo", inReplyTo);
    Checks.notBlank("draftId", draftId);
    Checks.notBlank("text", text);
    access.require(Permission.INBOX_REPLY);
    Conversation conversation = find(id);
    InboxItem parent = engine.store().item(conversation.platform(), inReplyTo)
        .filter(i -> i.workspaceId().equals(workspace) && i.conversationId().equals(id))
        .orElseThrow(() -> new InvalidValueException("inReplyTo", inReplyTo, "is not a message of conversation " + id));
    engine.account(workspace, conversation.accountId());
    engine.connector(conversation.platform(), Capability.REPLY);
    String key = Threading.replyKey(conversation.platform().id(), parent.interaction().externalId(), draftId);
    Instant now = engine.clock().instant();
    ReplyAttempt fresh = new ReplyAttempt(key, workspace, id, conversation.accountId(), conversation.platform(),
        inReplyTo, draftId, text, actor, ReplyState.STARTED, 1, now, null, null, null);
    ReplyAttempt stored = engine.store().startReply(fresh);
    if (stored != fresh) {
      switch (stored.state()) {
        case SENT:
          return stored;
        case STARTED:
        case UNKNOWN:
          throw new ReplyPendingException(stored);
        case FAILED:
        default:
          stored = restart(stored, ReplyState.FAILED);
      }
    }
    return engine.send(stored);
  }

  /**
   * Replies with a saved reply, filling {@code author_handle}, {@code author_name} (the handle when
   * unknown), {@code account_handle} and {@code agent} (the actor id) plus the extra variables.
   *
   * @throws InvalidValueException naming a variable without a value or an unknown saved reply
   */
  public ReplyAttempt replyWithSaved(ConversationId id, String draftId, String savedReply, Map<String, String> extra) {
    Checks.notBlank("savedReply", savedReply);
    Checks.required("extra", extra);
    access.require(Permission.INBOX_REPLY);
    SavedReply template = engine.store().savedReplies(workspace).stream().filter(s -> s.name().equals(savedReply))
        .findFirst().orElseThrow(() -> new InvalidValueException("savedReply", savedReply, "is not a saved reply"));
    List<InboxItem> inbound = engine.store().items(workspace, find(id).id()).stream().filter(InboxItem::inbound).toList();
    if (inbound.isEmpty()) {
      throw new InvalidValueException("conversation", id, "has no inbound message to answer");
    }
    InboxItem last = inbound.get(inbound.size() - 1);
    SocialAccount account = engine.account(workspace, last.interaction().accountId());
    Map<String, String> vars = new HashMap<>();
    vars.put("author_handle", last.interaction().authorHandle());
    vars.put("author_name", last.interaction().authorName() != null ? last.interaction().authorName()
        : last.interaction().authorHandle());
    vars.put("account_handle", account.handle());
    vars.put("agent", actor.value());
    vars.putAll(extra);
    return reply(id, last.interaction().externalId(), draftId, template.render(vars));
  }

  /**
   * Sends an UNKNOWN (or stuck STARTED) reply again with the same idempotency key: safe where the
   * platform honours idempotency keys; elsewhere first check the platform and use
   * {@link #markReplySent} or {@link #markReplyNotSent}.
   */
  public ReplyAttempt resendReply(String idempotencyKey) {
    access.require(Permission.INBOX_REPLY);
    ReplyAttempt current = attempt(idempotencyKey);
    if (current.state() == ReplyState.SENT) {
      return current;
    }
    return engine.send(restart(current, current.state()));
  }

  /** Records that an UNKNOWN reply did reach the platform under this id (someone checked). */
  public ReplyAttempt markReplySent(String idempotencyKey, String externalId) {
    Checks.notBlank("externalId", externalId);
    access.require(Permission.INBOX_REPLY);
    ReplyAttempt current = attempt(idempotencyKey);
    requireOpen(current);
    return engine.recordSent(current, externalId, null, engine.account(workspace, current.accountId()));
  }

  /** Records that an UNKNOWN reply did not reach the platform, so the next {@link #reply} sends it. */
  public ReplyAttempt markReplyNotSent(String idempotencyKey) {
    access.require(Permission.INBOX_REPLY);
    requireOpen(attempt(idempotencyKey));
    return engine.store().updateReply(workspace, idempotencyKey,
        a -> a.finish(ReplyState.FAILED, engine.clock().instant(), null, "confirmed not sent by " + actor));
  }

  private void requireOpen(ReplyAttempt attempt) {
    if (attempt.state() != ReplyState.UNKNOWN && attempt.state() != ReplyState.STARTED) {
      throw new InvalidValueException("reply.state", attempt.state(), "only an UNKNOWN or STARTED reply is confirmed");
    }
  }

  private ReplyAttempt restart(ReplyAttempt stored, ReplyState expected) {
    Instant now = engine.clock().instant();
    ReplyAttempt next = engine.store().updateReply(workspace, stored.idempotencyKey(),
        a -> a.state() == expected ? a.restart(actor, now) : a);
    if (next.state() != ReplyState.STARTED || next.attempts() == stored.attempts()) {
      throw new ReplyPendingException(next); // someone else restarted or finished it meanwhile
    }
    return next;
  }

  private ReplyAttempt attempt(String idempotencyKey) {
    Checks.notBlank("idempotencyKey", idempotencyKey);
    return engine.store().reply(workspace, idempotencyKey)
        .orElseThrow(() -> new EntityNotFoundException("reply", idempotencyKey, workspace));
  }

  // ------------------------------------------------------------------ rules, saved replies

  /** Adds or replaces a rule, applied to messages arriving from now on. */
  public void saveRule(InboxRule rule) {
    Checks.required("rule", rule);
    access.require(Permission.INBOX_REPLY);
    if (rule.assignTo() != null && !engine.isMember(workspace, rule.assignTo())) {
      throw new InvalidValueException("rule.assignTo", rule.assignTo(), "is not a member of workspace " + workspace);
    }
    engine.store().saveRule(workspace, rule);
  }

  /** Removes a rule; whether it was there. */
  public boolean removeRule(String name) {
    Checks.notBlank("name", name);
    access.require(Permission.INBOX_REPLY);
    return engine.store().removeRule(workspace, name);
  }

  /** The rules. */
  public List<InboxRule> rules() {
    access.require(Permission.INBOX_READ);
    return engine.store().rules(workspace);
  }

  /** Adds or replaces a saved reply. */
  public void saveSavedReply(SavedReply reply) {
    Checks.required("savedReply", reply);
    access.require(Permission.INBOX_REPLY);
    engine.store().saveSavedReply(workspace, reply);
  }

  /** The saved replies, by name. */
  public List<SavedReply> savedReplies() {
    access.require(Permission.INBOX_READ);
    return engine.store().savedReplies(workspace);
  }

  // ------------------------------------------------------------------ SLA

  /** The raw SLA tuples of every conversation (what analytics consumes). */
  public List<ResponseRecord> responseRecords() {
    access.require(Permission.INBOX_READ);
    return engine.store().conversations(workspace).stream()
        .filter(c -> c.status() != ConversationStatus.SPAM).map(ResponseRecord::of).toList();
  }

  /**
   * Response SLAs of the conversations received in [from, to) within the business hours (spam
   * excluded). Needs {@link Permission#METRICS_READ}.
   */
  public SlaReport sla(Instant from, Instant to, BusinessHours hours) {
    Checks.required("hours", hours);
    access.require(Permission.METRICS_READ);
    return SlaReport.compute(responseRecords(), hours, from, to);
  }

  /** As {@link #sla(Instant, Instant, BusinessHours)} with every hour counted in the workspace's zone. */
  public SlaReport sla(Instant from, Instant to) {
    Workspace ws = access.require(Permission.METRICS_READ);
    return sla(from, to, BusinessHours.always(ws.timeZone()));
  }

  // ------------------------------------------------------------------ crisis mode

  /** Switches the workspace into crisis mode as this actor. */
  public CrisisState enterCrisis(String reason) {
    Checks.notBlank("reason", reason);
    access.require(Permission.POST_SCHEDULE);
    return crisis.enter(workspace, actor.value(), reason);
  }

  /** Leaves crisis mode as this actor; false when it was not on. */
  public boolean leaveCrisis() {
    access.require(Permission.POST_SCHEDULE);
    return crisis.leave(workspace, actor.value());
  }

  /** The crisis state. */
  public CrisisState crisisState() {
    access.require(Permission.INBOX_READ);
    return crisis.state(workspace);
  }

  /** The pre-approved holding statements. */
  public List<HoldingStatement> holdingStatements() {
    access.require(Permission.INBOX_READ);
    return crisis.holdingStatements(workspace);
  }

  /** Replaces the pre-approved holding statements. */
  public void holdingStatements(List<HoldingStatement> statements) {
    Checks.required("holdingStatements", statements);
    access.require(Permission.POST_APPROVE);
    crisis.holdingStatements(workspace, statements);
  }

  private Conversation find(ConversationId id) {
    Checks.required("conversationId", id);
    return engine.store().conversation(workspace, id)
        .orElseThrow(() -> new EntityNotFoundException("conversation", id, workspace));
  }

  private static Set<String> tags(String... tags) {
    Checks.required("tags", tags);
    Set<String> out = new HashSet<>();
    for (String tag : tags) {
      out.add(Checks.notBlank("tags", tag));
    }
    return out;
  }

  @Override
  public String toString() {
    return "Inbox{workspace=" + workspace + ", actor=" + actor + "}";
  }
}
