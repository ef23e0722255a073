package dev.chorus.connector.sandbox.inbox;

import dev.chorus.Chorus;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.event.ChorusEvent;
import dev.chorus.inbox.Inbox;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.Platform;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Chorus on a test clock over two sandbox platforms: one as itself ({@code sandbox}) and one
 * presented as a second platform ({@code mastodon}), with one workspace and an account on each.
 */
final class InboxEngineFixture implements AutoCloseable {

  static final ActorId OWNER = ActorId.of("olivia-owner");
  static final ActorId VIEWER = ActorId.of("vic-viewer");
  static final String API_KEY = "sandbox-inbox-key";
  static final WorkspaceId WS = WorkspaceId.of("ws-inbox");
  static final Platform SECOND = Platform.MASTODON;

  final TestClock clock;
  final SandboxPlatform sandbox;
  final SandboxPlatform second;
  final Chorus chorus;
  final SocialAccount sandboxAccount;
  final SocialAccount secondAccount;
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();

  InboxEngineFixture(Instant start, FaultPlan faults, boolean idempotencyKeys) {
    clock = new TestClock(start);
    sandbox = SandboxPlatform.builder(clock).seed(7).faultPlan(faults).idempotencyKeys(idempotencyKeys).build();
    second = SandboxPlatform.builder(clock).seed(8).build();
    sandbox.simulateInteractions(false);
    second.simulateInteractions(false);
    chorus = Chorus.builder().clock(clock).listener(events::add)
        .connector(connector(sandbox))
        .connector(new Renamed(connector(second), SECOND))
        .retryPolicy(new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), 40, 0.2))
        .build();
    chorus.createWorkspace(new Workspace(WS, "Inbox", ZoneId.of("Europe/Berlin"), ApprovalPolicy.none(),
        Map.of(OWNER, Role.OWNER, VIEWER, Role.VIEWER)));
    sandboxAccount = chorus.session(OWNER, WS).accounts().connect(new SocialAccount(AccountId.of("acc-s"), WS,
        Platform.SANDBOX, "@acme", "ext-acme", ZoneOffset.UTC, CredentialsRef.of("vault:s")));
    secondAccount = chorus.session(OWNER, WS).accounts().connect(new SocialAccount(AccountId.of("acc-m"), WS,
        SECOND, "@acme@social", "ext-acme-m", ZoneOffset.UTC, CredentialsRef.of("vault:m")));
  }

  private Connector connector(SandboxPlatform platform) {
    SandboxConnectorProvider provider = new SandboxConnectorProvider();
    return provider.create(ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build(),
        provider.configSpec().validate("sandbox", Map.of(SandboxConnectorProvider.API_KEY, API_KEY)));
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

  /**
   * A sandbox connector presented as another platform: interactions are re-labelled on the way in,
   * and it declares no {@link Capability#HIDE} (a platform that cannot hide comments).
   */
  static final class Renamed implements Connector {
    private final Connector delegate;
    private final Platform platform;

    Renamed(Connector delegate, Platform platform) {
      this.delegate = delegate;
      this.platform = platform;
    }

    @Override
    public Platform platform() {
      return platform;
    }

    @Override
    public Capabilities capabilities() {
      Capabilities c = delegate.capabilities();
      Set<Capability> features = EnumSet.copyOf(c.features());
      features.remove(Capability.HIDE);
      return new Capabilities(features, c.formats(), c.mediaKinds(), c.interactionKinds(), c.postMetrics(),
          c.accountMetrics(), c.metricsBatchSize(), c.limits());
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      return delegate.publish(request);
    }

    @Override
    public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
      Page<Interaction> page = delegate.fetchInteractions(account, query);
      return new Page<>(page.items().stream().map(Renamed.this::relabel).toList(), page.nextCursor());
    }

    Interaction relabel(Interaction i) {
      return new Interaction(platform, i.accountId(), i.externalId(), i.kind(), i.externalPostId(),
          i.parentExternalId(), i.authorId(), i.authorHandle(), i.authorName(), i.text(), i.createdAt(), i.url());
    }

    @Override
    public PublishResult reply(ReplyRequest request) {
      return delegate.reply(request);
    }
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
