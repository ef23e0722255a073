package dev.chorus.workflow;

import dev.chorus.Chorus;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Chorus on a test clock with one workspace, its members and two accounts. */
final class Fixture {

  static final ActorId OWNER = ActorId.of("olivia-owner");
  static final ActorId CREATOR = ActorId.of("carl-creator");
  static final ActorId APPROVER = ActorId.of("ann-approver");
  static final ActorId APPROVER2 = ActorId.of("andy-approver");
  static final ActorId CLIENT = ActorId.of("cleo-client");
  static final ActorId ANALYST = ActorId.of("ali-analyst");
  static final ActorId VIEWER = ActorId.of("vic-viewer");
  static final Role CLIENT_ROLE = Role.custom("CLIENT", EnumSet.of(Permission.CONTENT_READ, Permission.POST_APPROVE));
  static final AccountId X_ACCOUNT = AccountId.of("acc-x");
  static final AccountId LI_ACCOUNT = AccountId.of("acc-li");

  final TestClock clock = new TestClock(Instant.parse("2026-03-01T09:00:00Z"));
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();
  final Chorus chorus;
  final Workspace workspace;

  Fixture(ApprovalPolicy policy) {
    this(policy, WorkspaceId.of("ws-acme"));
  }

  Fixture(ApprovalPolicy policy, WorkspaceId id) {
    chorus = Chorus.builder().clock(clock).listener(events::add).build();
    workspace = chorus.createWorkspace(workspace(id, policy));
    addAccounts(id);
  }

  static Workspace workspace(WorkspaceId id, ApprovalPolicy policy) {
    return new Workspace(
        id,
        "Acme " + id,
        ZoneId.of("Europe/Berlin"),
        policy,
        Map.of(
            OWNER, Role.OWNER,
            CREATOR, Role.CREATOR,
            APPROVER, Role.APPROVER,
            APPROVER2, Role.APPROVER,
            CLIENT, CLIENT_ROLE,
            ANALYST, Role.ANALYST,
            VIEWER, Role.VIEWER));
  }

  void addAccounts(WorkspaceId id) {
    Session owner = chorus.session(OWNER, id);
    owner.accounts().connect(account(id, X_ACCOUNT, Platform.X));
    owner.accounts().connect(account(id, LI_ACCOUNT, Platform.LINKEDIN));
  }

  static SocialAccount account(WorkspaceId ws, AccountId id, Platform platform) {
    return new SocialAccount(id, ws, platform, "@acme", "ext-" + id, ZoneId.of("Europe/Berlin"), CredentialsRef.of("vault:" + id));
  }

  Session as(ActorId actor) {
    return chorus.session(actor, workspace.id());
  }

  Post draft() {
    return as(CREATOR).posts().createDraft(PostContent.text("Spring menu is here"), X_ACCOUNT, LI_ACCOUNT);
  }

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
