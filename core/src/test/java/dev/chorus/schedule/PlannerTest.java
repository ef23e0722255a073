package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  // Monday 2026-03-02 12:00 UTC
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final Planner planner = new Planner(Clock.fixed(NOW, ZoneOffset.UTC));

  static SocialAccount account(ZoneId zone) {
    return new SocialAccount(AccountId.of("acc-1"), WorkspaceId.of("ws-1"), Platform.of("sandbox"),
        "@acme", "1", zone, CredentialsRef.of("cred-1"));
  }

  @Test
  void a_local_time_uses_the_account_zone_and_stays_local_across_the_dst_change() {
    PlanningContext context = PlanningContext.of(account(NEW_YORK));

    Instant winter = planner.plan(ScheduleIntent.atLocal(LocalDateTime.parse("2026-03-06T09:00")), context);
    Instant summer = planner.plan(ScheduleIntent.atLocal(LocalDateTime.parse("2026-03-09T09:00")), context);

    assertThat(winter).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
    assertThat(summer).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
  }

  @ParameterizedTest(name = "{0} daily 09:00 around {1}")
  @CsvSource({
    "America/New_York, 2026-03-06T09:00, 2026-03-06T14:00:00Z, 2026-03-09T13:00:00Z",
    "Europe/Berlin, 2026-03-27T09:00, 2026-03-27T08:00:00Z, 2026-03-30T07:00:00Z",
    "Australia/Lord_Howe, 2026-10-02T09:00, 2026-10-01T22:30:00Z, 2026-10-04T22:00:00Z"
  })
  void a_daily_recurrence_stays_at_nine_local_in_spring(String zone, String start, String first, String afterChange) {
    ScheduleIntent.Recurring daily =
        (ScheduleIntent.Recurring) ScheduleIntent.recurring("FREQ=DAILY", LocalDateTime.parse(start));

    List<Instant> occurrences = planner.occurrences(daily, ZoneId.of(zone),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 4);

    assertThat(occurrences).hasSize(4);
    assertThat(occurrences.get(0)).isEqualTo(Instant.parse(first));
    assertThat(occurrences.get(3)).isEqualTo(Instant.parse(afterChange));
    for (Instant occurrence : occurrences) {
      assertThat(LocalDateTime.ofInstant(occurrence, ZoneId.of(zone)).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
    }
  }

  @Test
  void a_time_in_the_gap_shifts_forward_by_default_and_can_be_rejected() {
    PlanningContext context = PlanningContext.of(account(NEW_YORK));
    LocalDateTime inGap = LocalDateTime.parse("2026-03-08T02:30");

    assertThat(planner.plan(ScheduleIntent.atLocal(inGap), context))
        .isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT

    ScheduleIntent reject = ScheduleIntent.atLocal(inGap, NEW_YORK, new DstPolicy(GapPolicy.REJECT, OverlapPolicy.EARLIER));
    assertThatThrownBy(() -> planner.plan(reject, context)).isInstanceOf(NonexistentLocalTimeException.class);

    ScheduleIntent skip = ScheduleIntent.atLocal(inGap, NEW_YORK, new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER));
    assertThatThrownBy(() -> planner.plan(skip, context))
        .isInstanceOf(SchedulingConflictException.class).hasMessageContaining("DST policy skips");
  }

  @Test
  void the_past_is_rejected_with_every_broken_rule_named() {
    PlanningRules rules = PlanningRules.NONE.withBlackouts(List.of(new BlackoutWindow(
        NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), "recall")));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withRules(rules);

    assertThatThrownBy(() -> planner.plan(ScheduleIntent.at(NOW.minusSeconds(60)), context))
        .isInstanceOfSatisfying(SchedulingConflictException.class, e -> assertThat(e.conflicts())
            .extracting(Conflict::rule).containsExactly(SchedulingRule.IN_THE_PAST, SchedulingRule.BLACKOUT))
        .hasMessageContaining("recall");
  }

  @Test
  void a_blackout_moves_the_post_to_its_end_in_next_legal_mode() {
    Instant end = NOW.plus(Duration.ofHours(5));
    PlanningRules rules = PlanningRules.NONE.withBlackouts(List.of(new BlackoutWindow(NOW, end, "holiday")));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withRules(rules).withMode(ConflictMode.NEXT_LEGAL);

    assertThat(planner.plan(ScheduleIntent.at(NOW.plus(Duration.ofHours(1))), context)).isEqualTo(end);
  }

  @Test
  void minimum_spacing_pushes_past_every_neighbour() {
    Instant at = NOW.plus(Duration.ofHours(2));
    PlanningRules rules = PlanningRules.NONE.withMinSpacing(Duration.ofMinutes(30));
    List<Instant> taken = List.of(at.minus(Duration.ofMinutes(10)), at.plus(Duration.ofMinutes(15)));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withRules(rules).withTaken(taken);

    assertThatThrownBy(() -> planner.plan(ScheduleIntent.at(at), context))
        .isInstanceOf(SchedulingConflictException.class).hasMessageContaining("MIN_SPACING");
    assertThat(planner.plan(ScheduleIntent.at(at), context.withMode(ConflictMode.NEXT_LEGAL)))
        .isEqualTo(at.plus(Duration.ofMinutes(45)));
  }

  @Test
  void a_full_rolling_quota_moves_the_post_until_the_oldest_post_leaves_the_window() {
    // Three posts allowed per rolling 24 h; three are planned within the last hours.
    PublishingQuota quota = new PublishingQuota(3, Duration.ofHours(24));
    List<Instant> taken = List.of(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)),
        NOW.plus(Duration.ofHours(3)));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withRules(PlanningRules.NONE.withQuota(quota))
        .withTaken(taken).withMode(ConflictMode.NEXT_LEGAL);

    Instant placed = planner.plan(ScheduleIntent.at(NOW.plus(Duration.ofHours(4))), context);

    assertThat(placed).isEqualTo(NOW.plus(Duration.ofHours(25)));
    List<Instant> all = new ArrayList<>(taken);
    all.add(placed);
    assertThat(maxInAnyWindow(all, quota.window())).isLessThanOrEqualTo(3);
  }

  @Test
  void a_quota_also_counts_posts_planned_after_the_new_one() {
    PublishingQuota quota = new PublishingQuota(2, Duration.ofHours(24));
    List<Instant> taken = List.of(NOW.plus(Duration.ofHours(10)), NOW.plus(Duration.ofHours(20)));

    List<Conflict> conflicts = SlotPlanner.check(NOW.plus(Duration.ofHours(1)), NOW,
        PlanningRules.NONE.withQuota(quota), taken);

    assertThat(conflicts).extracting(Conflict::rule).containsExactly(SchedulingRule.PUBLISHING_QUOTA);
  }

  @Test
  void queue_slots_skip_taken_and_illegal_slots() {
    WeeklySlots queue = WeeklySlots.daily(Set.of(DayOfWeek.values()), LocalTime.of(9, 0), LocalTime.of(17, 0));
    // NOW is Monday 07:00 in New York; 09:00 is taken, 17:00 is inside a blackout.
    Instant nineMonday = Instant.parse("2026-03-02T14:00:00Z");
    Instant fiveMonday = Instant.parse("2026-03-02T22:00:00Z");
    PlanningRules rules = PlanningRules.NONE.withBlackouts(List.of(
        new BlackoutWindow(fiveMonday.minusSeconds(60), fiveMonday.plusSeconds(60), "board meeting")));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withQueue(queue).withRules(rules)
        .withTaken(List.of(nineMonday));

    assertThat(planner.plan(ScheduleIntent.nextQueueSlot(), context))
        .isEqualTo(Instant.parse("2026-03-03T14:00:00Z"));
  }

  @Test
  void a_queue_intent_without_queue_slots_is_a_typed_error() {
    assertThatThrownBy(() -> planner.plan(ScheduleIntent.nextQueueSlot(), PlanningContext.of(account(NEW_YORK))))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("queue").hasMessageContaining("acc-1");
  }

  @Test
  void best_time_takes_the_first_legal_suggestion_then_falls_back_to_the_queue() {
    Instant good = NOW.plus(Duration.ofHours(6));
    Instant blocked = NOW.plus(Duration.ofHours(3));
    SlotSuggester suggester = (account, from, to) -> List.of(blocked, good);
    Planner withSuggester = new Planner(Clock.fixed(NOW, ZoneOffset.UTC), suggester, Planner.DEFAULT_HORIZON);
    PlanningRules rules = PlanningRules.NONE.withBlackouts(List.of(new BlackoutWindow(blocked, blocked.plusSeconds(1), "x")));
    PlanningContext context = PlanningContext.of(account(NEW_YORK)).withRules(rules);

    assertThat(withSuggester.plan(ScheduleIntent.bestTime(NOW, NOW.plus(Duration.ofDays(1))), context)).isEqualTo(good);

    WeeklySlots queue = WeeklySlots.daily(Set.of(DayOfWeek.values()), LocalTime.of(9, 0));
    assertThat(planner.plan(ScheduleIntent.bestTime(NOW, NOW.plus(Duration.ofDays(2))), context.withQueue(queue)))
        .isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
    assertThatThrownBy(() -> planner.plan(ScheduleIntent.bestTime(NOW, NOW.plusSeconds(60)), context))
        .isInstanceOf(SchedulingConflictException.class).hasMessageContaining("NO_SLOT");
  }

  @Test
  void a_bad_rule_is_rejected_when_the_intent_is_written() {
    assertThatThrownBy(() -> ScheduleIntent.recurring("FREQ=SOMETIMES", LocalDateTime.parse("2026-03-02T09:00")))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("FREQ=SOMETIMES");
  }

  private static int maxInAnyWindow(List<Instant> instants, Duration window) {
    List<Instant> sorted = new ArrayList<>(instants);
    sorted.sort(null);
    int max = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int count = 0;
      for (int j = i; j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plus(window)); j++) {
        count++;
      }
      max = Math.max(max, count);
    }
    return max;
  }
}
