package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DstPolicyTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

  @Test
  void a_normal_local_time_has_one_instant() {
    assertThat(DstPolicy.DEFAULT.resolve(LocalDateTime.parse("2026-06-01T09:00"), BERLIN))
        .contains(Instant.parse("2026-06-01T07:00:00Z"));
  }

  @Test
  void a_time_in_the_spring_gap_shifts_forward_by_default() {
    // New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist.
    assertThat(DstPolicy.DEFAULT.resolve(LocalDateTime.parse("2026-03-08T02:30"), NEW_YORK))
        .contains(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
  }

  @Test
  void a_time_in_the_gap_can_be_skipped_or_rejected() {
    LocalDateTime gap = LocalDateTime.parse("2026-03-29T02:30");
    assertThat(new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER).resolve(gap, BERLIN)).isEmpty();
    assertThatThrownBy(() -> new DstPolicy(GapPolicy.REJECT, OverlapPolicy.EARLIER).resolve(gap, BERLIN))
        .isInstanceOf(NonexistentLocalTimeException.class)
        .hasMessageContaining("2026-03-29T02:30 Europe/Berlin");
  }

  @Test
  void an_overlapping_time_takes_the_earlier_or_later_offset() {
    // New York falls back at 02:00 on 2026-11-01: 01:30 happens twice.
    LocalDateTime twice = LocalDateTime.parse("2026-11-01T01:30");
    assertThat(DstPolicy.DEFAULT.resolve(twice, NEW_YORK)).contains(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.LATER).resolve(twice, NEW_YORK))
        .contains(Instant.parse("2026-11-01T06:30:00Z"));
  }

  @Test
  void lord_howe_half_hour_gap_and_overlap() {
    // Lord Howe moves from +10:30 to +11:00 at 02:00 on 2026-10-04: 02:00-02:30 does not exist.
    assertThat(DstPolicy.DEFAULT.resolve(LocalDateTime.parse("2026-10-04T02:15"), LORD_HOWE))
        .contains(LocalDateTime.parse("2026-10-04T02:45").atZone(LORD_HOWE).toInstant());
    // And back at 02:00 on 2026-04-05: 01:30-02:00 happens twice, half an hour apart.
    LocalDateTime twice = LocalDateTime.parse("2026-04-05T01:45");
    Instant earlier = DstPolicy.DEFAULT.resolve(twice, LORD_HOWE).orElseThrow();
    Instant later = new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.LATER).resolve(twice, LORD_HOWE).orElseThrow();
    assertThat(java.time.Duration.between(earlier, later)).hasMinutes(30);
  }
}
