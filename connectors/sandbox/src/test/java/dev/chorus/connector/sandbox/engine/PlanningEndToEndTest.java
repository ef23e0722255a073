package dev.chorus.connector.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.Limits;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.connector.sandbox.Fault;
import dev.chorus.connector.sandbox.FaultKind;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.model.Post;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.schedule.BlackoutWindow;
import dev.chorus.schedule.ConflictMode;
import dev.chorus.schedule.DispatchEvent;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.PauseScope;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.SchedulingConflictException;
import dev.chorus.schedule.SchedulingRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Planning rules, DST, quotas and credentials, end to end on the sandbox. */
class PlanningEndToEndTest {

  static Stream<Arguments> dstChanges() {
    return Stream.of(
        Arguments.of("America/New_York", "2026-03-06", 23 * 60),  // spring forward on 2026-03-08
        Arguments.of("America/New_York", "2026-10-30", 25 * 60),  // fall back on 2026-11-01
        Arguments.of("Europe/Berlin", "2026-03-27", 23 * 60),     // spring forward on 2026-03-29
        Arguments.of("Europe/Berlin", "2026-10-23", 25 * 60),     // fall back on 2026-10-25
        Arguments.of("Australia/Lord_Howe", "2026-10-02", 23 * 60 + 30), // forward 30 min on 2026-10-04
        Arguments.of("Australia/Lord_Howe", "2026-04-03", 24 * 60 + 30)); // back 30 min on 2026-04-05
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("dstChanges")
  void a_daily_0900_recurrence_stays_at_0900_local_across_the_dst_change(String zoneId, String firstDay,
      int minutesAcrossChange) {
    ZoneId zone = ZoneId.of(zoneId);
    LocalDate start = LocalDate.parse(firstDay);
    Instant begin = start.atStartOfDay(zone).toInstant();
    try (Engine e = new Engine(begin)) {
      SocialAccount account = e.account("local", zone);
      Post post = e.approved("good morning", account.id());
      e.owner().posts().schedule(post.id(),
          ScheduleIntent.recurring("FREQ=DAILY;COUNT=5", start.atTime(9, 0)));

      e.runUntil(begin.plus(Duration.ofDays(6)));

      List<SandboxPost> published = e.platform.publications().stream()
          .filter(p -> p.text().equals("good morning")).toList();
      assertThat(published).hasSize(5);
      for (int i = 0; i < 5; i++) {
        ZonedDateTime local = published.get(i).createdAt().atZone(zone);
        assertThat(local.toLocalDate()).isEqualTo(start.plusDays(i));
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
      }
      List<Long> gaps = new java.util.ArrayList<>();
      for (int i = 1; i < 5; i++) {
        gaps.add(Duration.between(published.get(i - 1).createdAt(), published.get(i).createdAt()).toMinutes());
      }
      assertThat(gaps).containsOnlyOnce((long) minutesAcrossChange).containsOnly(24L * 60, (long) minutesAcrossChange);
      List<DispatchRecord> dispatches = e.chorus.scheduler().dispatches(e.workspace, post.id(), account.id());
      assertThat(dispatches).hasSize(5).allSatisfy(d -> {
        assertThat(d.state()).isEqualTo(DispatchState.PUBLISHED);
        assertThat(e.platform.publicationCountByKey(d.idempotencyKey())).isEqualTo(1);
      });
      assertThat(e.owner().posts().audit(post.id()))
          .filteredOn(entry -> entry.reason() != null && entry.reason().startsWith("published the occurrence"))
          .hasSize(5);
    }
  }

  @Test
  void a_local_time_in_the_spring_forward_gap_shifts_forward() {
    ZoneId zone = ZoneId.of("America/New_York");
    Instant begin = Instant.parse("2026-03-07T12:00:00Z");
    try (Engine e = new Engine(begin)) {
      SocialAccount account = e.account("ny", zone);
      Post post = e.approved("in the gap", account.id());
      e.owner().posts().schedule(post.id(), ScheduleIntent.atLocal(LocalDateTime.parse("2026-03-08T02:30")));
      assertThat(e.dispatch(e.once(post.id(), account.id())).orElseThrow().dueAt().atZone(zone).toLocalTime())
          .isEqualTo(LocalTime.of(3, 30));
    }
  }

  static SandboxPlatform instagramLike(Engine.TestClock clock) {
    Limits d = SandboxPlatform.defaultLimits();
    Limits limits = new Limits(d.text(), d.firstCommentText(), d.maxHashtags(), d.maxMentions(), d.maxMediaPerPost(),
        d.media(), d.carouselMin(), d.carouselMax(), d.maxThreadParts(), d.pollMaxOptions(), PublishingQuota.perDay(3));
    return SandboxPlatform.builder(clock).seed(3).limits(limits).build();
  }

  @Test
  void a_fourth_post_in_24_hours_is_rejected_and_changes_nothing() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    Engine.TestClock[] clockHolder = new Engine.TestClock[1];
    try (Engine e = quotaEngine(t, clockHolder)) {
      SocialAccount account = e.account("insta");
      for (int i = 1; i <= 3; i++) {
        Post post = e.approved("post " + i, account.id());
        e.owner().posts().schedule(post.id(), ScheduleIntent.at(t.plus(Duration.ofHours(i))));
      }
      Post fourth = e.approved("post 4", account.id());
      long version = fourth.version();
      assertThatThrownBy(() -> e.owner().posts().schedule(fourth.id(), ScheduleIntent.at(t.plus(Duration.ofHours(4)))))
          .isInstanceOfSatisfying(SchedulingConflictException.class, ex -> assertThat(ex.conflicts())
              .anySatisfy(c -> assertThat(c.rule()).isEqualTo(SchedulingRule.PUBLISHING_QUOTA)));
      assertThat(e.post(fourth.id()).version()).isEqualTo(version);
      assertThat(e.state(fourth.id(), account.id())).isEqualTo(TargetState.APPROVED);
      assertThat(e.dispatch(e.once(fourth.id(), account.id()))).isEmpty();
    }
  }

