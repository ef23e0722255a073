package dev.chorus.connector.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.Chorus;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.DispatchEvent;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.JdbcDispatchStore;
import dev.chorus.schedule.RetryPolicy;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.Session;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Chorus nodes share one PostgreSQL dispatch store (and one post store): every target is
 * published exactly once under faults, whichever node claims it. The database's clock decides what
 * is due, so the test moves due times back instead of waiting.
 */
class PostgresTwoNodesTest {

  private static EmbeddedPostgres postgres;

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
  void two_nodes_publish_every_target_exactly_once() throws Exception {
    DataSource ds = postgres.getPostgresDatabase();
    JdbcDispatchStore storeA = new JdbcDispatchStore(ds);
    JdbcDispatchStore storeB = new JdbcDispatchStore(ds);
    exec(ds, "DELETE FROM chorus_dispatch", "DELETE FROM chorus_dispatch_pause", "DELETE FROM chorus_outbox");
    Clock clock = Clock.systemUTC();
    SandboxPlatform platform = SandboxPlatform.builder(clock).seed(11).idempotencyKeys(false)
        .faultPlan(FaultPlan.custom().seed(11)
            .probability(FaultKind.TIMEOUT_AFTER_ACCEPT, 0.15)
            .probability(FaultKind.SERVER_ERROR, 0.10)
            .probability(FaultKind.MALFORMED, 0.10)
            .build())
        .build();
    ChorusStore shared = ChorusStore.inMemory();
    List<ChorusEvent> events = new CopyOnWriteArrayList<>();
    ActorId owner = ActorId.of("owner");
    WorkspaceId ws = WorkspaceId.of("ws-pg");
    try (Chorus a = node("a", shared, storeA, platform, clock, events);
        Chorus b = node("b", shared, storeB, platform, clock, events)) {
      a.createWorkspace(new Workspace(ws, "PG", ZoneOffset.UTC, ApprovalPolicy.none(), Map.of(owner, Role.OWNER)));
      Session session = a.session(owner, ws);
      List<AccountId> accounts = new ArrayList<>();
      for (String name : List.of("one", "two")) {
        accounts.add(session.accounts().connect(new SocialAccount(AccountId.of("acc-" + name), ws, Platform.SANDBOX,
            "@" + name, "ext-" + name, ZoneOffset.UTC, CredentialsRef.of("vault:" + name))).id());
      }
      List<Post> posts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Post draft = session.posts().createDraft(PostContent.text("pg post " + i), accounts.toArray(AccountId[]::new));
        session.posts().submit(draft.id(), null);
        // Half scheduled through each node: both see the same posts.
        Chorus via = i % 2 == 0 ? a : b;
        via.session(owner, ws).posts().schedule(draft.id(), ScheduleIntent.at(clock.instant().plus(Duration.ofHours(1))));
        posts.add(draft);
      }
      // An hour passes on the database clock.
      exec(ds, "UPDATE chorus_dispatch SET due_at = due_at - INTERVAL '61 minutes',"
          + " next_attempt_at = next_attempt_at - INTERVAL '61 minutes'");
      // Each node takes a batch on its own first, so both surely work, then they race.
      assertThat(a.scheduler().runOnce()).isPositive();
      assertThat(b.scheduler().runOnce()).isPositive();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 40 && !allDone(shared, ws, posts); round++) {
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Integer>> runs = new ArrayList<>();
          for (Chorus node : List.of(a, b)) {
            runs.add(threads.submit(() -> {
              start.await();
              return node.scheduler().runUntilIdle(50);
            }));
          }
          start.countDown();
          for (Future<Integer> run : runs) {
            run.get(60, TimeUnit.SECONDS);
          }
          // Retries wait a backoff on the database clock: bring them due.
          exec(ds, "UPDATE chorus_dispatch SET next_attempt_at = next_attempt_at - INTERVAL '1 hour' WHERE state = 'PENDING'");
        }
      } finally {
        threads.shutdownNow();
      }

      for (Post post : posts) {
        for (AccountId account : accounts) {
          PostTarget target = shared.post(ws, post.id()).orElseThrow().target(account).orElseThrow();
          assertThat(target.state()).as(post.content().text()).isEqualTo(TargetState.PUBLISHED);
          assertThat(target.published().url()).isNotNull();
          assertThat(platform.publicationCountByKey(DispatchKey.once(ws, post.id(), account).idempotencyKey()))
              .isEqualTo(1);
        }
      }
      assertThat(platform.publicationCount()).isEqualTo(24);
      assertThat(events).filteredOn(DispatchEvent.Claimed.class::isInstance).map(e -> ((DispatchEvent.Claimed) e).node())
          .contains("node-a", "node-b");
      assertThat(storeA.readOutbox(0, 10_000)).filteredOn(e -> e.type().equals("Published")).hasSize(24);
    }
  }

  private static boolean allDone(ChorusStore store, WorkspaceId ws, List<Post> posts) {
    return posts.stream().allMatch(p -> store.post(ws, p.id()).orElseThrow().targets().stream()
        .allMatch(t -> t.state() == TargetState.PUBLISHED));
  }

  private static Chorus node(String id, ChorusStore shared, JdbcDispatchStore store, SandboxPlatform platform,
      Clock clock, List<ChorusEvent> events) {
    return Chorus.builder()
        .clock(clock)
        .store(shared)
        .dispatchStore(store)
        .nodeId("node-" + id)
        .dispatchBatchSize(5)
        .dispatchWorkers(2)
        .missedWindow(Duration.ofHours(3))
        .retryPolicy(new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 40, 0.2))
        .connectors(ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build())
        .connectorContext(ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build())
        .connectorConfig(Platform.SANDBOX, Map.of(SandboxConnectorProvider.API_KEY, "pg-key"))
        .listener(events::add)
        .build();
  }

  private static void exec(DataSource ds, String... statements) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }
}
