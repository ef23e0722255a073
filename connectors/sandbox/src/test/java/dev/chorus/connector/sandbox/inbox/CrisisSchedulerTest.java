package dev.chorus.connector.sandbox.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.inbox.CrisisModeEntered;
import dev.chorus.inbox.CrisisModeLeft;
import dev.chorus.inbox.HoldingStatement;
import dev.chorus.inbox.InboxItemReceived;
import dev.chorus.inbox.Sentiment;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.TargetState;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.workflow.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrisisSchedulerTest {

  static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  private static TargetState state(InboxEngineFixture f, Post post) {
    return f.chorus.session(InboxEngineFixture.OWNER, InboxEngineFixture.WS).posts().get(post.id())
        .target(f.sandboxAccount.id()).map(PostTarget::state).orElseThrow();
  }

  @Test
  void anAlertPausesScheduledPostsUntilCrisisModeIsLeft() {
    try (InboxEngineFixture f = new InboxEngineFixture(T, FaultPlan.none(), true)) {
      Session owner = f.chorus.session(InboxEngineFixture.OWNER, InboxEngineFixture.WS);
      f.inbox(InboxEngineFixture.OWNER).holdingStatements(
          List.of(new HoldingStatement("aware", "We know about the problem and are on it.")));
      Post draft = owner.posts().createDraft(PostContent.text("Big launch today!"), f.sandboxAccount.id());
      Post post = owner.posts().submit(draft.id(), null);
      owner.posts().schedule(post.id(), ScheduleIntent.at(T.plus(Duration.ofHours(1))));

      // An anomaly detector (here: three negative messages) switches crisis mode on.
      int[] negatives = new int[1];
      f.events.clear();
      for (int i = 0; i < 3; i++) {
        f.sandbox.arrangeInteraction("ext-acme", InteractionKind.MENTION, null, "this is terrible and broken " + i,
            T.plusSeconds(i));
      }
      f.clock.advance(Duration.ofMinutes(1));
      f.chorus.inbox().sync(InboxEngineFixture.WS);
      for (InboxItemReceived received : f.events(InboxItemReceived.class)) {
        if (received.sentiment() == Sentiment.NEGATIVE && ++negatives[0] == 3) {
          f.chorus.crisis().enter(InboxEngineFixture.WS, "anomaly:negative-mentions", "3 negative mentions in a minute");
        }
      }
      assertThat(f.events(CrisisModeEntered.class)).singleElement()
          .satisfies(e -> assertThat(e.holdingStatements()).extracting(HoldingStatement::name).containsExactly("aware"));

      // The due time passes: nothing goes out.
      f.clock.set(T.plus(Duration.ofHours(1)));
      f.chorus.scheduler().runUntilIdle(100);
      f.clock.set(T.plus(Duration.ofMinutes(90)));
      f.chorus.scheduler().runUntilIdle(100);
      assertThat(f.sandbox.publicationCountByText("Big launch today!")).isZero();
      assertThat(state(f, post)).isEqualTo(TargetState.SCHEDULED);

      // Leaving crisis mode resumes it; it is still within the missed window and goes out once.
      assertThat(f.inbox(InboxEngineFixture.OWNER).leaveCrisis()).isTrue();
      assertThat(f.events(CrisisModeLeft.class)).singleElement().satisfies(e -> assertThat(e.resumed()).isTrue());
      f.chorus.scheduler().runUntilIdle(100);
      assertThat(f.sandbox.publicationCountByText("Big launch today!")).isEqualTo(1);
      assertThat(state(f, post)).isEqualTo(TargetState.PUBLISHED);
    }
  }
}
