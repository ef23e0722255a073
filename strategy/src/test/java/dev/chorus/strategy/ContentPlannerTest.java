package dev.chorus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.GapPolicy;
import dev.chorus.schedule.OverlapPolicy;
import dev.chorus.schedule.WeeklySlots;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentPlannerTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** February 2027 starts on a Monday and has 28 days: four whole ISO weeks, 20 weekdays. */
  static final YearMonth FEB_2027 = YearMonth.of(2027, 2);
  static final ContentMix MIX = ContentMix.of("Spring menu",
      "educational", 0.4, "entertaining", 0.3, "promotional", 0.2, "social proof", 0.1);

  static SocialAccount account(String id, Platform platform, ZoneId zone) {
    return new SocialAccount(AccountId.of(id), StrategyFixtures.WS, platform, "@" + id, id, zone, CredentialsRef.of("c"));
  }

  static final WeeklySlots WEEKDAYS_9 = WeeklySlots.daily(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0));

  @Test
  void a_month_of_twenty_slots_takes_8_6_4_2_and_every_week_stays_within_one_of_its_quota() {
    SocialAccount insta = account("insta", Platform.INSTAGRAM, BERLIN);

    ContentPlan plan = ContentPlanner.builder().build().plan(MIX, FEB_2027, List.of(AccountQueue.queue(insta, WEEKDAYS_9)));

    assertThat(plan.slots()).hasSize(20);
    // 20 × .4/.3/.2/.1 = 8/6/4/2 exactly.
    assertThat(plan.counts()).containsExactly(Map.entry("educational", 8), Map.entry("entertaining", 6),
        Map.entry("promotional", 4), Map.entry("social proof", 2));
    // Largest deficit share×k − assigned (E=educational, N=entertaining, P=promotional, S=social proof):
    // k=1 .4/.3/.2/.1 → E; k=2 -.2/.6/.4/.2 → N; k=3 .2/-.1/.6/.3 → P; k=4 .6/.2/-.2/.4 → E;
    // k=5 0/.5/0/.5 → tie N and S, the larger share N. Week 1 = E N P E N: 2/2/1/0.
    // k=6 .4/-.2/.2/.6 → S; k=7 .8/.1/.4/-.3 → E; k=8 .2/.4/.6/-.2 → P; k=9 .6/.7/-.2/-.1 → N;
    // k=10 1/0/0/0 → E. Week 2 = S E P N E: 2/1/1/1. At k=10 every deficit is 0, so weeks 3 and 4 repeat 1 and 2.
    Map<LocalDate, Map<String, Integer>> weeks = plan.countsByWeek();
    assertThat(weeks.keySet()).containsExactly(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 8),
        LocalDate.of(2027, 2, 15), LocalDate.of(2027, 2, 22));
    assertThat(weeks.get(LocalDate.of(2027, 2, 1)).values()).containsExactly(2, 2, 1, 0);
    assertThat(weeks.get(LocalDate.of(2027, 2, 8)).values()).containsExactly(2, 1, 1, 1);
    assertThat(weeks.get(LocalDate.of(2027, 2, 15)).values()).containsExactly(2, 2, 1, 0);
    assertThat(weeks.get(LocalDate.of(2027, 2, 22)).values()).containsExactly(2, 1, 1, 1);
    // Week quota 5 × shares = 2/1.5/1/.5: every count is within one.
    assertThat(plan.slots().get(0).pillar()).isEqualTo("educational");
    assertThat(plan.slots().get(0).at()).isEqualTo(Instant.parse("2027-02-01T08:00:00Z"));   // 09:00 CET
  }

  @Test
  void the_mix_holds_per_platform_and_formats_follow_what_each_platform_supports() {
    SocialAccount insta = account("insta", Platform.INSTAGRAM, BERLIN);
    SocialAccount x = account("x-main", Platform.X, BERLIN);
    WeeklySlots monWedFri = WeeklySlots.daily(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
        LocalTime.of(12, 0));
    // The README capability table: instagram feed, story, reel, carousel; x feed, thread.
    Map<Platform, Set<PostFormat>> formats = Map.of(
        Platform.INSTAGRAM, EnumSet.of(PostFormat.FEED, PostFormat.STORY, PostFormat.REEL, PostFormat.CAROUSEL),
        Platform.X, EnumSet.of(PostFormat.FEED, PostFormat.THREAD));
    ContentPlanner planner = ContentPlanner.builder().formats(formats::get).build();

    ContentPlan plan = planner.plan(MIX, FEB_2027, List.of(AccountQueue.queue(insta, WEEKDAYS_9), AccountQueue.queue(x, monWedFri)));

    // Instagram alone: 20 slots → 8/6/4/2 as above. X: 12 slots (3 × 4 weeks) take the first 12 of
    // the same sequence E N P E N S E P N E E N → 5/4/2/1 against quotas 4.8/3.6/2.4/1.2.
    assertThat(plan.countsByPlatform().get(Platform.INSTAGRAM).values()).containsExactly(8, 6, 4, 2);
    assertThat(plan.countsByPlatform().get(Platform.X).values()).containsExactly(5, 4, 2, 1);
    assertThat(plan.counts().values()).containsExactly(13, 10, 6, 3);
    // educational prefers CAROUSEL, DOCUMENT, THREAD, VIDEO: instagram takes CAROUSEL, x THREAD.
    // entertaining prefers REEL, SHORT, VIDEO, STORY: instagram REEL, x none, so FEED.
    assertThat(formatsOf(plan, Platform.INSTAGRAM)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "educational", Set.of(PostFormat.CAROUSEL), "entertaining", Set.of(PostFormat.REEL),
        "promotional", Set.of(PostFormat.FEED), "social proof", Set.of(PostFormat.CAROUSEL)));
    assertThat(formatsOf(plan, Platform.X)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "educational", Set.of(PostFormat.THREAD), "entertaining", Set.of(PostFormat.FEED),
        "promotional", Set.of(PostFormat.FEED), "social proof", Set.of(PostFormat.FEED)));
    // A platform without FEED falls back to its first supported format (YouTube: VIDEO only).
    assertThat(ContentPlanner.format(ContentPillar.of("promotional", 1), Platform.YOUTUBE, EnumSet.of(PostFormat.VIDEO)))
        .isEqualTo(PostFormat.VIDEO);
  }

  private static Map<String, Set<PostFormat>> formatsOf(ContentPlan plan, Platform platform) {
    Map<String, Set<PostFormat>> formats = new java.util.HashMap<>();
    plan.slots().stream().filter(s -> s.platform().equals(platform))
        .forEach(s -> formats.computeIfAbsent(s.pillar(), p -> EnumSet.noneOf(PostFormat.class)).add(s.format()));
    return formats;
  }

  @Test
  void queue_slots_in_the_dst_week_are_read_in_the_accounts_zone() {
    // Berlin springs forward on Sunday 29 March 2026 at 02:00 CET to 03:00 CEST.
    SocialAccount berlin = account("berlin", Platform.FACEBOOK, BERLIN);
    WeeklySlots slots = WeeklySlots.of(List.of(new WeeklySlots.Slot(DayOfWeek.MONDAY, LocalTime.of(9, 0)),
        new WeeklySlots.Slot(DayOfWeek.SUNDAY, LocalTime.of(2, 30))));
    ContentPlan plan = ContentPlanner.builder().build()
        .plan(MIX, YearMonth.of(2026, 3), List.of(AccountQueue.queue(berlin, slots)));

    // Mondays 2, 9, 16, 23, 30 and Sundays 1, 8, 15, 22, 29: 10 slots.
    assertThat(plan.slots()).hasSize(10);
    List<Instant> dstWeek = plan.slots().stream().filter(s -> s.week().equals(LocalDate.of(2026, 3, 23)))
        .map(PlannedSlot::at).toList();
    // Mon 23 09:00 CET = 08:00Z; Sun 29 02:30 does not exist and shifts forward an hour to 03:30 CEST = 01:30Z.
    assertThat(dstWeek).containsExactly(Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-29T01:30:00Z"));
    // Sunday 1 March belongs to the ISO week of Monday 23 February; Mon 30 09:00 CEST = 07:00Z.
    assertThat(plan.slots().get(0).week()).isEqualTo(LocalDate.of(2026, 2, 23));
    assertThat(plan.slots().get(9).at()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
    assertThat(plan.slots().get(9).localTime().toLocalTime()).isEqualTo(LocalTime.of(9, 0));

    ContentPlan skipping = ContentPlanner.builder().dstPolicy(new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER)).build()
        .plan(MIX, YearMonth.of(2026, 3), List.of(AccountQueue.queue(berlin, slots)));
    assertThat(skipping.slots()).hasSize(9);
  }

  @Test
  void accounts_without_a_queue_take_the_suggesters_best_times_inside_the_month() {
    SocialAccount tiktok = account("tok", Platform.TIKTOK, ZoneId.of("America/New_York"));
    List<Instant> suggested = List.of(Instant.parse("2027-02-03T23:00:00Z"), Instant.parse("2027-02-01T17:00:00Z"),
        Instant.parse("2027-02-01T17:00:00Z"), Instant.parse("2027-03-01T05:30:00Z"), Instant.parse("2027-03-01T04:30:00Z"));
    ContentPlanner planner = ContentPlanner.builder().suggester((account, from, to) -> {
      // The month in New York: 1 Feb 00:00 EST = 05:00Z to 1 Mar 00:00 EST = 05:00Z.
      assertThat(from).isEqualTo(Instant.parse("2027-02-01T05:00:00Z"));
      assertThat(to).isEqualTo(Instant.parse("2027-03-01T05:00:00Z"));
      return suggested;
    }).build();

    ContentPlan plan = planner.plan(MIX, FEB_2027, List.of(AccountQueue.bestTimes(tiktok)));

    // The duplicate collapses and 05:30Z on 1 March is after the month: three slots, in time order.
    assertThat(plan.slots()).extracting(PlannedSlot::at).containsExactly(Instant.parse("2027-02-01T17:00:00Z"),
        Instant.parse("2027-02-03T23:00:00Z"), Instant.parse("2027-03-01T04:30:00Z"));
    assertThat(plan.slots()).extracting(PlannedSlot::pillar).containsExactly("educational", "entertaining", "promotional");
  }

  @Test
  void a_mix_must_sum_to_one_with_distinct_pillars() {
    assertThatThrownBy(() -> ContentMix.of("t", "educational", 0.5, "promotional", 0.4))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("mix.pillars.share");
          assertThat(e.value()).isEqualTo("0.9");
        });
    assertThatThrownBy(() -> ContentMix.of("t", "educational", 0.5, "Educational", 0.5))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("mix.pillars[1].name"));
    assertThatThrownBy(() -> ContentMix.of("t", "educational", 1.2, "promotional", -0.2))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("pillar.share"));
    // Thirds sum to 1 within the tolerance.
    assertThat(ContentMix.of("t", "a", 1 / 3.0, "b", 1 / 3.0, "c", 1 / 3.0).pillars()).hasSize(3);
    SocialAccount a = account("a", Platform.X, BERLIN);
    assertThatThrownBy(() -> ContentPlanner.builder().build().plan(MIX, FEB_2027,
        List.of(AccountQueue.queue(a, WEEKDAYS_9), AccountQueue.bestTimes(a))))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("twice");
  }

  @Test
  void the_sequence_keeps_every_prefix_within_one_of_its_quota() {
    double[] shares = {0.45, 0.25, 0.17, 0.13};
    int[] order = Apportionment.sequence(shares, 500);
    int[] assigned = new int[shares.length];
    for (int k = 1; k <= order.length; k++) {
      assigned[order[k - 1]]++;
      for (int p = 0; p < shares.length; p++) {
        assertThat(Math.abs(assigned[p] - shares[p] * k)).as("pillar %d after %d slots", p, k).isLessThan(1.0);
      }
    }
  }
}
