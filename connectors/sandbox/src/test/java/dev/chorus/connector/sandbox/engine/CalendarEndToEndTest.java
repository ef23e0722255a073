package dev.chorus.connector.sandbox.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.calendar.CalendarEntry;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.calendar.RowError;
import dev.chorus.model.Post;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.schedule.ScheduleIntent;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The content calendar over the store: import a plan, approve, schedule, publish, export. */
class CalendarEndToEndTest {

  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  @Test
  void an_imported_plan_is_drafted_scheduled_at_its_local_times_and_published() {
    try (Engine e = new Engine(T)) {
      SocialAccount berlin = e.account("berlin", ZoneId.of("Europe/Berlin"));
      SocialAccount ny = e.account("ny", ZoneId.of("America/New_York"));
      String csv = """
          date,time,zone,account,format,text,media,first_comment,pillar
          2026-03-04,09:00,,@berlin,FEED,Guten Morgen,,,greeting
          2026-03-04,09:00,,ny,FEED,Good morning,https://cdn.example/sun.jpg,Say hi!,greeting
          2026-03-05,12:00,Europe/London,acc-berlin,FEED,Lunch in London,,,
          """;
      List<Post> drafts = e.owner().calendar().importCsv(new StringReader(csv));

      assertThat(drafts).hasSize(3);
      assertThat(drafts).allSatisfy(p -> assertThat(p.targets().get(0).state()).isEqualTo(TargetState.DRAFT));
      assertThat(drafts.get(0).pillar()).isEqualTo("greeting");
      assertThat(drafts.get(1).content().media()).singleElement()
          .satisfies(m -> assertThat(m.mimeType()).isEqualTo("image/jpeg"));
      assertThat(drafts.get(1).targets().get(0).variant().firstComment()).isEqualTo("Say hi!");

      List<CalendarEntry> planned = e.owner().calendar().query(CalendarQuery.workspace(e.workspace));
      assertThat(planned).extracting(CalendarEntry::at).containsExactly(
          Instant.parse("2026-03-04T08:00:00Z"), Instant.parse("2026-03-04T14:00:00Z"),
          Instant.parse("2026-03-05T12:00:00Z"));

      for (Post draft : drafts) {
        e.owner().posts().submit(draft.id(), null);
        e.owner().posts().schedule(draft.id());
      }
      assertThat(e.dispatch(e.once(drafts.get(1).id(), ny.id())).orElseThrow().dueAt())
          .isEqualTo(Instant.parse("2026-03-04T14:00:00Z"));

      e.runUntil(T.plus(Duration.ofDays(3)));
      List<CalendarEntry> done = e.owner().calendar().query(CalendarQuery.workspace(e.workspace)
          .states(TargetState.PUBLISHED));
      assertThat(done).hasSize(3);
      assertThat(done.get(2).zone()).isEqualTo(ZoneId.of("Europe/London"));
      assertThat(e.platform.publicationCount()).isEqualTo(3);

      String ics = e.owner().calendar().exportIcs(CalendarQuery.workspace(e.workspace).accounts(berlin.id()));
      assertThat(ics).contains("BEGIN:VCALENDAR").contains("DTSTART:20260304T080000Z")
          .contains("DTSTART:20260305T120000Z").doesNotContain("20260304T140000Z");
      String exported = e.owner().calendar().exportCsv(CalendarQuery.workspace(e.workspace));
      assertThat(exported.lines()).hasSize(4);
      assertThat(exported).contains("Guten Morgen").contains("America/New_York").contains("PUBLISHED");
    }
  }

  @Test
  void a_plan_with_any_bad_row_creates_nothing_and_lists_every_problem() {
    try (Engine e = new Engine(T)) {
      e.account("berlin", ZoneId.of("Europe/Berlin"));
      String tooLong = "x".repeat(600);
      String csv = "date,time,account,text,media\n"
          + "2026-03-04,09:00,@berlin,fine,\n"
          + "2026-03-04,09:00,@berlin," + tooLong + ",\n"
          + "2026-03-04,25:00,@nobody,,\n"
          + "2026-03-05,10:00,@berlin,with a file,https://cdn.example/doc.xyz\n";

      assertThatThrownBy(() -> e.owner().calendar().importCsv(new StringReader(csv)))
          .isInstanceOfSatisfying(CalendarImportException.class, ex -> assertThat(ex.errors())
              .extracting(RowError::row, RowError::column)
              .contains(
                  org.assertj.core.groups.Tuple.tuple(3, "text"),
                  org.assertj.core.groups.Tuple.tuple(4, "time"),
                  org.assertj.core.groups.Tuple.tuple(4, "account"),
                  org.assertj.core.groups.Tuple.tuple(5, "media")));
      assertThat(e.owner().posts().list()).isEmpty();
    }
  }

  @Test
  void a_text_over_the_platform_limit_is_a_row_error_from_the_connector() {
    try (Engine e = new Engine(T)) {
      e.account("berlin", ZoneId.of("Europe/Berlin"));
      String csv = "date,time,account,text\n2026-03-04,09:00,@berlin," + "y".repeat(501) + "\n";
      assertThatThrownBy(() -> e.owner().calendar().importCsv(new StringReader(csv)))
          .isInstanceOfSatisfying(CalendarImportException.class, ex -> assertThat(ex.errors()).singleElement()
              .satisfies(err -> {
                assertThat(err.row()).isEqualTo(2);
                assertThat(err.column()).isEqualTo("text");
                assertThat(err.reason()).contains("500");
              }));
      assertThat(e.owner().posts().list()).isEmpty();
    }
  }

  @Test
  void reading_and_importing_are_permission_checked() {
    try (Engine e = new Engine(T)) {
      e.account("berlin");
      var viewer = e.chorus.session(Engine.VIEWER, e.workspace);
      assertThat(viewer.calendar().query(CalendarQuery.workspace(e.workspace))).isEmpty();
      assertThatThrownBy(() -> viewer.calendar().importCsv(new StringReader("date,time,account,text\n")))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> viewer.posts().schedule(e.approved("x", dev.chorus.model.AccountId.of("acc-berlin")).id(),
          ScheduleIntent.atLocal(LocalDateTime.parse("2026-03-04T09:00"))))
          .isInstanceOf(AccessDeniedException.class);
    }
  }
}
