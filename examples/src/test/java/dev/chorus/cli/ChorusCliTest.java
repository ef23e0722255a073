package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.sandbox.SandboxPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ChorusCliTest {

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock stays in UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Result(int code, String out, String err) {}

  static final String GOOD = """
      date,time,zone,account,format,text
      2026-03-30,08:00,Europe/Berlin,acme,FEED,Spring menu is here
      2026-03-30,11:00,,@acme,FEED,Oat milk now in every drink
      """;

  @TempDir
  Path dir;

  MutableClock clock;
  SandboxPlatform sandbox;
  final List<Duration> slept = new ArrayList<>();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(Instant.parse("2026-03-30T05:00:00Z"));
    sandbox = SandboxPlatform.builder(clock).seed(7).build();
  }

  Result run(String... args) {
    CliEnvironment env = new CliEnvironment(clock, dir, d -> {
      slept.add(d);
      clock.set(clock.instant().plus(d));
    }, false, sandbox);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChorusCli(env));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  static void assertNoStackTrace(Result result) {
    assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(result.out()).doesNotContain("\tat ");
  }

  @Test
  void imports_a_good_calendar_and_lists_it_in_a_later_invocation() throws IOException {
    write("plan.csv", GOOD);

    Result imported = run("import", "plan.csv", "--account", "acme=sandbox:Europe/Berlin");

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Imported 2 posts as drafts for acme (1 new account)");
    assertThat(dir.resolve(".chorus")).isDirectory();

    Result listed = run("calendar", "list");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("2026-03-30 08:00  Europe/Berlin     acme            sandbox     DRAFT")
        .contains("Spring menu is here")
        .contains("2026-03-30 11:00  Europe/Berlin")
        .contains("2 entries.");
    assertThat(listed.out().indexOf("Spring menu")).isLessThan(listed.out().indexOf("Oat milk"));
  }

  @Test
  void a_bad_calendar_lists_every_bad_row_imports_nothing_and_exits_2() throws IOException {
    write("plan.csv", """
        date,time,zone,account,format,text
        2026-03-30,08:00,,acme,FEED,Fine row
        2026-13-01,08:00,,acme,FEED,Bad date
        2026-03-31,09:00,Mars/Olympus,acme,FEED,Bad zone
        2026-03-31,10:00,,nobody,FEED,Unknown account
        """);

    Result result = run("import", "plan.csv", "--account", "acme");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err())
        .contains("3 problems; nothing was imported")
        .contains("row 3, column date: not a date like 2026-03-31 (value '2026-13-01')")
        .contains("row 4, column zone:")
        .contains("row 5, column account: no such account in the workspace (value 'nobody')");
    assertThat(result.out()).isEmpty();
    assertNoStackTrace(result);
    Result listed = run("calendar", "list");
    assertThat(listed.out()).contains("The calendar is empty");
    // Not even the declared account was kept: importing it again under another zone is fine.
    assertThat(run("import", "plan.csv", "--account", "acme=sandbox:Asia/Tokyo").err()).doesNotContain("exists already");
  }

  @Test
  void validate_reports_a_platform_rule_violation_and_changes_nothing() throws IOException {
    // The sandbox allows 500 graphemes and wants exactly one video in a reel.
    write("plan.csv", GOOD + "2026-03-31,09:00,,acme,FEED," + "x".repeat(501) + "\n"
        + "2026-03-31,10:00,,acme,REEL,A reel without a video\n");

    Result bad = run("validate", "plan.csv", "--account", "acme");

    assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bad.err()).contains("2 problems").contains("row 4, column text:").contains("row 5, column media:");
    assertThat(bad.err()).doesNotContain("row 2,").doesNotContain("row 3,");
    assertNoStackTrace(bad);

    // Global options go before the command; after it they are unknown.
    Result misplaced = run("validate", "plan.csv", "--account", "acme", "-C", "sandbox.text_max=20");
    assertThat(misplaced.code()).isEqualTo(ExitCodes.USAGE);

    write("ok.csv", GOOD);
    Result ok = run("validate", "ok.csv", "--account", "acme");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ok.csv: 2 rows are valid for sandbox; nothing was imported.");
    assertThat(run("calendar", "list").out()).contains("The calendar is empty");
  }

  @Test
  void exports_the_calendar_as_ics_that_parses_and_as_csv() throws Exception {
    write("plan.csv", GOOD);
    assertThat(run("import", "plan.csv", "--account", "acme=sandbox:Europe/Berlin").code()).isZero();

    Result ics = run("calendar", "export", "--format", "ics");
    assertThat(ics.code()).as(ics.err()).isZero();
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.out()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20260330T060000Z");
    assertThat(events.get(0).getProperty(Property.SUMMARY).orElseThrow().getValue()).contains("Spring menu is here");

    Result csv = run("calendar", "export", "--format", "CSV", "--out", "out/cal.csv");
    assertThat(csv.code()).as(csv.err()).isZero();
    String text = Files.readString(dir.resolve("out/cal.csv"));
    assertThat(text).startsWith("post_id,account,platform,date,time,zone,utc,state,format,campaign,text");
    assertThat(text.lines()).hasSize(3);

    Result wrong = run("calendar", "export", "--format", "pdf");
    assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("'pdf' is not a format; use ics or csv");
  }

  @Test
  void schedule_run_publishes_what_is_due_once_through_the_sandbox() throws IOException {
    write("plan.csv", GOOD);
    assertThat(run("import", "plan.csv", "--account", "acme=sandbox:Europe/Berlin").code()).isZero();

    Result first = run("schedule", "run", "--once", "--in-memory");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("Scheduled 2 posts.").contains("Published 0, failed 0, still scheduled 2");
    assertThat(sandbox.publicationCount()).isZero();

    clock.set(Instant.parse("2026-03-30T06:30:00Z"));
    Result second = run("schedule", "run", "--once", "--in-memory");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("Published 1, failed 0, still scheduled 1 (next at 2026-03-30T09:00:00Z)");
    assertThat(sandbox.publicationCount()).isEqualTo(1);
    assertThat(sandbox.publicationCountByText("Spring menu is here")).isEqualTo(1);

    Result again = run("schedule", "run", "--once", "--in-memory");
    assertThat(again.out()).contains("Published 0, failed 0, still scheduled 1");
    assertThat(sandbox.publicationCount()).isEqualTo(1);
    assertThat(run("calendar", "list").out()).contains("PUBLISHED").contains("SCHEDULED");

    Result metrics = run("metrics", "collect");
    assertThat(metrics.code()).as(metrics.err()).isZero();
    assertThat(metrics.out()).contains("Collected 1 snapshot for 1 post in 1 call.");
  }

  @Test
  void schedule_run_until_waits_through_the_injected_sleeper_and_shows_progress() throws IOException {
    write("plan.csv", GOOD);
    assertThat(run("import", "plan.csv", "--account", "acme=sandbox:Europe/Berlin").code()).isZero();

    Result result = run("--progress", "schedule", "run", "--until", "6h", "--in-memory");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("Published 2, failed 0, still scheduled 0");
    assertThat(result.err()).contains("publish [").contains("] 2/2");
    assertThat(slept).isNotEmpty().allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-30T11:00:00Z"));
    assertThat(sandbox.publicationCount()).isEqualTo(2);
  }

  @Test
  void report_html_is_written_with_the_numbers() throws IOException {
    write("plan.csv", GOOD);
    run("import", "plan.csv", "--account", "acme=sandbox:Europe/Berlin");
    clock.set(Instant.parse("2026-03-30T06:30:00Z"));
    run("schedule", "run", "--in-memory");
    run("metrics", "collect");

    Result html = run("report", "--format", "html", "--out", "report.html");
    assertThat(html.code()).as(html.err()).isZero();
    assertThat(html.out()).contains("Wrote html report to report.html.");
    String page = Files.readString(dir.resolve("report.html"));
    assertThat(page).contains("<html").contains("Chorus report").contains("Published").contains("Post targets by state");

    Result json = run("report", "--format", "json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"posts_published\"").contains("\"engagements\"");
  }

  @Test
  void help_lists_every_command_and_the_exit_codes() {
    Result help = run("--help");

    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("import", "validate", "calendar", "schedule", "metrics", "report")
        .contains("Exit codes:").contains("2  invalid input").contains("--jdbc-url");
    assertThat(run("calendar", "--help").out()).contains("list", "export");
    assertThat(run("schedule", "run", "--help").out()).contains("--until", "--once", "--in-memory");
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_a_clear_message() {
    Result result = run("import", "--bogus", "plan.csv");

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("Unknown option: '--bogus'");
    assertNoStackTrace(result);

    Result badAccount = run("import", "plan.csv", "--account", "acme=sandbox:Mars/Base");
    assertThat(badAccount.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAccount.err()).contains("'Mars/Base' is not a time zone id");
  }

  @Test
  void a_missing_file_is_invalid_input_and_a_bad_until_is_a_usage_error() {
    Result missing = run("import", "nope.csv");
    assertThat(missing.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(missing.err()).isEqualTo("chorus: cannot read nope.csv: no such file" + System.lineSeparator());

    Result until = run("schedule", "run", "--until", "tomorrow");
    assertThat(until.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(until.err()).contains("--until 'tomorrow' is neither an instant");
  }

  @Test
  void an_unreachable_database_is_exit_3() {
    Result result = run("--jdbc-url", "jdbc:nosuchdriver:x", "calendar", "list");
    assertThat(result.code()).isEqualTo(ExitCodes.PLATFORM);
    assertThat(result.err()).startsWith("chorus: Cannot open the database jdbc:nosuchdriver:x");
    assertNoStackTrace(result);
  }

  @Test
  void verbose_shows_the_stack_trace_that_is_otherwise_hidden() throws IOException {
    write("plan.csv", GOOD);
    Result quiet = run("import", "plan.csv");
    assertThat(quiet.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(quiet.err()).contains("row 2, column account: no such account in the workspace (value 'acme')");
    assertNoStackTrace(quiet);

    Result verbose = run("--verbose", "import", "plan.csv");
    assertThat(verbose.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(verbose.err()).contains("CalendarImportException").contains("\tat ");
  }

  @Test
  void accounts_file_declares_accounts_and_a_conflicting_redeclaration_is_refused() throws IOException {
    write("plan.csv", GOOD);
    write("accounts.txt", "# our accounts\nacme=sandbox:Europe/Berlin\n");
    assertThat(run("import", "plan.csv", "--accounts-file", "accounts.txt").code()).isZero();

    Result conflict = run("import", "plan.csv", "--account", "acme=sandbox:Asia/Tokyo");
    assertThat(conflict.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(conflict.err()).contains("account acme exists already on sandbox in Europe/Berlin");
    assertThat(run("calendar", "list").out()).contains("2 entries.");
  }
}
