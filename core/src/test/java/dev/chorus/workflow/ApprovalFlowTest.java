package dev.chorus.workflow;

import static dev.chorus.workflow.Fixture.APPROVER;
import static dev.chorus.workflow.Fixture.APPROVER2;
import static dev.chorus.workflow.Fixture.CLIENT;
import static dev.chorus.workflow.Fixture.CREATOR;
import static dev.chorus.workflow.Fixture.LI_ACCOUNT;
import static dev.chorus.workflow.Fixture.OWNER;
import static dev.chorus.workflow.Fixture.X_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.IllegalTransitionException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.ApprovalStep;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Permission;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.TargetState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalFlowTest {

  static final ApprovalPolicy TWO_STEPS =
      ApprovalPolicy.steps(
          ApprovalStep.byRole("internal review", "APPROVER"), ApprovalStep.byRole("client", "CLIENT"));

  private static TargetState state(Post post) {
    return post.target(X_ACCOUNT).orElseThrow().state();
  }

  private static List<String> moves(Fixture f, Post post) {
    return f.as(OWNER).posts().audit(post.id()).stream()
        .filter(e -> e.accountId().equals(X_ACCOUNT))
        .map(e -> e.actor() + ":" + e.from() + ">" + e.to())
        .toList();
  }

  @Test
  void without_a_policy_submit_approves_at_once() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = f.draft();
    Post submitted = f.as(CREATOR).posts().submit(post.id(), null);
    assertThat(submitted.targets()).extracting(PostTarget::state).containsOnly(TargetState.APPROVED);
    assertThat(moves(f, post)).containsExactly("carl-creator:DRAFT>APPROVED");
  }

  @Test
  void a_single_approver_approves_and_the_owner_schedules() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    assertThat(state(f.as(CREATOR).posts().submit(post.id(), "please check"))).isEqualTo(TargetState.IN_REVIEW);
    Post approved = f.as(APPROVER).posts().approve(post.id(), "lgtm");
    assertThat(approved.targets()).extracting(PostTarget::state).containsOnly(TargetState.APPROVED);
    assertThat(approved.targets()).extracting(PostTarget::approvalsGiven).containsOnly(1);
    assertThat(state(f.as(OWNER).posts().schedule(post.id()))).isEqualTo(TargetState.SCHEDULED);
    assertThat(f.as(OWNER).posts().audit(post.id()).stream().filter(e -> e.accountId().equals(X_ACCOUNT)).map(AuditEntry::reason))
        .containsExactly("please check", "approved step 1/1 'approval': lgtm",
            "scheduled for 2026-03-01T09:00:00Z (2026-03-01T10:00 Europe/Berlin)");
  }

  @Test
  void multi_step_needs_each_step_in_order_by_the_role_it_names() {
    Fixture f = new Fixture(TWO_STEPS);
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);

    // The client cannot sign the internal step, and nobody can skip ahead.
    assertThatThrownBy(() -> f.as(CLIENT).posts().approve(post.id(), null))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
          assertThat(e.actor()).isEqualTo(CLIENT);
          assertThat(e.permission()).isEqualTo(Permission.POST_APPROVE);
          assertThat(e.getMessage()).contains("approval step 'internal review'").contains("needs role APPROVER");
        });

    Post step1 = f.as(APPROVER).posts().approve(post.id(), null);
    assertThat(state(step1)).isEqualTo(TargetState.IN_REVIEW);
    assertThat(step1.target(X_ACCOUNT).orElseThrow().approvalsGiven()).isEqualTo(1);

    // Another internal approver cannot sign the client's step.
    assertThatThrownBy(() -> f.as(APPROVER2).posts().approve(post.id(), null))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("approval step 'client'");

    Post step2 = f.as(CLIENT).posts().approve(post.id(), "ok from us");
    assertThat(step2.targets()).extracting(PostTarget::state).containsOnly(TargetState.APPROVED);
    assertThat(step2.targets()).extracting(PostTarget::approvalsGiven).containsOnly(2);
    assertThat(moves(f, post))
        .containsExactly("carl-creator:DRAFT>IN_REVIEW", "ann-approver:IN_REVIEW>IN_REVIEW", "cleo-client:IN_REVIEW>APPROVED");
    assertThat(f.events).filteredOn(ApprovalGiven.class::isInstance).hasSize(4);
  }

  @Test
  void one_actor_may_not_sign_two_steps_of_a_round() {
    Fixture f = new Fixture(ApprovalPolicy.steps(ApprovalStep.anyApprover("first"), ApprovalStep.anyApprover("second")));
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(APPROVER).posts().approve(post.id(), null);
    Post before = f.as(OWNER).posts().get(post.id());

    assertThatThrownBy(() -> f.as(APPROVER).posts().approve(post.id(), null))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("already signed off a step");
    assertThat(f.as(OWNER).posts().get(post.id())).isEqualTo(before);

    assertThat(state(f.as(APPROVER2).posts().approve(post.id(), null))).isEqualTo(TargetState.APPROVED);
  }

  @Test
  void a_new_review_round_lets_the_same_approver_sign_again() {
    Fixture f = new Fixture(ApprovalPolicy.steps(ApprovalStep.anyApprover("first"), ApprovalStep.anyApprover("second")));
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(APPROVER).posts().approve(post.id(), null);
    f.as(APPROVER2).posts().reject(post.id(), "typo");
    f.as(CREATOR).posts().submit(post.id(), null);
    assertThat(f.as(APPROVER).posts().approve(post.id(), null).target(X_ACCOUNT).orElseThrow().approvalsGiven()).isEqualTo(1);
  }

  @Test
  void rejecting_needs_a_comment_and_resets_approvals() {
    Fixture f = new Fixture(TWO_STEPS);
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(APPROVER).posts().approve(post.id(), null);
    Post before = f.as(OWNER).posts().get(post.id());

    assertThatThrownBy(() -> f.as(CLIENT).posts().reject(post.id(), "  "))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("comment"));
    assertThat(f.as(OWNER).posts().get(post.id())).isEqualTo(before);

    Post rejected = f.as(CLIENT).posts().reject(post.id(), "wrong price");
    assertThat(rejected.targets()).extracting(PostTarget::state).containsOnly(TargetState.DRAFT);
    assertThat(rejected.targets()).extracting(PostTarget::approvalsGiven).containsOnly(0);
    AuditEntry last = f.as(OWNER).posts().audit(post.id()).get(f.as(OWNER).posts().audit(post.id()).size() - 1);
    assertThat(last.reason()).isEqualTo("rejected at step 'client': wrong price");
    assertThat(last.actor()).isEqualTo(CLIENT);
  }

  @Test
  void editing_content_after_approval_sends_every_target_back_to_draft() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(APPROVER).posts().approve(post.id(), null);
    f.as(OWNER).posts().schedule(post.id());
    f.clock.advance(Duration.ofHours(1));

    Post edited = f.as(CREATOR).posts().edit(post.id(), PostContent.text("Spring menu is here (new prices)"));

    assertThat(edited.content().text()).isEqualTo("Spring menu is here (new prices)");
    assertThat(edited.targets()).extracting(PostTarget::state).containsOnly(TargetState.DRAFT);
    assertThat(edited.targets()).extracting(PostTarget::approvalsGiven).containsOnly(0);
    AuditEntry last = f.as(OWNER).posts().audit(post.id()).get(f.as(OWNER).posts().audit(post.id()).size() - 1);
    assertThat(last.from()).isEqualTo(TargetState.SCHEDULED);
    assertThat(last.to()).isEqualTo(TargetState.DRAFT);
    assertThat(last.reason()).isEqualTo("content edited; approval invalidated");
    assertThat(last.at()).isEqualTo(f.clock.instant());
  }

  @Test
  void editing_a_variant_in_review_invalidates_only_that_target() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);

    Post edited = f.as(CREATOR).posts().editVariant(post.id(), LI_ACCOUNT, PostVariant.of(PostFormat.DOCUMENT));

    assertThat(edited.target(LI_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.DRAFT);
    assertThat(edited.target(LI_ACCOUNT).orElseThrow().variant().format()).isEqualTo(PostFormat.DOCUMENT);
    assertThat(state(edited)).isEqualTo(TargetState.IN_REVIEW);
    assertThat(f.as(OWNER).posts().audit(post.id()))
        .filteredOn(e -> e.accountId().equals(LI_ACCOUNT))
        .extracting(AuditEntry::reason)
        .containsExactly("submitted for review", "variant edited; approval invalidated");
  }

  @Test
  void editing_a_draft_writes_no_audit_and_editing_published_is_refused() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Post post = f.draft();
    f.as(CREATOR).posts().edit(post.id(), PostContent.text("v2"));
    assertThat(f.as(OWNER).posts().audit(post.id())).isEmpty();

    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(OWNER).posts().schedule(post.id());
    f.chorus.system().publishing(f.workspace.id(), post.id(), X_ACCOUNT);
    assertThatThrownBy(() -> f.as(CREATOR).posts().editVariant(post.id(), X_ACCOUNT, PostVariant.of(PostFormat.THREAD)))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("PUBLISHING to DRAFT");
  }

  @Test
  void approving_or_submitting_in_the_wrong_state_is_an_illegal_transition() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    assertThatThrownBy(() -> f.as(APPROVER).posts().approve(post.id(), null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("post " + post.id() + " on account acc-x cannot move from DRAFT to APPROVED");
    f.as(CREATOR).posts().submit(post.id(), null);
    assertThatThrownBy(() -> f.as(CREATOR).posts().submit(post.id(), null))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("IN_REVIEW to IN_REVIEW");
  }

  @Test
  void a_policy_change_applies_to_the_next_step() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    f.as(CREATOR).posts().submit(post.id(), null);
    f.as(OWNER).changeApprovalPolicy(TWO_STEPS);
    assertThatThrownBy(() -> f.as(CLIENT).posts().approve(post.id(), null)).isInstanceOf(AccessDeniedException.class);
    assertThat(state(f.as(APPROVER).posts().approve(post.id(), null))).isEqualTo(TargetState.IN_REVIEW);
  }
}
