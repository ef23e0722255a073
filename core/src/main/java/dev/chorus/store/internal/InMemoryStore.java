package dev.chorus.store.internal;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.StaleVersionException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The default store: plain maps behind one monitor. Every method holds the monitor only for its own
 * map work and never runs caller code, so it cannot deadlock; values are immutable records, so what
 * it hands out needs no copying.
 */
public final class InMemoryStore implements ChorusStore {

  private final Map<WorkspaceId, Workspace> workspaces = new HashMap<>();
  private final Map<WorkspaceId, Tenant> tenants = new HashMap<>();

  /** Everything one workspace owns, keyed by id (sorted, so listings are stable). */
  private static final class Tenant {
    final Map<AccountId, SocialAccount> accounts = new TreeMap<>(java.util.Comparator.comparing(AccountId::value));
    final Map<CampaignId, Campaign> campaigns = new TreeMap<>(java.util.Comparator.comparing(CampaignId::value));
    final Map<AudienceId, Audience> audiences = new TreeMap<>(java.util.Comparator.comparing(AudienceId::value));
    final TreeMap<PostId, Object[]> posts = new TreeMap<>(java.util.Comparator.comparing(PostId::value));
    final List<MetricSnapshot> snapshots = new ArrayList<>();
  }

  /**
   * A post and its audit trail in one exactly sized array, the post first and the entries after it,
   * replaced on every write (a post collects a handful of entries). A million scheduled posts take
   * about 90 bytes each less than a post map beside a map of growable audit lists.
   */
  private static Object[] stored(Post post, Object[] previous, List<AuditEntry> audit) {
    int kept = previous == null ? 0 : previous.length - 1;
    Object[] slots = new Object[1 + kept + audit.size()];
    slots[0] = post;
    if (kept > 0) {
      System.arraycopy(previous, 1, slots, 1, kept);
    }
    for (int i = 0; i < audit.size(); i++) {
      slots[1 + kept + i] = audit.get(i);
    }
    return slots;
  }

  private static Post post(Object[] slots) {
    return (Post) slots[0];
  }

  /** The key of a schedule intent; ordered by workspace, post and account id. */
  private record IntentKey(WorkspaceId workspace, PostId post, AccountId account) {}

  private static final java.util.Comparator<IntentKey> INTENT_ORDER =
      java.util.Comparator.comparing((IntentKey k) -> k.workspace().value())
          .thenComparing(k -> k.post().value())
          .thenComparing(k -> k.account().value());

  private final Map<WorkspaceId, WorkspaceScheduling> workspaceScheduling = new HashMap<>();
  private final Map<String, AccountScheduling> accountScheduling = new HashMap<>();
  private final TreeMap<IntentKey, ScheduleIntent> intents = new TreeMap<>(INTENT_ORDER);

  /** A new, empty store. */
  public InMemoryStore() {}

  /** The workspace's tenant, created on first write. */
  private Tenant tenant(WorkspaceId id) {
    return tenants.computeIfAbsent(id, k -> new Tenant());
  }

  /** The workspace's tenant for reading; a fresh empty one (not kept) when nothing was written. */
  private Tenant read(WorkspaceId id) {
    Tenant tenant = tenants.get(id);
    return tenant == null ? new Tenant() : tenant;
  }

  @Override
  public synchronized void insertWorkspace(Workspace workspace) {
    if (workspaces.containsKey(workspace.id())) {
      throw new InvalidValueException("workspace.id", workspace.id(), "a workspace with this id exists");
    }
    workspaces.put(workspace.id(), workspace);
  }

  @Override
  public synchronized void updateWorkspace(Workspace workspace) {
    if (!workspaces.containsKey(workspace.id())) {
      throw new EntityNotFoundException("workspace", workspace.id(), workspace.id());
    }
    workspaces.put(workspace.id(), workspace);
  }

  @Override
  public synchronized Optional<Workspace> workspace(WorkspaceId id) {
    return Optional.ofNullable(workspaces.get(id));
  }

