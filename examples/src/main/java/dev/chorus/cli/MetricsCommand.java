package dev.chorus.cli;

import dev.chorus.analytics.MetricsCollector;
import dev.chorus.analytics.RefreshReport;
import dev.chorus.analytics.TrackedPost;
import dev.chorus.connector.Connector;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chorus metrics collect}. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL,
    description = "Collect metrics of published posts.",
    subcommands = MetricsCommand.CollectCommand.class)
final class MetricsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'metrics collect'");
  }

  /** {@code chorus metrics collect}: one refresh round over every published post. */
  @Command(name = "collect", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL,
      description = {
          "Ask each platform for the metrics of the published posts (batched per account) and store the",
          "snapshots for reports. The offline sandbox knows only posts published by the same process."})
  static final class CollectCommand extends CliCommand {

    @Override
    int execute() {
      try (Workbench bench = Workbench.open(cli(), true)) {
        MetricsCollector.Builder builder = MetricsCollector.builder(bench.chorus().store(), Workbench.WORKSPACE,
            cli().environment().clock());
        Map<Platform, Connector> connectors = new LinkedHashMap<>();
        int tracked = 0;
        int skipped = 0;
        List<TrackedPost> posts = new ArrayList<>();
        for (Post post : bench.posts().values()) {
          for (PostTarget target : post.targets()) {
            if (target.state() != TargetState.PUBLISHED || target.published() == null
                || target.published().externalId() == null) {
              continue;
            }
            Optional<SocialAccount> account = bench.account(target.accountId());
            if (account.isEmpty()) {
              continue;
            }
            Platform platform = account.get().platform();
            Optional<Connector> connector = connectors.containsKey(platform)
                ? Optional.of(connectors.get(platform)) : bench.chorus().scheduler().connector(platform);
            if (connector.isEmpty()) {
              skipped++;
              continue;
            }
            if (connectors.putIfAbsent(platform, connector.get()) == null) {
              builder.connector(connector.get());
            }
            posts.add(new TrackedPost(account.get(), target.published().externalId(),
                target.published().publishedAt() == null ? post.createdAt() : target.published().publishedAt()));
          }
        }
        if (posts.isEmpty()) {
          out().println("No published posts to collect metrics for" + (skipped > 0
              ? " (" + skipped + " on platforms without a connector)." : "."));
          return ExitCodes.OK;
        }
        MetricsCollector collector = builder.build();
        for (TrackedPost post : posts) {
          collector.track(post);
          tracked++;
        }
        RefreshReport report = collector.refreshRound();
        int calls = report.metricsCalls().values().stream().mapToInt(Integer::intValue).sum();
        out().println("Collected " + report.snapshotsWritten() + (report.snapshotsWritten() == 1 ? " snapshot" : " snapshots")
            + " for " + tracked + (tracked == 1 ? " post" : " posts") + " in " + calls + (calls == 1 ? " call" : " calls") + "."
            + (skipped > 0 ? " " + skipped + " posts on platforms without a connector were skipped." : ""));
        if (!report.deferred().isEmpty()) {
          report.deferred().forEach((platform, at) ->
              err().println("chorus: " + platform.id() + " is rate limited until " + at + "; collect again later."));
        }
        if (report.failedBatches() > 0) {
          err().println("chorus: " + report.failedBatches() + " metrics requests failed.");
          return ExitCodes.PLATFORM;
        }
        return report.deferred().isEmpty() ? ExitCodes.OK : ExitCodes.PLATFORM;
      }
    }
  }
}
