package dev.chorus.cli;

import dev.chorus.analytics.CsvReport;
import dev.chorus.analytics.EngagementDefinitions;
import dev.chorus.analytics.HtmlReport;
import dev.chorus.analytics.JsonReport;
import dev.chorus.analytics.KpiValue;
import dev.chorus.analytics.Report;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Post;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.store.ChorusStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chorus report}: the calendar and the latest metrics as JSON, CSV or HTML. */
@Command(name = "report", mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.INTERNAL, sortOptions = false,
    description = {
        "Render a report as JSON, CSV or HTML.",
        "Posts by state and platform, publications per day, and engagement from the latest",
        "collected metrics ('chorus metrics collect'). Every format shows the same numbers."})
final class ReportCommand extends CliCommand {

  /** The report formats. */
  enum Format { JSON, CSV, HTML }

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "html", converter = FormatConverter.class,
      description = "json, csv or html (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to this file instead of standard output.")
  Path out;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Chorus report", description = "The report's title (default: ${DEFAULT-VALUE}).")
  String title;

  @Override
  int execute() {
    try (Workbench bench = Workbench.open(cli(), true)) {
      Report report = build(bench);
      String text = switch (format) {
        case JSON -> JsonReport.create().render(report);
        case CSV -> CsvReport.create().render(report);
        case HTML -> HtmlReport.create().render(report);
      };
      writeText(out, text);
      if (out != null) {
        out().println("Wrote " + format.name().toLowerCase(Locale.ROOT) + " report to " + out + ".");
      }
    }
    return ExitCodes.OK;
  }

  private Report build(Workbench bench) {
    Instant now = cli().environment().clock().instant();
    Map<String, Double> byState = new LinkedHashMap<>();
    Map<String, Double> byPlatform = new TreeMap<>();
    Map<LocalDate, Double> perDay = new TreeMap<>();
    int targets = 0;
    int published = 0;
    for (Post post : bench.posts().values()) {
      for (PostTarget target : post.targets()) {
        targets++;
        byState.merge(target.state().name(), 1.0, Double::sum);
        Optional<SocialAccount> account = bench.account(target.accountId());
        account.ifPresent(a -> byPlatform.merge(a.platform().id(), 1.0, Double::sum));
        if (target.state() == TargetState.PUBLISHED) {
          published++;
          if (target.published() != null && target.published().publishedAt() != null) {
            perDay.merge(LocalDate.ofInstant(target.published().publishedAt(), ZoneOffset.UTC), 1.0, Double::sum);
          }
        }
      }
    }
    Map<String, MetricSnapshot> latest = new HashMap<>();
    for (MetricSnapshot snapshot : bench.chorus().store().snapshots(Workbench.WORKSPACE, ChorusStore.SnapshotQuery.all())) {
      if (snapshot.externalPostId() != null) {
        latest.merge(snapshot.platform().id() + "/" + snapshot.accountId().value() + "/" + snapshot.externalPostId(),
            snapshot, (a, b) -> b.capturedAt().isAfter(a.capturedAt()) ? b : a);
      }
    }
    EngagementDefinitions definitions = EngagementDefinitions.defaults();
    long engagements = 0;
    long impressions = 0;
    boolean anyEngagement = false;
    Map<String, Double> engagementByPlatform = new TreeMap<>();
    for (MetricSnapshot snapshot : latest.values()) {
      OptionalLong value = definitions.forPlatform(snapshot.platform()).engagements(snapshot.values());
      if (value.isPresent()) {
        anyEngagement = true;
        engagements += value.getAsLong();
        engagementByPlatform.merge(snapshot.platform().id(), (double) value.getAsLong(), Double::sum);
      }
      impressions += snapshot.value(Metric.IMPRESSIONS).orElse(0);
    }
    Report.Builder builder = Report.builder(title, now)
        .subtitle("Workspace " + bench.session().workspace().name() + ", " + targets + " post targets")
        .kpi("posts_planned", "Post targets", "COUNT", KpiValue.of(targets))
        .kpi("posts_published", "Published", "COUNT", KpiValue.of(published))
        .kpi("posts_measured", "Posts with metrics", "COUNT", KpiValue.of(latest.size()))
        .kpi("engagements", "Engagements (latest)", "COUNT",
            anyEngagement ? KpiValue.of(engagements) : KpiValue.undefined("no metrics collected yet"))
        .kpi("engagement_rate_by_impressions", "Engagement rate by impressions", "RATIO",
            anyEngagement ? KpiValue.ratio(engagements, impressions) : KpiValue.undefined("no metrics collected yet"));
    if (!byState.isEmpty()) {
      builder.bars("Post targets by state", byState);
    }
    if (!byPlatform.isEmpty()) {
      builder.bars("Post targets by platform", byPlatform);
    }
    if (!engagementByPlatform.isEmpty()) {
      builder.bars("Engagements by platform", engagementByPlatform);
    }
    if (!perDay.isEmpty()) {
      builder.trend("Publications per day (UTC)", perDay);
    }
    if (targets == 0) {
      builder.recommendation("Nothing is planned yet: import a calendar with 'chorus import FILE'.");
    } else if (latest.isEmpty() && published > 0) {
      builder.recommendation("Run 'chorus metrics collect' to add engagement numbers.");
    }
    return builder.build();
  }

  /** Case-insensitive formats with a clear message. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a format; use json, csv or html");
      }
    }
  }
}