  @Override
  public synchronized List<WorkspaceId> workspaceIds() {
    return List.copyOf(workspaces.keySet());
  }

  @Override
  public synchronized void saveAccount(SocialAccount account) {
    tenant(account.workspaceId()).accounts.put(account.id(), account);
  }

  @Override
  public synchronized Optional<SocialAccount> account(WorkspaceId workspace, AccountId id) {
    return Optional.ofNullable(read(workspace).accounts.get(id));
  }

  @Override
  public synchronized List<SocialAccount> accounts(WorkspaceId workspace) {
    return List.copyOf(read(workspace).accounts.values());
  }

  @Override
  public synchronized boolean deleteAccount(WorkspaceId workspace, AccountId id) {
    return read(workspace).accounts.remove(id) != null;
  }

  @Override
  public synchronized void saveCampaign(Campaign campaign) {
    tenant(campaign.workspaceId()).campaigns.put(campaign.id(), campaign);
  }

  @Override
  public synchronized Optional<Campaign> campaign(WorkspaceId workspace, CampaignId id) {
    return Optional.ofNullable(read(workspace).campaigns.get(id));
  }

  @Override
  public synchronized List<Campaign> campaigns(WorkspaceId workspace) {
    return List.copyOf(read(workspace).campaigns.values());
  }

  @Override
  public synchronized boolean deleteCampaign(WorkspaceId workspace, CampaignId id) {
    return read(workspace).campaigns.remove(id) != null;
  }

  @Override
  public synchronized void saveAudience(Audience audience) {
    tenant(audience.workspaceId()).audiences.put(audience.id(), audience);
  }

  @Override
  public synchronized Optional<Audience> audience(WorkspaceId workspace, AudienceId id) {
    return Optional.ofNullable(read(workspace).audiences.get(id));
  }

  @Override
  public synchronized List<Audience> audiences(WorkspaceId workspace) {
    return List.copyOf(read(workspace).audiences.values());
  }

  @Override
  public synchronized boolean deleteAudience(WorkspaceId workspace, AudienceId id) {
    return read(workspace).audiences.remove(id) != null;
  }

  @Override
  public synchronized void insertPost(Post post) {
    Tenant tenant = tenant(post.workspaceId());
    if (tenant.posts.containsKey(post.id())) {
      throw new InvalidValueException("post.id", post.id(), "a post with this id exists");
    }
    tenant.posts.put(post.id(), stored(post, null, List.of()));
  }

  @Override
  public synchronized void updatePost(long expectedVersion, Post next, List<AuditEntry> audit) {
    if (next.version() != expectedVersion + 1) {
      throw new InvalidValueException(
          "post.version", next.version(), "must be the expected version + 1 = " + (expectedVersion + 1));
    }
    for (AuditEntry entry : audit) {
      if (!entry.postId().equals(next.id())) {
        throw new InvalidValueException("audit.postId", entry.postId(), "must be " + next.id());
      }
    }
    Tenant tenant = read(next.workspaceId());
    Object[] stored = tenant.posts.get(next.id());
    if (stored == null) {
      throw new EntityNotFoundException("post", next.id(), next.workspaceId());
    }
    if (post(stored).version() != expectedVersion) {
      throw new StaleVersionException(next.id(), expectedVersion, post(stored).version());
    }
    tenant.posts.put(next.id(), stored(next, stored, audit));
  }

  @Override
  public synchronized Optional<Post> post(WorkspaceId workspace, PostId id) {
    Object[] stored = read(workspace).posts.get(id);
    return stored == null ? Optional.empty() : Optional.of(post(stored));
  }

  @Override
  public synchronized List<Post> posts(WorkspaceId workspace) {
    List<Post> posts = new ArrayList<>(read(workspace).posts.size());
    for (Object[] stored : read(workspace).posts.values()) {
      posts.add(post(stored));
    }
    return List.copyOf(posts);
  }

