package dev.chorus.cli;

import dev.chorus.model.SocialAccount;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code chorus validate FILE}: checks a calendar as an import would, changing nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
    description = {
        "Check a calendar CSV without importing anything.",
        "Applies the file format and each platform's rules (text length, media, formats);",
        "exit code 2 lists every problem."})
final class ValidateCommand extends CalendarPlan {

  @Override
  int execute() {
    String text = readText(file);
    try (Workbench bench = Workbench.open(cli(), true)) {
      Map<String, SocialAccount> accounts = accounts(bench);
      int rows = dryRun(bench, accounts, text);
      String platforms = accounts.values().stream().map(a -> a.platform().id()).distinct().sorted()
          .collect(Collectors.joining(", "));
      out().println(file + ": " + rows + (rows == 1 ? " row is" : " rows are") + " valid"
          + (platforms.isEmpty() ? "" : " for " + platforms) + "; nothing was imported.");
    }
    return ExitCodes.OK;
  }
}
