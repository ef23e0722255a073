package dev.chorus.store;

import dev.chorus.model.AccountId;
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
import dev.chorus.model.KpiTarget;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
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
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fully populated values of every entity a store keeps, for round trips through a store. */
final class StoreSamples {

  static final ActorId ALICE = ActorId.of("actor-alice");
  static final ActorId BOB = ActorId.of("actor-bob");
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private StoreSamples() {}

  static Workspace workspace(WorkspaceId id) {
    Map<ActorId, Role> members = new LinkedHashMap<>();
    members.put(ALICE, Role.OWNER);
    members.put(BOB, Role.custom("CLIENT_REVIEWER", EnumSet.of(Permission.CONTENT_READ, Permission.POST_APPROVE)));
    ApprovalPolicy policy = ApprovalPolicy.steps(
        ApprovalStep.anyApprover("internal review"), new ApprovalStep("client", Set.of(BOB, ALICE)));
    return new Workspace(id, "Acme Coffee – Ümlaut ☕", ZoneId.of("Europe/Berlin"), policy, members);
  }

  static SocialAccount account(WorkspaceId ws, String id) {
    return new SocialAccount(AccountId.of(id), ws, Platform.X, "@acme", "1234567890",
        ZoneId.of("America/New_York"), CredentialsRef.of("vault:acme/" + id));
  }

  static Campaign campaign(WorkspaceId ws, String id) {
    return Campaign.builder(ws, "Spring launch", Objective.AWARENESS)
        .id(CampaignId.of(id))
        .dates(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"))
        .budget(Money.of("5000", "EUR"))
        .spend(Money.of("1234.50", "EUR"))
        .kpiTargets(List.of(KpiTarget.of("engagement_rate_by_reach", "0.05"), new KpiTarget("reach", new BigDecimal("250000"))))
        .audiences(Set.of(AudienceId.of("aud-young-urban"), AudienceId.of("aud-commuters")))
        .platforms(Set.of(Platform.X, Platform.INSTAGRAM, Platform.LINKEDIN))
        .utm(new UtmParameters("social", "organic", "spring_launch", "coffee", "thread"))
        .build();
  }

  static Audience audience(WorkspaceId ws, String id) {
    double[] weights = new double[HourOfWeekActivity.HOURS];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i % 24 >= 7 && i % 24 <= 9 ? 3.5 : 0.25;
    }
    return new Audience(AudienceId.of(id), ws, "Young urban coffee lovers",
        new Demographics(18, 34, Set.of("female", "male", "non-binary")), List.of("DE", "AT"), List.of("de", "en-GB"),
        Set.of("coffee", "design"), ZoneId.of("Europe/Berlin"), HourOfWeekActivity.of(weights), 1_200_000L);
  }

  /** A post with a published thread variant, a failed reel variant, a campaign and a pillar. */
  static Post richPost(WorkspaceId ws, String id) {
    MediaAsset video = MediaAsset.builder(MediaKind.VIDEO, URI.create("https://cdn.example.com/launch.mp4"), "video/mp4")
        .byteSize(48_000_000L).dimensions(1080, 1920).duration(Duration.ofSeconds(42)).altText("Latte art").build();
    MediaAsset image = MediaAsset.builder(MediaKind.IMAGE, URI.create("file:///media/cup.png"), "image/png").build();
    PostVariant thread = PostVariant.builder(PostFormat.THREAD)
        .text("Spring blend, a thread: \"quotes\", emoji 🌸 and a ' tick")
        .media(List.of(video))
        .firstComment("Tell us your favourite roast!")
        .threadParts(List.of(ThreadPart.of("1/ Notes of cherry."), new ThreadPart(null, List.of(image))))
        .poll(new Poll(List.of("Light", "Medium", "Dark"), Duration.ofHours(24)))
        .options(Map.of("reply_settings", "following"))
        .build();
    PostTarget published = new PostTarget(AccountId.of("acc-x"), thread, TargetState.PUBLISHED, 2,
        new PublishedRef("1790000000000000000", URI.create("https://x.com/acme/status/1790000000000000000"),
            Instant.parse("2026-03-02T08:00:00Z")), null);
    PostTarget failed = new PostTarget(AccountId.of("acc-ig"), PostVariant.builder(PostFormat.REEL).media(List.of()).build(),
        TargetState.FAILED, 0, null, "media missing");
    return new Post(PostId.of(id), ws, CampaignId.of("camp-spring"),
        new PostContent("Our spring blend is here.", List.of(image), URI.create("https://acme.example.com/spring"),
            List.of("coffee", "spring")),
        List.of(published, failed), "promotional", ALICE, T0, Instant.parse("2026-03-01T10:30:00.123456Z"), 3);
  }

  /** A draft post for one account, at version 0. */
  static Post draft(WorkspaceId ws, String id) {
    return Post.builder(ws, PostContent.text("hello")).id(PostId.of(id)).target(PostTarget.draft(AccountId.of("acc-1")))
        .createdBy(ALICE).createdAt(T0).build();
  }

  static AuditEntry entry(Post post, String reason) {
    return new AuditEntry(post.id(), AccountId.of("acc-1"), ALICE, T0, TargetState.DRAFT, TargetState.IN_REVIEW, reason);
  }
}
