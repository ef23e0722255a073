package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final BusinessHours OFFICE = BusinessHours.weekdays(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0));
  private static final WorkspaceId WS = WorkspaceId.of("ws");
  private static final AccountId X = AccountId.of("acc-x");
  private static final AccountId M = AccountId.of("acc-m");
  private static final ActorId AMY = ActorId.of("amy");
  private static final ActorId BEN = ActorId.of("ben");

  /** A local time in Berlin; 2026-03-06 is a Friday, 2026-03-09 a Monday, DST starts 2026-03-29. */
  private static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  @Test
  void businessTimeCountsOnlyOpeningHoursInTheZone() {
    assertThat(OFFICE.between(berlin("2026-03-09T10:00"), berlin("2026-03-09T10:30"))).isEqualTo(Duration.ofMinutes(30));
    assertThat(OFFICE.between(berlin("2026-03-09T16:00"), berlin("2026-03-10T10:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(OFFICE.between(berlin("2026-03-06T16:30"), berlin("2026-03-09T09:15"))).isEqualTo(Duration.ofMinutes(45));
    assertThat(OFFICE.between(berlin("2026-03-07T12:00"), berlin("2026-03-07T18:00"))).isZero();
    assertThat(OFFICE.between(berlin("2026-03-09T07:00"), berlin("2026-03-09T08:00"))).isZero();
    // Across the spring-forward weekend: Friday 16:00 to Monday 10:00 is 2 business hours (65 h elapsed).
    Instant fri = berlin("2026-03-27T16:00");
    Instant mon = berlin("2026-03-30T10:00");
    assertThat(Duration.between(fri, mon)).isEqualTo(Duration.ofHours(65));
    assertThat(OFFICE.between(fri, mon)).isEqualTo(Duration.ofHours(2));
    assertThat(BusinessHours.always(BERLIN).between(fri, mon)).isEqualTo(Duration.ofHours(65));
    assertThat(OFFICE.between(mon, fri)).isZero();
    assertThatThrownBy(() -> new BusinessHours(BERLIN, java.util.Set.of(java.time.DayOfWeek.MONDAY),
        LocalTime.of(17, 0), LocalTime.of(9, 0))).isInstanceOfSatisfying(InvalidValueException.class,
            e -> assertThat(e.field()).isEqualTo("businessHours.close"));
  }

  @Test
  void figuresMatchHandComputedValues() {
    List<ResponseRecord> records = List.of(
        record("r1", X, "2026-03-09T10:00", "2026-03-09T10:30", AMY),  // 30 min
        record("r2", X, "2026-03-09T16:00", "2026-03-10T10:00", BEN),  // 2 h
        record("r3", M, "2026-03-06T16:30", "2026-03-09T09:15", AMY),  // 45 min
        record("r4", M, "2026-03-09T11:00", null, BEN),                // unanswered, assigned to Ben
        record("r5", X, "2026-03-09T12:00", null, null),               // unanswered, unassigned
        record("r6", X, "2026-03-02T10:00", "2026-03-02T10:05", AMY)); // before the window
    SlaReport report = SlaReport.compute(records, OFFICE, Instant.parse("2026-03-06T00:00:00Z"),
        Instant.parse("2026-03-13T00:00:00Z"));
    // Overall: 3 of 5 answered; mean (30 + 120 + 45) / 3 = 65 min; median of 30, 45, 120 = 45 min.
    assertThat(report.overall()).isEqualTo(new SlaFigures(5, 3, 0.6, Duration.ofMinutes(65), Duration.ofMinutes(45)));
    // acc-x: r1, r2, r5: mean and median (30 + 120) / 2 = 75 min.
    assertThat(report.perAccount().get(X))
        .isEqualTo(new SlaFigures(3, 2, 2.0 / 3, Duration.ofMinutes(75), Duration.ofMinutes(75)));
    assertThat(report.perAccount().get(M))
        .isEqualTo(new SlaFigures(2, 1, 0.5, Duration.ofMinutes(45), Duration.ofMinutes(45)));
    // Amy: r1 and r3, (30 + 45) / 2 = 37.5 min; Ben: r2 answered, r4 not.
    assertThat(report.perActor().get(AMY))
        .isEqualTo(new SlaFigures(2, 2, 1.0, Duration.ofSeconds(2250), Duration.ofSeconds(2250)));
    assertThat(report.perActor().get(BEN))
        .isEqualTo(new SlaFigures(2, 1, 0.5, Duration.ofHours(2), Duration.ofHours(2)));
    assertThat(report.perActor()).hasSize(2);
    assertThat(SlaReport.compute(List.of(), OFFICE, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).overall())
        .isEqualTo(new SlaFigures(0, 0, 0.0, null, null));
    assertThatThrownBy(() -> SlaReport.compute(records, OFFICE, Instant.EPOCH, Instant.EPOCH))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("to"));
  }

  @Test
  void theInboxFeedsItsConversationsIntoTheReport() {
    try (InboxFixture f = new InboxFixture()) {
      // The fixture clock starts at 09:00Z on Monday 2026-03-02.
      Instant t0 = Instant.parse("2026-03-02T08:00:00Z");
      f.x.add(f.xAccount, "e1", InteractionKind.COMMENT, null, "ann", "q1", t0);
      f.mastodon.add(f.mastodonAccount, "e2", InteractionKind.COMMENT, null, "bob", "q2", t0.plusSeconds(1800));
      f.x.add(f.xAccount, "e3", InteractionKind.COMMENT, null, "cid", "q3", t0.plusSeconds(2400));
      f.x.add(f.xAccount, "e4", InteractionKind.COMMENT, null, "spammer", "buy now", t0.plusSeconds(2500));
      f.chorus.inbox().sync(InboxFixture.WS);
      Inbox amy = f.inbox(InboxFixture.AGENT);
      Inbox ben = f.inbox(InboxFixture.AGENT2);
      amy.reply(conv(f, "e1"), "d", "a1");                      // 60 min after e1
      f.clock.advance(Duration.ofMinutes(20));
      ben.reply(conv(f, "e2"), "d", "a2");                      // 50 min after e2
      amy.assign(conv(f, "e3"), InboxFixture.AGENT);            // unanswered, Amy's
      amy.status(conv(f, "e4"), ConversationStatus.SPAM);       // not counted
      SlaReport report = amy.sla(t0, t0.plus(Duration.ofDays(1)));
      assertThat(report.overall())
          .isEqualTo(new SlaFigures(3, 2, 2.0 / 3, Duration.ofMinutes(55), Duration.ofMinutes(55)));
      assertThat(report.perAccount().get(f.xAccount.id()))
          .isEqualTo(new SlaFigures(2, 1, 0.5, Duration.ofMinutes(60), Duration.ofMinutes(60)));
      assertThat(report.perAccount().get(f.mastodonAccount.id()))
          .isEqualTo(new SlaFigures(1, 1, 1.0, Duration.ofMinutes(50), Duration.ofMinutes(50)));
      assertThat(report.perActor().get(InboxFixture.AGENT))
          .isEqualTo(new SlaFigures(2, 1, 0.5, Duration.ofMinutes(60), Duration.ofMinutes(60)));
      assertThat(report.perActor().get(InboxFixture.AGENT2))
          .isEqualTo(new SlaFigures(1, 1, 1.0, Duration.ofMinutes(50), Duration.ofMinutes(50)));
      assertThat(amy.responseRecords()).hasSize(3);
      assertThatThrownBy(() -> f.inbox(InboxFixture.VIEWER).sla(t0, t0.plusSeconds(1)))
          .isInstanceOf(dev.chorus.AccessDeniedException.class);
    }
  }

  private static ConversationId conv(InboxFixture f, String externalId) {
    return f.chorus.inbox().store().conversations(InboxFixture.WS).stream()
        .filter(c -> c.rootRef().equals("item:" + externalId)).findFirst().orElseThrow().id();
  }

  private static ResponseRecord record(String id, AccountId account, String received, String responded, ActorId actor) {
    return new ResponseRecord(WS, ConversationId.of(id), account, berlin(received),
        responded == null ? null : berlin(responded), actor);
  }
}
