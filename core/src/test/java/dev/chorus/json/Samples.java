package dev.chorus.json;

import dev.chorus.model.AccountId;
import dev.chorus.model.Actor;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.ApprovalStep;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Demographics;
import dev.chorus.model.HourOfWeekActivity;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.KpiDefinition;
import dev.chorus.model.KpiDirection;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.KpiUnit;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Money;
import dev.chorus.model.Objective;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Poll;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostId;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.PublishedRef;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.ThreadPart;
import dev.chorus.model.UtmParameters;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.AccountScheduling;
import dev.chorus.schedule.BlackoutWindow;
import dev.chorus.schedule.ConflictMode;
import dev.chorus.schedule.DstPolicy;
import dev.chorus.schedule.GapPolicy;
import dev.chorus.schedule.OverlapPolicy;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.WeeklySlots;
import dev.chorus.schedule.WorkspaceScheduling;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fixed sample values of every model type, shared by the golden and round-trip tests. */
final class Samples {

  static final WorkspaceId WORKSPACE = WorkspaceId.of("ws-acme");
  static final AccountId ACCOUNT_X = AccountId.of("acc-x");
  static final AccountId ACCOUNT_IG = AccountId.of("acc-ig");
  static final ActorId ALICE = ActorId.of("actor-alice");
  static final ActorId BOB = ActorId.of("actor-bob");
  static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");

  private Samples() {}

  static Money money() {
    return Money.of("12.50", "EUR");
  }

  static Actor actor() {
    return Actor.of("actor-alice", "Alice Example");
  }

  static Role customRole() {
    return Role.custom("CLIENT_REVIEWER", EnumSet.of(Permission.CONTENT_READ, Permission.POST_APPROVE));
  }

  static Workspace workspace() {
    Map<ActorId, Role> members = new LinkedHashMap<>();
    members.put(ALICE, Role.OWNER);
    members.put(BOB, customRole());
    members.put(ActorId.of("actor-carol"), Role.CREATOR);
    ApprovalPolicy policy =
        ApprovalPolicy.steps(
            ApprovalStep.anyApprover("internal review"), new ApprovalStep("client", Set.of(BOB, ALICE)));
    return new Workspace(WORKSPACE, "Acme Coffee", ZoneId.of("Europe/Berlin"), policy, members);
  }

  static SocialAccount socialAccount() {
    return new SocialAccount(
        ACCOUNT_X,
        WORKSPACE,
        Platform.X,
        "@acmecoffee",
        "1234567890",
        ZoneId.of("America/New_York"),
        CredentialsRef.of("vault:acme/x"));
  }

