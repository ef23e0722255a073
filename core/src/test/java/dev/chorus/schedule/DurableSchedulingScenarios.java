package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.Chorus;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.store.ChorusStore;
import dev.chorus.workflow.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intents and settings live in the shared JDBC stores, so a node that never saw a post schedule
 * (another node, or this one after a restart) keeps its recurrence going, plans with the same
 * settings, and moves local times when the zone rules change. Each node is a separate {@link
 * Chorus} over new store instances on one database.
 */
abstract class DurableSchedulingScenarios {

  static final WorkspaceId WS = WorkspaceId.of("ws-durable");
  static final AccountId A = AccountId.of("acc-a");
  static final ActorId OWNER = ActorId.of("owner");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String DAILY_AT_NINE = "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0";

  /** A fresh, empty database for one test. */
  abstract DataSource freshDataSource();

  DataSource ds;
  Instant base;
  final List<Chorus> nodes = new ArrayList<>();
  final SchedulerTest.Recording connector = new SchedulerTest.Recording(SchedulerTest.FAKE);

  @BeforeEach
  void database() {
    ds = freshDataSource();
    // Due times are decided on the database clock; the nodes' clocks start there, so nothing is due yet.
    base = new JdbcDispatchStore(ds).now().truncatedTo(ChronoUnit.SECONDS);
  }

  @AfterEach
  void closeNodes() {
    nodes.forEach(Chorus::close);
  }

  Chorus node(String id, SchedulerTest.MutableClock clock) {
    Chorus chorus = Chorus.builder().clock(clock).store(ChorusStore.jdbc(ds)).dispatchStore(new JdbcDispatchStore(ds))
        .connector(connector).nodeId(id).dispatchWorkers(1).recurrenceHorizon(Duration.ofDays(7)).build();
    nodes.add(chorus);
    return chorus;
  }

  /** Node A with the workspace, the account and an approved post. */
  Chorus firstNode(SchedulerTest.MutableClock clock) {
    Chorus chorus = node("node-a", clock);
    chorus.createWorkspace(new Workspace(WS, "Durable", BERLIN, ApprovalPolicy.none(), Map.of(OWNER, Role.OWNER)));
    chorus.session(OWNER, WS).accounts().connect(new SocialAccount(A, WS, SchedulerTest.FAKE, "@a", "ext-a", BERLIN,
        CredentialsRef.of("vault:a")));
    return chorus;
  }

  static Post approved(Chorus chorus, String text) {
    Session owner = chorus.session(OWNER, WS);
    Post draft = owner.posts().createDraft(PostContent.text(text), A);
    return owner.posts().submit(draft.id(), null);
  }

  static List<Instant> pendingDues(Chorus chorus, PostId post) {
    return chorus.scheduler().dispatches(WS, post, A).stream()
        .filter(d -> d.state() == DispatchState.PENDING).map(DispatchRecord::dueAt).toList();
  }

