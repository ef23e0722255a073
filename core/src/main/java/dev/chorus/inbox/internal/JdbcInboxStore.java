package dev.chorus.inbox.internal;

import dev.chorus.ChorusException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.inbox.Conversation;
import dev.chorus.inbox.ConversationId;
import dev.chorus.inbox.CrisisState;
import dev.chorus.inbox.HoldingStatement;
import dev.chorus.inbox.InboxItem;
import dev.chorus.inbox.InboxRule;
import dev.chorus.inbox.InboxStore;
import dev.chorus.inbox.ReplyAttempt;
import dev.chorus.inbox.SavedReply;
import dev.chorus.inbox.SyncCursor;
import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.internal.jdbc.SqlErrors;
import dev.chorus.json.ChorusJson;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The JDBC {@link InboxStore} for PostgreSQL and H2: one table per kind of state, each row's value
 * as Chorus JSON text plus the key columns. De-duplication and never-twice rest on primary keys and
 * unique constraints (a duplicate insert fails with SQL state 23505), and every read-modify-write
 * runs in one transaction that locks the row with {@code SELECT ... FOR UPDATE}, so the guarantees
 * hold across threads and across nodes sharing one database. Holds no state besides the data
 * source, so it is thread-safe as far as the data source is.
 */
public final class JdbcInboxStore implements InboxStore {

  /** Both PostgreSQL and H2 report a duplicate key with this SQL state. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final ChorusJson json = ChorusJson.create();

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** A store over the data source; creates or migrates the shared Chorus schema first. */
  public JdbcInboxStore(DataSource dataSource) {
    this.dataSource = Checks.required("dataSource", dataSource);
    SchemaMigrator.migrate(dataSource, SchemaMigrator.ALL,
        (message, cause) -> new ChorusStoreException("migrate", message, cause));
  }

  // --- plumbing

