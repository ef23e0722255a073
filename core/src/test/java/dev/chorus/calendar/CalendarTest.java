package dev.chorus.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.model.AccountId;
import dev.chorus.model.CampaignId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CalendarTest {

  private static final WorkspaceId WS = WorkspaceId.of("ws-1");
  private static final SocialAccount BERLIN = new SocialAccount(AccountId.of("acc-berlin"), WS,
      Platform.of("sandbox"), "@acme_de", "1", ZoneId.of("Europe/Berlin"), CredentialsRef.of("c1"));
  private static final SocialAccount NEW_YORK = new SocialAccount(AccountId.of("acc-ny"), WS,
      Platform.of("sandbox"), "@acme_us", "2", ZoneId.of("America/New_York"), CredentialsRef.of("c2"));
  private static final CalendarCsv.Resolver RESOLVER = new CalendarCsv.Resolver() {
    @Override
    public Optional<SocialAccount> account(String handleOrId) {
      return List.of(BERLIN, NEW_YORK).stream()
          .filter(a -> a.handle().equals(handleOrId) || a.id().value().equals(handleOrId)).findFirst();
    }

    @Override
    public Optional<CampaignId> campaign(String idOrName) {
      return idOrName.equals("spring") ? Optional.of(CampaignId.of("spring")) : Optional.empty();
    }
  };

  private static CalendarEntry entry(String post, SocialAccount account, String at, TargetState state, String text) {
    return new CalendarEntry(WS, PostId.of(post), account.id(), account.platform(), CampaignId.of("spring"),
        Instant.parse(at), account.timeZone(), state, PostFormat.FEED, text);
  }

  @Test
  void ics_export_parses_with_a_real_icalendar_library_and_keeps_text_intact() throws Exception {
    String longText = "Spring sale; 20% off, all week \\ every store.\nSecond line with ümlauts and emoji 🎉 "
        + "that is long enough to need folding at seventy-five octets more than once over.";
    List<CalendarEntry> entries = List.of(
        entry("p1", BERLIN, "2026-03-30T07:00:00Z", TargetState.SCHEDULED, longText),
        entry("p2", NEW_YORK, "2026-03-30T13:00:00Z", TargetState.CANCELLED, "Dropped"));

    String ics = new ICalendarExport("Acme", Duration.ofMinutes(15)).toIcs(entries, Instant.parse("2026-03-01T00:00:00Z"));

    assertThat(ics.split("\r\n", -1)).allSatisfy(line -> assertThat(line.getBytes("UTF-8").length).isLessThanOrEqualTo(75));
    assertThat(ics).doesNotContain("\n\n").endsWith("END:VCALENDAR\r\n");
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertThat(events).hasSize(2);
    VEvent first = events.get(0);
    assertThat(first.getProperty(Property.DESCRIPTION).orElseThrow().getValue()).startsWith(longText);
    assertThat(first.getProperty(Property.SUMMARY).orElseThrow().getValue()).startsWith("[sandbox] Spring sale; 20% off");
    assertThat(first.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20260330T070000Z");
    assertThat(first.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("p1-acc-berlin-1774854000@chorus");
    assertThat(events.get(1).getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
  }

  @Test
  void csv_export_writes_local_and_utc_times_and_quotes_text() throws Exception {
    StringBuilder out = new StringBuilder();
    CalendarCsv.write(List.of(entry("p1", NEW_YORK, "2026-03-09T13:00:00Z", TargetState.SCHEDULED, "Hi, \"all\"\nbye")), out);

    List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(out.toString())).getRecords();
    assertThat(records).hasSize(1);
    Map<String, String> row = records.get(0).toMap();
    assertThat(row).containsEntry("date", "2026-03-09").containsEntry("time", "09:00")
        .containsEntry("zone", "America/New_York").containsEntry("utc", "2026-03-09T13:00:00Z")
        .containsEntry("text", "Hi, \"all\"\nbye").containsEntry("campaign", "spring");
  }

  @Test
  void csv_import_reads_good_rows_with_defaults() {
    String csv = "date,time,zone,account,format,text,media,campaign,first_comment,pillar\n"
        + "2026-04-01,09:00,,@acme_de,reel,Watch this,https://cdn.example/a.mp4,spring,Link in bio,educational\n"
        + "2026-04-02,12:30,Asia/Tokyo,acc-ny,,\"Quoted, with comma\",,,,\n";

    List<PlannedPost> rows = CalendarCsv.read(new StringReader(csv), RESOLVER);

    assertThat(rows).hasSize(2);
    PlannedPost first = rows.get(0);
    assertThat(first.row()).isEqualTo(2);
    assertThat(first.account()).isEqualTo(BERLIN);
    assertThat(first.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(first.local()).isEqualTo(LocalDateTime.parse("2026-04-01T09:00"));
    assertThat(first.format()).isEqualTo(PostFormat.REEL);
    assertThat(first.media()).containsExactly(URI.create("https://cdn.example/a.mp4"));
    assertThat(first.campaignId()).isEqualTo(CampaignId.of("spring"));
    assertThat(first.firstComment()).isEqualTo("Link in bio");
    assertThat(first.pillar()).isEqualTo("educational");
    assertThat(rows.get(1).zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(rows.get(1).format()).isEqualTo(PostFormat.FEED);
    assertThat(rows.get(1).text()).isEqualTo("Quoted, with comma");
  }

  @Test
  void csv_import_reports_every_bad_row_and_column_and_imports_nothing() {
    String csv = "date,time,zone,account,format,text,media,campaign\n"
        + "2026-04-01,09:00,,@acme_de,,Fine,,\n"
        + "2026-13-01,25:00,Mars/Olympus,@nobody,BANNER,,ftp://x/y.png,winter\n"
        + "2026-04-03,10:00,,,,,,\n";

    assertThatThrownBy(() -> CalendarCsv.read(new StringReader(csv), RESOLVER))
        .isInstanceOfSatisfying(CalendarImportException.class, e -> assertThat(e.errors())
            .extracting(RowError::row, RowError::column, RowError::value)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "date", "2026-13-01"),
                org.assertj.core.groups.Tuple.tuple(3, "time", "25:00"),
                org.assertj.core.groups.Tuple.tuple(3, "account", "@nobody"),
                org.assertj.core.groups.Tuple.tuple(3, "zone", "Mars/Olympus"),
                org.assertj.core.groups.Tuple.tuple(3, "format", "BANNER"),
                org.assertj.core.groups.Tuple.tuple(3, "media", "ftp://x/y.png"),
                org.assertj.core.groups.Tuple.tuple(3, "campaign", "winter"),
                org.assertj.core.groups.Tuple.tuple(4, "account", ""),
                org.assertj.core.groups.Tuple.tuple(4, "text", "")))
        .hasMessageContaining("9 problems; nothing was imported")
        .hasMessageContaining("row 3, column zone ('Mars/Olympus')");
  }

  @Test
  void a_bad_header_is_reported_before_any_row() {
    assertThatThrownBy(() -> CalendarCsv.read(new StringReader("date,tiem,account,text\n2026-04-01,09:00,@acme_de,x\n"), RESOLVER))
        .isInstanceOfSatisfying(CalendarImportException.class, e -> assertThat(e.errors())
            .extracting(RowError::column).containsExactly("tiem", "time"));
    assertThatThrownBy(() -> CalendarCsv.read(new StringReader(""), RESOLVER))
        .isInstanceOf(CalendarImportException.class).hasMessageContaining("empty");
  }

  @Test
  void queries_filter_by_account_campaign_range_and_state_in_time_order() {
    List<CalendarEntry> all = List.of(
        entry("p3", BERLIN, "2026-03-03T09:00:00Z", TargetState.DRAFT, "c"),
        entry("p1", BERLIN, "2026-03-01T09:00:00Z", TargetState.SCHEDULED, "a"),
        entry("p2", NEW_YORK, "2026-03-02T09:00:00Z", TargetState.SCHEDULED, "b"),
        new CalendarEntry(WorkspaceId.of("other"), PostId.of("px"), BERLIN.id(), BERLIN.platform(), null,
            Instant.parse("2026-03-02T09:00:00Z"), BERLIN.timeZone(), TargetState.SCHEDULED, PostFormat.FEED, "x"));

    assertThat(CalendarQuery.workspace(WS).select(all)).extracting(e -> e.postId().value()).containsExactly("p1", "p2", "p3");
    assertThat(CalendarQuery.workspace(WS).accounts(BERLIN.id()).states(TargetState.SCHEDULED).select(all))
        .extracting(e -> e.postId().value()).containsExactly("p1");
    assertThat(CalendarQuery.workspace(WS).campaign(CampaignId.of("spring"))
        .between(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T09:00:00Z")).select(all))
        .extracting(e -> e.postId().value()).containsExactly("p2");
  }
}
