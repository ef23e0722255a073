package dev.chorus.cli;

import dev.chorus.Chorus;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.model.Post;
import dev.chorus.model.SocialAccount;
import dev.chorus.workflow.Session;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code import} and {@code validate} share: the CSV file, the account options and a dry run. */
abstract class CalendarPlan extends CliCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The calendar CSV: date,time,zone,account,format,text,media,campaign,first_comment,pillar (date, time and account required).")
  Path file;

  @Option(names = {"-a", "--account"}, paramLabel = "HANDLE=PLATFORM:ZONE", converter = AccountSpec.Converter.class,
      description = "An account the file may name, e.g. acme=sandbox:Europe/Berlin (repeatable; platform defaults to sandbox, zone to UTC).")
  List<AccountSpec> accounts = new ArrayList<>();

  @Option(names = "--accounts-file", paramLabel = "FILE",
      description = "A file with one HANDLE=PLATFORM:ZONE per line ('#' starts a comment).")
  Path accountsFile;

  /** The accounts the store has, overlaid with those the options declare (new or the same). */
  Map<String, SocialAccount> accounts(Workbench bench) {
    Map<String, SocialAccount> all = new LinkedHashMap<>();
    for (SocialAccount account : bench.chorus().store().accounts(Workbench.WORKSPACE)) {
      all.put(account.id().value(), account);
    }
    for (AccountSpec spec : declared()) {
      SocialAccount account = spec.account(Workbench.WORKSPACE);
      SocialAccount existing = all.get(account.id().value());
      if (existing != null && (!existing.platform().equals(account.platform())
          || !existing.timeZone().equals(account.timeZone()))) {
        throw new CliException(ExitCodes.INVALID_INPUT, "account " + spec.handle() + " exists already on "
            + existing.platform().id() + " in " + existing.timeZone() + "; it cannot be declared again as "
            + account.platform().id() + " in " + account.timeZone());
      }
      all.putIfAbsent(account.id().value(), account);
    }
    return all;
  }

  private List<AccountSpec> declared() {
    List<AccountSpec> all = new ArrayList<>(accounts);
    if (accountsFile != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(resolve(accountsFile));
      } catch (IOException e) {
        throw new CliException(ExitCodes.INVALID_INPUT, "cannot read accounts file " + accountsFile + ": " + e.getMessage());
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        try {
          all.add(AccountSpec.parse(line));
        } catch (IllegalArgumentException e) {
          throw new CliException(ExitCodes.INVALID_INPUT, accountsFile + " line " + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    return all;
  }

  /**
   * Imports the calendar into a throwaway in-memory Chorus with the same accounts, connectors and
   * clock: every row is checked, including each platform's rules, and nothing is kept.
   *
   * @return how many posts the file plans
   * @throws CalendarImportException listing every problem
   */
  int dryRun(Workbench bench, Map<String, SocialAccount> accounts, String text) {
    // The same connectors as the real run, so validation applies the same platform rules.
    try (Chorus scratch = Workbench.builder(cli()).build()) {
      scratch.createWorkspace(bench.session().workspace());
      Session session = scratch.session(Workbench.OWNER, Workbench.WORKSPACE);
      accounts.values().forEach(session.accounts()::connect);
      List<Post> posts = session.calendar().importCsv(new StringReader(text));
      return posts.size();
    }
  }
}
