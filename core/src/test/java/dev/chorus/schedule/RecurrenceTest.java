package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void a_daily_nine_oclock_stays_at_nine_local_across_both_dst_changes() {
    Recurrence daily = Recurrence.parse("RRULE:FREQ=DAILY");
    LocalDateTime start = LocalDateTime.parse("2026-03-01T09:00");

    List<Instant> occurrences = daily.occurrences(start, NEW_YORK, DstPolicy.DEFAULT,
        Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"), 1000);

    assertThat(occurrences).isNotEmpty().allSatisfy(instant ->
        assertThat(instant.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    assertThat(occurrences).contains(Instant.parse("2026-03-07T14:00:00Z"), Instant.parse("2026-03-08T13:00:00Z"),
        Instant.parse("2026-10-31T13:00:00Z"), Instant.parse("2026-11-01T14:00:00Z"));
    assertThat(occurrences).hasSize(242); // every day from 6 March to 2 November inclusive
  }

  @Test
  void an_occurrence_in_the_gap_follows_the_policy() {
    Recurrence daily = Recurrence.parse("FREQ=DAILY;COUNT=3");
    LocalDateTime start = LocalDateTime.parse("2026-03-07T02:30");
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant to = Instant.parse("2026-04-01T00:00:00Z");

    assertThat(daily.occurrences(start, NEW_YORK, DstPolicy.DEFAULT, from, to, 10)).extracting(
        i -> i.atZone(NEW_YORK).toLocalDateTime().toString())
        .containsExactly("2026-03-07T02:30", "2026-03-08T03:30", "2026-03-09T02:30");
    assertThat(daily.occurrences(start, NEW_YORK, new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), from, to, 10))
        .hasSize(2);
  }

  @Test
  void weekly_rule_with_days_and_count() {
    Recurrence rule = Recurrence.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4");

    assertThat(rule.infinite()).isFalse();
    assertThat(rule.localOccurrences(LocalDateTime.parse("2026-11-23T10:00"),
            LocalDateTime.parse("2026-01-01T00:00"), LocalDateTime.parse("2027-01-01T00:00"), 100))
        .extracting(LocalDateTime::toString)
        .containsExactly("2026-11-23T10:00", "2026-11-25T10:00", "2026-11-30T10:00", "2026-12-02T10:00");
  }

  @Test
  void an_invalid_rule_is_a_typed_error_naming_it() {
    assertThatThrownBy(() -> Recurrence.parse("FREQ=SOMETIMES"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("recurrence").hasMessageContaining("SOMETIMES");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=DAILY;UNTIL=20261231T000000Z"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("UNTIL");
  }
}
