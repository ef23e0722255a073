package dev.chorus.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.calendar.CalendarCsv;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.calendar.PlannedPost;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Post;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.Assertions;

/**
 * Fuzzes the CSV calendar import: any file gives drafts or a {@link CalendarImportException} naming
 * rows, never another exception, and a rejected file leaves the workspace's posts and calendar as
 * they were.
 */
class CalendarCsvFuzzTest {

  private static final List<String> COLUMNS = List.of("date", "time", "zone", "account", "format", "text", "media",
      "campaign", "first_comment", "pillar", "DATE", "Time", "extra", "", "date");

  @Property(tries = 150, seed = "20261126")
  void any_file_imports_or_is_rejected_with_row_errors_and_no_change(@ForAll("files") String csv) {
    Fixture fixture = new Fixture(ApprovalPolicy.none());
    Session session = fixture.as(Fixture.OWNER);
    session.posts().createDraft(dev.chorus.model.PostContent.text("already there"), Fixture.X_ACCOUNT);
    List<Post> postsBefore = session.posts().list();
    var calendarBefore = session.calendar().query(CalendarQuery.workspace(fixture.workspace.id()));

    List<Post> imported;
    try {
      imported = session.calendar().importCsv(new StringReader(csv));
    } catch (CalendarImportException rejected) {
      assertThat(rejected.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.row()).isPositive());
      assertThat(session.posts().list()).isEqualTo(postsBefore);
      assertThat(session.calendar().query(CalendarQuery.workspace(fixture.workspace.id()))).isEqualTo(calendarBefore);
      return;
    }
    assertThat(session.posts().list()).hasSize(postsBefore.size() + imported.size()).containsAll(postsBefore);
  }

  @Property(tries = 250, seed = "20261127")
  void the_plain_reader_returns_rows_or_a_calendar_import_exception(@ForAll("files") String csv) {
    CalendarCsv.Resolver resolver = handle -> handle.contains("acme")
        ? Optional.of(Fixture.account(dev.chorus.model.WorkspaceId.of("ws"), Fixture.X_ACCOUNT, dev.chorus.model.Platform.X))
        : Optional.empty();
    try {
      List<PlannedPost> rows = CalendarCsv.read(new StringReader(csv), resolver);
      assertThat(rows).allSatisfy(row -> assertThat(row.row()).isGreaterThan(1));
    } catch (CalendarImportException rejected) {
      assertThat(rejected.errors()).isNotEmpty();
    }
  }

  @Example
  void duplicate_or_blank_header_names_are_row_errors() {
    for (String header : List.of("date,time,account,date", "date,time,account,,text", "date,time,account,Date")) {
      String csv = header + "\n2026-04-01,09:00,@acme,hi,x\n";
      Assertions.assertThatThrownBy(() -> CalendarCsv.read(new StringReader(csv), handle -> Optional.empty()))
          .as(header).isInstanceOfSatisfying(CalendarImportException.class, e -> assertThat(e.errors())
              .as(header + " " + e.errors()).first().satisfies(error -> assertThat(error.row()).isEqualTo(1)));
    }
  }

  @Provide
  Arbitrary<String> files() {
    Arbitrary<List<String>> header = Arbitraries.of(COLUMNS).list().ofMinSize(0).ofMaxSize(8);
    Arbitrary<List<List<String>>> rows = cell().list().ofMaxSize(9).list().ofMaxSize(5);
    Arbitrary<Boolean> bom = Arbitraries.of(false, false, true);
    Arbitrary<String> newline = Arbitraries.of("\n", "\r\n", "\r");
    Arbitrary<String> structured = Combinators.combine(header, rows, bom, newline).as((h, r, b, nl) -> {
      StringBuilder out = new StringBuilder(b ? "\uFEFF" : "");
      out.append(String.join(",", h)).append(nl);
      for (List<String> row : r) {
        out.append(String.join(",", row)).append(nl);
      }
      return out.toString();
    });
    Arbitrary<String> noise = Arbitraries.strings().withChars("\",\n\r\uFEFFdatetimacount ").ofMaxLength(80);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, structured),
        net.jqwik.api.Tuple.of(1, noise),
        net.jqwik.api.Tuple.of(1, structured.map(text -> "date,time,account,text\n" + text)));
  }

  private static Arbitrary<String> cell() {
    Arbitrary<String> plain = Arbitraries.of("2026-04-01", "2026-02-30", "+999999999-12-31", "-1-01-01", "2026-4-1",
        "09:00", "24:00", "23:59:60", "9", "09:00:00.123456789", "Europe/Berlin", "Mars/Base", "UTC+25:00", "Z",
        "GMT+14", "@acme", "acme", "acc-x", "acc-li", "@nobody", "reel", "FEED", "thread", "pin ", "bogus",
        "https://cdn.example/a.jpg", "https://cdn.example/a.mp4|ftp://x", "http://[::1", "https://x/%zz.png", "||",
        "a", "", " ", "spring", "Hello world", "\uD83C\uDF89", "\uD800", "0", "-1", "9".repeat(40));
    Arbitrary<String> quoted = plain.map(text -> "\"" + text + ", \"\"quoted\"\"\nline\"");
    Arbitrary<String> broken = Arbitraries.of("\"unterminated", "a\"b", "\"\"\"", "\"x\"y", "\u0000");
    Arbitrary<String> random = Arbitraries.strings().ofMaxLength(12).map(CalendarCsvFuzzTest::escapeForCsv);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, plain), net.jqwik.api.Tuple.of(2, quoted),
        net.jqwik.api.Tuple.of(1, broken), net.jqwik.api.Tuple.of(2, random));
  }

  private static String escapeForCsv(String text) {
    List<Character> special = new ArrayList<>(List.of(',', '"', '\n', '\r'));
    boolean needs = text.chars().anyMatch(c -> special.contains((char) c));
    return needs ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
