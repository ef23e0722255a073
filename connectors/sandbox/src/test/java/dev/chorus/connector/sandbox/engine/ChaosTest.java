package dev.chorus.connector.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Connector;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.ConnectorResolver;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchRequest;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.DispatchStoreException;
import dev.chorus.schedule.Dispatcher;
import dev.chorus.schedule.JdbcDispatchStore;
import dev.chorus.schedule.OutcomeSink;
import dev.chorus.schedule.RetryPolicy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos: targets due over a simulated window, three dispatch nodes on one PostgreSQL, a seeded
 * driver that kills nodes at random points (before the attempt marker, after it but before the
 * call, after the platform accepted, between the sink hearing of the publication and its record,
 * after a reconcile found the post) and restarts them under a new id, while the sandbox injects
 * timeouts after acceptance, 429 storms, 5xx and malformed bodies. At the end every target is on
 * the platform exactly once, or FAILED with its reason and not on the platform.
 *
 * <p>Deterministic from the seed (system property {@code chorus.chaos.seed}, printed in every
 * failure message): everything runs on this thread (one worker per node), the driver and the
 * sandbox draw from seeded generators, and the driver moves the database's notion of "due" itself
 * instead of waiting: released dispatches get distinct due times in target order, so every claim
 * takes them in the same order; a killed node's leases are made to lapse at once (as if its lease
 * time had passed), again in target order. Retry backoff is one hour, so nothing becomes due by
 * itself while the test runs. Every 25th target is too long for the platform and must end FAILED
 * with the platform's reason. The size is {@code chorus.chaos.targets} (300 by default, about 10 s);
 * the full run (10,000 targets, about 3 min) is one command:
 *
 * <pre>{@code
 * mvn -B -pl connectors/sandbox -am verify -Dtest='ChaosTest#every*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dchorus.chaos.targets=10000 [-Dchorus.chaos.seed=N]
 * }</pre>
 */
class ChaosTest {

  private static final long SEED = Long.getLong("chorus.chaos.seed", 20_261_123L);
  private static final int TARGETS = Integer.getInteger("chorus.chaos.targets", 300);
  private static final int NODES = 3;
  private static final int ACCOUNTS = 3;
  /** Chance that a node processing a dispatch is armed to die at a random point. */
  private static final double KILL_RATE = 0.04;
  /** Every 25th target is too long for the platform: it must end FAILED with the platform's reason. */
  private static final int REJECTED_EVERY = 25;
  private static final OffsetDateTime ORIGIN = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private static EmbeddedPostgres postgres;

  /** Where a node dies. */
  enum Kill {
    /** In the resolver: claimed, no attempt marker yet. */
    BEFORE_MARKER,
    /** Attempt marker durable, the platform not called. */
    BEFORE_CALL,
    /** The platform accepted the post; the answer never comes back to the engine. */
    AFTER_ACCEPT,
    /** The sink heard of the publication; the outcome is not recorded. */
    BEFORE_RECORD,
    /** A reconcile found (or did not find) the post; nothing recorded. */
    AFTER_RECONCILE
  }

