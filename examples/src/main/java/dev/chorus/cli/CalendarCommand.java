package dev.chorus.cli;

import dev.chorus.calendar.CalendarEntry;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.model.AccountId;
import dev.chorus.model.TargetState;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus calendar list|export}. */
@Command(name = "calendar", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL,
    description = "List or export the content calendar.",
    subcommands = {CalendarCommand.ListCommand.class, CalendarCommand.ExportCommand.class})
final class CalendarCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'calendar list' or 'calendar export'");
  }

  /** The export formats. */
  enum Format { ICS, CSV }

  /** Narrowing shared by list and export. */
  abstract static class Selection extends CliCommand {
    @Option(names = "--account", paramLabel = "HANDLE", description = "Only this account (repeatable).")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--state", paramLabel = "STATE",
        description = "Only targets in this state (repeatable): ${COMPLETION-CANDIDATES}.")
    List<TargetState> states = new ArrayList<>();

    CalendarQuery query() {
      CalendarQuery query = CalendarQuery.workspace(Workbench.WORKSPACE);
      if (!accounts.isEmpty()) {
        query = query.accounts(accounts.stream().map(a -> AccountId.of(a.startsWith("@") ? a.substring(1) : a))
            .toArray(AccountId[]::new));
      }
      if (!states.isEmpty()) {
        query = query.states(states.toArray(TargetState[]::new));
      }
      return query;
    }
  }

  /** {@code chorus calendar list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
      description = "List the calendar in time order: when (in the post's zone), account, platform, state, format, text.")
  static final class ListCommand extends Selection {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Override
    int execute() {
      try (Workbench bench = Workbench.open(cli(), false)) {
        List<CalendarEntry> entries = bench.session().calendar().query(query());
        if (entries.isEmpty()) {
          out().println("The calendar is empty. Import one with 'chorus import FILE --account HANDLE=PLATFORM:ZONE'.");
          return ExitCodes.OK;
        }
        out().printf("%-16s  %-16s  %-14s  %-10s  %-10s  %-8s  %s%n",
            "WHEN", "ZONE", "ACCOUNT", "PLATFORM", "STATE", "FORMAT", "TEXT");
        for (CalendarEntry entry : entries) {
          out().printf("%-16s  %-16s  %-14s  %-10s  %-10s  %-8s  %s%n",
              WHEN.format(entry.localTime()), entry.zone().getId(), entry.accountId().value(), entry.platform().id(),
              entry.state(), entry.format(), shorten(entry.text()));
        }
        out().println(entries.size() + (entries.size() == 1 ? " entry" : " entries") + ".");
      }
      return ExitCodes.OK;
    }

    private static String shorten(String text) {
      String line = text.replaceAll("\\s+", " ").strip();
      return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
  }

  /** {@code chorus calendar export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
      description = "Export the calendar as iCalendar (.ics, for calendar apps) or CSV.")
  static final class ExportCommand extends Selection {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "ics", converter = FormatConverter.class,
        description = "ics or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path out;

    @Override
    int execute() {
      try (Workbench bench = Workbench.open(cli(), false)) {
        String text = format == Format.ICS
            ? bench.session().calendar().exportIcs(query())
            : bench.session().calendar().exportCsv(query());
        writeText(out, text);
        if (out != null) {
          out().println("Wrote " + out + ".");
        }
      }
      return ExitCodes.OK;
    }
  }

  /** Case-insensitive formats with a clear message. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use ics or csv");
      }
    }
  }
}
