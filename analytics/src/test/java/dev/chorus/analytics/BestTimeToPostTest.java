package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.HourOfWeekActivity;
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
import org.junit.jupiter.api.Test;

class BestTimeToPostTest {

  private static final ZoneId NY = ZoneId.of("America/New_York");
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z"); // a Monday
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AccountId A = AccountId.of("a");
  private static final AccountId B = AccountId.of("b");

  /** A post on the given weekday and local time, {@code weeksAgo} weeks before the week of NOW. */
  private static PostEngagement at(AccountId account, DayOfWeek day, int hour, int minute, int weeksAgo, double e) {
    // 25 May 2026 is the Monday of the week before NOW.
    LocalDateTime local = LocalDateTime.of(2026, 5, 25, hour, minute).minusWeeks(weeksAgo - 1L)
        .with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
    return new PostEngagement(account, local.atZone(NY).toInstant(), e);
  }

  private static List<PostEngagement> history() {
    List<PostEngagement> posts = new ArrayList<>();
    for (int w = 1; w <= 4; w++) {
      posts.add(at(A, DayOfWeek.TUESDAY, 10, 0, w, 100)); // 4 strong posts on Tuesday 10:00
    }
    int[] hours = {8, 12, 14, 16, 18};
    for (int w = 1; w <= 2; w++) {
      for (int h : hours) {
        posts.add(at(A, DayOfWeek.THURSDAY, h, 0, w, 10 + w));
      }
    }
    posts.add(at(A, DayOfWeek.WEDNESDAY, 20, 0, 1, 1000)); // one lucky post: too few samples
    posts.add(at(A, DayOfWeek.FRIDAY, 9, 0, 20, 50_000)); // outside the 16-week window
    return posts;
  }

  @Test
  void top_slot_needs_the_minimum_sample_and_scores_are_shrunk_toward_the_prior() {
    BestTimeToPost bestTime = BestTimeToPost.builder(CLOCK).build();
    List<TimeSlot> ranked = bestTime.rank(history(), NY, null);
    assertThat(ranked).hasSize(168);
    TimeSlot top = ranked.get(0);
    assertThat(top.day()).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(top.start()).isEqualTo(LocalTime.of(10, 0));
    assertThat(top.samples()).isEqualTo(4);
    assertThat(top.priorOnly()).isFalse();
    TimeSlot lucky = ranked.stream().filter(s -> s.day() == DayOfWeek.WEDNESDAY && s.start().getHour() == 20)
        .findFirst().orElseThrow();
    assertThat(lucky.samples()).isEqualTo(1);
    assertThat(lucky.priorOnly()).isTrue();
    assertThat(lucky.score()).isZero(); // the uniform prior
    TimeSlot outside = ranked.stream().filter(s -> s.day() == DayOfWeek.FRIDAY && s.start().getHour() == 9)
        .findFirst().orElseThrow();
    assertThat(outside.samples()).isZero();
    // Shrinkage with k = 5 pseudo-posts at prior 0: score = raw mean x 4 / (4 + 5).
    double raw = BestTimeToPost.builder(CLOCK).priorWeight(0).build().rank(history(), NY, null).get(0).score();
    assertThat(top.score()).isCloseTo(raw * 4 / 9, within(1e-12));
    assertThat(bestTime.top(3, history(), NY, null)).hasSize(3).first().isEqualTo(top);
  }

  @Test
  void without_enough_data_the_audience_activity_decides() {
    double[] weights = new double[168];
    java.util.Arrays.fill(weights, 1);
    weights[(DayOfWeek.THURSDAY.getValue() - 1) * 24 + 18] = 9;
    weights[(DayOfWeek.SUNDAY.getValue() - 1) * 24 + 11] = 5;
    List<TimeSlot> ranked = BestTimeToPost.builder(CLOCK).build()
        .rank(List.of(at(A, DayOfWeek.MONDAY, 7, 0, 1, 500)), NY, HourOfWeekActivity.of(weights));
    assertThat(ranked.get(0).day()).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(ranked.get(0).start()).isEqualTo(LocalTime.of(18, 0));
    assertThat(ranked.get(0).priorOnly()).isTrue();
    assertThat(ranked.get(1).day()).isEqualTo(DayOfWeek.SUNDAY);
  }

