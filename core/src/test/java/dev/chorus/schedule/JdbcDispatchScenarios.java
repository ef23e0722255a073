package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.PublishResult;
import java.net.URI;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The scenarios on the JDBC store, plus what only it has (outbox, migrations). */
abstract class JdbcDispatchScenarios extends DispatchScenarios {

  abstract DataSource dataSource();

  /** An expression subtracting {@code ?} milliseconds from the column, in the dialect. */
  abstract String minusMillis(String column);

  @Override
  int raceSize() {
    return 90;
  }

  @Override
  DispatchStore newStore() {
    JdbcDispatchStore created = new JdbcDispatchStore(dataSource());
    exec("DELETE FROM chorus_dispatch", "DELETE FROM chorus_dispatch_pause", "DELETE FROM chorus_outbox");
    return created;
  }

  @Test
  void a_database_failure_never_shows_the_password_and_changes_nothing() {
    dev.chorus.testing.FailingDataSource failing = new dev.chorus.testing.FailingDataSource(dataSource());
    JdbcDispatchStore guarded = new JdbcDispatchStore(failing.dataSource());
    DispatchKey key = dueNow("secret-failure");
    DispatchRecord claimed = guarded.claimAndStart("a", 10, LEASE).dispatches().get(0);
    failing.fail.set(true);
    for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : List.<org.assertj.core.api.ThrowableAssert
        .ThrowingCallable>of(
            () -> guarded.claim("b", 10, LEASE),
            () -> guarded.complete(key, claimed.leaseToken(), DispatchState.PUBLISHED,
                new PublishResult("x1", URI.create("https://x.test/1"), Instant.EPOCH, List.of(), null), null, false),
            () -> guarded.cancel(key))) {
      assertThatThrownBy(call).isInstanceOfSatisfying(DispatchStoreException.class, e -> {
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertThat(t.getMessage()).doesNotContain("hunter2").doesNotContain("s3cret");
        }
        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("08001");
      }).hasMessageContaining("password=***");
    }
    failing.fail.set(false);
    assertThat(store.find(key).orElseThrow().state()).isEqualTo(DispatchState.CLAIMED);
  }

  /** The database's clock runs in real time, so a node really waits for the next due instant. */
  @Test
  void an_idle_node_wakes_when_the_next_dispatch_falls_due() throws Exception {
    anIdleNodeWakesWhenTheNextDispatchFallsDue(store, 1);
    anIdleNodeWakesWhenTheNextDispatchFallsDue(store, 4);
  }

  @Override
  void advance(Duration by) {
    String[] columns = {"due_at", "next_attempt_at", "lease_expires_at", "attempt_started_at"};
    StringBuilder sql = new StringBuilder("UPDATE chorus_dispatch SET ");
    for (int i = 0; i < columns.length; i++) {
      sql.append(i == 0 ? "" : ", ").append(columns[i]).append(" = ").append(minusMillis(columns[i]));
    }
    try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < columns.length; i++) {
        ps.setLong(i + 1, by.toMillis());
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void exec(String... statements) {
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void events_go_to_the_outbox_with_the_url() {
    DispatchKey key = dueNow("p1");
    node("a").runOnce();
    JdbcDispatchStore jdbc = (JdbcDispatchStore) store;
    List<JdbcDispatchStore.OutboxEntry> entries = jdbc.readOutbox(0, 100);
    // A claim goes to the listeners only; the outcome goes to the outbox with the state change.
    assertThat(entries).extracting(JdbcDispatchStore.OutboxEntry::type).containsExactly("Published");
    assertThat(entries).filteredOn(e -> e.type().equals("Published")).singleElement()
        .satisfies(e -> assertThat(e.payload()).contains("https://fake.example/p/" + key.idempotencyKey()));
    long last = entries.get(entries.size() - 1).id();
    assertThat(jdbc.deleteOutbox(last)).isEqualTo(entries.size());
    assertThat(jdbc.readOutbox(0, 100)).isEmpty();
  }

  /** Makes the outbox reject rows of the event type until the returned guard is closed. */
  AutoCloseable rejectOutbox(String type) {
    exec("ALTER TABLE chorus_outbox ADD CONSTRAINT chorus_test_reject CHECK (event_type <> '" + type + "')");
    return () -> exec("ALTER TABLE chorus_outbox DROP CONSTRAINT chorus_test_reject");
  }

  List<String> outboxTypes() {
    return ((JdbcDispatchStore) store).readOutbox(0, 10_000).stream().map(JdbcDispatchStore.OutboxEntry::type).toList();
  }

  DispatchRecord claimOne() {
    List<DispatchRecord> claimed = store.claim("n", 1, LEASE).dispatches();
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  static DispatchEvent publishedEvent(DispatchKey key) {
    return new DispatchEvent.Published(Instant.now(), key, "x-1", URI.create("https://fake.example/p/1"), false);
  }

  @Test
  void an_outcome_and_its_outbox_row_commit_together() {
    DispatchKey key = dueNow("p1");
    DispatchRecord claimed = claimOne();
    PublishResult result = PublishResult.of("x-1", URI.create("https://fake.example/p/1"), Instant.now());
    assertThat(store.complete(key, claimed.leaseToken(), DispatchState.PUBLISHED, result, null, false,
        List.of(publishedEvent(key)))).isTrue();
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(outboxTypes()).containsExactly("Published");
  }

  @Test
  void a_fenced_out_outcome_writes_no_outbox_row() {
    DispatchKey key = dueNow("p1");
    DispatchRecord claimed = claimOne();
    assertThat(store.cancel(key)).isEqualTo(ChangeResult.APPLIED);
    assertThat(store.complete(key, claimed.leaseToken(), DispatchState.FAILED, null, "late", false,
        List.of(new DispatchEvent.Failed(Instant.now(), key, "late")))).isFalse();
    assertThat(store.retry(key, claimed.leaseToken(), Duration.ZERO, "late", true, false,
        List.of(new DispatchEvent.Retried(Instant.now(), key, 1, Duration.ZERO, "late")))).isFalse();
    assertThat(state(key)).isEqualTo(DispatchState.CANCELLED);
    assertThat(outboxTypes()).isEmpty();
  }

  @Test
  void an_outcome_written_behind_is_durable_with_its_row_when_its_future_completes() throws Exception {
    DispatchKey key = dueNow("p1");
    DispatchKey stale = dueNow("p2");
    List<DispatchRecord> claimed = store.claim("n", 2, LEASE).dispatches();
    DispatchRecord first = claimed.stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    DispatchRecord second = claimed.stream().filter(d -> d.key().equals(stale)).findFirst().orElseThrow();
    assertThat(store.cancel(stale)).isEqualTo(ChangeResult.APPLIED);
    PublishResult result = PublishResult.of("x-1", URI.create("https://fake.example/p/1"), Instant.now());
    var written = store.completeAsync(key, first.leaseToken(), DispatchState.PUBLISHED, result, null, false,
        List.of(publishedEvent(key)));
    var fenced = store.completeAsync(stale, second.leaseToken(), DispatchState.PUBLISHED, result, null, false,
        List.of(publishedEvent(stale)));
    assertThat(written.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(fenced.get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(state(key)).isEqualTo(DispatchState.PUBLISHED);
    assertThat(state(stale)).isEqualTo(DispatchState.CANCELLED);
    assertThat(((JdbcDispatchStore) store).readOutbox(0, 100)).singleElement()
        .satisfies(e -> assertThat(e.payload()).contains("\"post\":\"p1\""));
  }

  @Test
  void a_failing_outbox_write_rolls_back_the_outcome() throws Exception {
    DispatchKey key = dueNow("p1");
    DispatchRecord claimed = claimOne();
    PublishResult result = PublishResult.of("x-1", URI.create("https://fake.example/p/1"), Instant.now());
    try (AutoCloseable guard = rejectOutbox("Published")) {
      assertThatThrownBy(() -> store.complete(key, claimed.leaseToken(), DispatchState.PUBLISHED, result, null,
          false, List.of(publishedEvent(key)))).isInstanceOf(DispatchStoreException.class);
    }
    DispatchRecord after = store.find(key).orElseThrow();
    assertThat(after.state()).isEqualTo(DispatchState.CLAIMED);
    assertThat(after.externalId()).isNull();
    assertThat(outboxTypes()).isEmpty();
    // Nothing was half written: the same claim can still record the outcome, with its row.
    assertThat(store.complete(key, claimed.leaseToken(), DispatchState.PUBLISHED, result, null, false,
        List.of(publishedEvent(key)))).isTrue();
    assertThat(outboxTypes()).containsExactly("Published");
  }

  @Test
  void a_failing_outbox_write_rolls_back_schedule_and_pause() throws Exception {
    DispatchKey key = DispatchKey.once(W1, dev.chorus.model.PostId.of("p1"), A1);
    Instant due = store.now();
    try (AutoCloseable guard = rejectOutbox("Scheduled")) {
      assertThatThrownBy(() -> store.schedule(DispatchRequest.of(key, due),
          List.of(new DispatchEvent.Scheduled(Instant.now(), key, due)))).isInstanceOf(DispatchStoreException.class);
    }
    assertThat(store.find(key)).isEmpty();
    PauseScope scope = PauseScope.workspace(W1);
    try (AutoCloseable guard = rejectOutbox("Paused")) {
      assertThatThrownBy(() -> store.pause(scope, "crisis",
          List.of(new DispatchEvent.Paused(Instant.now(), scope, "crisis")))).isInstanceOf(DispatchStoreException.class);
    }
    assertThat(store.pauses()).isEmpty();
    assertThat(store.schedule(DispatchRequest.of(key, due), List.of(new DispatchEvent.Scheduled(Instant.now(), key,
        due)))).isTrue();
    assertThat(store.schedule(DispatchRequest.of(key, due), List.of(new DispatchEvent.Scheduled(Instant.now(), key,
        due)))).isFalse();
    store.pause(scope, "crisis", List.of(new DispatchEvent.Paused(Instant.now(), scope, "crisis")));
    assertThat(store.resume(scope, List.of(new DispatchEvent.Resumed(Instant.now(), scope)))).isTrue();
    assertThat(store.resume(scope, List.of(new DispatchEvent.Resumed(Instant.now(), scope)))).isFalse();
    assertThat(outboxTypes()).containsExactly("Scheduled", "Paused", "Resumed");
  }

  /**
   * Many threads completing at once share group transactions; a write that fails (its outbox row is
   * rejected) fails alone and rolls back alone, and every other outcome commits with its row.
   */
  @Test
  void concurrent_outcomes_commit_in_groups_and_a_failing_one_fails_alone() throws Exception {
    int count = 40;
    List<DispatchKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(dueNow("p" + i));
    }
    List<DispatchRecord> claimed = store.claim("n", count, LEASE).dispatches();
    assertThat(claimed).hasSize(count);
    ExecutorService threads = Executors.newFixedThreadPool(count);
    CyclicBarrier start = new CyclicBarrier(count);
    try (AutoCloseable guard = rejectOutbox("Failed")) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        DispatchRecord d = claimed.get(i);
        boolean fails = i % 10 == 0;
        results.add(threads.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          if (fails) {
            return store.complete(d.key(), d.leaseToken(), DispatchState.FAILED, null, "no", false,
                List.of(new DispatchEvent.Failed(Instant.now(), d.key(), "no")));
          }
          PublishResult result = PublishResult.of("x-" + d.key().post(), null, Instant.now());
          return store.complete(d.key(), d.leaseToken(), DispatchState.PUBLISHED, result, null, false,
              List.of(publishedEvent(d.key())));
        }));
      }
      int failedCalls = 0;
      for (Future<Boolean> result : results) {
        try {
          assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(DispatchStoreException.class);
          failedCalls++;
        }
      }
      assertThat(failedCalls).isEqualTo(count / 10);
    } finally {
      threads.shutdownNow();
    }
    for (int i = 0; i < count; i++) {
      DispatchRecord d = claimed.get(i);
      assertThat(state(d.key())).isEqualTo(i % 10 == 0 ? DispatchState.CLAIMED : DispatchState.PUBLISHED);
    }
    assertThat(outboxTypes()).hasSize(count - count / 10).containsOnly("Published");
  }

  /**
   * Many threads starting attempts at once share group transactions (on PostgreSQL one set-based
   * UPDATE per group): each caller still gets its own answer. Every third uses a stale token and
   * every fifth a stale version; those, and only those, are fenced out and keep no attempt marker.
   */
  @Test
  void concurrent_attempt_markers_answer_each_caller_and_fence_each_row() throws Exception {
    int count = 60;
    for (int i = 0; i < count; i++) {
      dueNow("a" + i);
    }
    List<DispatchRecord> claimed = store.claim("n", count, LEASE).dispatches();
    assertThat(claimed).hasSize(count);
    ExecutorService threads = Executors.newFixedThreadPool(count);
    CyclicBarrier start = new CyclicBarrier(count);
    List<Boolean> expected = new ArrayList<>();
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        DispatchRecord d = claimed.get(i);
        long token = i % 3 == 0 ? d.leaseToken() - 1 : d.leaseToken();
        long version = i % 5 == 0 ? d.version() + 1 : d.version();
        expected.add(i % 3 != 0 && i % 5 != 0);
        results.add(threads.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          return store.startAttempt(d.key(), token, version, LEASE);
        }));
      }
      for (int i = 0; i < count; i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).as("attempt %d", i).isEqualTo(expected.get(i));
      }
    } finally {
      threads.shutdownNow();
    }
    // 60 - 20 (i % 3 == 0) - 12 (i % 5 == 0) + 4 (i % 15 == 0, counted twice) = 32 applied.
    assertThat(expected.stream().filter(b -> b).count()).isEqualTo(32);
    for (int i = 0; i < count; i++) {
      DispatchRecord now = store.find(claimed.get(i).key()).orElseThrow();
      assertThat(now.attemptStartedAt() != null).as("marker %d", i).isEqualTo(expected.get(i));
      assertThat(now.state()).isEqualTo(DispatchState.CLAIMED);
    }
  }

  /**
   * The attempt marker leaves a lease with at least two thirds left as it is (so the UPDATE changes
   * no indexed column) and extends a shorter one to the full lease.
   */
  @Test
  void the_attempt_marker_extends_only_a_lease_less_than_two_thirds_left() {
    DispatchKey fresh = dueNow("fresh");
    DispatchKey late = dueNow("late");
    List<DispatchRecord> claimed = store.claim("n", 2, LEASE).dispatches();
    assertThat(claimed).hasSize(2);
    DispatchRecord lateRecord = claimed.get(0).key().equals(late) ? claimed.get(0) : claimed.get(1);
    DispatchRecord freshRecord = claimed.get(0).key().equals(fresh) ? claimed.get(0) : claimed.get(1);
    Instant freshLease = store.find(fresh).orElseThrow().leaseExpiresAt();
    assertThat(store.startAttempt(fresh, freshRecord.leaseToken(), freshRecord.version(), LEASE)).isTrue();
    assertThat(store.find(fresh).orElseThrow().leaseExpiresAt()).isEqualTo(freshLease);

    // Half the 60 s lease gone: 30 s left, under the 40 s (two thirds), so it goes back to 60 s.
    advance(LEASE.dividedBy(2));
    assertThat(store.startAttempt(late, lateRecord.leaseToken(), lateRecord.version(), LEASE)).isTrue();
    Instant dbNow = store.now();
    assertThat(Duration.between(dbNow, store.find(late).orElseThrow().leaseExpiresAt()))
        .isGreaterThan(LEASE.minusSeconds(10)).isLessThanOrEqualTo(LEASE);
  }

  @Test
  void migrations_run_once_and_are_recorded() {
    new JdbcDispatchStore(dataSource());
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM chorus_schema_version WHERE version = 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT COUNT(*) FROM chorus_schema_version WHERE version = 7")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