  /**
   * What the node's hooks throw when it dies: not a {@code ChorusException}, so the dispatcher
   * records nothing and abandons the claim (around the connector call it is wrapped in the one
   * exception the dispatcher lets through there, {@link DispatchStoreException}).
   */
  static final class NodeKilled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodeKilled(String node, Kill at) {
      super("chaos: node " + node + " killed at " + at);
    }
  }

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void every_target_is_published_exactly_once_or_failed_with_its_reason() throws Exception {
    Outcome outcome = new Scenario(SEED, TARGETS).run();
    String seed = "seed " + SEED + " (rerun with -Dchorus.chaos.seed=" + SEED + ")";
    assertThat(outcome.unfinished).as(seed + ": lost (not PUBLISHED or FAILED)").isEmpty();
    assertThat(outcome.duplicates).as(seed + ": published more than once").isEmpty();
    assertThat(outcome.publishedButNotOnPlatform).as(seed + ": PUBLISHED without a post").isEmpty();
    assertThat(outcome.failedButOnPlatform).as(seed + ": FAILED but on the platform").isEmpty();
    assertThat(outcome.failedWithoutReason).as(seed + ": FAILED without a reason").isEmpty();
    assertThat(outcome.failed).as(seed + ": exactly the rejected targets fail").isEqualTo(outcome.expectedFailed);
    assertThat(outcome.platformPublications).as(seed).isEqualTo(outcome.published);
    assertThat(outcome.outboxPublished).as(seed + ": one Published event per publication").isEqualTo(outcome.published);
    // The chaos really happened: every kill point was hit, and the platform refused many calls.
    assertThat(outcome.kills.keySet()).as(seed + ": kill points hit " + outcome.kills).containsExactlyInAnyOrder(Kill.values());
    assertThat(outcome.requests).as(seed).isGreaterThan(TARGETS + TARGETS / 5);
  }

  @Test
  void the_same_seed_replays_the_same_run() throws Exception {
    long seed = SEED + 1;
    List<String> first = new Scenario(seed, 90).run().trace;
    List<String> second = new Scenario(seed, 90).run().trace;
    assertThat(first).as("seed " + seed + ": kills happened").anyMatch(line -> line.contains(" killed at "));
    assertThat(second).as("seed " + seed + ": the replay differs").containsExactlyElementsOf(first);
  }

  /** What the run left behind. */
  static final class Outcome {
    final List<String> unfinished = new ArrayList<>();
    final List<String> duplicates = new ArrayList<>();
    final List<String> publishedButNotOnPlatform = new ArrayList<>();
    final List<String> failedButOnPlatform = new ArrayList<>();
    final List<String> failedWithoutReason = new ArrayList<>();
    final List<Integer> failed = new ArrayList<>();
    final List<Integer> expectedFailed = new ArrayList<>();
    final Map<Kill, Integer> kills = new EnumMap<>(Kill.class);
    int published;
    int platformPublications;
    int outboxPublished;
    int requests;
    final List<String> trace = new ArrayList<>();
  }

  /** One seeded run. */
  static final class Scenario {
    private final long seed;
    private final Random chaos;
    private final DataSource ds = postgres.getPostgresDatabase();
    private final Engine.TestClock platformClock = new Engine.TestClock(Instant.parse("2001-01-01T00:00:00Z"));
    private final SandboxPlatform platform;
    private final Connector sandbox;
    private final WorkspaceId ws = WorkspaceId.of("ws-chaos");
    private final List<SocialAccount> accounts = new ArrayList<>();
    private final int targets;
    private final int releasePerRound;
    private final Map<PostId, Integer> ordinals = new HashMap<>();
    private final Node[] nodes = new Node[NODES];
    private final Map<Kill, Integer> kills = new EnumMap<>(Kill.class);
    /** What happened, in order: kills, then every target's end; equal for equal seeds. */
    private final List<String> trace = new ArrayList<>();
    private int generation;

    Scenario(long seed, int targets) {
      this.seed = seed;
      this.targets = targets;
      this.releasePerRound = Math.max(10, targets / 30);
      this.chaos = new Random(seed);
      this.platform = SandboxPlatform.builder(platformClock).seed(seed).idempotencyKeys(false)
          .faultPlan(FaultPlan.custom().seed(seed)
              .probability(FaultKind.TIMEOUT_AFTER_ACCEPT, 0.08)
              .probability(FaultKind.TIMEOUT_BEFORE_ACCEPT, 0.03)
              .probability(FaultKind.RATE_LIMIT, 0.01)
              .probability(FaultKind.SERVER_ERROR, 0.06)
              .probability(FaultKind.MALFORMED, 0.06)
              .stormDuration(Duration.ofSeconds(30))
              .build())
          .build();
      this.sandbox = Engine.directConnector(platform, platformClock);
      for (int a = 0; a < ACCOUNTS; a++) {
        accounts.add(new SocialAccount(AccountId.of("acc-" + a), ws, Platform.SANDBOX, "@chaos" + a, "ext-chaos-" + a,
            ZoneOffset.UTC, CredentialsRef.of("vault:chaos" + a)));
      }
    }

    Outcome run() throws SQLException {
      JdbcDispatchStore admin = new JdbcDispatchStore(ds);
      exec("DELETE FROM chorus_dispatch", "DELETE FROM chorus_dispatch_pause", "DELETE FROM chorus_outbox");
      // Due a day from now on the database clock: nothing is due until the driver releases it.
      Instant base = admin.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      List<DispatchKey> keys = new ArrayList<>();
      for (int i = 0; i < targets; i++) {
        PostId post = PostId.of(String.format("p-%06d", i));
        ordinals.put(post, i);
        DispatchKey key = DispatchKey.once(ws, post, accounts.get(i % ACCOUNTS).id());
        keys.add(key);
        admin.schedule(DispatchRequest.of(key, base.plus(Duration.ofSeconds(2L * i))));
      }
      for (int n = 0; n < NODES; n++) {
        nodes[n] = new Node();
      }
      try {
        int rounds = 0;
        int maxRounds = targets / releasePerRound + 200;
        while (rounds < maxRounds) {
          release(base.plus(Duration.ofSeconds(2L * releasePerRound * (rounds + 1))));
          rounds++;
          int idle = 0;
          int steps = 0;
          while (idle < NODES && steps++ < 10 * targets) {
            platformClock.advance(Duration.ofSeconds(10));
            int slot = chaos.nextInt(NODES);
            Node node = nodes[slot];
            int claimed = node.dispatcher.runOnce();
            idle = claimed == 0 ? idle + 1 : 0;
            if (node.dead) {
              restart(slot);
              idle = 0;
            }
          }
          if (rounds * releasePerRound >= targets && unfinished() == 0) {
            break;
          }
        }
      } finally {
        for (Node node : nodes) {
          node.dispatcher.close();
        }
      }
      return outcome(admin, keys);
    }

    private Outcome outcome(JdbcDispatchStore admin, List<DispatchKey> keys) {
      Outcome o = new Outcome();
      o.kills.putAll(kills);
      Map<String, List<SandboxPost>> byKey = platform.publications().stream()
          .collect(Collectors.groupingBy(SandboxPost::idempotencyKey));
      for (int i = 0; i < keys.size(); i++) {
        DispatchKey key = keys.get(i);
        DispatchRecord record = admin.find(key).orElseThrow();
        List<SandboxPost> posts = byKey.getOrDefault(key.idempotencyKey(), List.of());
        String what = key.post() + " " + record.state() + " " + posts.size() + " post(s), last error: "
            + record.lastError();
        trace.add(what + " after " + record.attempts() + " failed attempt(s) as " + record.externalId());
        if (posts.size() > 1) {
          o.duplicates.add(what);
        }
        if (i % REJECTED_EVERY == REJECTED_EVERY - 1) {
          o.expectedFailed.add(i);
        }
        if (record.state() == DispatchState.PUBLISHED) {
          o.published++;
          if (posts.size() != 1 || !posts.get(0).externalId().equals(record.externalId())) {
            o.publishedButNotOnPlatform.add(what + ", recorded " + record.externalId());
          }
        } else if (record.state() == DispatchState.FAILED) {
          o.failed.add(i);
          if (!posts.isEmpty()) {
            o.failedButOnPlatform.add(what);
          }
          if (record.lastError() == null || record.lastError().isBlank()) {
            o.failedWithoutReason.add(what);
          }
        } else {
          o.unfinished.add(what);
        }
      }
      o.platformPublications = platform.publicationCount();
      o.outboxPublished = (int) admin.readOutbox(0, 1_000_000).stream()
          .filter(e -> e.type().equals("Published")).count();
      o.requests = platform.requestCount();
      trace.add(o.requests + " requests");
      o.trace.addAll(trace);
      return o;
    }

    /** Released dispatches and pending retries become due, in target order (distinct due times). */
    private void release(Instant bound) throws SQLException {
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE chorus_dispatch SET next_attempt_at = ? + CAST(substring(post_id FROM 3) AS integer) * INTERVAL '1 second'"
              + " WHERE state = 'PENDING' AND (next_attempt_at < ? OR due_at <= ?)")) {
        ps.setObject(1, ORIGIN);
        ps.setObject(2, bound.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
        ps.setObject(3, bound.atOffset(ZoneOffset.UTC));
        ps.executeUpdate();
      }
    }

    /** The dead node is gone; its leases lapse (in target order) and a fresh node takes its slot. */
    private void restart(int slot) throws SQLException {
      Node dead = nodes[slot];
      dead.dispatcher.close();
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE chorus_dispatch SET lease_expires_at = ? + CAST(substring(post_id FROM 3) AS integer) * INTERVAL '1 second'"
              + " WHERE state = 'CLAIMED' AND lease_owner = ?")) {
        ps.setObject(1, ORIGIN);
        ps.setString(2, dead.id);
        ps.executeUpdate();
      }
      nodes[slot] = new Node();
    }

    private int unfinished() throws SQLException {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement();
          var rs = st.executeQuery("SELECT count(*) FROM chorus_dispatch WHERE state NOT IN ('PUBLISHED', 'FAILED')")) {
        rs.next();
        return rs.getInt(1);
      }
    }

    private void exec(String... statements) throws SQLException {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
      }
    }

    private String text(int ordinal) {
      String text = "chaos post " + ordinal + " of seed " + seed;
      return ordinal % REJECTED_EVERY == REJECTED_EVERY - 1 ? text + " " + "x".repeat(600) : text;
    }

    /** One engine node: its own store and dispatcher, and hooks where the driver kills it. */
    final class Node implements ConnectorResolver, OutcomeSink, Connector {
      final String id = "chaos-node-" + (++generation);
      final Dispatcher dispatcher;
      Kill armed;
      boolean dead;
      String current;

      Node() {
        this.dispatcher = Dispatcher.builder(new JdbcDispatchStore(ds), this)
            .nodeId(id)
            .sink(this)
            .clock(platformClock)
            .workers(1)
            .batchSize(5)
            .lease(Duration.ofHours(1))
            .missedWindow(Duration.ofDays(365))
            .retryPolicy(new RetryPolicy(Duration.ofHours(1), 1.0, Duration.ofHours(1), 15, 0.0))
            .build();
      }

      private void maybeDie(Kill at) {
        if (dead) {
          throw new NodeKilled(id, at);
        }
        if (armed == at) {
          dead = true;
          kills.merge(at, 1, Integer::sum);
          trace.add(id + " killed at " + at + " on " + current);
          throw new NodeKilled(id, at);
        }
      }

      @Override
      public Optional<Resolved> resolve(DispatchRecord dispatch) {
        if (!dead && armed == null && chaos.nextDouble() < KILL_RATE) {
          armed = Kill.values()[chaos.nextInt(Kill.values().length)];
        }
        current = dispatch.key().post() + "#" + dispatch.attempts();
        maybeDie(Kill.BEFORE_MARKER);
        int ordinal = ordinals.get(dispatch.key().post());
        SocialAccount account = accounts.get(ordinal % ACCOUNTS);
        return Optional.of(new Resolved(this, PublishRequest.text(account, dispatch.idempotencyKey(), text(ordinal))));
      }

      @Override
      public void published(DispatchRecord dispatch, PublishResult result) {
        maybeDie(Kill.BEFORE_RECORD);
      }

      @Override
      public Platform platform() {
        return sandbox.platform();
      }

      @Override
      public Capabilities capabilities() {
        return sandbox.capabilities();
      }

      @Override
      public PublishResult publish(PublishRequest request) {
        try {
          maybeDie(Kill.BEFORE_CALL);
          PublishResult result = sandbox.publish(request);
          maybeDie(Kill.AFTER_ACCEPT);
          return result;
        } catch (NodeKilled e) {
          throw new DispatchStoreException(e.getMessage(), e);
        }
      }

      @Override
      public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
        Optional<PublishResult> found = sandbox.reconcile(request, attemptedAt);
        maybeDie(Kill.AFTER_RECONCILE);
        return found;
      }
    }
  }
}