  static MediaAsset mediaAsset() {
    return MediaAsset.builder(MediaKind.VIDEO, URI.create("https://cdn.example.com/launch.mp4"), "video/mp4")
        .byteSize(48_000_000L)
        .dimensions(1080, 1920)
        .duration(Duration.ofSeconds(42))
        .altText("A barista pours latte art")
        .checksum("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .build();
  }

  static MediaAsset image() {
    return MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///media/cup.png"), "image/png").build();
  }

  static PostContent postContent() {
    return new PostContent(
        "Our spring blend is here.",
        List.of(image()),
        URI.create("https://acme.example.com/spring"),
        List.of("coffee", "spring"));
  }

  static PostVariant threadVariant() {
    return PostVariant.builder(PostFormat.THREAD)
        .text("Spring blend, a thread:")
        .media(List.of(mediaAsset()))
        .link(URI.create("https://acme.example.com/spring?utm_source=x"))
        .firstComment("Tell us your favourite roast!")
        .threadParts(List.of(ThreadPart.of("1/ Notes of cherry."), new ThreadPart(null, List.of(image()))))
        .poll(new Poll(List.of("Light", "Medium", "Dark"), Duration.ofHours(24)))
        .options(Map.of("reply_settings", "following", "made_with_ai", "false"))
        .build();
  }

  static PostVariant noMediaVariant() {
    return PostVariant.builder(PostFormat.REEL).media(List.of()).build();
  }

  static PostTarget publishedTarget() {
    return new PostTarget(
        ACCOUNT_X,
        threadVariant(),
        TargetState.PUBLISHED,
        2,
        new PublishedRef(
            "1790000000000000000",
            URI.create("https://x.com/acmecoffee/status/1790000000000000000"),
            Instant.parse("2026-03-02T08:00:00Z")),
        null);
  }

  static PostTarget failedTarget() {
    return new PostTarget(ACCOUNT_IG, noMediaVariant(), TargetState.FAILED, 0, null, "media missing");
  }

  static Post post() {
    return new Post(
        PostId.of("post-spring"),
        WORKSPACE,
        CampaignId.of("camp-spring"),
        postContent(),
        List.of(publishedTarget(), failedTarget()),
        "promotional",
        ALICE,
        CREATED,
        Instant.parse("2026-03-01T10:30:00Z"),
        3);
  }

  static KpiTarget kpiTarget() {
    return KpiTarget.of("engagement_rate_by_reach", "0.05");
  }

  static Campaign campaign() {
    return Campaign.builder(WORKSPACE, "Spring launch", Objective.AWARENESS)
        .id(CampaignId.of("camp-spring"))
        .dates(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"))
        .budget(Money.of("5000", "EUR"))
        .spend(Money.of("1234.5", "EUR"))
        .kpiTargets(List.of(kpiTarget(), new KpiTarget("reach", new BigDecimal("250000"))))
        .audiences(Set.of(AudienceId.of("aud-young-urban"), AudienceId.of("aud-commuters")))
        .platforms(Set.of(Platform.X, Platform.INSTAGRAM, Platform.LINKEDIN))
        .utm(new UtmParameters("social", "organic", "spring_launch", "coffee", "thread"))
        .build();
  }

  static HourOfWeekActivity activity() {
    double[] weights = new double[HourOfWeekActivity.HOURS];
    for (int i = 0; i < weights.length; i++) {
      int hour = i % 24;
      weights[i] = hour >= 7 && hour <= 9 ? 3.5 : hour >= 18 && hour <= 21 ? 2.0 : 0.25;
    }
    return HourOfWeekActivity.of(weights);
  }

  static Audience audience() {
    return new Audience(
        AudienceId.of("aud-young-urban"),
        WORKSPACE,
        "Young urban coffee lovers",
        new Demographics(18, 34, Set.of("female", "male", "non-binary")),
        List.of("DE", "AT"),
        List.of("de", "en-GB"),
        Set.of("coffee", "design", "cycling"),
        ZoneId.of("Europe/Berlin"),
        activity(),
        1_200_000L);
  }

  static KpiDefinition kpiDefinition() {
    return new KpiDefinition(
        "engagement_rate_by_reach",
        "Engagement rate by reach",
        "(likes + comments + shares + saves) / reach",
        KpiUnit.RATIO,
        KpiDirection.HIGHER_IS_BETTER);
  }

  static MetricSnapshot metricSnapshot() {
    Map<Metric, Long> values = new LinkedHashMap<>();
    values.put(Metric.IMPRESSIONS, 15_000L);
    values.put(Metric.REACH, 9_000L);
    values.put(Metric.LIKES, 420L);
    values.put(Metric.of("bookmarks"), 17L);
    return new MetricSnapshot(
        Platform.X, ACCOUNT_X, "1790000000000000000", Instant.parse("2026-03-03T00:00:00Z"), values);
  }

  static Interaction interaction() {
    return new Interaction(
        Platform.X,
        ACCOUNT_X,
        "1790000000000000111",
        InteractionKind.REPLY,
        "1790000000000000000",
        "1790000000000000099",
        "987654",
        "@jane",
        "Jane Doe",
        "Dark roast, always.",
        Instant.parse("2026-03-02T09:15:30Z"),
        URI.create("https://x.com/jane/status/1790000000000000111"));
  }

  static AuditEntry auditEntry() {
    return new AuditEntry(
        PostId.of("post-spring"),
        ACCOUNT_X,
        BOB,
        Instant.parse("2026-03-01T11:00:00Z"),
        TargetState.IN_REVIEW,
        TargetState.APPROVED,
        "Looks good to the client");
  }

  /** Every golden file's name with its sample and type. */
  static List<Golden<?>> all() {
    return List.of(
        new Golden<>("workspace", Workspace.class, workspace()),
        new Golden<>("actor", Actor.class, actor()),
        new Golden<>("role-built-in", Role.class, Role.APPROVER),
        new Golden<>("role-custom", Role.class, customRole()),
        new Golden<>("social-account", SocialAccount.class, socialAccount()),
        new Golden<>("post", Post.class, post()),
        new Golden<>("post-content", PostContent.class, postContent()),
        new Golden<>("post-target", PostTarget.class, publishedTarget()),
        new Golden<>("post-variant", PostVariant.class, threadVariant()),
        new Golden<>("media-asset", MediaAsset.class, mediaAsset()),
        new Golden<>("campaign", Campaign.class, campaign()),
        new Golden<>("audience", Audience.class, audience()),
        new Golden<>("kpi-definition", KpiDefinition.class, kpiDefinition()),
        new Golden<>("kpi-target", KpiTarget.class, kpiTarget()),
        new Golden<>("metric-snapshot", MetricSnapshot.class, metricSnapshot()),
        new Golden<>("interaction", Interaction.class, interaction()),
        new Golden<>("audit-entry", AuditEntry.class, auditEntry()),
        new Golden<>("money", Money.class, money()),
        new Golden<>("schedule-intent-at", ScheduleIntent.class, ScheduleIntent.at(Instant.parse("2026-03-04T08:00:00Z"))),
        new Golden<>("schedule-intent-at-local", ScheduleIntent.class, ScheduleIntent.atLocal(
            LocalDateTime.of(2026, 3, 29, 2, 30), ZoneId.of("Europe/Berlin"),
            new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER))),
        new Golden<>("schedule-intent-queue-slot", ScheduleIntent.class,
            new ScheduleIntent.QueueSlot(Instant.parse("2026-03-05T00:00:00Z"))),
        new Golden<>("schedule-intent-recurring", ScheduleIntent.class, new ScheduleIntent.Recurring(
            "FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0", LocalDateTime.of(2026, 3, 2, 9, 0),
            ZoneId.of("America/New_York"), DstPolicy.DEFAULT)),
        new Golden<>("schedule-intent-best-time", ScheduleIntent.class, ScheduleIntent.bestTime(
            Instant.parse("2026-03-04T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z"))),
        new Golden<>("workspace-scheduling", WorkspaceScheduling.class, new WorkspaceScheduling(List.of(
            new BlackoutWindow(Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z"), "Holidays")),
            ConflictMode.NEXT_LEGAL)),
        new Golden<>("account-scheduling", AccountScheduling.class, new AccountScheduling(List.of(
            new WeeklySlots.Slot(DayOfWeek.MONDAY, LocalTime.of(9, 0)),
            new WeeklySlots.Slot(DayOfWeek.WEDNESDAY, LocalTime.of(12, 30))), Duration.ofMinutes(90))),
        new Golden<>("weekly-slots", WeeklySlots.class, WeeklySlots.daily(
            List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(8, 15))));
  }

  /** A golden file name, the type to read it as, and the value it holds. */
  record Golden<T>(String name, Class<T> type, T sample) {
    String file() {
      return name + ".json";
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