  long rows(PostId post, String condition) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM chorus_dispatch WHERE post_id = ? AND " + condition)) {
      ps.setString(1, post.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  LocalDateTime tomorrowAt(int hour) {
    return LocalDateTime.ofInstant(base, BERLIN).toLocalDate().plusDays(1).atTime(hour, 0);
  }

  @Test
  void a_recurrence_armed_on_node_a_keeps_producing_occurrences_when_only_node_b_runs() {
    SchedulerTest.MutableClock clockA = new SchedulerTest.MutableClock(base);
    Chorus a = firstNode(clockA);
    Post post = approved(a, "every morning");
    a.session(OWNER, WS).posts().schedule(post.id(), ScheduleIntent.recurring(DAILY_AT_NINE, tomorrowAt(9)));
    List<Instant> armedByA = pendingDues(a, post.id());
    assertThat(armedByA).hasSizeBetween(6, 7).allSatisfy(at -> {
      assertThat(at).isBetween(base, base.plus(Duration.ofDays(7)));
      assertThat(LocalDateTime.ofInstant(at, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    });
    a.close();
    nodes.remove(a);

    // Three weeks later only node B runs; it never saw the post scheduled.
    SchedulerTest.MutableClock clockB = new SchedulerTest.MutableClock(base.plus(Duration.ofDays(20)));
    Chorus b = node("node-b", clockB);
    assertThat(b.scheduler().intent(WS, post.id(), A)).contains(ScheduleIntent.recurring(DAILY_AT_NINE, tomorrowAt(9)));
    b.scheduler().runOnce();

    List<Instant> armedByB = pendingDues(b, post.id());
    assertThat(armedByB).filteredOn(at -> at.isAfter(clockB.instant())).hasSizeBetween(6, 7).allSatisfy(at -> {
      assertThat(at).isBefore(clockB.instant().plus(Duration.ofDays(7)));
      assertThat(LocalDateTime.ofInstant(at, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    });
    long total = rows(post.id(), "1 = 1");
    assertThat(total).isEqualTo(armedByA.size() + armedByB.stream().filter(at -> at.isAfter(clockB.instant())).count());

    // Topping up again, here and on a third node that starts, schedules nothing twice.
    b.scheduler().runOnce();
    Chorus c = node("node-c", clockB);
    c.scheduler().start();
    c.scheduler().runOnce();
    assertThat(rows(post.id(), "1 = 1")).isEqualTo(total);
    try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement(
        "SELECT COUNT(DISTINCT due_at) FROM chorus_dispatch WHERE post_id = ?")) {
      ps.setString(1, post.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(total);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void after_a_restart_cancelling_the_post_cancels_every_occurrence_the_old_node_armed() {
    SchedulerTest.MutableClock clock = new SchedulerTest.MutableClock(base);
    Chorus a = firstNode(clock);
    Post post = approved(a, "every morning");
    a.session(OWNER, WS).posts().schedule(post.id(), ScheduleIntent.recurring(DAILY_AT_NINE, tomorrowAt(9)));
    long armed = rows(post.id(), "state = 'PENDING'");
    assertThat(armed).isGreaterThanOrEqualTo(6);
    a.close();
    nodes.remove(a);

    Chorus restarted = node("node-a", clock);
    restarted.session(OWNER, WS).posts().cancel(post.id(), "campaign over");

    assertThat(rows(post.id(), "state = 'CANCELLED'")).isEqualTo(armed);
    assertThat(rows(post.id(), "state = 'PENDING'")).isZero();
    assertThat(restarted.scheduler().intent(WS, post.id(), A)).isEmpty();
    restarted.scheduler().runOnce();
    assertThat(rows(post.id(), "state = 'PENDING'")).isZero();
  }

  @Test
  void settings_survive_a_restart_and_plan_on_the_next_node() {
    SchedulerTest.MutableClock clock = new SchedulerTest.MutableClock(base);
    Chorus a = firstNode(clock);
    Instant blackoutStart = base.plus(Duration.ofDays(2));
    BlackoutWindow window = new BlackoutWindow(blackoutStart, blackoutStart.plus(Duration.ofHours(6)), "launch freeze");
    WeeklySlots slots = WeeklySlots.daily(List.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(10, 0));
    a.scheduler().settings()
        .addBlackout(WS, window)
        .conflictMode(WS, ConflictMode.NEXT_LEGAL)
        .queue(WS, A, slots)
        .minSpacing(WS, A, Duration.ofMinutes(40));
    a.close();
    nodes.remove(a);

    Chorus b = node("node-b", clock);
    SchedulingSettings settings = b.scheduler().settings();
    assertThat(settings.blackouts(WS)).containsExactly(window);
    assertThat(settings.conflictMode(WS)).isEqualTo(ConflictMode.NEXT_LEGAL);
    assertThat(settings.queue(WS, A)).contains(slots);
    assertThat(settings.minSpacing(WS, A)).isEqualTo(Duration.ofMinutes(40));

    // Node B plans with them: a time inside the blackout moves to its end.
    Post post = approved(b, "after the freeze");
    b.session(OWNER, WS).posts().schedule(post.id(), ScheduleIntent.at(blackoutStart.plus(Duration.ofHours(1))));
    assertThat(b.scheduler().dispatches(WS, post.id(), A)).singleElement()
        .satisfies(d -> assertThat(d.dueAt()).isEqualTo(window.end()));
  }

  /**
   * A time-zone database update cannot be installed into a running JVM from a test, so the test
   * changes what the rules say the other way round: the stored intent's zone is a fixed-offset zone,
   * and rewriting it from +01:00 to +02:00 is exactly the effect of an update that moves the zone's
   * offset. The wall-clock time as written stays; the instant has to move.
   */
  @Test
  void replan_on_start_moves_a_future_local_time_when_its_zone_rules_change() {
    SchedulerTest.MutableClock clock = new SchedulerTest.MutableClock(base);
    Chorus a = firstNode(clock);
    Post post = approved(a, "at nine local");
    LocalDateTime nine = tomorrowAt(9);
    a.session(OWNER, WS).posts().schedule(post.id(),
        ScheduleIntent.atLocal(nine, ZoneOffset.ofHours(1), DstPolicy.DEFAULT));
    DispatchKey key = DispatchKey.once(WS, post.id(), A);
    assertThat(a.scheduler().dispatchStore().find(key).orElseThrow().dueAt()).isEqualTo(nine.toInstant(ZoneOffset.ofHours(1)));
    assertThat(a.scheduler().replan()).isZero();
    a.close();
    nodes.remove(a);

    a.store().saveScheduleIntent(WS, post.id(), A, ScheduleIntent.atLocal(nine, ZoneOffset.ofHours(2), DstPolicy.DEFAULT));
    Chorus b = node("node-b", clock);
    b.scheduler().start();

    assertThat(b.scheduler().dispatchStore().find(key).orElseThrow().dueAt()).isEqualTo(nine.toInstant(ZoneOffset.ofHours(2)));
    assertThat(b.scheduler().replan()).isZero();
    assertThat(rows(post.id(), "1 = 1")).isOne();
  }

  @Test
  void replan_moves_every_pending_occurrence_of_a_recurrence_and_adds_none() {
    SchedulerTest.MutableClock clock = new SchedulerTest.MutableClock(base);
    Chorus a = firstNode(clock);
    Post post = approved(a, "every morning at nine");
    ScheduleIntent.Recurring before = new ScheduleIntent.Recurring(DAILY_AT_NINE, tomorrowAt(9), ZoneOffset.ofHours(1),
        DstPolicy.DEFAULT);
    a.session(OWNER, WS).posts().schedule(post.id(), before);
    List<Instant> old = pendingDues(a, post.id());
    long total = rows(post.id(), "1 = 1");

    a.store().saveScheduleIntent(WS, post.id(), A, new ScheduleIntent.Recurring(DAILY_AT_NINE, tomorrowAt(9),
        ZoneOffset.ofHours(2), DstPolicy.DEFAULT));
    int moved = a.scheduler().replan();

    assertThat(moved).isEqualTo(old.size());
    assertThat(pendingDues(a, post.id())).containsExactlyElementsOf(old.stream().map(at -> at.minus(Duration.ofHours(1))).toList());
    a.scheduler().runOnce();
    assertThat(rows(post.id(), "1 = 1")).isEqualTo(total);
    assertThat(a.scheduler().replan()).isZero();
  }
}
