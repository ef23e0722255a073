package dev.chorus.examples;

import dev.chorus.Chorus;
import dev.chorus.analytics.BestTimeSlotSuggester;
import dev.chorus.analytics.BestTimeToPost;
import dev.chorus.analytics.CampaignStatus;
import dev.chorus.analytics.CampaignTracker;
import dev.chorus.analytics.HtmlReport;
import dev.chorus.analytics.KpiCalculator;
import dev.chorus.analytics.KpiValue;
import dev.chorus.analytics.MetricsCollector;
import dev.chorus.analytics.PostEngagement;
import dev.chorus.analytics.Report;
import dev.chorus.analytics.TargetStatus;
import dev.chorus.analytics.TimeSlot;
import dev.chorus.analytics.TrackedPost;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.calendar.RowError;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.Campaign;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Demographics;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import dev.chorus.strategy.AccountQueue;
import dev.chorus.strategy.ContentMix;
import dev.chorus.strategy.ContentPlan;
import dev.chorus.strategy.ContentPlanner;
import dev.chorus.strategy.PlannedSlot;
import dev.chorus.strategy.PlatformAdvisor;
import dev.chorus.strategy.PlatformRecommendation;
import dev.chorus.workflow.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Chorus quickstart, end to end and in memory: a workspace with two accounts on the sandbox
 * platform, a campaign with KPI targets, a 30-day content calendar imported from CSV (first a
 * draft with a bad row, whose errors are printed, then the fixed file), posts scheduled at the
 * calendar's times, into queue slots and at the best times, the scheduling engine publishing a
 * month of posts on a simulated clock, metrics collected as they grow, a KPI report printed
 * and written as HTML, and then the strategy for next month: the platform advisor's pick for the
 * campaign's objective and audience, and April's draft slots keeping a content mix.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am compile exec:java}; it takes a few seconds.
 */
public final class Quickstart {

  /** Where the HTML report goes when no path is given. */
  public static final Path DEFAULT_REPORT = Path.of("target", "chorus-report.html");

