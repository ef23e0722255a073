package dev.chorus.store.internal;

import dev.chorus.ChorusException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.StaleVersionException;
import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.internal.jdbc.SqlErrors;
import dev.chorus.json.ChorusJson;
import dev.chorus.model.AccountId;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WorkspaceScheduling;
import dev.chorus.store.ChorusStore;
import dev.chorus.store.ChorusStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC store: one table per entity keyed by (workspace, id), the entity itself as Chorus JSON
 * text, plus the columns that queries and concurrency need (a post's version, an audit row's
 * insertion sequence). The same SQL runs on PostgreSQL and H2. Each call borrows one connection
 * from the data source and returns it before it returns; it holds no other state, so it is
 * thread-safe as far as the data source is.
 */
public final class JdbcStore implements ChorusStore {

  /** Both PostgreSQL and H2 report a duplicate key with this SQL state. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final Table ACCOUNTS = new Table("chorus_account");
  private static final Table CAMPAIGNS = new Table("chorus_campaign");
  private static final Table AUDIENCES = new Table("chorus_audience");

  private final DataSource dataSource;
  private final ChorusJson json = ChorusJson.create();

  /** The SQL of one workspace-scoped table with (workspace_id, id, body). */
  private record Table(String name) {
    String select() {
      return "SELECT body FROM " + name + " WHERE workspace_id = ? AND id = ?";
    }

    String list() {
      return "SELECT id, body FROM " + name + " WHERE workspace_id = ?";
    }

    String update() {
      return "UPDATE " + name + " SET body = ? WHERE workspace_id = ? AND id = ?";
    }

    String insert() {
      return "INSERT INTO " + name + " (body, workspace_id, id) VALUES (?, ?, ?)";
    }

