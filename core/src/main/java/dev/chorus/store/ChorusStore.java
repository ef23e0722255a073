package dev.chorus.store;

import dev.chorus.EntityNotFoundException;
import dev.chorus.StaleVersionException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WorkspaceScheduling;
import dev.chorus.store.internal.InMemoryStore;
import dev.chorus.store.internal.JdbcStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where Chorus keeps its state. Every method is keyed by the owning {@link WorkspaceId} plus the
 * entity's id, so an entity of another workspace is simply absent; methods take and return
 * immutable model values and never call back into the caller, so an implementation can map each to
 * one SQL statement or transaction.
 *
 * <p>Implementations must be thread-safe. Posts use optimistic concurrency on {@link
 * Post#version()}: {@link #updatePost} stores the new post and appends its audit entries atomically,
 * or fails with {@link StaleVersionException} and changes nothing.
 */
public interface ChorusStore {

  /** A new, empty, thread-safe store that lives in memory. */
  static ChorusStore inMemory() {
    return new InMemoryStore();
  }

  /**
   * A durable, thread-safe store in a relational database: PostgreSQL for a cluster of nodes, or H2
   * in file mode for one node. Creates or migrates the schema before it returns, sharing one version
   * sequence ({@code chorus_schema_version}) with the JDBC dispatch store, so both may use the same
   * database. Each call borrows one connection from {@code dataSource} and returns it before it
   * returns; use a pooling data source in production. The caller owns and closes the data source.
   * Database failures raise {@link ChorusStoreException}, naming the operation and never a credential.
   *
   * @throws ChorusStoreException if the schema cannot be created or migrated
   */
  static ChorusStore jdbc(DataSource dataSource) {
    return new JdbcStore(dataSource);
  }

  // --- workspaces

  /**
   * Stores a new workspace.
   *
   * @throws dev.chorus.InvalidValueException if a workspace with that id exists
   */
  void insertWorkspace(Workspace workspace);

  /**
   * Replaces a stored workspace (members, policy, name).
   *
   * @throws EntityNotFoundException if it does not exist
   */
  void updateWorkspace(Workspace workspace);

  /** The workspace, if stored. */
  Optional<Workspace> workspace(WorkspaceId id);

  /** The ids of every stored workspace, in no particular order. */
  List<WorkspaceId> workspaceIds();

  // --- accounts, campaigns, audiences: insert or replace by (workspace, id)

  /** Inserts or replaces the account under its own workspace. */
  void saveAccount(SocialAccount account);

  /** The account, if the workspace has it. */
  Optional<SocialAccount> account(WorkspaceId workspace, AccountId id);

  /** The workspace's accounts, ordered by id. */
  List<SocialAccount> accounts(WorkspaceId workspace);

  /** Removes the account; whether it was there. */
  boolean deleteAccount(WorkspaceId workspace, AccountId id);

  /** Inserts or replaces the campaign under its own workspace. */
  void saveCampaign(Campaign campaign);

  /** The campaign, if the workspace has it. */
  Optional<Campaign> campaign(WorkspaceId workspace, CampaignId id);

  /** The workspace's campaigns, ordered by id. */
  List<Campaign> campaigns(WorkspaceId workspace);

  /** Removes the campaign; whether it was there. */
  boolean deleteCampaign(WorkspaceId workspace, CampaignId id);

  /** Inserts or replaces the audience under its own workspace. */
  void saveAudience(Audience audience);

  /** The audience, if the workspace has it. */
  Optional<Audience> audience(WorkspaceId workspace, AudienceId id);

  /** The workspace's audiences, ordered by id. */
  List<Audience> audiences(WorkspaceId workspace);

  /** Removes the audience; whether it was there. */
  boolean deleteAudience(WorkspaceId workspace, AudienceId id);

  // --- posts and their audit trail

  /**
   * Stores a new post (any version) under its own workspace.
   *
   * @throws dev.chorus.InvalidValueException if the workspace already has a post with that id
   */
  void insertPost(Post post);

  /**
   * Replaces a post if the stored version equals {@code expectedVersion}, and appends the audit
   * entries, both or neither. {@code next.version()} must be {@code expectedVersion + 1}.
   *
   * @throws StaleVersionException if the stored version differs
   * @throws EntityNotFoundException if the workspace has no such post
   * @throws dev.chorus.InvalidValueException if {@code next.version()} is not {@code expectedVersion + 1}
   *     or an audit entry is about another post
   */
  void updatePost(long expectedVersion, Post next, List<AuditEntry> audit);

  /** The post, if the workspace has it. */
  Optional<Post> post(WorkspaceId workspace, PostId id);

  /** The workspace's posts, ordered by id. */
  List<Post> posts(WorkspaceId workspace);

  /** The post's audit trail in the order it was written; empty for an unknown post. */
  List<AuditEntry> audit(WorkspaceId workspace, PostId post);

  // --- scheduling: intents as written and planning settings, shared by every node

  /**
   * Inserts or replaces the schedule intent of the post's target on the account, exactly as written
   * (a local time stays a local time plus its zone id and DST policy).
   */
  void saveScheduleIntent(WorkspaceId workspace, PostId post, AccountId account, ScheduleIntent intent);

  /** The target's schedule intent, if one is stored. */
  Optional<ScheduleIntent> scheduleIntent(WorkspaceId workspace, PostId post, AccountId account);

  /** Removes the target's schedule intent; whether it was there. */
  boolean deleteScheduleIntent(WorkspaceId workspace, PostId post, AccountId account);

  /**
   * Every stored schedule intent of every workspace, ordered by workspace id, post id, then account
   * id: what the scheduler of any node tops recurrences up from and replans.
   */
  List<StoredIntent> scheduleIntents();

  /** Inserts or replaces the workspace's scheduling settings (blackouts, conflict mode). */
  void saveWorkspaceScheduling(WorkspaceId workspace, WorkspaceScheduling settings);

  /** The workspace's scheduling settings, if any were saved. */
  Optional<WorkspaceScheduling> workspaceScheduling(WorkspaceId workspace);

  /** Inserts or replaces the account's scheduling settings (queue, minimum spacing). */
  void saveAccountScheduling(WorkspaceId workspace, AccountId account, AccountScheduling settings);

  /** The account's scheduling settings, if any were saved. */
  Optional<AccountScheduling> accountScheduling(WorkspaceId workspace, AccountId account);

  /**
   * A stored schedule intent with the target it belongs to.
   *
   * @param workspace the owning workspace
   * @param post the post
   * @param account the target's account
   * @param intent the intent as written
   */
  record StoredIntent(WorkspaceId workspace, PostId post, AccountId account, ScheduleIntent intent) {

    /** Checks that every part is present. */
    public StoredIntent {
      Checks.required("workspace", workspace);
      Checks.required("postId", post);
      Checks.required("accountId", account);
      Checks.required("intent", intent);
    }
  }

  // --- metric snapshots: append-only readings of lifetime counters

  /**
   * Appends the snapshots to the workspace's history, all or none. Snapshots are never replaced:
   * two readings of one post at one instant are both kept.
   */
  void appendSnapshots(WorkspaceId workspace, List<MetricSnapshot> snapshots);

  /**
   * The workspace's snapshots that match the query, ordered by {@link #SNAPSHOT_ORDER} (capture
   * time, then platform, account and post id, account-level first); readings equal in all of those
   * keep the order they were appended in.
   */
  List<MetricSnapshot> snapshots(WorkspaceId workspace, SnapshotQuery query);

  /** The order {@link #snapshots} lists in. */
  Comparator<MetricSnapshot> SNAPSHOT_ORDER = Comparator.comparing(MetricSnapshot::capturedAt)
      .thenComparing(s -> s.platform().id())
      .thenComparing(s -> s.accountId().value())
      .thenComparing(MetricSnapshot::externalPostId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * Which snapshots to list; every filter is optional ({@code null} matches everything).
   *
   * @param platform only this platform's snapshots
   * @param accountId only this account's snapshots
   * @param externalPostId only this post's snapshots
   * @param accountLevel {@code TRUE} for account-level snapshots only, {@code FALSE} for post
   *     snapshots only, {@code null} for both
   * @param from captured at or after this instant
   * @param until captured strictly before this instant
   */
  record SnapshotQuery(
      Platform platform, AccountId accountId, String externalPostId, Boolean accountLevel, Instant from, Instant until) {

    /** Checks that the window is not inverted and the post filter is not blank. */
    public SnapshotQuery {
      Checks.blankToNull("snapshotQuery.externalPostId", externalPostId);
      if (from != null && until != null && until.isBefore(from)) {
        throw new dev.chorus.InvalidValueException("snapshotQuery.until", until, "must not be before from " + from);
      }
      if (externalPostId != null && Boolean.TRUE.equals(accountLevel)) {
        throw new dev.chorus.InvalidValueException(
            "snapshotQuery.accountLevel", accountLevel, "contradicts the post filter " + externalPostId);
      }
    }

    /** Every snapshot of the workspace. */
    public static SnapshotQuery all() {
      return new SnapshotQuery(null, null, null, null, null, null);
    }

    /** Every snapshot of one post. */
    public static SnapshotQuery post(Platform platform, AccountId account, String externalPostId) {
      return new SnapshotQuery(Checks.required("snapshotQuery.platform", platform),
          Checks.required("snapshotQuery.accountId", account),
          Checks.notBlank("snapshotQuery.externalPostId", externalPostId), null, null, null);
    }

    /** This query restricted to the platform. */
    public SnapshotQuery withPlatform(Platform value) {
      return new SnapshotQuery(value, accountId, externalPostId, accountLevel, from, until);
    }

    /** This query restricted to the account. */
    public SnapshotQuery withAccount(AccountId value) {
      return new SnapshotQuery(platform, value, externalPostId, accountLevel, from, until);
    }

    /** This query restricted to account-level ({@code true}) or post ({@code false}) snapshots. */
    public SnapshotQuery withAccountLevel(Boolean value) {
      return new SnapshotQuery(platform, accountId, externalPostId, value, from, until);
    }

    /** This query restricted to captures in {@code [from, until)}; either may be {@code null}. */
    public SnapshotQuery between(Instant start, Instant end) {
      return new SnapshotQuery(platform, accountId, externalPostId, accountLevel, start, end);
    }

    /** Whether the snapshot matches every filter. */
    public boolean matches(MetricSnapshot snapshot) {
      return (platform == null || platform.equals(snapshot.platform()))
          && (accountId == null || accountId.equals(snapshot.accountId()))
          && (externalPostId == null || externalPostId.equals(snapshot.externalPostId()))
          && (accountLevel == null || accountLevel == snapshot.accountLevel())
          && (from == null || !snapshot.capturedAt().isBefore(from))
          && (until == null || snapshot.capturedAt().isBefore(until));
    }
  }
}
