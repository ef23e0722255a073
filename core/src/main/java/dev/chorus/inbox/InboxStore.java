package dev.chorus.inbox;

import dev.chorus.inbox.internal.InMemoryInboxStore;
import dev.chorus.inbox.internal.JdbcInboxStore;
import dev.chorus.model.AccountId;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Where the inbox keeps its state. Every method is atomic on its own; implementations must be
 * thread-safe, and a store shared between nodes must keep {@link #addItem} and
 * {@link #startReply} atomic across them (they are the de-duplication and never-twice primitives).
 * There is an in-memory implementation and a JDBC one for PostgreSQL and H2.
 */
public interface InboxStore {

  /** A new, empty, thread-safe in-memory store. */
  static InboxStore inMemory() {
    return new InMemoryInboxStore();
  }

  /**
   * A JDBC store on PostgreSQL or H2 that keeps the inbox across restarts and can be shared by
   * several nodes; creates or migrates the shared Chorus schema first.
   *
   * @throws dev.chorus.store.ChorusStoreException when the schema cannot be migrated
   */
  static InboxStore jdbc(DataSource dataSource) {
    return new JdbcInboxStore(dataSource);
  }

  /** Stores the item unless one with the same (platform, external id) exists; whether it was added. */
  boolean addItem(InboxItem item);

  /** The item with the platform's id, in any workspace. */
  Optional<InboxItem> item(Platform platform, String externalId);

  /** The conversation's items, oldest first (by creation time, then external id). */
  List<InboxItem> items(WorkspaceId workspace, ConversationId conversation);

  /** Stores the conversation unless one with its id exists; returns the stored one. */
  Conversation addConversation(Conversation conversation);

  /** The conversation, if the workspace has it. */
  Optional<Conversation> conversation(WorkspaceId workspace, ConversationId id);

  /** The workspace's conversations, most recent activity first. */
  List<Conversation> conversations(WorkspaceId workspace);

  /**
   * Applies the edit to the stored conversation atomically and returns the result.
   *
   * @throws dev.chorus.EntityNotFoundException when the workspace has no such conversation
   */
  Conversation updateConversation(WorkspaceId workspace, ConversationId id, UnaryOperator<Conversation> edit);

  /** The account's sync cursor. */
  Optional<SyncCursor> cursor(WorkspaceId workspace, AccountId account);

  /** Replaces the account's sync cursor. */
  void saveCursor(WorkspaceId workspace, SyncCursor cursor);

  /** Records the attempt unless one with its idempotency key exists; returns the stored one. */
  ReplyAttempt startReply(ReplyAttempt attempt);

  /** The attempt with the key. */
  Optional<ReplyAttempt> reply(WorkspaceId workspace, String idempotencyKey);

  /**
   * Applies the edit to the stored attempt atomically and returns the result.
   *
   * @throws dev.chorus.EntityNotFoundException when there is no such attempt
   */
  ReplyAttempt updateReply(WorkspaceId workspace, String idempotencyKey, UnaryOperator<ReplyAttempt> edit);

  /** The workspace's reply attempts, oldest first. */
  List<ReplyAttempt> replies(WorkspaceId workspace);

  /** Inserts or replaces the rule with its name. */
  void saveRule(WorkspaceId workspace, InboxRule rule);

  /** Removes the rule; whether it was there. */
  boolean removeRule(WorkspaceId workspace, String name);

  /** The workspace's rules, in the order first saved. */
  List<InboxRule> rules(WorkspaceId workspace);

  /** Inserts or replaces the saved reply with its name. */
  void saveSavedReply(WorkspaceId workspace, SavedReply reply);

  /** Removes the saved reply; whether it was there. */
  boolean removeSavedReply(WorkspaceId workspace, String name);

  /** The workspace's saved replies, by name. */
  List<SavedReply> savedReplies(WorkspaceId workspace);

  /** Replaces the workspace's holding statements. */
  void saveHoldingStatements(WorkspaceId workspace, List<HoldingStatement> statements);

  /** The workspace's holding statements. */
  List<HoldingStatement> holdingStatements(WorkspaceId workspace);

  /** Applies the edit to the workspace's crisis state atomically and returns the result. */
  CrisisState updateCrisis(WorkspaceId workspace, UnaryOperator<CrisisState> edit);

  /** The workspace's crisis state (inactive when never set). */
  CrisisState crisis(WorkspaceId workspace);
}