  private <T> T autoCommit(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private <T> T transaction(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(SqlErrors.sanitized(r));
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private static ChorusException failure(String operation, SQLException e) {
    return new ChorusStoreException(operation, SqlErrors.describe(e), SqlErrors.sanitized(e));
  }

  private static boolean isDuplicate(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, values);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof Integer number) {
        ps.setInt(i + 1, number);
      } else {
        ps.setString(i + 1, value == null ? null : value.toString());
      }
    }
  }

  /** Inserts; whether it was inserted (false when the key exists). */
  private static boolean insert(Connection c, String sql, Object... values) throws SQLException {
    try {
      return update(c, sql, values) > 0;
    } catch (SQLException e) {
      if (isDuplicate(e)) {
        return false;
      }
      throw e;
    }
  }

  private <T> List<T> bodies(Connection c, String sql, Class<T> type, Object... values) throws SQLException {
    List<T> result = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(json.fromJson(rs.getString(1), type));
        }
      }
    }
    return result;
  }

  private <T> Optional<T> body(Connection c, String sql, Class<T> type, Object... values) throws SQLException {
    List<T> found = bodies(c, sql, type, values);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Updates the row in the table, or inserts it; a concurrent insert of the same key turns into an update. */
  private void upsert(Connection c, String table, String keyColumn, WorkspaceId workspace, String key, String body)
      throws SQLException {
    String set = "UPDATE " + table + " SET body = ? WHERE workspace_id = ? AND " + keyColumn + " = ?";
    if (update(c, set, body, workspace, key) > 0) {
      return;
    }
    if (!insert(c, "INSERT INTO " + table + " (workspace_id, " + keyColumn + ", body) VALUES (?, ?, ?)",
        workspace, key, body)) {
      update(c, set, body, workspace, key);
    }
  }

  // --- items

  @Override
  public boolean addItem(InboxItem item) {
    Checks.required("item", item);
    String body = json.toJson(item);
    return autoCommit("addItem", c -> insert(c, "INSERT INTO chorus_inbox_item "
            + "(platform, external_id, workspace_id, conversation_id, body) VALUES (?, ?, ?, ?, ?)",
        item.interaction().platform().id(), item.interaction().externalId(), item.workspaceId(),
        item.conversationId(), body));
  }

  @Override
  public Optional<InboxItem> item(Platform platform, String externalId) {
    Checks.required("platform", platform);
    Checks.required("externalId", externalId);
    return autoCommit("item", c -> body(c,
        "SELECT body FROM chorus_inbox_item WHERE platform = ? AND external_id = ?", InboxItem.class,
        platform.id(), externalId));
  }

  @Override
  public List<InboxItem> items(WorkspaceId workspace, ConversationId conversation) {
    Checks.required("workspace", workspace);
    Checks.required("conversation", conversation);
    List<InboxItem> found = autoCommit("items", c -> bodies(c,
        "SELECT body FROM chorus_inbox_item WHERE workspace_id = ? AND conversation_id = ?", InboxItem.class,
        workspace, conversation));
    found.sort(Comparator.comparing((InboxItem i) -> i.interaction().createdAt())
        .thenComparing(i -> i.interaction().externalId()));
    return List.copyOf(found);
  }

  // --- conversations

  @Override
  public Conversation addConversation(Conversation conversation) {
    Checks.required("conversation", conversation);
    String body = json.toJson(conversation);
    return autoCommit("addConversation", c -> {
      if (insert(c, "INSERT INTO chorus_inbox_conversation (workspace_id, id, body) VALUES (?, ?, ?)",
          conversation.workspaceId(), conversation.id(), body)) {
        return conversation;
      }
      return body(c, "SELECT body FROM chorus_inbox_conversation WHERE workspace_id = ? AND id = ?",
          Conversation.class, conversation.workspaceId(), conversation.id()).orElseThrow();
    });
  }

  @Override
  public Optional<Conversation> conversation(WorkspaceId workspace, ConversationId id) {
    Checks.required("workspace", workspace);
    Checks.required("id", id);
    return autoCommit("conversation", c -> body(c,
        "SELECT body FROM chorus_inbox_conversation WHERE workspace_id = ? AND id = ?", Conversation.class,
        workspace, id));
  }

  @Override
  public List<Conversation> conversations(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    List<Conversation> found = autoCommit("conversations", c -> bodies(c,
        "SELECT body FROM chorus_inbox_conversation WHERE workspace_id = ?", Conversation.class, workspace));
    found.sort(Comparator.comparing(Conversation::lastActivityAt).reversed().thenComparing(x -> x.id().value()));
    return List.copyOf(found);
  }

  @Override
  public Conversation updateConversation(WorkspaceId workspace, ConversationId id, UnaryOperator<Conversation> edit) {
    Checks.required("workspace", workspace);
    Checks.required("id", id);
    Checks.required("edit", edit);
    return transaction("updateConversation", c -> {
      Conversation current = body(c,
          "SELECT body FROM chorus_inbox_conversation WHERE workspace_id = ? AND id = ? FOR UPDATE",
          Conversation.class, workspace, id)
          .orElseThrow(() -> new EntityNotFoundException("conversation", id, workspace));
      Conversation next = Checks.required("conversation", edit.apply(current));
      update(c, "UPDATE chorus_inbox_conversation SET body = ? WHERE workspace_id = ? AND id = ?",
          json.toJson(next), workspace, id);
      return next;
    });
  }

  // --- cursors

  @Override
  public Optional<SyncCursor> cursor(WorkspaceId workspace, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("account", account);
    return autoCommit("cursor", c -> body(c,
        "SELECT body FROM chorus_inbox_cursor WHERE workspace_id = ? AND account_id = ?", SyncCursor.class,
        workspace, account));
  }

  @Override
  public void saveCursor(WorkspaceId workspace, SyncCursor cursor) {
    Checks.required("workspace", workspace);
    Checks.required("cursor", cursor);
    String body = json.toJson(cursor);
    autoCommit("saveCursor", c -> {
      upsert(c, "chorus_inbox_cursor", "account_id", workspace, cursor.accountId().value(), body);
      return null;
    });
  }

  // --- replies

  @Override
  public ReplyAttempt startReply(ReplyAttempt attempt) {
    Checks.required("attempt", attempt);
    String body = json.toJson(attempt);
    return autoCommit("startReply", c -> {
      if (insert(c, "INSERT INTO chorus_inbox_reply (workspace_id, idempotency_key, body) VALUES (?, ?, ?)",
          attempt.workspaceId(), attempt.idempotencyKey(), body)) {
        return attempt;
      }
      return body(c, "SELECT body FROM chorus_inbox_reply WHERE workspace_id = ? AND idempotency_key = ?",
          ReplyAttempt.class, attempt.workspaceId(), attempt.idempotencyKey()).orElseThrow();
    });
  }

  @Override
  public Optional<ReplyAttempt> reply(WorkspaceId workspace, String idempotencyKey) {
    Checks.required("workspace", workspace);
    Checks.required("idempotencyKey", idempotencyKey);
    return autoCommit("reply", c -> body(c,
        "SELECT body FROM chorus_inbox_reply WHERE workspace_id = ? AND idempotency_key = ?", ReplyAttempt.class,
        workspace, idempotencyKey));
  }

  @Override
  public ReplyAttempt updateReply(WorkspaceId workspace, String idempotencyKey, UnaryOperator<ReplyAttempt> edit) {
    Checks.required("workspace", workspace);
    Checks.required("idempotencyKey", idempotencyKey);
    Checks.required("edit", edit);
    return transaction("updateReply", c -> {
      ReplyAttempt current = body(c,
          "SELECT body FROM chorus_inbox_reply WHERE workspace_id = ? AND idempotency_key = ? FOR UPDATE",
          ReplyAttempt.class, workspace, idempotencyKey)
          .orElseThrow(() -> new EntityNotFoundException("reply", idempotencyKey, workspace));
      ReplyAttempt next = Checks.required("attempt", edit.apply(current));
      update(c, "UPDATE chorus_inbox_reply SET body = ? WHERE workspace_id = ? AND idempotency_key = ?",
          json.toJson(next), workspace, idempotencyKey);
      return next;
    });
  }

  @Override
  public List<ReplyAttempt> replies(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return List.copyOf(autoCommit("replies", c -> bodies(c,
        "SELECT body FROM chorus_inbox_reply WHERE workspace_id = ? ORDER BY seq", ReplyAttempt.class, workspace)));
  }

  // --- rules and saved replies

  @Override
  public void saveRule(WorkspaceId workspace, InboxRule rule) {
    Checks.required("workspace", workspace);
    Checks.required("rule", rule);
    String body = json.toJson(rule);
    autoCommit("saveRule", c -> {
      upsert(c, "chorus_inbox_rule", "name", workspace, rule.name(), body);
      return null;
    });
  }

  @Override
  public boolean removeRule(WorkspaceId workspace, String name) {
    Checks.required("workspace", workspace);
    Checks.required("name", name);
    return autoCommit("removeRule",
        c -> update(c, "DELETE FROM chorus_inbox_rule WHERE workspace_id = ? AND name = ?", workspace, name) > 0);
  }

  @Override
  public List<InboxRule> rules(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return List.copyOf(autoCommit("rules", c -> bodies(c,
        "SELECT body FROM chorus_inbox_rule WHERE workspace_id = ? ORDER BY seq", InboxRule.class, workspace)));
  }

  @Override
  public void saveSavedReply(WorkspaceId workspace, SavedReply reply) {
    Checks.required("workspace", workspace);
    Checks.required("savedReply", reply);
    String body = json.toJson(reply);
    autoCommit("saveSavedReply", c -> {
      upsert(c, "chorus_inbox_saved_reply", "name", workspace, reply.name(), body);
      return null;
    });
  }

  @Override
  public boolean removeSavedReply(WorkspaceId workspace, String name) {
    Checks.required("workspace", workspace);
    Checks.required("name", name);
    return autoCommit("removeSavedReply", c -> update(c,
        "DELETE FROM chorus_inbox_saved_reply WHERE workspace_id = ? AND name = ?", workspace, name) > 0);
  }

  /** Sorted by name in Java, so the order is the same on every database and collation. */
  @Override
  public List<SavedReply> savedReplies(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    List<SavedReply> found = autoCommit("savedReplies", c -> bodies(c,
        "SELECT body FROM chorus_inbox_saved_reply WHERE workspace_id = ?", SavedReply.class, workspace));
    found.sort(Comparator.comparing(SavedReply::name));
    return List.copyOf(found);
  }

  // --- crisis mode

  @Override
  public void saveHoldingStatements(WorkspaceId workspace, List<HoldingStatement> statements) {
    Checks.required("workspace", workspace);
    List<HoldingStatement> copy = Checks.list("holdingStatements", statements);
    transaction("saveHoldingStatements", c -> {
      update(c, "DELETE FROM chorus_inbox_holding WHERE workspace_id = ?", workspace);
      for (int i = 0; i < copy.size(); i++) {
        update(c, "INSERT INTO chorus_inbox_holding (workspace_id, ordinal, name, statement_text) "
            + "VALUES (?, ?, ?, ?)", workspace, i, copy.get(i).name(), copy.get(i).text());
      }
      return null;
    });
  }

  @Override
  public List<HoldingStatement> holdingStatements(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return autoCommit("holdingStatements", c -> {
      List<HoldingStatement> result = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT name, statement_text FROM chorus_inbox_holding WHERE workspace_id = ? ORDER BY ordinal")) {
        bind(ps, workspace);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(new HoldingStatement(rs.getString(1), rs.getString(2)));
          }
        }
      }
      return List.copyOf(result);
    });
  }

  @Override
  public CrisisState updateCrisis(WorkspaceId workspace, UnaryOperator<CrisisState> edit) {
    Checks.required("workspace", workspace);
    Checks.required("edit", edit);
    String inactive = json.toJson(CrisisState.inactive(workspace));
    // The row exists before the transaction locks it, so two first edits serialise like any others.
    autoCommit("updateCrisis", c -> insert(c,
        "INSERT INTO chorus_inbox_crisis (workspace_id, body) VALUES (?, ?)", workspace, inactive));
    return transaction("updateCrisis", c -> {
      CrisisState current = body(c, "SELECT body FROM chorus_inbox_crisis WHERE workspace_id = ? FOR UPDATE",
          CrisisState.class, workspace).orElseThrow();
      CrisisState next = Checks.required("crisis", edit.apply(current));
      update(c, "UPDATE chorus_inbox_crisis SET body = ? WHERE workspace_id = ?", json.toJson(next), workspace);
      return next;
    });
  }

  @Override
  public CrisisState crisis(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return autoCommit("crisis", c -> body(c, "SELECT body FROM chorus_inbox_crisis WHERE workspace_id = ?",
        CrisisState.class, workspace)).orElse(CrisisState.inactive(workspace));
  }

  @Override
  public String toString() {
    return "JdbcInboxStore";
  }
}