  static final Instant START = Instant.parse("2026-03-01T18:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);
  static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 31);

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ENGLISH);

  private Quickstart() {}

  /**
   * Runs the quickstart, printing to standard output.
   *
   * @param args optionally the path of the HTML report (default {@code target/chorus-report.html})
   */
  public static void main(String[] args) {
    run(System.out, args.length > 0 ? Path.of(args[0]) : DEFAULT_REPORT);
  }

  /** Runs the quickstart, printing to {@code out} and writing the HTML report to {@code report}. */
  public static void run(PrintStream out, Path report) {
    // Everything reads this clock, so a month passes in the loop below without anyone sleeping.
    SimulatedClock clock = new SimulatedClock(START);

    // The sandbox is a simulated social network: it stores posts and lets engagement grow over
    // (simulated) time. Sharing one instance through the connector context lets us inspect it.
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).seed(2026).build();

    // History for "best time to post": how each published post did, filled in as metrics arrive.
    List<PostEngagement> history = new CopyOnWriteArrayList<>();
    BestTimeToPost bestTime = BestTimeToPost.builder(clock).build();
    BestTimeSlotSuggester suggester = new BestTimeSlotSuggester(bestTime,
        account -> history.stream().filter(p -> p.accountId().equals(account)).toList(),
        account -> SandboxPlatform.defaultActivity(), SocialAccount::timeZone, 5);

    Chorus.Builder builder = Chorus.builder()
        .clock(clock)
        .connectors(ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build())
        .connectorContext(ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build())
        .connectorConfig(Platform.SANDBOX, Map.of(SandboxConnectorProvider.API_KEY, "quickstart-key"))
        .slotSuggester(suggester);
    try (Chorus chorus = builder.build()) {
      // 1. A workspace. Approvals are the ApprovalFlow example; here nobody needs to approve.
      ActorId owner = ActorId.of("olivia");
      Workspace workspace = chorus.createWorkspace("Acme Coffee", BERLIN, ApprovalPolicy.none(), owner);
      Session session = chorus.session(owner, workspace.id());
      out.println("== Workspace " + workspace.name() + " (" + workspace.timeZone() + ")");

      // 2. Two accounts on the sandbox platform.
      SocialAccount coffee = session.accounts().connect(new SocialAccount(AccountId.of("acme-coffee"),
          workspace.id(), Platform.SANDBOX, "@acmecoffee", "acmecoffee", BERLIN, CredentialsRef.of("env:SANDBOX")));
      SocialAccount bakery = session.accounts().connect(new SocialAccount(AccountId.of("acme-bakery"),
          workspace.id(), Platform.SANDBOX, "@acmebakery", "acmebakery", BERLIN, CredentialsRef.of("env:SANDBOX")));
      out.println("Accounts: " + coffee.handle() + ", " + bakery.handle() + " on " + Platform.SANDBOX.id());

      // 3. A campaign with KPI targets (ids from the analytics KPI catalogue).
      Campaign campaign = session.campaigns().save(
          Campaign.builder(workspace.id(), "Spring menu", Objective.AWARENESS)
              .dates(FIRST_DAY, LAST_DAY)
              .kpiTargets(List.of(
                  KpiTarget.of("impressions", "120000"),
                  KpiTarget.of("reach", "40000"),
                  KpiTarget.of("engagement_rate_by_impressions", "0.05")))
              .build());
      out.println("Campaign " + campaign.name() + " " + FIRST_DAY + " to " + LAST_DAY + ", targets "
          + campaign.kpiTargets().stream().map(t -> t.kpiId() + " " + t.target().toPlainString()).toList());

      // 4. The content calendar from CSV. The draft has a bad row: import is all or nothing, and
      //    the error lists every problem with its row and column, so nothing half-imports.
      out.println();
      out.println("== Importing spring-calendar-draft.csv");
      try (Reader draft = resource("spring-calendar-draft.csv")) {
        session.calendar().importCsv(draft);
        throw new IllegalStateException("the draft calendar should have been rejected");
      } catch (CalendarImportException e) {
        out.println("Rejected, nothing imported (" + session.posts().list().size() + " posts):");
        for (RowError error : e.errors()) {
          out.println("  " + error);
        }
      }
      List<Post> planned;
      try (Reader fixed = resource("spring-calendar.csv")) {
        planned = session.calendar().importCsv(fixed);
      }
      out.println("Imported spring-calendar.csv: " + planned.size() + " drafts, each remembering its row's time");

      // 5. Scheduling. Calendar posts go out at their rows' times; the bakery also gets a queue
      //    (weekday slots) and the coffee account keeps 3 hours between posts for evergreen posts, and two coffee posts go out at the best times
      //    the analytics suggest for the audience.
      chorus.scheduler().settings().queue(workspace.id(), bakery.id(),
          WeeklySlots.daily(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(15, 30)));
      chorus.scheduler().settings().minSpacing(workspace.id(), coffee.id(), Duration.ofHours(3));
      for (Post post : planned) {
        session.posts().submit(post.id(), null);   // no approval policy: straight to APPROVED
        session.posts().schedule(post.id());       // at the time the CSV row named
      }
      out.println();
      out.println("== Scheduling");
      for (String text : List.of("Fresh sourdough, out of the oven at 3.", "Loyalty card: the 10th pastry is on us.",
          "Gluten-free almond cake is here to stay.")) {
        Post post = approvedDraft(session, text, bakery.id(), campaign);
        Post scheduled = session.posts().schedule(post.id(), ScheduleIntent.nextQueueSlot());
        out.println("Queue slot  " + bakery.handle() + "  " + when(chorus, scheduled, bakery) + "  " + text);
      }
      Instant weekTwo = FIRST_DAY.plusDays(7).atStartOfDay(BERLIN).toInstant();
      for (String text : List.of("Spring menu tasting on Saturday. Free samples!", "Last call: cherry blossom latte.")) {
        Post post = approvedDraft(session, text, coffee.id(), campaign);
        Post scheduled = session.posts().schedule(post.id(),
            ScheduleIntent.bestTime(weekTwo, weekTwo.plus(Duration.ofDays(7))));
        out.println("Best time   " + coffee.handle() + "  " + when(chorus, scheduled, coffee) + "  " + text);
      }
      int onCalendar = session.calendar().query(CalendarQuery.workspace(workspace.id())).size();
      out.println(onCalendar + " posts on the calendar");

      // 6. The engine on the simulated clock: jump to the next due post (or the next hour),
      //    let the scheduler publish what is due, and let the collector refresh metrics.
      MetricsCollector collector = MetricsCollector.builder(chorus.store(), workspace.id(), clock)
          .connector(chorus.scheduler().connector(Platform.SANDBOX).orElseThrow())
          .build();
      Map<String, SocialAccount> tracked = new ConcurrentHashMap<>();
      Instant end = LAST_DAY.plusDays(1).atStartOfDay(BERLIN).toInstant();
      int rounds = 0;
      while (clock.instant().isBefore(end)) {
        Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant next = nextDue(chorus, session).filter(due -> due.isBefore(nextHour)).orElse(nextHour);
        clock.set(next.isAfter(end) ? end : next);
        chorus.scheduler().runUntilIdle(100);
        track(session, collector, tracked, List.of(coffee, bakery));
        collector.refreshRound();
        rounds++;
      }
      long published = session.posts().list().stream().flatMap(p -> p.targets().stream())
          .filter(t -> t.state() == TargetState.PUBLISHED).count();
      out.println();
      out.println("== Engine");
      out.println("Ran " + rounds + " steps over 30 simulated days: " + published + " posts published, "
          + sandbox.publicationCount() + " on the platform (never twice), "
          + collector.trackedCount() + " tracked for metrics");

      // 7. KPIs from the latest snapshot of every post.
      List<MetricSnapshot> latest = new ArrayList<>();
      for (Map.Entry<String, SocialAccount> entry : tracked.entrySet()) {
        collector.latest(new dev.chorus.analytics.PostKey(Platform.SANDBOX, entry.getValue().id(), entry.getKey()))
            .ifPresent(latest::add);
      }
      KpiCalculator kpis = KpiCalculator.ofDefaults();
      Map<String, KpiValue> actuals = new LinkedHashMap<>();
      actuals.put("impressions", KpiValue.of(sum(latest, Metric.IMPRESSIONS)));
      actuals.put("reach", KpiValue.of(sum(latest, Metric.REACH)));
      actuals.put("engagement_rate_by_impressions", kpis.pooledEngagementRate(latest, Metric.IMPRESSIONS));
      CampaignStatus status = CampaignTracker.of(clock, BERLIN).status(campaign, actuals, null);
      for (MetricSnapshot snapshot : latest) {
        Instant publishedAt = publishedAt(session, snapshot.externalPostId());
        kpis.engagementRateByImpressions(snapshot).asOptional().ifPresent(rate ->
            history.add(new PostEngagement(snapshot.accountId(), publishedAt, rate)));
      }
      List<TimeSlot> best = bestTime.top(3, history, BERLIN, SandboxPlatform.defaultActivity());

      out.println();
      out.println("== KPI report: " + campaign.name());
      out.printf("%-32s %12s %12s %9s  %s%n", "KPI", "actual", "target", "progress", "pace");
      for (TargetStatus target : status.targets()) {
        out.printf("%-32s %12s %12s %9s  %s%n", target.kpiId(), format(target.actual(), target.kpiId()),
            format(KpiValue.of(target.target()), target.kpiId()),
            target.progress().isDefined() ? String.format(Locale.ROOT, "%.0f%%", target.progress().value() * 100) : "-",
            target.pace().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      out.println("Best times to post (Europe/Berlin):");
      for (TimeSlot slot : best) {
        out.printf(Locale.ROOT, "  %s %s  score %.2f, %s%n", slot.day().name().substring(0, 3), slot.start(),
            slot.score(), slot.priorOnly() ? "from the audience's activity" : "from " + slot.samples() + " posts");
      }

      // 8. The same numbers as a self-contained HTML page (inline SVG charts, no JavaScript).
      Map<LocalDate, Double> impressionsByDay = new TreeMap<>();
      for (MetricSnapshot snapshot : latest) {
        LocalDate day = publishedAt(session, snapshot.externalPostId()).atZone(BERLIN).toLocalDate();
        impressionsByDay.merge(day, (double) snapshot.value(Metric.IMPRESSIONS).orElse(0), Double::sum);
      }
      Report html = Report.builder(campaign.name() + " — " + workspace.name(), clock.instant())
          .subtitle(FIRST_DAY + " to " + LAST_DAY + ", " + latest.size() + " posts on " + Platform.SANDBOX.id())
          .campaign(status)
          .trend("Impressions by publish day", impressionsByDay)
          .bestTimes("Best times to post", bestTime.rank(history, BERLIN, SandboxPlatform.defaultActivity()))
          .build();
      writeReport(report, HtmlReport.create().render(html));
      out.println();
      out.println("HTML report written to " + report.toAbsolutePath());

      // 9. Strategy for next month: where to post for the objective and audience, and a month of
      //    draft slots that keeps the content mix per week and per platform.
      strategy(out, chorus, campaign, workspace, List.of(
          AccountQueue.queue(bakery, WeeklySlots.daily(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
              LocalTime.of(15, 30))),
          AccountQueue.bestTimes(coffee)), suggester);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints the platform advisor's pick for the campaign and a planned April with its mix. */
  private static void strategy(PrintStream out, Chorus chorus, Campaign campaign, Workspace workspace,
      List<AccountQueue> accounts, BestTimeSlotSuggester suggester) {
    Audience audience = new Audience(AudienceId.of("coffee-lovers"), workspace.id(), "Coffee lovers",
        new Demographics(25, 44, Set.of()), List.of("DE"), List.of("de", "en"), Set.of("coffee", "baking"), BERLIN,
        null, null);
    out.println();
    out.println("== Platform advisor: " + campaign.name() + " (" + campaign.objective() + "), "
        + audience.name().toLowerCase(Locale.ROOT) + " 25-44 in DE, " + PlatformAdvisor.marketOf(audience));
    List<PlatformRecommendation> top = PlatformAdvisor.ofDefaults().recommend(campaign, audience);
    for (int i = 0; i < top.size(); i++) {
      PlatformRecommendation r = top.get(i);
      out.printf(Locale.ROOT, "  %d. %-10s %.3f  = %s%n", i + 1, r.platform().id(), r.score(), String.join(" + ",
          r.factors().stream().map(f -> String.format(Locale.ROOT, "%s %.3f", f.name().split(" ")[0], f.contribution()))
              .toList()));
    }
    out.println("  why " + top.get(0).platform() + ": " + top.get(0).reasons().get(1));

    ContentMix mix = ContentMix.of("Spring menu, week by week",
        "educational", 0.4, "entertaining", 0.3, "promotional", 0.2, "social proof", 0.1);
    ContentPlan plan = ContentPlanner.builder().suggester(suggester)
        .formats(platform -> chorus.scheduler().connector(platform).orElseThrow().capabilities().formats())
        .build().plan(mix, YearMonth.of(2026, 4), accounts);
    out.println();
    out.println("== Content plan April 2026: " + mix.theme() + ", " + plan.slots().size() + " draft slots");
    out.println("Mix " + plan.counts() + " against targets " + mix.pillars().stream()
        .map(p -> p.name() + " " + Math.round(p.share() * 100) + "%").toList());
    plan.countsByWeek().forEach((week, counts) -> out.println("  week of " + week + "  " + counts));
    for (PlannedSlot slot : plan.slots().subList(0, Math.min(4, plan.slots().size()))) {
      out.println("  " + WHEN.format(slot.localTime()) + "  " + slot.account().value() + "  " + slot.pillar()
          + " as " + slot.format());
    }
  }

  private static Post approvedDraft(Session session, String text, AccountId account, Campaign campaign) {
    Post draft = session.posts().createDraft(PostContent.text(text), List.of(PostTarget.draft(account)), campaign.id());
    return session.posts().submit(draft.id(), null);
  }

  /** When the engine will publish the post's target, in the account's zone. */
  private static String when(Chorus chorus, Post post, SocialAccount account) {
    return chorus.scheduler().dispatches(post.workspaceId(), post.id(), account.id()).stream()
        .map(d -> WHEN.format(d.dueAt().atZone(account.timeZone()))).findFirst().orElse("?");
  }

  /** The earliest instant a pending dispatch becomes due. */
  private static java.util.Optional<Instant> nextDue(Chorus chorus, Session session) {
    Instant next = null;
    for (Post post : session.posts().list()) {
      for (PostTarget target : post.targets()) {
        for (DispatchRecord d : chorus.scheduler().dispatches(post.workspaceId(), post.id(), target.accountId())) {
          if (d.state() == DispatchState.PENDING && d.nextAttemptAt() != null
              && (next == null || d.nextAttemptAt().isBefore(next))) {
            next = d.nextAttemptAt();
          }
        }
      }
    }
    return java.util.Optional.ofNullable(next);
  }

  /** Starts collecting metrics of every newly published post. */
  private static void track(Session session, MetricsCollector collector, Map<String, SocialAccount> tracked,
      List<SocialAccount> accounts) {
    for (Post post : session.posts().list()) {
      for (PostTarget target : post.targets()) {
        if (target.state() == TargetState.PUBLISHED && !tracked.containsKey(target.published().externalId())) {
          SocialAccount account = accounts.stream().filter(a -> a.id().equals(target.accountId())).findFirst().orElseThrow();
          collector.track(new TrackedPost(account, target.published().externalId(), target.published().publishedAt()));
          tracked.put(target.published().externalId(), account);
        }
      }
    }
  }

  private static Instant publishedAt(Session session, String externalId) {
    for (Post post : session.posts().list()) {
      for (PostTarget target : post.targets()) {
        if (target.published() != null && target.published().externalId().equals(externalId)) {
          return target.published().publishedAt();
        }
      }
    }
    throw new IllegalStateException("no published post " + externalId);
  }

  private static double sum(List<MetricSnapshot> snapshots, Metric metric) {
    return snapshots.stream().mapToLong(s -> s.value(metric).orElse(0)).sum();
  }

  private static String format(KpiValue value, String kpiId) {
    if (!value.isDefined()) {
      return "undefined";
    }
    return kpiId.startsWith("engagement_rate")
        ? String.format(Locale.ROOT, "%.2f%%", value.value() * 100)
        : String.format(Locale.ROOT, "%,.0f", value.value());
  }

  private static Reader resource(String name) {
    InputStream in = Quickstart.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static void writeReport(Path report, String html) throws IOException {
    Path parent = report.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(report, html, StandardCharsets.UTF_8);
  }
}
