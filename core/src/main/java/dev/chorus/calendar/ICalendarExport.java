package dev.chorus.calendar;

import dev.chorus.model.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Writes calendar entries as an RFC 5545 iCalendar file ({@code .ics}) that common calendar
 * applications import: one {@code VEVENT} per entry with a stable {@code UID} (re-importing updates
 * rather than duplicates), times in UTC so no {@code VTIMEZONE} is needed, escaped text and lines
 * folded at 75 octets.
 */
public final class ICalendarExport {

  private static final DateTimeFormatter UTC_BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int SUMMARY_CHARS = 60;

  private final String calendarName;
  private final Duration eventLength;

  /**
   * An exporter.
   *
   * @param calendarName shown by calendar applications ({@code X-WR-CALNAME})
   * @param eventLength how long each post appears to last in the calendar
   */
  public ICalendarExport(String calendarName, Duration eventLength) {
    this.calendarName = Checks.notBlank("calendarName", calendarName);
    this.eventLength = Checks.required("eventLength", eventLength);
  }

  /** Writes the entries, stamped with {@code now}. */
  public void write(Collection<CalendarEntry> entries, Instant now, Appendable out) {
    try {
      line(out, "BEGIN:VCALENDAR");
      line(out, "VERSION:2.0");
      line(out, "PRODID:-//Chorus//Chorus content calendar//EN");
      line(out, "CALSCALE:GREGORIAN");
      line(out, "METHOD:PUBLISH");
      line(out, "X-WR-CALNAME:" + escape(calendarName));
      for (CalendarEntry entry : entries) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + escape(entry.postId().value() + "-" + entry.accountId().value()
            + "-" + entry.at().getEpochSecond() + "@chorus"));
        line(out, "DTSTAMP:" + UTC_BASIC.format(now));
        line(out, "DTSTART:" + UTC_BASIC.format(entry.at()));
        line(out, "DTEND:" + UTC_BASIC.format(entry.at().plus(eventLength)));
        line(out, "SUMMARY:" + escape("[" + entry.platform().id() + "] " + summary(entry.text())));
        line(out, "DESCRIPTION:" + escape(entry.text() + "\n\nAccount: " + entry.accountId().value()
            + "\nFormat: " + entry.format() + "\nState: " + entry.state()
            + "\nLocal time: " + entry.localTime()
            + entry.campaign().map(c -> "\nCampaign: " + c.value()).orElse("")));
        line(out, "CATEGORIES:" + escape(entry.platform().id()));
        line(out, "STATUS:" + status(entry));
        line(out, "END:VEVENT");
      }
      line(out, "END:VCALENDAR");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries as one iCalendar text. */
  public String toIcs(Collection<CalendarEntry> entries, Instant now) {
    StringBuilder out = new StringBuilder();
    write(entries, now, out);
    return out.toString();
  }

  private static String status(CalendarEntry entry) {
    switch (entry.state()) {
      case CANCELLED:
        return "CANCELLED";
      case SCHEDULED:
      case PUBLISHING:
      case PUBLISHED:
        return "CONFIRMED";
      default:
        return "TENTATIVE";
    }
  }

  private static String summary(String text) {
    String firstLine = text.strip().lines().findFirst().orElse("");
    if (firstLine.codePointCount(0, firstLine.length()) <= SUMMARY_CHARS) {
      return firstLine;
    }
    return firstLine.substring(0, firstLine.offsetByCodePoints(0, SUMMARY_CHARS - 1)) + "…";
  }

  /** RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        case '\r' -> { }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Writes one content line, folded so no physical line exceeds 75 octets, ending in CRLF. */
  static void line(Appendable out, String content) throws IOException {
    int octets = 0;
    int i = 0;
    while (i < content.length()) {
      int codePoint = content.codePointAt(i);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.append(content, i, i + Character.charCount(codePoint));
      octets += size;
      i += Character.charCount(codePoint);
    }
    out.append("\r\n");
  }
}
