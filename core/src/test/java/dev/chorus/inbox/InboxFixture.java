package dev.chorus.inbox;

import dev.chorus.Chorus;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.workflow.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Chorus on a test clock with fake X and Mastodon connectors, one workspace and an account on each. */
final class InboxFixture implements AutoCloseable {

  static final ActorId OWNER = ActorId.of("olivia-owner");
  static final ActorId AGENT = ActorId.of("amy-agent");
  static final ActorId AGENT2 = ActorId.of("ben-agent");
  static final ActorId VIEWER = ActorId.of("vic-viewer");
  static final Role AGENT_ROLE = Role.custom("AGENT",
      EnumSet.of(Permission.CONTENT_READ, Permission.INBOX_READ, Permission.INBOX_REPLY, Permission.METRICS_READ));
  static final WorkspaceId WS = WorkspaceId.of("ws-inbox");

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();
  final FakeInboxConnector x = new FakeInboxConnector(Platform.X, clock);
  final FakeInboxConnector mastodon = new FakeInboxConnector(Platform.MASTODON, clock);
  final Chorus chorus;
  final SocialAccount xAccount;
  final SocialAccount mastodonAccount;

  InboxFixture() {
    this(InboxStore.inMemory());
  }

  InboxFixture(InboxStore store) {
    chorus = Chorus.builder().clock(clock).inboxStore(store).listener(events::add).connector(x).connector(mastodon)
        .inboxPollOverlap(Duration.ofMinutes(5)).build();
    chorus.createWorkspace(new Workspace(WS, "Inbox", ZoneId.of("Europe/Berlin"), ApprovalPolicy.none(),
        Map.of(OWNER, Role.OWNER, AGENT, AGENT_ROLE, AGENT2, AGENT_ROLE, VIEWER, Role.VIEWER)));
    xAccount = owner().accounts().connect(new SocialAccount(AccountId.of("acc-x"), WS, Platform.X, "@acme", "x-acme",
        ZoneOffset.UTC, CredentialsRef.of("vault:x")));
    mastodonAccount = owner().accounts().connect(new SocialAccount(AccountId.of("acc-m"), WS, Platform.MASTODON,
        "@acme@social", "m-acme", ZoneOffset.UTC, CredentialsRef.of("vault:m")));
  }

  Session owner() {
    return chorus.session(OWNER, WS);
  }

  Inbox inbox(ActorId actor) {
    return chorus.session(actor, WS).inbox();
  }

  <T extends ChorusEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    chorus.close();
  }

  /** A clock tests move by hand. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
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
