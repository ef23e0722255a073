package dev.chorus.cli;

import dev.chorus.ChorusException;
import dev.chorus.model.Post;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.schedule.PlannedTarget;
import dev.chorus.schedule.Scheduler;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus schedule run}. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL,
    description = "Run the scheduler.",
    subcommands = ScheduleCommand.RunCommand.class)
final class ScheduleCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'schedule run'");
  }

  /** {@code chorus schedule run [--once | --until TIME] [--in-memory]}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
      description = {
          "Schedule the imported drafts at their planned times, then publish what is due.",
          "Publishing is at most once per post and account, also across runs on one database."})
  static final class RunCommand extends CliCommand {

    private static final Duration POLL = Duration.ofSeconds(5);

    @Option(names = "--once", description = "Publish what is due now, then stop (the default).")
    boolean once;

    @Option(names = "--until", paramLabel = "TIME",
        description = "Keep running until this instant (2026-05-01T18:00:00Z) or for this long (PT2H, 90m, 30s).")
    String until;

    @Option(names = "--in-memory",
        description = "Keep dispatches in memory on this process's clock instead of in the database (for trials and tests).")
    boolean inMemory;

    @Override
    int execute() {
      if (once && until != null) {
        throw new CliException(ExitCodes.USAGE, "--once and --until exclude each other");
      }
      Instant start = cli().environment().clock().instant();
      Instant end = until == null ? start : parseUntil(until, start);
      try (Workbench bench = Workbench.open(cli(), inMemory)) {
        int problems = scheduleDrafts(bench);
        rearm(bench);
        Scheduler scheduler = bench.chorus().scheduler();
        int total = countDue(bench, end);
        Counts before = counts(bench);
        try (Progress progress = new Progress(err(), cli().progressWanted(), "publish", total)) {
          while (true) {
            scheduler.runUntilIdle(10_000);
            Counts now = counts(bench);
            progress.set(now.finished() - before.finished());
            Instant at = cli().environment().clock().instant();
            if (!at.isBefore(end)) {
              break;
            }
            Duration wait = Duration.between(at, end);
            cli().environment().sleeper().sleep(wait.compareTo(POLL) < 0 ? wait : POLL);
          }
        }
        Counts after = counts(bench);
        int published = after.published() - before.published();
        int failed = after.failed() - before.failed();
        out().println("Published " + published + ", failed " + failed + ", still scheduled " + after.scheduled()
            + (after.next().map(n -> " (next at " + n + ")").orElse("")) + ".");
        if (failed > 0) {
          out().println("See 'chorus calendar list --state FAILED'.");
          return ExitCodes.PLATFORM;
        }
        return problems > 0 ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
      }
    }

    /** Approves (the CLI's workspace needs no approval) and schedules every draft with a plan. */
    private int scheduleDrafts(Workbench bench) {
      int problems = 0;
      int scheduled = 0;
      for (Post post : bench.posts().values()) {
        boolean draft = post.targets().stream().anyMatch(t -> t.state() == TargetState.DRAFT);
        boolean approved = post.targets().stream().anyMatch(t -> t.state() == TargetState.APPROVED);
        if (!draft && !approved) {
          continue;
        }
        try {
          if (draft) {
            bench.session().posts().submit(post.id(), "scheduled from the command line");
          }
          bench.session().posts().schedule(post.id());
          scheduled++;
        } catch (ChorusException e) {
          problems++;
          err().println("chorus: post " + post.id().value() + " was not scheduled: " + e.getMessage());
        }
      }
      if (scheduled > 0) {
        out().println("Scheduled " + scheduled + (scheduled == 1 ? " post." : " posts."));
      }
      return problems;
    }

    /**
     * Hands SCHEDULED targets whose dispatch this process does not know (an in-memory dispatch store
     * starts empty) back to the dispatcher at their planned time; a dispatch the database holds stays.
     */
    private void rearm(Workbench bench) {
      Scheduler scheduler = bench.chorus().scheduler();
      for (Post post : bench.posts().values()) {
        List<PlannedTarget> plans = new ArrayList<>();
        for (PostTarget target : post.targets()) {
          if (target.state() != TargetState.SCHEDULED
              || !scheduler.dispatches(Workbench.WORKSPACE, post.id(), target.accountId()).isEmpty()) {
            continue;
          }
          Optional<SocialAccount> account = bench.account(target.accountId());
          Optional<Workbench.Plan> plan = bench.plan(post.id(), target.accountId());
          if (account.isEmpty() || plan.isEmpty()) {
            continue;
          }
          Optional<Instant> at = plan.get().resolve(account.get().timeZone());
          if (at.isPresent()) {
            plans.add(new PlannedTarget(target.accountId(), plan.get().intent(),
                plan.get().zone() == null ? account.get().timeZone() : plan.get().zone(), at.get(), List.of(at.get())));
          }
        }
        if (!plans.isEmpty()) {
          scheduler.arm(post, plans);
        }
      }
    }

    private int countDue(Workbench bench, Instant end) {
      int due = 0;
      Scheduler scheduler = bench.chorus().scheduler();
      for (Post post : bench.posts().values()) {
        for (PostTarget target : post.targets()) {
          if (target.state() == TargetState.SCHEDULED) {
            due += (int) scheduler.dispatches(Workbench.WORKSPACE, post.id(), target.accountId()).stream()
                .filter(d -> !d.dueAt().isAfter(end)).count();
          }
        }
      }
      return due;
    }

    private record Counts(int published, int failed, int scheduled, Optional<Instant> next) {
      int finished() {
        return published + failed;
      }
    }

    private Counts counts(Workbench bench) {
      int published = 0;
      int failed = 0;
      int scheduled = 0;
      Instant next = null;
      Scheduler scheduler = bench.chorus().scheduler();
      for (Post post : bench.posts().values()) {
        for (PostTarget target : post.targets()) {
          switch (target.state()) {
            case PUBLISHED -> published++;
            case FAILED, MISSED -> failed++;
            case SCHEDULED, PUBLISHING -> {
              scheduled++;
              for (var dispatch : scheduler.dispatches(Workbench.WORKSPACE, post.id(), target.accountId())) {
                if (next == null || dispatch.dueAt().isBefore(next)) {
                  next = dispatch.dueAt();
                }
              }
            }
            default -> {
              // Drafts, reviews, pauses and cancellations are not the scheduler's to count.
            }
          }
        }
      }
      return new Counts(published, failed, scheduled, Optional.ofNullable(next));
    }

    static Instant parseUntil(String text, Instant now) {
      String value = text.strip();
      try {
        if (value.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
          return now.plus(Duration.parse(value));
        }
        if (value.matches("\\d+[smhd]")) {
          long n = Long.parseLong(value.substring(0, value.length() - 1));
          return switch (value.charAt(value.length() - 1)) {
            case 's' -> now.plusSeconds(n);
            case 'm' -> now.plus(Duration.ofMinutes(n));
            case 'h' -> now.plus(Duration.ofHours(n));
            default -> now.plus(Duration.ofDays(n));
          };
        }
        return Instant.parse(value);
      } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
        throw new CliException(ExitCodes.USAGE,
            "--until '" + text + "' is neither an instant like 2026-05-01T18:00:00Z nor a duration like PT2H or 90m");
      }
    }
  }
}