  @Test
  void a_fourth_post_in_24_hours_moves_to_the_next_legal_slot_and_all_four_publish() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    Engine.TestClock[] clockHolder = new Engine.TestClock[1];
    try (Engine e = quotaEngine(t, clockHolder)) {
      e.chorus.scheduler().settings().conflictMode(e.workspace, ConflictMode.NEXT_LEGAL);
      SocialAccount account = e.account("insta");
      Post[] posts = new Post[4];
      for (int i = 0; i < 4; i++) {
        posts[i] = e.approved("post " + i, account.id());
        e.owner().posts().schedule(posts[i].id(), ScheduleIntent.at(t.plus(Duration.ofHours(i + 1))));
      }
      assertThat(e.dispatch(e.once(posts[3].id(), account.id())).orElseThrow().dueAt())
          .isEqualTo(t.plus(Duration.ofHours(1)).plus(Duration.ofHours(24)));

      e.runUntil(t.plus(Duration.ofDays(2)));
      for (Post post : posts) {
        assertThat(e.state(post.id(), account.id())).isEqualTo(TargetState.PUBLISHED);
      }
      assertThat(e.platform.publicationCount()).isEqualTo(4);
    }
  }

  private static Engine quotaEngine(Instant t, Engine.TestClock[] holder) {
    // The registry's connector declares the provider's default limits; this platform's quota is
    // read from a connector given directly.
    SandboxPlatform[] platform = new SandboxPlatform[1];
    return new Engine(t, FaultPlan.none(), b -> b.connector(Engine.directConnector(platform[0], holder[0])), clock -> {
      holder[0] = clock;
      platform[0] = instagramLike(clock);
      return platform[0];
    });
  }

  @Test
  void blackouts_and_spacing_push_a_post_under_next_legal() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    try (Engine e = new Engine(t)) {
      SocialAccount account = e.account("spaced");
      e.chorus.scheduler().settings()
          .conflictMode(e.workspace, ConflictMode.NEXT_LEGAL)
          .addBlackout(e.workspace, new BlackoutWindow(t.plus(Duration.ofMinutes(90)), t.plus(Duration.ofMinutes(150)), "town hall"))
          .minSpacing(e.workspace, account.id(), Duration.ofMinutes(45));
      Post first = e.approved("first", account.id());
      Post second = e.approved("second", account.id());
      e.owner().posts().schedule(first.id(), ScheduleIntent.at(t.plus(Duration.ofMinutes(60))));
      e.owner().posts().schedule(second.id(), ScheduleIntent.at(t.plus(Duration.ofMinutes(70))));
      // 09:10 is too close to 09:00; 09:45 keeps the spacing but is in the blackout; 10:30 keeps both.
      assertThat(e.dispatch(e.once(second.id(), account.id())).orElseThrow().dueAt())
          .isEqualTo(t.plus(Duration.ofMinutes(150)));
    }
  }

  @Test
  void an_expiring_credential_warns_once_when_its_dispatch_is_claimed() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    Instant expiry = t.plus(Duration.ofHours(30));
    try (Engine e = new Engine(t, FaultPlan.none(),
        b -> b.credentialStatus(account -> account.handle().equals("@expiring") ? Optional.of(expiry) : Optional.empty(),
            Duration.ofDays(2)), null)) {
      SocialAccount expiring = e.account("expiring");
      SocialAccount fine = e.account("fine");
      for (int i = 0; i < 2; i++) {
        Post post = e.approved("post " + i, expiring.id(), fine.id());
        e.owner().posts().schedule(post.id(), ScheduleIntent.at(t.plus(Duration.ofMinutes(10 + i))));
      }
      e.runUntil(t.plus(Duration.ofHours(1)));

      assertThat(e.events(DispatchEvent.CredentialExpiring.class)).singleElement().satisfies(w -> {
        assertThat(w.account()).isEqualTo(expiring.id());
        assertThat(w.expiresAt()).isEqualTo(expiry);
      });
      assertThat(e.platform.publicationCount()).isEqualTo(4);
    }
  }

  @Test
  void an_expired_credential_pauses_the_account_until_it_is_resumed() {
    Instant t = Instant.parse("2026-03-03T08:00:00Z");
    FaultPlan faults = FaultPlan.custom().script(SandboxOperation.PUBLISH, Fault.of(FaultKind.AUTHENTICATION_EXPIRED)).build();
    try (Engine e = new Engine(t, faults, b -> { }, null)) {
      SocialAccount account = e.account("expired");
      Post first = e.approved("first", account.id());
      Post second = e.approved("second", account.id());
      e.owner().posts().schedule(first.id(), ScheduleIntent.at(t.plus(Duration.ofMinutes(10))));
      e.owner().posts().schedule(second.id(), ScheduleIntent.at(t.plus(Duration.ofMinutes(20))));

      e.runUntil(t.plus(Duration.ofMinutes(30)));
      assertThat(e.events(DispatchEvent.CredentialExpired.class)).hasSize(1);
      assertThat(e.state(first.id(), account.id())).isEqualTo(TargetState.PAUSED);
      assertThat(e.state(second.id(), account.id())).isEqualTo(TargetState.PAUSED);
      assertThat(e.platform.publicationCount()).isZero();

      assertThat(e.chorus.scheduler().resume(PauseScope.account(e.workspace, account.id()))).isTrue();
      e.runUntil(t.plus(Duration.ofMinutes(40)));
      assertThat(e.state(first.id(), account.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.state(second.id(), account.id())).isEqualTo(TargetState.PUBLISHED);
      assertThat(e.platform.publicationCount()).isEqualTo(2);
    }
  }
}
