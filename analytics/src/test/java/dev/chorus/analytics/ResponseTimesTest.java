package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseTimesTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static Interaction msg(String id, String parent, String author, InteractionKind kind, String at) {
    return new Interaction(Platform.X, AccountId.of("a"), id, kind, null, parent, author, "@" + author, null,
        "text", Instant.parse(at), null);
  }

  private final List<Interaction> thread = List.of(
      msg("c1", null, "fan", InteractionKind.COMMENT, "2026-03-02T08:00:00Z"), // Monday 09:00 Paris
      msg("r1", "c1", "brand", InteractionKind.REPLY, "2026-03-02T08:30:00Z"), // 30 min
      msg("r1b", "c1", "brand", InteractionKind.REPLY, "2026-03-02T09:30:00Z"), // second reply ignored
      msg("c2", null, "fan2", InteractionKind.DIRECT_MESSAGE, "2026-03-02T15:00:00Z"), // Monday 16:00 Paris
      msg("r2", "c2", "brand", InteractionKind.REPLY, "2026-03-03T09:00:00Z"), // Tuesday 10:00: 18 h later
      msg("c3", null, "fan3", InteractionKind.COMMENT, "2026-03-02T10:00:00Z"), // unanswered
      msg("m1", null, "fan4", InteractionKind.MENTION, "2026-03-02T10:00:00Z")); // not actionable here

  @Test
  void mean_median_rate_and_business_hours() {
    ResponseTimes times = ResponseTimes.of(thread, "brand",
        Set.of(InteractionKind.COMMENT, InteractionKind.DIRECT_MESSAGE));
    assertThat(times.responses()).hasSize(3);
    assertThat(times.responseRate().value()).isEqualTo(2.0 / 3);
    assertThat(times.mean()).contains(Duration.ofMinutes((30 + 18 * 60) / 2));
    assertThat(times.median()).contains(Duration.ofMinutes((30 + 18 * 60) / 2));
    // c2: Monday 16:00-17:00 plus Tuesday 09:00-10:00 = 2 h of business time; c1: 30 min.
    assertThat(times.meanWithin(BusinessHours.nineToFive(PARIS))).contains(Duration.ofMinutes(75));
  }

  @Test
  void median_is_robust_to_one_slow_reply() {
    List<Interaction> list = List.of(
        msg("a", null, "f", InteractionKind.COMMENT, "2026-03-02T08:00:00Z"),
        msg("ra", "a", "brand", InteractionKind.REPLY, "2026-03-02T08:10:00Z"),
        msg("b", null, "f", InteractionKind.COMMENT, "2026-03-02T08:00:00Z"),
        msg("rb", "b", "brand", InteractionKind.REPLY, "2026-03-02T08:20:00Z"),
        msg("c", null, "f", InteractionKind.COMMENT, "2026-03-02T08:00:00Z"),
        msg("rc", "c", "brand", InteractionKind.REPLY, "2026-03-09T08:00:00Z"));
    ResponseTimes times = ResponseTimes.of(list, "brand", Set.of(InteractionKind.COMMENT));
    assertThat(times.median()).contains(Duration.ofMinutes(20));
    assertThat(times.mean().orElseThrow()).isGreaterThan(Duration.ofDays(2));
  }

  @Test
  void no_inbound_is_undefined_not_zero() {
    ResponseTimes none = ResponseTimes.of(List.of(), "brand", Set.of(InteractionKind.COMMENT));
    assertThat(none.responseRate().isDefined()).isFalse();
    assertThat(none.mean()).isEmpty();
    assertThat(none.median()).isEmpty();
  }

  @Test
  void business_hours_skip_weekends_and_follow_dst() {
    BusinessHours hours = BusinessHours.nineToFive(PARIS);
    // Friday 16:00 Paris to Monday 10:00 Paris = 1 h + 1 h.
    assertThat(hours.between(Instant.parse("2026-03-06T15:00:00Z"), Instant.parse("2026-03-09T09:00:00Z")))
        .isEqualTo(Duration.ofHours(2));
    // Across the spring-forward weekend (29 March 2026): Friday 27th 16:00 CET to Monday 30th 10:00 CEST.
    assertThat(hours.between(Instant.parse("2026-03-27T15:00:00Z"), Instant.parse("2026-03-30T08:00:00Z")))
        .isEqualTo(Duration.ofHours(2));
    BusinessHours custom = new BusinessHours(PARIS, LocalTime.of(8, 0), LocalTime.of(12, 0),
        EnumSet.of(DayOfWeek.SATURDAY));
    assertThat(custom.between(Instant.parse("2026-03-06T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z")))
        .isEqualTo(Duration.ofHours(4));
    assertThat(hours.between(Instant.parse("2026-03-09T09:00:00Z"), Instant.parse("2026-03-09T08:00:00Z")))
        .isZero();
    assertThatThrownBy(() -> new BusinessHours(PARIS, LocalTime.NOON, LocalTime.of(9, 0), Set.of(DayOfWeek.MONDAY)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("businessHours.close");
  }
}
