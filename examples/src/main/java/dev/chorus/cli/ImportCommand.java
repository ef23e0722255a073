package dev.chorus.cli;

import dev.chorus.model.AccountId;
import dev.chorus.model.Post;
import dev.chorus.model.SocialAccount;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code chorus import FILE}: the calendar's rows become drafts, all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
    description = {
        "Import a content calendar from CSV as drafts.",
        "Each row becomes a draft post at its planned time.",
        "All or nothing: every bad row is listed (row N, column C: reason) and nothing is imported.",
        "Rows are checked against each platform's rules first, as 'validate' does.",
        "'chorus schedule run' then schedules the drafts and publishes what is due."})
final class ImportCommand extends CalendarPlan {

  @Override
  int execute() {
    String text = readText(file);
    try (Workbench bench = Workbench.open(cli(), true)) {
      Map<String, SocialAccount> accounts = accounts(bench);
      int rows = dryRun(bench, accounts, text);
      List<Post> posts;
      int added = 0;
      try (Progress progress = new Progress(err(), cli().progressWanted(), "import", rows * 2)) {
        progress.set(rows);
        for (SocialAccount account : accounts.values()) {
          if (bench.account(account.id()).isEmpty()) {
            bench.session().accounts().connect(account);
            added++;
          }
        }
        posts = bench.session().calendar().importCsv(new StringReader(text));
        bench.savePlans(posts);
        progress.set(rows * 2);
      }
      String used = posts.stream().flatMap(p -> p.targets().stream()).map(t -> t.accountId())
            .distinct().map(AccountId::value).sorted().collect(Collectors.joining(", "));
      out().println("Imported " + posts.size() + (posts.size() == 1 ? " post" : " posts") + " as drafts"
          + (used.isEmpty() ? "" : " for " + used) + (added == 0 ? "" : " (" + added + " new "
          + (added == 1 ? "account" : "accounts") + ")") + ".");
      out().println("Next: 'chorus calendar list' to review, 'chorus schedule run' to schedule and publish.");
    }
    return ExitCodes.OK;
  }
}
