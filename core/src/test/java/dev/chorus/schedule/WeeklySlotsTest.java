package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeeklySlotsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final WeeklySlots slots = WeeklySlots.daily(
      EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), LocalTime.of(9, 0), LocalTime.of(17, 30));

  @Test
  void next_free_slot_is_the_first_after_now_in_the_accounts_zone() {
    // Monday 23 November 2026, 10:00 Berlin: the 09:00 slot has passed.
    Instant now = Instant.parse("2026-11-23T09:00:00Z");

    assertThat(slots.nextFree(now, BERLIN, DstPolicy.DEFAULT, i -> false, 4))
        .contains(Instant.parse("2026-11-23T16:30:00Z"));
  }

  @Test
  void taken_slots_are_skipped() {
    Instant now = Instant.parse("2026-11-23T09:00:00Z");
    Set<Instant> taken = Set.of(Instant.parse("2026-11-23T16:30:00Z"), Instant.parse("2026-11-25T08:00:00Z"));

    assertThat(slots.nextFree(now, BERLIN, DstPolicy.DEFAULT, taken::contains, 4))
        .contains(Instant.parse("2026-11-25T16:30:00Z"));
  }

  @Test
  void nothing_free_within_the_horizon_is_empty() {
    assertThat(slots.nextFree(Instant.parse("2026-11-23T09:00:00Z"), BERLIN, DstPolicy.DEFAULT, i -> true, 2)).isEmpty();
  }

  @Test
  void a_queue_needs_a_slot() {
    assertThatThrownBy(() -> WeeklySlots.of(List.of())).isInstanceOf(InvalidValueException.class).hasMessageContaining("slots");
  }
}