  @Test
  void each_account_is_normalised_so_a_large_account_does_not_dominate() {
    List<PostEngagement> posts = new ArrayList<>();
    for (int w = 1; w <= 3; w++) {
      posts.add(at(B, DayOfWeek.MONDAY, 9, 0, w, 30)); // small account's good slot
      posts.add(at(B, DayOfWeek.FRIDAY, 15, 0, w, 10));
      posts.add(at(A, DayOfWeek.FRIDAY, 15, 0, w, 10_000)); // large account, flat performance
      posts.add(at(A, DayOfWeek.SATURDAY, 12, 0, w, 10_000));
    }
    TimeSlot top = BestTimeToPost.builder(CLOCK).build().rank(posts, NY, null).get(0);
    assertThat(top.day()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(top.start()).isEqualTo(LocalTime.of(9, 0));
  }

  @Test
  void finer_slots_bucket_by_quarter_hour() {
    List<PostEngagement> posts = new ArrayList<>();
    for (int w = 1; w <= 3; w++) {
      posts.add(at(A, DayOfWeek.TUESDAY, 10, 20, w, 90));
      posts.add(at(A, DayOfWeek.TUESDAY, 10, 50, w, 10));
    }
    BestTimeToPost quarter = BestTimeToPost.builder(CLOCK).slotMinutes(15).build();
    List<TimeSlot> ranked = quarter.rank(posts, NY, null);
    assertThat(ranked).hasSize(7 * 24 * 4);
    assertThat(ranked.get(0).start()).isEqualTo(LocalTime.of(10, 15));
    assertThat(ranked.get(0).length()).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> BestTimeToPost.builder(CLOCK).slotMinutes(7))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("slotMinutes");
  }

  private static SocialAccount account(AccountId id, ZoneId zone) {
    return new SocialAccount(id, WorkspaceId.of("w"), Platform.X, "@a", "ext", zone, CredentialsRef.of("ref"));
  }

  @Test
  void slot_suggester_returns_occurrences_of_the_best_slots_best_first() {
    BestTimeSlotSuggester suggester = new BestTimeSlotSuggester(BestTimeToPost.builder(CLOCK).build(),
        id -> id.equals(A) ? history() : List.of(), acc -> null, SocialAccount::timeZone, 3);
    List<Instant> suggestions = suggester.suggest(account(A, NY), NOW, NOW.plus(Duration.ofDays(14)));
    // Tuesday 10:00 in New York (EDT) in both weeks, then the next best slot.
    assertThat(suggestions).hasSize(3);
    assertThat(suggestions.subList(0, 2)).containsExactly(Instant.parse("2026-06-02T14:00:00Z"),
        Instant.parse("2026-06-09T14:00:00Z"));
    assertThat(suggester.suggest(account(A, NY), NOW, NOW)).isEmpty();
  }

  @Test
  void slot_in_a_dst_gap_moves_forward() {
    Instant now = Instant.parse("2026-03-02T00:00:00Z");
    List<PostEngagement> posts = new ArrayList<>();
    for (int w = 1; w <= 3; w++) {
      posts.add(new PostEngagement(A, LocalDateTime.of(2026, 3, 1, 2, 30).minusWeeks(w).atZone(NY).toInstant(), 50));
      posts.add(new PostEngagement(A, LocalDateTime.of(2026, 2, 25, 12, 0).minusWeeks(w).atZone(NY).toInstant(), 5));
    }
    BestTimeSlotSuggester suggester = new BestTimeSlotSuggester(
        BestTimeToPost.builder(Clock.fixed(now, ZoneOffset.UTC)).build(), id -> posts, acc -> null,
        SocialAccount::timeZone, 1);
    // Sunday 8 March 2026 02:00 does not exist in New York: the slot moves to 03:00 EDT.
    assertThat(suggester.suggest(account(A, NY), Instant.parse("2026-03-07T00:00:00Z"),
        Instant.parse("2026-03-09T00:00:00Z"))).containsExactly(Instant.parse("2026-03-08T07:00:00Z"));
  }
}
