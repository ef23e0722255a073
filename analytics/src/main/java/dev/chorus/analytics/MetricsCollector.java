package dev.chorus.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.model.Checks;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import dev.chorus.store.ChorusStore.SnapshotQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the metrics of published posts fresh. Each {@link #refreshRound()} asks every platform's
 * connector for the posts that the {@link RefreshPolicy} says are due, in batches of the
 * connector's {@code metricsBatchSize} per account (so N due posts of one account cost
 * {@code ceil(N / batch size)} calls), appends the snapshots to the {@link ChorusStore} and keeps
 * the latest snapshot per post in a Caffeine cache, so {@link #latest} never calls a platform.
 *
 * <p>A {@link RateLimitedException} defers only its platform until the reset instant it names (or
 * {@link Builder#defaultBackoff} when it names none); other platforms carry on. A per-platform call
 * budget per round keeps the collector within quotas; posts left over stay due and, being the most
 * overdue, go first next round. The collector never sleeps: the caller decides when to run a round.
 *
 * <p>Thread-safe: rounds are serialised; tracking and reading may happen at any time.
 */
public final class MetricsCollector {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsCollector.class);

  private final ChorusStore store;
  private final WorkspaceId workspace;
  private final Clock clock;
  private final RefreshPolicy policy;
  private final Map<Platform, Connector> connectors;
  private final Map<Platform, Integer> callBudgets;
  private final Duration defaultBackoff;
  private final Cache<PostKey, MetricSnapshot> latest;
  private final Map<PostKey, Tracked> tracked = new ConcurrentHashMap<>();
  private final Map<Platform, Instant> deferredUntil = new ConcurrentHashMap<>();
  private final Object roundLock = new Object();

  /** One tracked post and when it was last asked for (only rounds write that, under the round lock). */
  private static final class Tracked {
    volatile TrackedPost post;
    volatile Instant lastRefreshed;

    Tracked(TrackedPost post) {
      this.post = post;
    }
  }

  private MetricsCollector(Builder b) {
    this.store = b.store;
    this.workspace = b.workspace;
    this.clock = b.clock;
    this.policy = b.policy;
    this.connectors = Map.copyOf(b.connectors);
    this.callBudgets = Map.copyOf(b.callBudgets);
    this.defaultBackoff = b.defaultBackoff;
    this.latest = Caffeine.newBuilder().maximumSize(b.cacheSize).build();
  }

  /** A builder for a collector writing the workspace's snapshots to the store, on the clock. */
  public static Builder builder(ChorusStore store, WorkspaceId workspace, Clock clock) {
    return new Builder(store, workspace, clock);
  }

  /**
   * Starts tracking the post (again: tracking a tracked post replaces it and keeps its schedule).
   *
   * @throws InvalidValueException when no connector serves the post's platform, or the account
   *     belongs to another workspace
   */
  public void track(TrackedPost post) {
    Checks.required("post", post);
    SocialAccount account = post.account();
    if (!connectors.containsKey(account.platform())) {
      throw new InvalidValueException("trackedPost.account.platform", account.platform(),
          "has no connector; collector serves " + connectors.keySet());
    }
    if (!account.workspaceId().equals(workspace)) {
      throw new InvalidValueException("trackedPost.account.workspaceId", account.workspaceId(),
          "must be the collector's workspace " + workspace);
    }
    // The same holder is kept, so a round working on it concurrently records its refresh in it.
    tracked.compute(post.key(), (k, old) -> {
      if (old == null) {
        return new Tracked(post);
      }
      old.post = post;
      return old;
    });
  }

  /** Stops tracking the post; whether it was tracked. Its cached snapshot stays readable. */
  public boolean untrack(PostKey key) {
    return tracked.remove(Checks.required("key", key)) != null;
  }

  /** How many posts are tracked. */
  public int trackedCount() {
    return tracked.size();
  }

  /** Until when the platform is deferred by a rate limit, if it is at the clock's current instant. */
  public Optional<Instant> deferredUntil(Platform platform) {
    Instant until = deferredUntil.get(Checks.required("platform", platform));
    return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
  }

  /**
   * The latest snapshot of the post: from the cache, else the newest in the store (then cached);
   * empty when none was ever captured. Never calls a platform.
   */
  public Optional<MetricSnapshot> latest(PostKey key) {
    Checks.required("key", key);
    return Optional.ofNullable(latest.get(key, k -> {
      List<MetricSnapshot> all = store.snapshots(workspace,
          SnapshotQuery.post(k.platform(), k.accountId(), k.externalPostId()));
      return all.isEmpty() ? null : all.get(all.size() - 1);
    }));
  }

  /** Runs one refresh round at the clock's current instant and reports what it did. */
  public RefreshReport refreshRound() {
    synchronized (roundLock) {
      Instant now = clock.instant();
      Map<Platform, List<Tracked>> due = new LinkedHashMap<>();
      Map<Platform, Instant> deferred = new LinkedHashMap<>();
      int dueCount = 0;
      for (Tracked t : tracked.values()) {
        Platform platform = t.post.account().platform();
        Instant until = deferredUntil.get(platform);
        if (until != null && now.isBefore(until)) {
          deferred.put(platform, until);
          continue;
        }
        if (policy.due(t.post.publishedAt(), t.lastRefreshed, now)) {
          due.computeIfAbsent(platform, p -> new ArrayList<>()).add(t);
          dueCount++;
        }
      }
      Map<Platform, Integer> calls = new LinkedHashMap<>();
      int written = 0;
      int failed = 0;
      for (Map.Entry<Platform, List<Tracked>> entry : due.entrySet()) {
        PlatformRound round = refreshPlatform(entry.getKey(), entry.getValue(), now);
        calls.put(entry.getKey(), round.calls);
        written += round.written;
        failed += round.failed;
        if (round.deferredUntil != null) {
          deferred.put(entry.getKey(), round.deferredUntil);
        }
      }
      return new RefreshReport(now, dueCount, calls, written, deferred, failed);
    }
  }

  private static final class PlatformRound {
    int calls;
    int written;
    int failed;
    Instant deferredUntil;
  }

  private PlatformRound refreshPlatform(Platform platform, List<Tracked> due, Instant now) {
    Connector connector = connectors.get(platform);
    int batchSize = connector.capabilities().metricsBatchSize();
    int budget = callBudgets.getOrDefault(platform, Integer.MAX_VALUE);
    // Most overdue first (never refreshed before all), so a budget cut leaves the freshest waiting.
    due.sort(Comparator.comparing((Tracked t) -> t.lastRefreshed, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(t -> t.post.publishedAt()));
    Map<SocialAccount, List<Tracked>> byAccount = new LinkedHashMap<>();
    for (Tracked t : due) {
      byAccount.computeIfAbsent(t.post.account(), a -> new ArrayList<>()).add(t);
    }
    PlatformRound round = new PlatformRound();
    for (Map.Entry<SocialAccount, List<Tracked>> entry : byAccount.entrySet()) {
      List<Tracked> posts = entry.getValue();
      for (int from = 0; from < posts.size(); from += batchSize) {
        if (round.calls >= budget) {
          return round;
        }
        List<Tracked> batch = posts.subList(from, Math.min(posts.size(), from + batchSize));
        List<String> ids = batch.stream().map(t -> t.post.externalPostId()).toList();
        round.calls++;
        List<MetricSnapshot> snapshots;
        try {
          snapshots = connector.fetchMetrics(entry.getKey(), ids);
        } catch (RateLimitedException e) {
          Instant until = e.retryAt().filter(now::isBefore).orElse(now.plus(defaultBackoff));
          deferredUntil.put(platform, until);
          round.deferredUntil = until;
          LOG.info("Metrics of {} deferred until {}: rate limited", platform, until);
          return round;
        } catch (ConnectorException e) {
          round.failed++;
          LOG.warn("Metrics batch of {} posts on {} failed: {}", ids.size(), platform, e.getMessage());
          continue;
        }
        store.appendSnapshots(workspace, snapshots);
        round.written += snapshots.size();
        Map<PostKey, MetricSnapshot> byKey = new HashMap<>();
        for (MetricSnapshot s : snapshots) {
          if (!s.accountLevel()) {
            byKey.put(PostKey.of(s), s);
          }
        }
        latest.putAll(byKey);
        // A post the platform no longer returns is not asked for again until its next slot either.
        for (Tracked t : batch) {
          t.lastRefreshed = now;
        }
      }
    }
    return round;
  }

  @Override
  public String toString() {
    return "MetricsCollector{workspace=" + workspace + ", platforms=" + connectors.keySet()
        + ", tracked=" + tracked.size() + "}";
  }

  /** Builds {@link MetricsCollector}s. */
  public static final class Builder {
    private final ChorusStore store;
    private final WorkspaceId workspace;
    private final Clock clock;
    private RefreshPolicy policy = RefreshPolicy.defaults();
    private final Map<Platform, Connector> connectors = new LinkedHashMap<>();
    private final Map<Platform, Integer> callBudgets = new HashMap<>();
    private Duration defaultBackoff = Duration.ofMinutes(15);
    private long cacheSize = 100_000;

    private Builder(ChorusStore store, WorkspaceId workspace, Clock clock) {
      this.store = Checks.required("store", store);
      this.workspace = Checks.required("workspace", workspace);
      this.clock = Checks.required("clock", clock);
    }

    /** The refresh schedule; {@link RefreshPolicy#defaults()} unless set. */
    public Builder policy(RefreshPolicy policy) {
      this.policy = Checks.required("policy", policy);
      return this;
    }

    /**
     * Uses the connector for its platform.
     *
     * @throws InvalidValueException when another connector serves the platform
     */
    public Builder connector(Connector connector) {
      Checks.required("connector", connector);
      if (connectors.putIfAbsent(connector.platform(), connector) != null) {
        throw new InvalidValueException("connector", connector.platform(), "a connector for this platform is set");
      }
      return this;
    }

    /** At most {@code calls} metrics requests to the platform per round (its quota share). */
    public Builder callBudget(Platform platform, int calls) {
      Checks.required("platform", platform);
      if (calls < 1) {
        throw new InvalidValueException("callBudget", calls, "must be at least 1");
      }
      callBudgets.put(platform, calls);
      return this;
    }

    /** How long a rate limit that names no reset instant defers its platform; 15 minutes unless set. */
    public Builder defaultBackoff(Duration backoff) {
      Checks.required("defaultBackoff", backoff);
      if (backoff.isZero() || backoff.isNegative()) {
        throw new InvalidValueException("defaultBackoff", backoff, "must be positive");
      }
      this.defaultBackoff = backoff;
      return this;
    }

    /** How many posts' latest snapshots the cache holds; 100,000 unless set. */
    public Builder cacheSize(long size) {
      if (size < 1) {
        throw new InvalidValueException("cacheSize", size, "must be at least 1");
      }
      this.cacheSize = size;
      return this;
    }

    /**
     * The collector.
     *
     * @throws InvalidValueException when no connector was given
     */
    public MetricsCollector build() {
      if (connectors.isEmpty()) {
        throw new InvalidValueException("connectors", "none", "at least one connector is needed");
      }
      return new MetricsCollector(this);
    }
  }
}
