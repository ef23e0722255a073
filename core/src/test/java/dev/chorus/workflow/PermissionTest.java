package dev.chorus.workflow;

import static dev.chorus.workflow.Fixture.ANALYST;
import static dev.chorus.workflow.Fixture.APPROVER;
import static dev.chorus.workflow.Fixture.CREATOR;
import static dev.chorus.workflow.Fixture.OWNER;
import static dev.chorus.workflow.Fixture.VIEWER;
import static dev.chorus.workflow.Fixture.X_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.AccessDeniedException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Objective;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.Role;
import dev.chorus.model.TargetState;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PermissionTest {

  record Op(String name, Permission needs, Consumer<Session> call) {
    @Override
    public String toString() {
      return name;
    }
  }


  static Stream<Op> ops() {
    return Stream.of(
        new Op("createDraft", Permission.POST_CREATE, s -> s.posts().createDraft(PostContent.text("hi"), X_ACCOUNT)),
        new Op("edit", Permission.POST_CREATE, s -> s.posts().edit(postOf(s), PostContent.text("v2"))),
        new Op("submit", Permission.POST_SUBMIT, s -> s.posts().submit(postOf(s), null)),
        new Op("schedule", Permission.POST_SCHEDULE, s -> s.posts().schedule(postOf(s))),
        new Op("cancel", Permission.POST_DELETE, s -> s.posts().cancel(postOf(s), "no")),
        new Op("audit", Permission.AUDIT_READ, s -> s.posts().audit(postOf(s))),
        new Op("read", Permission.CONTENT_READ, s -> s.posts().list()),
        new Op("connectAccount", Permission.ACCOUNT_MANAGE,
            s -> s.accounts().connect(Fixture.account(s.workspaceId(), dev.chorus.model.AccountId.of("acc-new"), Platform.MASTODON))),
        new Op("saveCampaign", Permission.CAMPAIGN_MANAGE,
            s -> s.campaigns().save(dev.chorus.model.Campaign.builder(s.workspaceId(), "Spring", Objective.AWARENESS)
                .dates(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).build())),
        new Op("grantMember", Permission.WORKSPACE_MANAGE, s -> s.members().grant(ActorId.of("new"), Role.VIEWER)),
        new Op("changePolicy", Permission.WORKSPACE_MANAGE, s -> s.changeApprovalPolicy(ApprovalPolicy.none())));
  }

  /** The one post of the workspace (the fixture drafts it before the call). */
  private static dev.chorus.model.PostId postOf(Session s) {
    return THE_POST.get();
  }

  private static final ThreadLocal<dev.chorus.model.PostId> THE_POST = new ThreadLocal<>();

  static Stream<Arguments> roleAndOp() {
    Role custom = Role.custom("PUBLISHER", EnumSet.of(Permission.CONTENT_READ, Permission.POST_SCHEDULE));
    return Stream.of(Role.OWNER, Role.MANAGER, Role.CREATOR, Role.APPROVER, Role.ANALYST, Role.VIEWER, custom)
        .flatMap(role -> ops().map(op -> Arguments.of(role, op)));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @MethodSource("roleAndOp")
  void each_role_may_do_exactly_what_its_permissions_allow(Role role, Op op) {
    Fixture f = new Fixture(ApprovalPolicy.none());
    ActorId actor = ActorId.of("tester");
    f.as(OWNER).members().grant(actor, role);
    Post post = f.draft();
    if (op.name().equals("schedule")) {
      f.as(CREATOR).posts().submit(post.id(), null);
    }
    THE_POST.set(post.id());
    Post before = f.chorus.store().post(f.workspace.id(), post.id()).orElseThrow();
    try {
      if (role.allows(op.needs())) {
        op.call().accept(f.as(actor));
      } else {
        assertThatThrownBy(() -> op.call().accept(f.as(actor)))
            .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
              assertThat(e.actor()).isEqualTo(actor);
              assertThat(e.permission()).isEqualTo(op.needs());
              assertThat(e.workspace()).isEqualTo(f.workspace.id());
              assertThat(e.getMessage())
                  .isEqualTo("actor tester lacks permission " + op.needs() + " in workspace ws-acme");
            });
        assertThat(f.chorus.store().post(f.workspace.id(), post.id())).contains(before);
      }
    } finally {
      THE_POST.remove();
    }
  }

  @Test
  void builtin_roles_split_the_work_as_documented() {
    Fixture f = new Fixture(ApprovalPolicy.singleApprover());
    Post post = f.draft();
    assertThatThrownBy(() -> f.as(APPROVER).posts().createDraft(PostContent.text("x"), X_ACCOUNT))
        .isInstanceOf(AccessDeniedException.class);
    f.as(CREATOR).posts().submit(post.id(), null);
    assertThatThrownBy(() -> f.as(CREATOR).posts().approve(post.id(), null))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo(Permission.POST_APPROVE));
    assertThatThrownBy(() -> f.as(ANALYST).posts().approve(post.id(), null)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> f.as(VIEWER).posts().reject(post.id(), "no")).isInstanceOf(AccessDeniedException.class);
    assertThat(f.as(ANALYST).posts().audit(post.id())).hasSize(2);
    assertThat(f.as(VIEWER).posts().get(post.id()).target(X_ACCOUNT).orElseThrow().state()).isEqualTo(TargetState.IN_REVIEW);
    assertThatThrownBy(() -> f.as(VIEWER).posts().audit(post.id()))
        .isInstanceOfSatisfying(AccessDeniedException.class, e -> assertThat(e.permission()).isEqualTo(Permission.AUDIT_READ));
  }

  @Test
  void a_revoked_member_loses_access_at_once_and_sees_the_workspace_as_missing() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    Session creator = f.as(CREATOR);
    creator.posts().list();
    f.as(OWNER).members().revoke(CREATOR);
    assertThatThrownBy(() -> creator.posts().list())
        .isInstanceOf(EntityNotFoundException.class)
        .hasMessage("workspace ws-acme not found in workspace ws-acme");
  }

  @Test
  void the_last_manager_cannot_be_revoked() {
    Fixture f = new Fixture(ApprovalPolicy.none());
    assertThatThrownBy(() -> f.as(OWNER).members().revoke(OWNER))
        .isInstanceOfSatisfying(dev.chorus.InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("member"));
    assertThat(f.as(OWNER).members().list()).containsKey(OWNER);
  }
}
