package dev.chorus.calendar;

import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes the content calendar as CSV (RFC 4180, UTF-8, a header row).
 *
 * <p>Import columns: {@code date} (YYYY-MM-DD, required), {@code time} (HH:MM, required), {@code
 * zone} (an IANA zone id, default the account's), {@code account} (handle or id, required), {@code
 * format} (FEED, REEL, ..., default FEED), {@code text}, {@code media} (absolute http(s) URLs
 * separated by {@code |}), {@code campaign}, {@code first_comment}, {@code pillar}. A row needs text
 * or media. Import is all or nothing: every bad row and column is reported in one {@link
 * CalendarImportException} and no row is returned.
 */
public final class CalendarCsv {

  /** Looks up what a row names. */
  public interface Resolver {

    /** The account a row's {@code account} cell names. */
    Optional<SocialAccount> account(String handleOrId);

    /** The campaign a row's {@code campaign} cell names; by default any id is accepted. */
    default Optional<CampaignId> campaign(String idOrName) {
      return Optional.of(CampaignId.of(idOrName));
    }
  }

  /** The columns an import understands. */
  public static final List<String> IMPORT_COLUMNS = List.of(
      "date", "time", "zone", "account", "format", "text", "media", "campaign", "first_comment", "pillar");

  /** The columns an export writes. */
  public static final List<String> EXPORT_COLUMNS = List.of(
      "post_id", "account", "platform", "date", "time", "zone", "utc", "state", "format", "campaign", "text");

  private static final Set<String> REQUIRED = Set.of("date", "time", "account");

  private CalendarCsv() {}

