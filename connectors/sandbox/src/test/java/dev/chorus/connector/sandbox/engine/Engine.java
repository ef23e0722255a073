package dev.chorus.connector.sandbox.engine;

import dev.chorus.Chorus;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.FaultPlan;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.PostTarget;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchRecord;
import dev.chorus.schedule.DispatchState;
import dev.chorus.schedule.RetryPolicy;
import dev.chorus.workflow.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A Chorus over a shared sandbox platform on a test clock, with one workspace that needs no approval. */
final class Engine implements AutoCloseable {

  static final ActorId OWNER = ActorId.of("olivia-owner");
  static final ActorId VIEWER = ActorId.of("vic-viewer");
  static final String API_KEY = "sandbox-engine-key";

  final TestClock clock;
  final SandboxPlatform platform;
  final Chorus chorus;
  final WorkspaceId workspace = WorkspaceId.of("ws-engine");
  final List<ChorusEvent> events = new CopyOnWriteArrayList<>();
  private final List<Runnable> claimHooks = new CopyOnWriteArrayList<>();

  Engine(Instant start) {
    this(start, FaultPlan.none(), b -> { }, null);
  }

  /**
   * @param connector a connector to use instead of the registry (for custom limits), or null
   */
  Engine(Instant start, FaultPlan faults, Consumer<Chorus.Builder> tweak, java.util.function.Function<TestClock, SandboxPlatform> custom) {
    clock = new TestClock(start);
    platform = custom != null ? custom.apply(clock)
        : SandboxPlatform.builder(clock).seed(7).faultPlan(faults).idempotencyKeys(false).build();
    Chorus.Builder builder = Chorus.builder()
        .clock(clock)
        .listener(event -> {
          events.add(event);
          if (event instanceof dev.chorus.schedule.DispatchEvent.Claimed) {
            claimHooks.forEach(Runnable::run);
          }
        })
        .connectors(ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build())
        .connectorContext(ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build())
        .connectorConfig(Platform.SANDBOX, Map.of(SandboxConnectorProvider.API_KEY, API_KEY))
        .nodeId("node-test")
        .retryPolicy(new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), 40, 0.2));
    tweak.accept(builder);
    chorus = builder.build();
    chorus.createWorkspace(new Workspace(workspace, "Engine test", ZoneId.of("Europe/Berlin"), ApprovalPolicy.none(),
        Map.of(OWNER, Role.OWNER, VIEWER, Role.VIEWER)));
  }

  /** A connector over this engine's platform, not guarded by the provider's default capabilities. */
  static Connector directConnector(SandboxPlatform platform, Clock clock) {
    SandboxConnectorProvider provider = new SandboxConnectorProvider();
    return provider.create(ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build(),
        provider.configSpec().validate("sandbox", Map.of(SandboxConnectorProvider.API_KEY, API_KEY)));
  }

  /** Runs the action each time a dispatch is claimed, between the claim and the attempt. */
  void onClaim(Runnable action) {
    claimHooks.add(action);
  }

  Session owner() {
    return chorus.session(OWNER, workspace);
  }

  SocialAccount account(String name, ZoneId zone) {
    return owner().accounts().connect(new SocialAccount(AccountId.of("acc-" + name), workspace, Platform.SANDBOX,
        "@" + name, "ext-" + name, zone, CredentialsRef.of("vault:" + name)));
  }

  SocialAccount account(String name) {
    return account(name, ZoneOffset.UTC);
  }

  /** A post drafted and submitted (the workspace needs no approval, so it is APPROVED). */
  Post approved(String text, AccountId... accounts) {
    Post draft = owner().posts().createDraft(PostContent.text(text), accounts);
    return owner().posts().submit(draft.id(), null);
  }

  Post post(PostId id) {
    return owner().posts().get(id);
  }

  TargetState state(PostId id, AccountId account) {
    return post(id).target(account).map(PostTarget::state).orElseThrow();
  }

  DispatchKey once(PostId post, AccountId account) {
    return DispatchKey.once(workspace, post, account);
  }

  Optional<DispatchRecord> dispatch(DispatchKey key) {
    return chorus.scheduler().dispatchStore().find(key);
  }

  /**
   * Runs the engine until {@code end}: each step runs until idle, then moves the clock to the next
   * instant anything becomes claimable (a due time, a retry, a lapsed lease), never past {@code end}.
   */
  void runUntil(Instant end) {
    for (int step = 0; step < 20_000; step++) {
      chorus.scheduler().runUntilIdle(100);
      Instant next = nextWakeUp();
      if (next == null || next.isAfter(end)) {
        if (clock.instant().isBefore(end)) {
          clock.set(end);
          chorus.scheduler().runUntilIdle(100);
        }
        return;
      }
      clock.set(next.isAfter(clock.instant()) ? next : clock.instant().plusMillis(1));
    }
    throw new AssertionError("the engine did not settle");
  }

  private Instant nextWakeUp() {
    Instant next = null;
    for (Post post : chorus.store().posts(workspace)) {
      for (PostTarget target : post.targets()) {
        for (DispatchRecord d : chorus.scheduler().dispatches(workspace, post.id(), target.accountId())) {
          Instant at = d.state() == DispatchState.PENDING ? d.nextAttemptAt()
              : d.state() == DispatchState.CLAIMED ? d.leaseExpiresAt() : null;
          if (at != null && !chorus.scheduler().dispatchStore().pauses().keySet().stream().anyMatch(p -> p.covers(d.key()))
              && (next == null || at.isBefore(next))) {
            next = at;
          }
        }
      }
    }
    return next;
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
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
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
