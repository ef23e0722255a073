package dev.chorus.connector.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.schedule.DispatchEvent;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole scheduling capability on the sandbox platform: plan, dispatch, publish, map back. */
class SchedulingEndToEndTest {

  /** Tuesday 2026-03-03 08:00 UTC. */
  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  @Test
  void every_intent_kind_publishes_once_with_its_url() {
    try (Engine e = new Engine(T, FaultPlan.none(),
        b -> b.slotSuggester((account, from, to) -> List.of(T.plus(Duration.ofHours(5)))), null)) {
      SocialAccount berlin = e.account("berlin", ZoneId.of("Europe/Berlin"));
      e.chorus.scheduler().settings().queue(e.workspace, berlin.id(),
          WeeklySlots.daily(EnumSet.allOf(DayOfWeek.class), LocalTime.of(12, 0)));
      Post at = e.approved("exact instant", berlin.id());
      Post local = e.approved("local time", berlin.id());
      Post queued = e.approved("queue slot", berlin.id());
      Post best = e.approved("best time", berlin.id());
      Post daily = e.approved("every day", berlin.id());

      e.owner().posts().schedule(at.id(), ScheduleIntent.at(T.plus(Duration.ofHours(1))));
      e.owner().posts().schedule(local.id(), ScheduleIntent.atLocal(LocalDateTime.parse("2026-03-03T10:30")));
      e.owner().posts().schedule(queued.id(), ScheduleIntent.nextQueueSlot());
      e.owner().posts().schedule(best.id(), ScheduleIntent.bestTime(T, T.plus(Duration.ofDays(1))));
      e.owner().posts().schedule(daily.id(),
          ScheduleIntent.recurring("FREQ=DAILY;COUNT=3", LocalDateTime.parse("2026-03-03T18:00")));

      assertThat(e.dispatch(e.once(at.id(), berlin.id())).orElseThrow().dueAt()).isEqualTo(T.plus(Duration.ofHours(1)));
      assertThat(e.dispatch(e.once(local.id(), berlin.id())).orElseThrow().dueAt())
          .isEqualTo(Instant.parse("2026-03-03T09:30:00Z"));
      assertThat(e.dispatch(e.once(queued.id(), berlin.id())).orElseThrow().dueAt())
          .isEqualTo(Instant.parse("2026-03-03T11:00:00Z"));
      assertThat(e.dispatch(e.once(best.id(), berlin.id())).orElseThrow().dueAt()).isEqualTo(T.plus(Duration.ofHours(5)));

      e.runUntil(T.plus(Duration.ofDays(4)));

      for (Post post : List.of(at, local, queued, best)) {
        PostTarget target = e.post(post.id()).target(berlin.id()).orElseThrow();
        assertThat(target.state()).as(post.content().text()).isEqualTo(TargetState.PUBLISHED);
        assertThat(target.published().url()).isNotNull();
        assertThat(e.platform.publicationCountByKey(e.once(post.id(), berlin.id()).idempotencyKey())).isEqualTo(1);
        assertThat(e.platform.publication(target.published().externalId()).orElseThrow().createdAt())
            .isEqualTo(e.dispatch(e.once(post.id(), berlin.id())).orElseThrow().dueAt());
      }
      List<DispatchRecord> occurrences = e.chorus.scheduler().dispatches(e.workspace, daily.id(), berlin.id());
      assertThat(occurrences).hasSize(3).allSatisfy(d -> {
        assertThat(d.state()).isEqualTo(DispatchState.PUBLISHED);
        assertThat(d.url()).isNotNull();
        assertThat(e.platform.publicationCountByKey(d.idempotencyKey())).isEqualTo(1);
      });
      assertThat(e.platform.publicationCountByText("every day")).isEqualTo(3);
      assertThat(e.platform.publicationCount()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void faults_never_publish_twice_and_never_lose_a_post(long seed) {
    FaultPlan faults = FaultPlan.custom().seed(seed)
        .probability(FaultKind.TIMEOUT_AFTER_ACCEPT, 0.15)
        .probability(FaultKind.RATE_LIMIT, 0.05)
        .probability(FaultKind.SERVER_ERROR, 0.10)
        .probability(FaultKind.MALFORMED, 0.10)
        .stormDuration(Duration.ofMinutes(3))
        .build();
    try (Engine e = new Engine(T, faults, b -> { }, null)) {
      SocialAccount a = e.account("alpha");
      SocialAccount b = e.account("bravo");
      List<Post> posts = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        Post post = e.approved("post " + i, a.id(), b.id());
        e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(10L * (i + 1)))));
        posts.add(post);
      }
      e.runUntil(T.plus(Duration.ofDays(1)));

      for (Post post : posts) {
        for (AccountId account : List.of(a.id(), b.id())) {
          PostTarget target = e.post(post.id()).target(account).orElseThrow();
          assertThat(target.state()).as(post.content().text() + " on " + account).isEqualTo(TargetState.PUBLISHED);
          assertThat(target.published().url()).isNotNull();
          assertThat(e.platform.publicationCountByKey(e.once(post.id(), account).idempotencyKey())).isEqualTo(1);
        }
      }
      assertThat(e.platform.publicationCount()).isEqualTo(30);
      // The faults really happened: some attempts were retried and some outcomes reconciled.
      assertThat(e.events(DispatchEvent.Retried.class)).isNotEmpty();
      assertThat(e.events(DispatchEvent.Published.class)).anyMatch(DispatchEvent.Published::reconciled);
    }
  }

  @Test
  void scheduling_the_same_target_twice_is_a_no_op() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("once only", a.id());
      Post first = e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(30))));
      Post again = e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(45))));
      Post third = e.owner().posts().schedule(post.id(), a.id(), ScheduleIntent.nextQueueSlot());

      assertThat(again.version()).isEqualTo(first.version());
      assertThat(third.version()).isEqualTo(first.version());
      assertThat(e.owner().posts().audit(post.id())).filteredOn(x -> x.to() == TargetState.SCHEDULED).hasSize(1);
      assertThat(e.dispatch(e.once(post.id(), a.id())).orElseThrow().dueAt()).isEqualTo(T.plus(Duration.ofMinutes(30)));
      assertThat(e.events(DispatchEvent.Scheduled.class)).hasSize(1);

      e.runUntil(T.plus(Duration.ofHours(2)));
      assertThat(e.platform.publicationCountByText("once only")).isEqualTo(1);
      assertThat(e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofHours(3)))).version())
          .as("scheduling a published target is a no-op too").isEqualTo(e.post(post.id()).version());
    }
  }

  @Test
  void an_edit_that_races_the_claim_wins_and_the_old_text_never_goes_out() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("old text", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(5))));
      AtomicBoolean edited = new AtomicBoolean();
      e.clock.set(T.plus(Duration.ofMinutes(5)));
      // Between the claim and the attempt, a person edits the post.
      Runnable edit = () -> {
        if (edited.compareAndSet(false, true)) {
          e.owner().posts().edit(post.id(), PostContent.text("new text"));
        }
      };
      e.onClaim(edit);

      e.chorus.scheduler().runOnce();

      assertThat(edited).isTrue();
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.DRAFT);
      assertThat(e.dispatch(e.once(post.id(), a.id())).orElseThrow().state()).isEqualTo(DispatchState.CANCELLED);

      // Approved and scheduled again, the new text goes out exactly once.
      e.owner().posts().submit(post.id(), null);
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(10))));
      e.runUntil(T.plus(Duration.ofHours(1)));
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCountByText("new text")).isEqualTo(1);
      assertThat(e.platform.publicationCountByText("old text")).isZero();
      assertThat(e.platform.publicationCountByKey(e.once(post.id(), a.id()).idempotencyKey())).isEqualTo(1);
    }
  }

  @Test
  void a_cancel_that_races_the_claim_wins() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("cancel me", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(5))));
      e.clock.set(T.plus(Duration.ofMinutes(5)));
      AtomicBoolean cancelled = new AtomicBoolean();
      e.onClaim(() -> {
        if (cancelled.compareAndSet(false, true)) {
          e.owner().posts().cancel(post.id(), "pulled");
        }
      });

      e.chorus.scheduler().runOnce();
      e.runUntil(T.plus(Duration.ofHours(2)));

      assertThat(cancelled).isTrue();
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.CANCELLED);
      assertThat(e.dispatch(e.once(post.id(), a.id())).orElseThrow().state()).isEqualTo(DispatchState.CANCELLED);
    }
  }

  @Test
  void pausing_the_workspace_holds_every_post_until_resumed() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      SocialAccount b = e.account("bravo");
      Post post = e.approved("held", a.id(), b.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(10))));
      e.owner().posts().pauseDispatch(null, "crisis");

      e.runUntil(T.plus(Duration.ofMinutes(40)));
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.SCHEDULED);
      assertThat(e.events(DispatchEvent.Paused.class)).singleElement()
          .satisfies(p -> assertThat(p.reason()).isEqualTo("crisis"));
      assertThatThrownBy(() -> e.chorus.session(Engine.VIEWER, e.workspace).posts().resumeDispatch(null))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(e.owner().posts().resumeDispatch(null)).isTrue();
      e.runUntil(T.plus(Duration.ofMinutes(45)));
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.state(post.id(), b.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCount()).isEqualTo(2);
    }
  }

  @Test
  void pausing_a_post_cancels_its_dispatch_and_resuming_rearms_it() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("paused post", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(10))));
      e.owner().posts().pause(post.id(), "wait for legal");
      assertThat(e.dispatch(e.once(post.id(), a.id())).orElseThrow().state()).isEqualTo(DispatchState.CANCELLED);

      e.runUntil(T.plus(Duration.ofMinutes(30)));
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PAUSED);

      e.owner().posts().resume(post.id());
      DispatchRecord rearmed = e.dispatch(e.once(post.id(), a.id())).orElseThrow();
      assertThat(rearmed.state()).isEqualTo(DispatchState.PENDING);
      assertThat(rearmed.dueAt()).as("overdue while paused: goes out now").isEqualTo(T.plus(Duration.ofMinutes(30)));
      e.runUntil(T.plus(Duration.ofMinutes(40)));
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCountByText("paused post")).isEqualTo(1);
    }
  }

  @Test
  void two_hours_of_downtime_then_catch_up_publishes_what_is_in_the_window_and_misses_the_rest() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post early = e.approved("early", a.id());
      Post late = e.approved("late", a.id());
      Post future = e.approved("future", a.id());
      Post hourly = e.approved("hourly", a.id());
      e.owner().posts().schedule(early.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(30))));
      e.owner().posts().schedule(late.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(90))));
      e.owner().posts().schedule(future.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(150))));
      e.owner().posts().schedule(hourly.id(),
          ScheduleIntent.recurring("FREQ=HOURLY;COUNT=4", LocalDateTime.parse("2026-03-03T08:15")));

      // The node is down for two hours: nothing runs.
      e.clock.set(T.plus(Duration.ofHours(2)));
      e.chorus.scheduler().runUntilIdle(100);

      assertThat(e.state(early.id(), a.id())).isEqualTo(TargetState.MISSED);
      assertThat(e.state(late.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.state(future.id(), a.id())).isEqualTo(TargetState.SCHEDULED);
      List<DispatchRecord> series = e.chorus.scheduler().dispatches(e.workspace, hourly.id(), a.id());
      assertThat(series).extracting(DispatchRecord::state).containsExactly(
          DispatchState.MISSED, DispatchState.PUBLISHED, DispatchState.PENDING, DispatchState.PENDING);
      assertThat(e.platform.publicationCountByText("hourly")).as("catches up once, not twice").isEqualTo(1);
      assertThat(e.events(DispatchEvent.Missed.class)).hasSize(2);

      e.runUntil(T.plus(Duration.ofHours(5)));
      assertThat(e.state(future.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCountByText("hourly")).isEqualTo(3);
      assertThat(e.platform.publicationCountByText("early")).isZero();
      assertThat(e.state(hourly.id(), a.id())).isEqualTo(TargetState.SCHEDULED);
    }
  }

  @Test
  void rescheduling_moves_the_dispatch_and_publishes_once_at_the_new_time() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("moved", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(30))));
      e.owner().posts().reschedule(post.id(), null, ScheduleIntent.at(T.plus(Duration.ofMinutes(90))));

      e.runUntil(T.plus(Duration.ofMinutes(60)));
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.SCHEDULED);
      e.runUntil(T.plus(Duration.ofHours(3)));
      PostTarget target = e.post(post.id()).target(a.id()).orElseThrow();
      assertThat(target.state()).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publication(target.published().externalId()).orElseThrow().createdAt())
          .isEqualTo(T.plus(Duration.ofMinutes(90)));
      assertThat(e.platform.publicationCountByText("moved")).isEqualTo(1);
      assertThatThrownBy(() -> e.owner().posts().reschedule(post.id(), null, ScheduleIntent.at(T.plus(Duration.ofHours(5)))))
          .isInstanceOf(dev.chorus.IllegalTransitionException.class);
    }
  }

  @Test
  void a_reschedule_that_races_the_claim_wins_and_the_target_stays_scheduled() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("raced", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(5))));
      e.clock.set(T.plus(Duration.ofMinutes(5)));
      AtomicBoolean moved = new AtomicBoolean();
      e.onClaim(() -> {
        if (moved.compareAndSet(false, true)) {
          e.owner().posts().reschedule(post.id(), a.id(), ScheduleIntent.at(T.plus(Duration.ofHours(1))));
        }
      });

      e.chorus.scheduler().runOnce();
      assertThat(moved).isTrue();
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.SCHEDULED);
      assertThat(e.dispatch(e.once(post.id(), a.id())).orElseThrow().state()).isEqualTo(DispatchState.PENDING);

      e.runUntil(T.plus(Duration.ofHours(2)));
      assertThat(e.platform.publicationCountByText("raced")).isEqualTo(1);
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
    }
  }

  @Test
  void the_crisis_switch_pauses_everything_and_resuming_publishes_what_is_still_in_the_window() {
    try (Engine e = new Engine(T)) {
      SocialAccount a = e.account("alpha");
      Post post = e.approved("after the crisis", a.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofMinutes(10))));
      e.chorus.scheduler().pause(dev.chorus.schedule.PauseScope.all(), "crisis");

      e.runUntil(T.plus(Duration.ofMinutes(50)));
      assertThat(e.platform.publicationCount()).isZero();
      assertThat(e.chorus.scheduler().resume(dev.chorus.schedule.PauseScope.all())).isTrue();
      assertThat(e.chorus.scheduler().resume(dev.chorus.schedule.PauseScope.all())).isFalse();
      e.runUntil(T.plus(Duration.ofMinutes(55)));
      assertThat(e.state(post.id(), a.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCount()).isEqualTo(1);
    }
  }
}