  @Override
  public synchronized List<AuditEntry> audit(WorkspaceId workspace, PostId post) {
    Object[] stored = read(workspace).posts.get(post);
    if (stored == null) {
      return List.of();
    }
    List<AuditEntry> trail = new ArrayList<>(stored.length - 1);
    for (int i = 1; i < stored.length; i++) {
      trail.add((AuditEntry) stored[i]);
    }
    return List.copyOf(trail);
  }

  @Override
  public void appendSnapshots(WorkspaceId workspace, List<MetricSnapshot> snapshots) {
    Checks.required("workspace", workspace);
    List<MetricSnapshot> copy = Checks.list("snapshots", snapshots);
    synchronized (this) {
      tenant(workspace).snapshots.addAll(copy);
    }
  }

  @Override
  public List<MetricSnapshot> snapshots(WorkspaceId workspace, SnapshotQuery query) {
    Checks.required("workspace", workspace);
    Checks.required("query", query);
    List<MetricSnapshot> found = new ArrayList<>();
    synchronized (this) {
      for (MetricSnapshot snapshot : read(workspace).snapshots) {
        if (query.matches(snapshot)) {
          found.add(snapshot);
        }
      }
    }
    found.sort(SNAPSHOT_ORDER); // stable: equal readings keep their append order
    return List.copyOf(found);
  }

  // --- scheduling

  /** A key for account settings: ids joined by NUL, which no id contains. */
  private static String key(Object... ids) {
    StringBuilder text = new StringBuilder();
    for (Object id : ids) {
      text.append(id).append('\u0000');
    }
    return text.toString();
  }

  private static void requireTarget(WorkspaceId workspace, PostId post, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("postId", post);
    Checks.required("accountId", account);
  }

  @Override
  public synchronized void saveScheduleIntent(
      WorkspaceId workspace, PostId post, AccountId account, ScheduleIntent intent) {
    StoredIntent stored = new StoredIntent(workspace, post, account, intent);
    intents.put(new IntentKey(stored.workspace(), stored.post(), stored.account()), stored.intent());
  }

  @Override
  public synchronized Optional<ScheduleIntent> scheduleIntent(WorkspaceId workspace, PostId post, AccountId account) {
    requireTarget(workspace, post, account);
    return Optional.ofNullable(intents.get(new IntentKey(workspace, post, account)));
  }

  @Override
  public synchronized boolean deleteScheduleIntent(WorkspaceId workspace, PostId post, AccountId account) {
    requireTarget(workspace, post, account);
    return intents.remove(new IntentKey(workspace, post, account)) != null;
  }

  @Override
  public synchronized List<StoredIntent> scheduleIntents() {
    List<StoredIntent> stored = new ArrayList<>(intents.size());
    for (Map.Entry<IntentKey, ScheduleIntent> e : intents.entrySet()) {
      IntentKey k = e.getKey();
      stored.add(new StoredIntent(k.workspace(), k.post(), k.account(), e.getValue()));
    }
    return List.copyOf(stored);
  }

  @Override
  public synchronized void saveWorkspaceScheduling(WorkspaceId workspace, WorkspaceScheduling settings) {
    workspaceScheduling.put(Checks.required("workspace", workspace), Checks.required("settings", settings));
  }

  @Override
  public synchronized Optional<WorkspaceScheduling> workspaceScheduling(WorkspaceId workspace) {
    Checks.required("workspace", workspace);
    return Optional.ofNullable(workspaceScheduling.get(workspace));
  }

  @Override
  public synchronized void saveAccountScheduling(WorkspaceId workspace, AccountId account, AccountScheduling settings) {
    Checks.required("workspace", workspace);
    Checks.required("accountId", account);
    accountScheduling.put(key(workspace.value(), account.value()), Checks.required("settings", settings));
  }

  @Override
  public synchronized Optional<AccountScheduling> accountScheduling(WorkspaceId workspace, AccountId account) {
    Checks.required("workspace", workspace);
    Checks.required("accountId", account);
    return Optional.ofNullable(accountScheduling.get(key(workspace.value(), account.value())));
  }
}
