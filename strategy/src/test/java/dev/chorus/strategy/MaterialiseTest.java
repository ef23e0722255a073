package dev.chorus.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.Chorus;
import dev.chorus.calendar.CalendarEntry;
import dev.chorus.calendar.CalendarQuery;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.schedule.WeeklySlots;
import dev.chorus.workflow.Session;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A plan becomes DRAFT posts through the session API, and the drift check reads them back. */
class MaterialiseTest {

  @Test
  void a_plan_becomes_pillar_tagged_drafts_at_their_slot_times_and_reads_back_without_drift() {
    Clock clock = Clock.fixed(Instant.parse("2027-01-20T10:00:00Z"), ZoneOffset.UTC);
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).seed(1).build();
    try (Chorus chorus = Chorus.builder().clock(clock)
        .connectors(ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build())
        .connectorContext(ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build())
        .connectorConfig(Platform.SANDBOX, Map.of(SandboxConnectorProvider.API_KEY, "test-key"))
        .build()) {
      ActorId owner = ActorId.of("olivia");
      Workspace workspace = chorus.createWorkspace("Acme", ContentPlannerTest.BERLIN, ApprovalPolicy.none(), owner);
      Session session = chorus.session(owner, workspace.id());
      SocialAccount account = session.accounts().connect(new SocialAccount(AccountId.of("acme"), workspace.id(),
          Platform.SANDBOX, "@acme", "acme", ContentPlannerTest.BERLIN, CredentialsRef.of("env:SANDBOX")));
      WeeklySlots mondays = WeeklySlots.daily(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0));
      ContentPlan plan = ContentPlanner.builder().build()
          .plan(ContentPlannerTest.MIX, ContentPlannerTest.FEB_2027, List.of(AccountQueue.queue(account, mondays)));

      List<Post> drafts = plan.materialise(session, chorus.scheduler(), null);

      // Four Mondays take E N P E (the sequence's first four): 2/1/1/0.
      assertThat(drafts).extracting(Post::pillar)
          .containsExactly("educational", "entertaining", "promotional", "educational");
      assertThat(drafts.get(1).targets().get(0).variant().format()).isEqualTo(PostFormat.REEL);
      assertThat(drafts.get(0).content().text()).isEqualTo("[educational] Spring menu (draft)");
      assertThat(drafts).allSatisfy(p -> assertThat(p.targets().get(0).state()).isEqualTo(TargetState.DRAFT));

      List<CalendarEntry> calendar = session.calendar().query(CalendarQuery.workspace(workspace.id()));
      // Mondays 1, 8, 15, 22 February 2027 at 09:00 CET = 08:00Z.
      assertThat(calendar).extracting(CalendarEntry::at).containsExactly(Instant.parse("2027-02-01T08:00:00Z"),
          Instant.parse("2027-02-08T08:00:00Z"), Instant.parse("2027-02-15T08:00:00Z"),
          Instant.parse("2027-02-22T08:00:00Z"));

      List<ScheduledItem> items = calendar.stream()
          .map(entry -> ScheduledItem.of(entry, session.posts().get(entry.postId()))).toList();
      // Overall and on the platform 2/1/1/0 of 4 = 50/25/25/0% against 40/30/20/10: at most 10
      // points off, so nothing drifts there. A week with one post is necessarily 100% one pillar,
      // so every week drifts on its pillar (+60 for educational) and the missing ones.
      List<ShareCheck> drifts = MixDrift.of(ContentPlannerTest.MIX).drifts(items);
      assertThat(drifts).extracting(ShareCheck::scope).allMatch(scope -> scope.startsWith("week "));
      assertThat(drifts.get(0).message())
          .isEqualTo("week 2027-02-01: too educational: educational 100% against 40% target (1 of 1)");
    }
  }
}
