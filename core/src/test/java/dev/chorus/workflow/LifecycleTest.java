package dev.chorus.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.IllegalTransitionException;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Post;
import dev.chorus.model.PostTarget;
import dev.chorus.model.TargetState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {

  /** The table as the issue states it, written out independently of {@link Lifecycle}. */
  static final List<String> LEGAL =
      List.of(
          "DRAFT>IN_REVIEW", "DRAFT>APPROVED", "DRAFT>CANCELLED",
          "IN_REVIEW>APPROVED", "IN_REVIEW>DRAFT", "IN_REVIEW>CANCELLED",
          "APPROVED>SCHEDULED", "APPROVED>DRAFT", "APPROVED>CANCELLED",
          "SCHEDULED>PUBLISHING", "SCHEDULED>PAUSED", "SCHEDULED>MISSED", "SCHEDULED>DRAFT", "SCHEDULED>CANCELLED",
          "PUBLISHING>PUBLISHED", "PUBLISHING>FAILED", "PUBLISHING>SCHEDULED",
          "FAILED>SCHEDULED", "FAILED>DRAFT", "FAILED>CANCELLED",
          "PAUSED>SCHEDULED", "PAUSED>DRAFT", "PAUSED>CANCELLED",
          "MISSED>SCHEDULED", "MISSED>DRAFT", "MISSED>CANCELLED");

  static Stream<Arguments> legal() {
    return pairs(true);
  }

  static Stream<Arguments> illegal() {
    return pairs(false);
  }

  private static Stream<Arguments> pairs(boolean legal) {
    List<Arguments> out = new ArrayList<>();
    for (TargetState from : TargetState.values()) {
      for (TargetState to : TargetState.values()) {
        if (LEGAL.contains(from + ">" + to) == legal) {
          out.add(Arguments.of(from, to));
        }
      }
    }
    return out.stream();
  }

  @Test
  void the_table_has_exactly_the_documented_moves() {
    assertThat(legal().count()).isEqualTo(LEGAL.size());
    assertThat(legal().count() + illegal().count()).isEqualTo((long) TargetState.values().length * TargetState.values().length);
    for (TargetState state : TargetState.values()) {
      for (TargetState to : TargetState.values()) {
        assertThat(Lifecycle.allowed(state, to)).as(state + ">" + to).isEqualTo(LEGAL.contains(state + ">" + to));
      }
    }
    assertThat(Lifecycle.next(TargetState.PUBLISHED)).isEmpty();
    assertThat(Lifecycle.next(TargetState.CANCELLED)).isEmpty();
    assertThat(Lifecycle.next(TargetState.PAUSED)).isEqualTo(EnumSet.of(TargetState.SCHEDULED, TargetState.DRAFT, TargetState.CANCELLED));
  }

  /** A stored post whose X target sits in {@code state}, put there directly through the store. */
  private static Post postIn(Fixture f, TargetState state) {
    Post draft = f.draft();
    Post moved = draft.withTarget(draft.target(Fixture.X_ACCOUNT).orElseThrow().withState(state)).touched(draft.createdAt());
    f.chorus.store().updatePost(draft.version(), moved, List.of());
    return moved;
  }

  @ParameterizedTest(name = "{0} -> {1} is allowed")
  @MethodSource("legal")
  void every_legal_move_is_applied_and_audited(TargetState from, TargetState to) {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, from);
    f.clock.advance(Duration.ofMinutes(5));

    Post after = f.chorus.system().transition(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, to, "test move");

    PostTarget target = after.target(Fixture.X_ACCOUNT).orElseThrow();
    assertThat(target.state()).isEqualTo(to);
    assertThat(after.version()).isEqualTo(post.version() + 1);
    assertThat(after.target(Fixture.LI_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.DRAFT);
    List<AuditEntry> audit = f.as(Fixture.OWNER).posts().audit(post.id());
    assertThat(audit)
        .containsExactly(
            new AuditEntry(post.id(), Fixture.X_ACCOUNT, Workflow.SYSTEM, f.clock.instant(), from, to, "test move"));
    assertThat(f.events)
        .containsExactly(
            new TargetTransitioned(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, Workflow.SYSTEM, from, to, "test move", f.clock.instant()));
  }

  @ParameterizedTest(name = "{0} -> {1} is refused")
  @MethodSource("illegal")
  void every_illegal_move_is_refused_and_changes_nothing(TargetState from, TargetState to) {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, from);

    assertThatThrownBy(() -> f.chorus.system().transition(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, to, "nope"))
        .isInstanceOfSatisfying(
            IllegalTransitionException.class,
            e -> {
              assertThat(e.postId()).isEqualTo(post.id());
              assertThat(e.accountId()).isEqualTo(Fixture.X_ACCOUNT);
              assertThat(e.from()).isEqualTo(from);
              assertThat(e.to()).isEqualTo(to);
              assertThat(e.getMessage())
                  .isEqualTo("post " + post.id() + " on account acc-x cannot move from " + from + " to " + to);
            });
    assertThat(f.chorus.store().post(f.workspace.id(), post.id())).contains(post);
    assertThat(f.chorus.store().audit(f.workspace.id(), post.id())).isEmpty();
    assertThat(f.events).isEmpty();
  }

  @Test
  void failed_records_its_reason_and_a_retry_clears_it() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, TargetState.PUBLISHING);
    Post failed = f.chorus.system().failed(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, "media rejected");
    assertThat(failed.target(Fixture.X_ACCOUNT).orElseThrow().failureReason()).isEqualTo("media rejected");

    Post retried = f.as(Fixture.OWNER).posts().retry(post.id(), Fixture.X_ACCOUNT, "fixed the media");
    PostTarget target = retried.target(Fixture.X_ACCOUNT).orElseThrow();
    assertThat(target.state()).isEqualTo(TargetState.SCHEDULED);
    assertThat(target.failureReason()).isNull();
  }

  @Test
  void publishing_then_published_records_the_reference() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, TargetState.SCHEDULED);
    f.chorus.system().publishing(f.workspace.id(), post.id(), Fixture.X_ACCOUNT);
    var ref = new dev.chorus.model.PublishedRef("x-123", java.net.URI.create("https://x.com/acme/status/123"), f.clock.instant());
    Post published = f.chorus.system().published(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, ref);
    assertThat(published.target(Fixture.X_ACCOUNT).orElseThrow().published()).isEqualTo(ref);
    assertThat(published.target(Fixture.X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.PUBLISHED);
  }

  @Test
  void paused_resumes_to_scheduled_and_missed_can_be_rescheduled() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, TargetState.SCHEDULED);
    f.chorus.system().paused(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, "crisis switch");
    Post resumed = f.as(Fixture.OWNER).posts().resume(post.id());
    assertThat(resumed.target(Fixture.X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.SCHEDULED);

    f.chorus.system().missed(f.workspace.id(), post.id(), Fixture.X_ACCOUNT, "node was down at 09:00");
    Post again = f.as(Fixture.OWNER).posts().retry(post.id(), Fixture.X_ACCOUNT, null);
    assertThat(again.target(Fixture.X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.SCHEDULED);
    assertThat(f.as(Fixture.OWNER).posts().audit(post.id()))
        .extracting(e -> e.from() + ">" + e.to())
        .containsExactly("SCHEDULED>PAUSED", "PAUSED>SCHEDULED", "SCHEDULED>MISSED", "MISSED>SCHEDULED");
  }

  @Test
  void cancel_refuses_a_target_that_is_publishing_and_changes_nothing() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = postIn(f, TargetState.PUBLISHING);
    assertThatThrownBy(() -> f.as(Fixture.OWNER).posts().cancel(post.id(), "stop"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("PUBLISHING to CANCELLED");
    assertThat(f.chorus.store().post(f.workspace.id(), post.id())).contains(post);
    Set<TargetState> states = EnumSet.noneOf(TargetState.class);
    post.targets().forEach(t -> states.add(t.state()));
    assertThat(states).containsExactlyInAnyOrder(TargetState.PUBLISHING, TargetState.DRAFT);
  }
}
