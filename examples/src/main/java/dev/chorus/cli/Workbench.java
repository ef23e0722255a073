package dev.chorus.cli;

import dev.chorus.Chorus;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.PostTarget;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.JdbcDispatchStore;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation's Chorus: the database, the store, the one workspace the command line works in,
 * its session and the remembered plan times of imported targets (kept in {@code chorus_cli_plan},
 * because the scheduler remembers intents only in memory).
 */
final class Workbench implements AutoCloseable {

  static final WorkspaceId WORKSPACE = WorkspaceId.of("chorus-cli");
  static final ActorId OWNER = ActorId.of("chorus-cli");

  /** A target's plan as imported: wall-clock time and the zone named in the file (or none). */
  record Plan(LocalDateTime local, ZoneId zone) {
    ScheduleIntent intent() {
      return ScheduleIntent.atLocal(local, zone, DstPolicy.DEFAULT);
    }

    Optional<Instant> resolve(ZoneId accountZone) {
      return DstPolicy.DEFAULT.resolve(local, zone == null ? accountZone : zone);
    }
  }

  private record TargetKey(PostId post, AccountId account) {}

  private final DriverDataSource dataSource;
  private final Connection keepAlive;
  private final Chorus chorus;
  private final Session session;
  private final Map<TargetKey, Plan> plans = new HashMap<>();

  private Workbench(DriverDataSource dataSource, Connection keepAlive, Chorus chorus) {
    this.dataSource = dataSource;
    this.keepAlive = keepAlive;
    this.chorus = chorus;
    if (chorus.store().workspace(WORKSPACE).isEmpty()) {
      chorus.createWorkspace(new Workspace(WORKSPACE, "Chorus command line", ZoneOffset.UTC, ApprovalPolicy.none(),
          Map.of(OWNER, Role.OWNER)));
    }
    this.session = chorus.session(OWNER, WORKSPACE);
    loadPlans();
  }

  /**
   * Opens the database and builds Chorus on it.
   *
   * @param inMemoryDispatch keep dispatches in memory on the CLI's clock instead of in the database
   */
  static Workbench open(ChorusCli cli, boolean inMemoryDispatch) {
    DriverDataSource dataSource = cli.dataSource();
    Connection keepAlive;
    try {
      keepAlive = dataSource.getConnection();
    } catch (SQLException e) {
      throw new CliException(ExitCodes.PLATFORM, "Cannot open the database " + dataSource + ": " + e.getMessage());
    }
    try {
      createPlanTable(keepAlive);
      Chorus.Builder builder = builder(cli).store(ChorusStore.jdbc(dataSource));
      if (!inMemoryDispatch) {
        builder.dispatchStore(new JdbcDispatchStore(dataSource));
      }
      return new Workbench(dataSource, keepAlive, builder.build());
    } catch (RuntimeException | SQLException e) {
      try {
        keepAlive.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof SQLException sql) {
        throw new CliException(ExitCodes.PLATFORM, "Cannot prepare the database " + dataSource + ": " + sql.getMessage());
      }
      throw (RuntimeException) e;
    }
  }

  /** A Chorus builder with the CLI's clock, connectors (found by ServiceLoader) and connector settings. */
  static Chorus.Builder builder(ChorusCli cli) {
    CliEnvironment env = cli.environment();
    ConnectorContext.Builder context = ConnectorContext.builder(env.clock());
    env.sharedSandbox().ifPresent(sandbox -> context.extension(SandboxPlatform.class, sandbox));
    Chorus.Builder builder = Chorus.builder()
        .clock(env.clock())
        .connectors(ConnectorRegistry.builder().discover(ChorusCli.class.getClassLoader()).build())
        .connectorContext(context.build())
        .dispatchWorkers(1);
    for (Map.Entry<Platform, Map<String, String>> config : cli.connectorConfigs().entrySet()) {
      builder.connectorConfig(config.getKey(), config.getValue());
    }
    return builder;
  }

  Chorus chorus() {
    return chorus;
  }

  Session session() {
    return session;
  }

  /** The account by id. */
  Optional<SocialAccount> account(AccountId id) {
    return chorus.store().account(WORKSPACE, id);
  }

  /** The plan imported for the target, if any. */
  Optional<Plan> plan(PostId post, AccountId account) {
    return Optional.ofNullable(plans.get(new TargetKey(post, account)));
  }

  /** Records the plans of freshly imported posts (their intents are in the scheduler's memory now). */
  void savePlans(Iterable<Post> posts) {
    String sql = "INSERT INTO chorus_cli_plan (workspace_id, post_id, account_id, local_time, zone) VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement ps = keepAlive.prepareStatement(sql)) {
      for (Post post : posts) {
        for (PostTarget target : post.targets()) {
          Optional<ScheduleIntent> intent = chorus.scheduler().intent(WORKSPACE, post.id(), target.accountId());
          if (intent.isPresent() && intent.get() instanceof ScheduleIntent.AtLocal local) {
            ps.setString(1, WORKSPACE.value());
            ps.setString(2, post.id().value());
            ps.setString(3, target.accountId().value());
            ps.setString(4, local.local().toString());
            ps.setString(5, local.explicitZone().map(ZoneId::getId).orElse(""));
            ps.addBatch();
            plans.put(new TargetKey(post.id(), target.accountId()), new Plan(local.local(), local.zone()));
          }
        }
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new CliException(ExitCodes.PLATFORM, "Cannot record the imported plan in " + dataSource + ": " + e.getMessage());
    }
  }

  private static void createPlanTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS chorus_cli_plan (workspace_id VARCHAR(200) NOT NULL,"
          + " post_id VARCHAR(200) NOT NULL, account_id VARCHAR(200) NOT NULL, local_time VARCHAR(40) NOT NULL,"
          + " zone VARCHAR(100) NOT NULL, PRIMARY KEY (workspace_id, post_id, account_id))");
    }
  }

  /** Reads the plans back and hands them to the scheduler again, so calendars and scheduling see them. */
  private void loadPlans() {
    String sql = "SELECT post_id, account_id, local_time, zone FROM chorus_cli_plan WHERE workspace_id = ?";
    try (PreparedStatement ps = keepAlive.prepareStatement(sql)) {
      ps.setString(1, WORKSPACE.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String zone = rs.getString(4);
          Plan plan = new Plan(LocalDateTime.parse(rs.getString(3)), zone.isEmpty() ? null : ZoneId.of(zone));
          TargetKey key = new TargetKey(PostId.of(rs.getString(1)), AccountId.of(rs.getString(2)));
          plans.put(key, plan);
          chorus.scheduler().rememberIntent(WORKSPACE, key.post(), key.account(), plan.intent());
        }
      }
    } catch (SQLException e) {
      throw new CliException(ExitCodes.PLATFORM, "Cannot read the imported plan from " + dataSource + ": " + e.getMessage());
    }
  }

  /** Posts of the workspace by id, in store order. */
  Map<PostId, Post> posts() {
    Map<PostId, Post> posts = new LinkedHashMap<>();
    for (Post post : chorus.store().posts(WORKSPACE)) {
      posts.put(post.id(), post);
    }
    return posts;
  }

  @Override
  public void close() {
    try {
      chorus.close();
    } finally {
      try {
        keepAlive.close();
      } catch (SQLException e) {
        // Closing the last connection of a file database only flushes it; nothing to tell the user.
      }
    }
  }
}