    String delete() {
      return "DELETE FROM " + name + " WHERE workspace_id = ? AND id = ?";
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** A store over the data source; creates or migrates the shared Chorus schema first. */
  public JdbcStore(DataSource dataSource) {
    this.dataSource = Checks.required("dataSource", dataSource);
    SchemaMigrator.migrate(dataSource, SchemaMigrator.ALL,
        (message, cause) -> new ChorusStoreException("migrate", message, cause));
  }

  // --- plumbing

  /** Runs {@code work} on a connection in auto-commit mode: each statement is its own transaction. */
  private <T> T autoCommit(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  private <T> T transaction(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(SqlErrors.sanitized(e));
    }
  }

  private static ChorusException failure(String operation, SQLException e) {
    return new ChorusStoreException(operation, SqlErrors.describe(e), SqlErrors.sanitized(e));
  }

  private static boolean isDuplicate(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  private static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof Instant instant) {
        ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
      } else if (value instanceof Long number) {
        ps.setLong(i + 1, number);
      } else {
        ps.setString(i + 1, value == null ? null : value.toString());
      }
    }
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, values);
      return ps.executeUpdate();
    }
  }

  private <T> Optional<T> one(Connection c, String sql, Class<T> type, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(json.fromJson(rs.getString(1), type)) : Optional.empty();
      }
    }
  }

  // --- workspace-scoped tables with insert-or-replace semantics

  private void save(String operation, Table table, WorkspaceId workspace, Object id, Object entity) {
    String body = json.toJson(entity);
    autoCommit(operation, c -> {
      if (update(c, table.update(), body, workspace, id) > 0) {
        return null;
      }
      try {
        update(c, table.insert(), body, workspace, id);
      } catch (SQLException e) {
        if (!isDuplicate(e)) {
          throw e;
        }
        update(c, table.update(), body, workspace, id); // a concurrent save inserted it first
      }
      return null;
    });
  }

  private <T> Optional<T> find(String operation, Table table, WorkspaceId workspace, Object id, Class<T> type) {
    return autoCommit(operation, c -> one(c, table.select(), type, workspace, id));
  }

  /** Sorted by id in Java, so the order is the same on every database and collation. */
  private <T> List<T> list(String operation, Table table, WorkspaceId workspace, Class<T> type) {
    return autoCommit(operation, c -> {
      List<Map.Entry<String, String>> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(table.list())) {
        bind(ps, workspace);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(Map.entry(rs.getString(1), rs.getString(2)));
          }
        }
      }
      rows.sort(Map.Entry.comparingByKey());
      List<T> result = new ArrayList<>(rows.size());
      for (Map.Entry<String, String> row : rows) {
        result.add(json.fromJson(row.getValue(), type));
      }
      return List.copyOf(result);
    });
  }

  private boolean delete(String operation, Table table, WorkspaceId workspace, Object id) {
    return autoCommit(operation, c -> update(c, table.delete(), workspace, id) > 0);
  }

  // --- workspaces

  @Override
  public void insertWorkspace(Workspace workspace) {
    Checks.required("workspace", workspace);
    String body = json.toJson(workspace);
    autoCommit("insertWorkspace", c -> {
      try {
        return update(c, "INSERT INTO chorus_workspace (id, body) VALUES (?, ?)", workspace.id(), body);
      } catch (SQLException e) {
        if (isDuplicate(e)) {
          throw new InvalidValueException("workspace.id", workspace.id(), "a workspace with this id exists");
        }
        throw e;
      }
    });
  }

  @Override
  public void updateWorkspace(Workspace workspace) {
    Checks.required("workspace", workspace);
    String body = json.toJson(workspace);
    int rows = autoCommit("updateWorkspace",
        c -> update(c, "UPDATE chorus_workspace SET body = ? WHERE id = ?", body, workspace.id()));
    if (rows == 0) {
      throw new EntityNotFoundException("workspace", workspace.id(), workspace.id());
    }
  }

  @Override
  public Optional<Workspace> workspace(WorkspaceId id) {
    return autoCommit("workspace",
        c -> one(c, "SELECT body FROM chorus_workspace WHERE id = ?", Workspace.class, id));
  }

  @Override
  public List<WorkspaceId> workspaceIds() {
    return autoCommit("workspaceIds", c -> {
      List<WorkspaceId> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM chorus_workspace");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(WorkspaceId.of(rs.getString(1)));
        }
      }
      return List.copyOf(ids);
    });
  }

  // --- accounts, campaigns, audiences

  @Override
  public void saveAccount(SocialAccount account) {
    Checks.required("account", account);
    save("saveAccount", ACCOUNTS, account.workspaceId(), account.id(), account);
  }

  @Override
  public Optional<SocialAccount> account(WorkspaceId workspace, AccountId id) {
    return find("account", ACCOUNTS, workspace, id, SocialAccount.class);
  }

  @Override
  public List<SocialAccount> accounts(WorkspaceId workspace) {
    return list("accounts", ACCOUNTS, workspace, SocialAccount.class);
  }

  @Override
  public boolean deleteAccount(WorkspaceId workspace, AccountId id) {
    return delete("deleteAccount", ACCOUNTS, workspace, id);
  }

  @Override
  public void saveCampaign(Campaign campaign) {
    Checks.required("campaign", campaign);
    save("saveCampaign", CAMPAIGNS, campaign.workspaceId(), campaign.id(), campaign);
  }

  @Override
  public Optional<Campaign> campaign(WorkspaceId workspace, CampaignId id) {
    return find("campaign", CAMPAIGNS, workspace, id, Campaign.class);
  }

  @Override
  public List<Campaign> campaigns(WorkspaceId workspace) {
    return list("campaigns", CAMPAIGNS, workspace, Campaign.class);
  }

  @Override
  public boolean deleteCampaign(WorkspaceId workspace, CampaignId id) {
    return delete("deleteCampaign", CAMPAIGNS, workspace, id);
  }

  @Override
  public void saveAudience(Audience audience) {
    Checks.required("audience", audience);
    save("saveAudience", AUDIENCES, audience.workspaceId(), audience.id(), audience);
  }

  @Override
  public Optional<Audience> audience(WorkspaceId workspace, AudienceId id) {
    return find("audience", AUDIENCES, workspace, id, Audience.class);
  }

  @Override
  public List<Audience> audiences(WorkspaceId workspace) {
    return list("audiences", AUDIENCES, workspace, Audience.class);
  }

  @Override
  public boolean deleteAudience(WorkspaceId workspace, AudienceId id) {
    return delete("deleteAudience", AUDIENCES, workspace, id);
  }

  // --- posts and audit

  @Override
  public void insertPost(Post post) {
    Checks.required("post", post);
    String body = json.toJson(post);
    autoCommit("insertPost", c -> {
      try {
        return update(c, "INSERT INTO chorus_post (workspace_id, id, version, campaign_id, updated_at, body)"
            + " VALUES (?, ?, ?, ?, ?, ?)", post.workspaceId(), post.id(), post.version(), post.campaignId(),
            post.updatedAt(), body);
      } catch (SQLException e) {
        if (isDuplicate(e)) {
          throw new InvalidValueException("post.id", post.id(), "a post with this id exists");
        }
        throw e;
      }
    });
  }

  @Override
  public void updatePost(long expectedVersion, Post next, List<AuditEntry> audit) {
    Checks.required("post", next);
    Checks.required("audit", audit);
    if (next.version() != expectedVersion + 1) {
      throw new InvalidValueException(
          "post.version", next.version(), "must be the expected version + 1 = " + (expectedVersion + 1));
    }
    for (AuditEntry entry : audit) {
      if (!entry.postId().equals(next.id())) {
        throw new InvalidValueException("audit.postId", entry.postId(), "must be " + next.id());
      }
    }
    String body = json.toJson(next);
    List<String> entries = audit.stream().map(json::toJson).toList();
    transaction("updatePost", c -> {
      // The row lock taken here orders concurrent writers; a loser re-reads the winner's version.
      int rows = update(c, "UPDATE chorus_post SET body = ?, version = ?, campaign_id = ?, updated_at = ?"
          + " WHERE workspace_id = ? AND id = ? AND version = ?",
          body, next.version(), next.campaignId(), next.updatedAt(), next.workspaceId(), next.id(), expectedVersion);
      if (rows == 0) {
        throw missingOrStale(c, expectedVersion, next);
      }
      if (!entries.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chorus_post_audit (workspace_id, post_id,"
            + " account_id, actor_id, recorded_at, from_state, to_state, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (int i = 0; i < audit.size(); i++) {
            AuditEntry entry = audit.get(i);
            bind(ps, next.workspaceId(), entry.postId(), entry.accountId(), entry.actor(), entry.at(),
                entry.from().name(), entry.to().name(), entries.get(i));
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  private static ChorusException missingOrStale(Connection c, long expectedVersion, Post next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT version FROM chorus_post WHERE workspace_id = ? AND id = ?")) {
      bind(ps, next.workspaceId(), next.id());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new EntityNotFoundException("post", next.id(), next.workspaceId());
        }
        return new StaleVersionException(next.id(), expectedVersion, rs.getLong(1));
      }
    }
  }

  @Override
  public Optional<Post> post(WorkspaceId workspace, PostId id) {
    return autoCommit("post", c -> one(c,
        "SELECT body FROM chorus_post WHERE workspace_id = ? AND id = ?", Post.class, workspace, id));
  }

  @Override
  public List<Post> posts(WorkspaceId workspace) {
    return autoCommit("posts", c -> {
      List<Post> posts = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT body FROM chorus_post WHERE workspace_id = ?")) {
        bind(ps, workspace);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            posts.add(json.fromJson(rs.getString(1), Post.class));
          }
        }
      }
      posts.sort(Comparator.comparing(p -> p.id().value()));
      return List.copyOf(posts);
    });
  }

  @Override
  public List<AuditEntry> audit(WorkspaceId workspace, PostId post) {
    return autoCommit("audit", c -> {
      List<AuditEntry> entries = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT body FROM chorus_post_audit WHERE workspace_id = ? AND post_id = ? ORDER BY seq")) {
        bind(ps, workspace, post);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(json.fromJson(rs.getString(1), AuditEntry.class));
          }
        }
      }
      return List.copyOf(entries);
    });
  }

  // --- metric snapshots

  @Override
  public void appendSnapshots(WorkspaceId workspace, List<MetricSnapshot> snapshots) {
    Checks.required("workspace", workspace);
    List<MetricSnapshot> copy = Checks.list("snapshots", snapshots);
    if (copy.isEmpty()) {
      return;
    }
    List<String> bodies = copy.stream().map(json::toJson).toList();
    transaction("appendSnapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO chorus_snapshot (workspace_id, platform,"
          + " account_id, external_post_id, captured_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < copy.size(); i++) {
          MetricSnapshot s = copy.get(i);
          bind(ps, workspace, s.platform(), s.accountId(), s.externalPostId(), s.capturedAt(), bodies.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<MetricSnapshot> snapshots(WorkspaceId workspace, SnapshotQuery query) {
    Checks.required("workspace", workspace);
    Checks.required("query", query);
    StringBuilder sql = new StringBuilder("SELECT body FROM chorus_snapshot WHERE workspace_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(workspace);
    if (query.platform() != null) {
      sql.append(" AND platform = ?");
      args.add(query.platform());
    }
    if (query.accountId() != null) {
      sql.append(" AND account_id = ?");
      args.add(query.accountId());
    }
    if (query.externalPostId() != null) {
      sql.append(" AND external_post_id = ?");
      args.add(query.externalPostId());
    }
    if (query.accountLevel() != null) {
      sql.append(query.accountLevel() ? " AND external_post_id IS NULL" : " AND external_post_id IS NOT NULL");
    }
    if (query.from() != null) {
      sql.append(" AND captured_at >= ?");
      args.add(query.from());
    }
    if (query.until() != null) {
      sql.append(" AND captured_at < ?");
      args.add(query.until());
    }
    sql.append(" ORDER BY seq");
    return autoCommit("snapshots", c -> {
      List<MetricSnapshot> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, args.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(json.fromJson(rs.getString(1), MetricSnapshot.class));
          }
        }
      }
      found.sort(SNAPSHOT_ORDER); // in Java, so every database orders alike; stable over seq
      return List.copyOf(found);
    });
  }

  @Override
  public String toString() {
    return "JdbcChorusStore";
  }

  // --- scheduling

  /**
   * Inserts or replaces the JSON body of the row with the key; {@code keyColumns} and {@code keys}
   * pair up, and a concurrent insert of the same key turns into an update.
   */
  private void upsert(String operation, String table, List<String> keyColumns, List<Object> keys, Object entity) {
    String body = json.toJson(entity);
    String where = String.join(" = ? AND ", keyColumns) + " = ?";
    String updateSql = "UPDATE " + table + " SET body = ? WHERE " + where;
    String insertSql = "INSERT INTO " + table + " (body, " + String.join(", ", keyColumns) + ") VALUES (?"
        + ", ?".repeat(keyColumns.size()) + ")";
    Object[] values = new Object[keys.size() + 1];
    values[0] = body;
    for (int i = 0; i < keys.size(); i++) {
      values[i + 1] = keys.get(i);
    }
    autoCommit(operation, c -> {
      if (update(c, updateSql, values) > 0) {
        return null;
      }
      try {
        update(c, insertSql, values);
      } catch (SQLException e) {
        if (!isDuplicate(e)) {
          throw e;
        }
        update(c, updateSql, values); // a concurrent save inserted it first
      }
      return null;
    });
  }

  @Override
  public void saveScheduleIntent(WorkspaceId workspace, PostId post, AccountId account, ScheduleIntent intent) {
    StoredIntent stored = new StoredIntent(workspace, post, account, intent);
    upsert("saveScheduleIntent", "chorus_schedule_intent", List.of("workspace_id", "post_id", "account_id"),
        List.of(workspace, post, account), stored.intent());
  }

  @Override
  public Optional<ScheduleIntent> scheduleIntent(WorkspaceId workspace, PostId post, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("postId", post);
    Checks.required("accountId", account);
    return autoCommit("scheduleIntent", c -> one(c, "SELECT body FROM chorus_schedule_intent "
        + "WHERE workspace_id = ? AND post_id = ? AND account_id = ?", ScheduleIntent.class, workspace, post, account));
  }

  @Override
  public boolean deleteScheduleIntent(WorkspaceId workspace, PostId post, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("postId", post);
    Checks.required("accountId", account);
    return autoCommit("deleteScheduleIntent", c -> update(c, "DELETE FROM chorus_schedule_intent "
        + "WHERE workspace_id = ? AND post_id = ? AND account_id = ?", workspace, post, account) > 0);
  }

  /** Sorted in Java, so the order is the same on every database and collation. */
  @Override
  public List<StoredIntent> scheduleIntents() {
    return autoCommit("scheduleIntents", c -> {
      List<StoredIntent> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT workspace_id, post_id, account_id, body FROM chorus_schedule_intent");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new StoredIntent(WorkspaceId.of(rs.getString(1)), PostId.of(rs.getString(2)),
              AccountId.of(rs.getString(3)), json.fromJson(rs.getString(4), ScheduleIntent.class)));
        }
      }
      found.sort(Comparator.comparing((StoredIntent i) -> i.workspace().value())
          .thenComparing(i -> i.post().value())
          .thenComparing(i -> i.account().value()));
      return List.copyOf(found);
    });
  }

  @Override
  public void saveWorkspaceScheduling(WorkspaceId workspace, WorkspaceScheduling settings) {
    Checks.required("workspace", workspace);
    Checks.required("settings", settings);
    upsert("saveWorkspaceScheduling", "chorus_workspace_scheduling", List.of("workspace_id"),
        List.of(workspace), settings);
  }

  @Override
  public Optional<WorkspaceScheduling> workspaceScheduling(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return autoCommit("workspaceScheduling", c -> one(c,
        "SELECT body FROM chorus_workspace_scheduling WHERE workspace_id = ?", WorkspaceScheduling.class, workspace));
  }

  @Override
  public void saveAccountScheduling(WorkspaceId workspace, AccountId account, AccountScheduling settings) {
    Checks.required("workspace", workspace);
    Checks.required("accountId", account);
    Checks.required("settings", settings);
    upsert("saveAccountScheduling", "chorus_account_scheduling", List.of("workspace_id", "account_id"),
        List.of(workspace, account), settings);
  }

  @Override
  public Optional<AccountScheduling> accountScheduling(WorkspaceId workspace, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("accountId", account);
    return autoCommit("accountScheduling", c -> one(c, "SELECT body FROM chorus_account_scheduling "
        + "WHERE workspace_id = ? AND account_id = ?", AccountScheduling.class, workspace, account));
  }
}
