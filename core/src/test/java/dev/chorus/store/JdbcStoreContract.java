package dev.chorus.store;

import static dev.chorus.store.StoreSamples.T0;
import static dev.chorus.store.StoreSamples.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.Chorus;
import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.ConflictMode;
import dev.chorus.schedule.JdbcDispatchStore;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WorkspaceScheduling;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store contract on a real database, plus what only the JDBC store has: schema, failures, a whole Chorus. */
abstract class JdbcStoreContract extends ChorusStoreContract {

  /** The test's database, fresh and empty for each test. */
  abstract DataSource dataSource();

  /** Another fresh, empty database of the same kind. */
  abstract DataSource anotherDataSource();

  @Override
  ChorusStore newStore() {
    return ChorusStore.jdbc(dataSource());
  }

  @Override
  int raceRounds() {
    return 10;
  }

  @Override
  int writesPerThread() {
    return 25;
  }

  static List<Integer> versions(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM chorus_schema_version ORDER BY version")) {
      List<Integer> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      return versions;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void migrations_run_once_and_both_stores_share_one_version_table() {
    assertThat(versions(dataSource())).containsExactly(1, 2, 3, 5, 6, 7, 8);
    new JdbcDispatchStore(dataSource());
    ChorusStore.jdbc(dataSource());
    assertThat(SchemaMigrator.migrate(dataSource(), SchemaMigrator.ALL)).isEmpty();
    assertThat(versions(dataSource())).containsExactly(1, 2, 3, 5, 6, 7, 8);
    assertThat(store.post(WS, PostId.of("p"))).isEmpty();

    // The dispatch store first: it lays down the whole sequence, and the Chorus store finds nothing to do.
    DataSource other = anotherDataSource();
    new JdbcDispatchStore(other);
    assertThat(versions(other)).containsExactly(1, 2, 3, 5, 6, 7, 8);
    ChorusStore second = ChorusStore.jdbc(other);
    assertThat(versions(other)).containsExactly(1, 2, 3, 5, 6, 7, 8);
    second.insertPost(draft(WS, "p"));
    assertThat(second.posts(WS)).hasSize(1);
  }

  @Test
  void intents_and_settings_outlive_the_store_instance_and_keep_local_time_and_zone_as_written() throws SQLException {
    ScheduleIntent local = ScheduleIntent.atLocal(java.time.LocalDateTime.of(2026, 3, 29, 2, 30),
        java.time.ZoneId.of("Europe/Berlin"), dev.chorus.schedule.DstPolicy.DEFAULT);
    store.saveScheduleIntent(WS, P1, ACC_A, local);
    store.saveAccountScheduling(WS, ACC_A, new AccountScheduling(List.of(), java.time.Duration.ofMinutes(30)));
    store.saveWorkspaceScheduling(WS, WorkspaceScheduling.DEFAULT.withConflictMode(ConflictMode.NEXT_LEGAL));

    ChorusStore reopened = ChorusStore.jdbc(dataSource());

    assertThat(reopened.scheduleIntent(WS, P1, ACC_A)).contains(local);
    assertThat(reopened.accountScheduling(WS, ACC_A).orElseThrow().minSpacing()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(reopened.workspaceScheduling(WS).orElseThrow().conflictMode()).isEqualTo(ConflictMode.NEXT_LEGAL);
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT body FROM chorus_schedule_intent")) {
      assertThat(rs.next()).isTrue();
      // The wall-clock time and the zone id, never an instant worked out under today's zone rules.
      assertThat(rs.getString(1)).contains("\"local\":\"2026-03-29T02:30\"").contains("\"zone\":\"Europe/Berlin\"")
          .doesNotContain("Z\"");
    }
  }

  @Test
  void a_database_error_names_the_operation() {
    store.insertPost(draft(WS, "p-1"));
    execute(dataSource(), "DROP TABLE chorus_post_audit");
    assertThatThrownBy(() -> store.audit(WS, PostId.of("p-1")))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> {
          assertThat(e.operation()).isEqualTo("audit");
          assertThat(e.retryable()).isTrue();
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
        })
        .hasMessageStartingWith("store audit failed: SQLState 42");
    // The audit insert fails inside the update's transaction, so the post keeps its version.
    Post post = store.post(WS, PostId.of("p-1")).orElseThrow();
    assertThatThrownBy(() -> store.updatePost(0, post.withContent(PostContent.text("v1")).touched(T0),
        List.of(StoreSamples.entry(post, "x"))))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> assertThat(e.operation()).isEqualTo("updatePost"));
    assertThat(store.post(WS, PostId.of("p-1"))).contains(post);
  }

  @Test
  void a_connection_failure_never_shows_the_password() {
    FailingDataSource failing = new FailingDataSource(dataSource());
    ChorusStore guarded = ChorusStore.jdbc(failing);
    failing.fail.set(true);
    assertThatThrownBy(() -> guarded.posts(WS))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> {
          assertThat(e.operation()).isEqualTo("posts");
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret");
          }
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
          assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08001");
        })
        .hasMessageContaining("store posts failed: SQLState 08001")
        .hasMessageContaining("password=***");
    assertThatThrownBy(() -> ChorusStore.jdbc(failing))
        .isInstanceOfSatisfying(ChorusStoreException.class, e -> assertThat(e.operation()).isEqualTo("migrate"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void a_chorus_on_the_jdbc_store_runs_draft_submit_approve_and_keeps_the_trail() {
    ActorId owner = ActorId.of("olivia-owner");
    ActorId creator = ActorId.of("carl-creator");
    ActorId approver = ActorId.of("ann-approver");
    WorkspaceId wsId = WorkspaceId.of("ws-acme");
    AccountId x = AccountId.of("acc-x");
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    PostId postId;
    try (Chorus chorus = Chorus.builder().clock(clock).store(ChorusStore.jdbc(dataSource())).build()) {
      chorus.createWorkspace(new Workspace(wsId, "Acme", ZoneId.of("Europe/Berlin"), ApprovalPolicy.singleApprover(),
          Map.of(owner, Role.OWNER, creator, Role.CREATOR, approver, Role.APPROVER)));
      chorus.session(owner, wsId).accounts().connect(new SocialAccount(x, wsId, Platform.X, "@acme", "ext-x",
          ZoneId.of("Europe/Berlin"), CredentialsRef.of("vault:acc-x")));
      Post draft = chorus.session(creator, wsId).posts().createDraft(PostContent.text("Spring menu is here"), x);
      postId = draft.id();
      chorus.session(creator, wsId).posts().submit(postId, "please check");
      Post approved = chorus.session(approver, wsId).posts().approve(postId, "lgtm");
      assertThat(approved.targets()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TargetState.APPROVED));
    }

    // A second instance on the same database (another node, or after a restart) sees it all.
    try (Chorus again = Chorus.builder().clock(clock).store(ChorusStore.jdbc(dataSource())).build()) {
      Post stored = again.session(owner, wsId).posts().get(postId);
      assertThat(stored.target(x).orElseThrow().state()).isEqualTo(TargetState.APPROVED);
      List<AuditEntry> trail = again.session(owner, wsId).posts().audit(postId);
      assertThat(trail).extracting(e -> e.actor() + ":" + e.from() + ">" + e.to())
          .containsExactly("carl-creator:DRAFT>IN_REVIEW", "ann-approver:IN_REVIEW>APPROVED");
      assertThat(trail.get(0).reason()).isEqualTo("please check");
      assertThat(trail).allSatisfy(e -> assertThat(e.at()).isEqualTo(T0));
      assertThat(again.session(owner, wsId).accounts().list()).extracting(SocialAccount::id).containsExactly(x);
    }
  }

  /** Delegates until told to fail, then fails like a driver that echoes its URL with a password in it. */
  static final class FailingDataSource implements DataSource {
    final AtomicBoolean fail = new AtomicBoolean();
    private final DataSource delegate;

    FailingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (fail.get()) {
        throw new SQLException("could not connect to jdbc:postgresql://app:s3cret@db:5432/chorus?user=app&password=hunter2",
            "08001", new IllegalStateException("handshake for PASSWORD=hunter2 refused"));
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