  /**
   * Reads a calendar file.
   *
   * @throws CalendarImportException listing every problem when any row or the header is bad
   */
  public static List<PlannedPost> read(Reader reader, Resolver resolver) {
    Checks.required("reader", reader);
    Checks.required("resolver", resolver);
    List<RowError> errors = new ArrayList<>();
    List<PlannedPost> rows = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).get();
    try (CSVParser parser = open(reader, format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      if (header == null || header.isEmpty()) {
        throw new CalendarImportException(List.of(new RowError(1, "header", "", "the file is empty; expected a header row with " + IMPORT_COLUMNS)));
      }
      for (String column : header.keySet()) {
        if (!IMPORT_COLUMNS.contains(column.toLowerCase(Locale.ROOT))) {
          errors.add(new RowError(1, column, column, "unknown column; known columns are " + IMPORT_COLUMNS));
        }
      }
      Set<String> present = new LinkedHashSet<>();
      for (String column : parser.getHeaderNames()) {
        if (!present.add(column.toLowerCase(Locale.ROOT))) {
          errors.add(new RowError(1, column, column, "duplicate column (names are case-insensitive)"));
        }
      }
      for (String required : REQUIRED) {
        if (!present.contains(required)) {
          errors.add(new RowError(1, required, "", "required column is missing"));
        }
      }
      if (!errors.isEmpty()) {
        throw new CalendarImportException(errors);
      }
      Map<String, String> names = new java.util.HashMap<>();
      header.keySet().forEach(column -> names.put(column.toLowerCase(Locale.ROOT), column));
      for (CSVRecord record : parser) {
        int row = (int) record.getRecordNumber() + 1;
        readRow(new Row(record, names), row, resolver, errors).ifPresent(rows::add);
      }
    } catch (CSVException e) {
      // Malformed quoting in the header line itself.
      errors.add(new RowError(1, "-", "", "malformed CSV: " + e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | UncheckedIOException e) {
      // Commons CSV reports malformed quoting this way.
      errors.add(new RowError(rows.size() + errors.size() + 2, "-", "", "malformed CSV: " + e.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new CalendarImportException(errors);
    }
    return List.copyOf(rows);
  }

  /** Opens the parser; Commons CSV refuses a blank or duplicate header name with an IllegalArgumentException. */
  private static CSVParser open(Reader reader, CSVFormat format) throws IOException {
    try {
      return CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IllegalArgumentException e) {
      throw new CalendarImportException(List.of(new RowError(1, "header", "",
          "every column needs a distinct name (" + e.getMessage() + ")")));
    }
  }

  private static Optional<PlannedPost> readRow(Row record, int row, Resolver resolver, List<RowError> errors) {
    int before = errors.size();
    String dateText = cell(record, "date");
    String timeText = cell(record, "time");
    LocalDate date = null;
    LocalTime time = null;
    try {
      date = LocalDate.parse(dateText);
    } catch (DateTimeException e) {
      errors.add(new RowError(row, "date", dateText, dateText.isEmpty() ? "required" : "not a date like 2026-03-31"));
    }
    try {
      time = LocalTime.parse(timeText, DateTimeFormatter.ISO_LOCAL_TIME);
    } catch (DateTimeException e) {
      errors.add(new RowError(row, "time", timeText, timeText.isEmpty() ? "required" : "not a time like 09:30"));
    }
    String accountText = cell(record, "account");
    Optional<SocialAccount> account = Optional.empty();
    if (accountText.isEmpty()) {
      errors.add(new RowError(row, "account", "", "required"));
    } else {
      account = resolver.account(accountText);
      if (account.isEmpty()) {
        errors.add(new RowError(row, "account", accountText, "no such account in the workspace"));
      }
    }
    String zoneText = cell(record, "zone");
    ZoneId zone = null;
    if (!zoneText.isEmpty()) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        errors.add(new RowError(row, "zone", zoneText, "not a time zone id like Europe/Berlin"));
      }
    }
    String formatText = cell(record, "format");
    PostFormat postFormat = PostFormat.FEED;
    if (!formatText.isEmpty()) {
      try {
        postFormat = PostFormat.valueOf(formatText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new RowError(row, "format", formatText, "not one of " + List.of(PostFormat.values())));
      }
    }
    List<URI> media = new ArrayList<>();
    String mediaText = cell(record, "media");
    if (!mediaText.isEmpty()) {
      for (String part : mediaText.split("\\|")) {
        String url = part.trim();
        try {
          URI uri = new URI(url);
          if (!uri.isAbsolute() || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new java.net.URISyntaxException(url, "not an absolute http(s) URL");
          }
          media.add(uri);
        } catch (java.net.URISyntaxException e) {
          errors.add(new RowError(row, "media", url, "not an absolute http(s) URL"));
        }
      }
    }
    String text = cell(record, "text");
    if (text.isEmpty() && mediaText.isEmpty()) {
      errors.add(new RowError(row, "text", "", "a post needs text or media"));
    }
    String campaignText = cell(record, "campaign");
    CampaignId campaign = null;
    if (!campaignText.isEmpty()) {
      Optional<CampaignId> found = resolver.campaign(campaignText);
      if (found.isEmpty()) {
        errors.add(new RowError(row, "campaign", campaignText, "no such campaign in the workspace"));
      } else {
        campaign = found.get();
      }
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    SocialAccount resolved = account.orElseThrow();
    return Optional.of(new PlannedPost(row, resolved, LocalDateTime.of(date, time),
        zone == null ? resolved.timeZone() : zone, postFormat, text, media, campaign,
        emptyToNull(cell(record, "first_comment")), emptyToNull(cell(record, "pillar"))));
  }

  /** Writes the entries with the {@link #EXPORT_COLUMNS} header, times in each entry's zone and in UTC. */
  public static void write(Collection<CalendarEntry> entries, Appendable out) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader(EXPORT_COLUMNS.toArray(String[]::new)).get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (CalendarEntry entry : entries) {
        var local = entry.localTime();
        printer.printRecord(entry.postId().value(), entry.accountId().value(), entry.platform().id(),
            local.toLocalDate(), local.toLocalTime(), entry.zone().getId(), entry.at(), entry.state(),
            entry.format(), entry.campaign().map(CampaignId::value).orElse(""), entry.text());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record with its columns looked up case-insensitively. */
  private record Row(CSVRecord record, Map<String, String> names) {}

  private static String cell(Row row, String column) {
    String name = row.names().get(column);
    if (name == null || !row.record().isSet(name)) {
      return "";
    }
    String value = row.record().get(name);
    return value == null ? "" : value.trim();
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
