package dev.chorus.benchmarks;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.connector.sandbox.SandboxPost;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.PostId;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.ConnectorResolver;
import dev.chorus.schedule.DispatchKey;
import dev.chorus.schedule.DispatchRequest;
import dev.chorus.schedule.DispatchStore;
import dev.chorus.schedule.Dispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chorus in the comparison: one {@link Dispatcher} per store. With a latency, the dispatchers publish
 * through the sandbox connector, whose every call sleeps it, and a task completes when the sandbox
 * accepts its post (the {@code createdAt} it records after the latency). The no-op task (zero
 * latency) publishes through a connector that only records the completion in the shared
 * {@link TaskBody}, as the peers' no-op task does.
 */
final class ChorusContender implements Contender {

  private static final WorkspaceId WORKSPACE = WorkspaceId.of("compare");
  private static final int ACCOUNTS = 100;

  private final List<DispatchStore> stores;
  private final SandboxPlatform platform;
  private final TaskBody body;
  private final boolean noop;
  private final Clock clock = Clock.systemUTC();
  private final ConnectorResolver resolver;
  private final int workers;
  private final int batch;
  private final Duration poll;
  private final List<Dispatcher> dispatchers = new ArrayList<>();
  private final Map<String, String> idsByKey = new HashMap<>();

  /**
   * @param stores one store per node (the same in-memory store, or one JDBC store per pool)
   * @param latency the sandbox's latency per call; zero for the no-op connector
   * @param body the no-op task's body (only used when the latency is zero)
   */
  ChorusContender(List<DispatchStore> stores, Duration latency, TaskBody body, int workers, int batch,
      Duration poll) {
    this.stores = stores;
    this.body = body;
    this.noop = latency.isZero();
    this.workers = workers;
    this.batch = batch;
    this.poll = poll;
    this.platform = SandboxPlatform.builder(clock).latency(latency).build();
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build();
    Connector sandbox = ConnectorRegistry.create(new SandboxConnectorProvider(), context,
        Map.of(SandboxConnectorProvider.API_KEY, "compare-key"));
    Connector connector = noop ? new NoopConnector(sandbox) : sandbox;
    Map<AccountId, SocialAccount> accounts = new HashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      AccountId id = AccountId.of("acc-" + i);
      accounts.put(id, new SocialAccount(id, WORKSPACE, Platform.SANDBOX, "@compare" + i, "compare-" + i,
          ZoneOffset.UTC, CredentialsRef.of("cred-" + i)));
    }
    this.resolver = d -> Optional.of(new ConnectorResolver.Resolved(connector,
        PublishRequest.text(accounts.get(d.key().account()), d.idempotencyKey(), "Task " + d.key().post())));
  }

  @Override
  public void schedule(List<String> ids, Instant due) throws Exception {
    List<DispatchKey> keys = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      DispatchKey key = DispatchKey.once(WORKSPACE, PostId.of(ids.get(i)), AccountId.of("acc-" + (i % ACCOUNTS)));
      keys.add(key);
      idsByKey.put(key.idempotencyKey(), ids.get(i));
    }
    DispatchStore store = stores.get(0);
    Parallel.forEach(keys, 8, key -> store.schedule(DispatchRequest.of(key, due)));
  }

  @Override
  public void start() {
    for (int i = 0; i < stores.size(); i++) {
      Dispatcher dispatcher = Dispatcher.builder(stores.get(i), resolver)
          .nodeId("chorus-" + (i + 1))
          .workers(workers)
          .batchSize(batch)
          .pollInterval(poll)
          .build();
      dispatchers.add(dispatcher);
      dispatcher.start();
    }
  }

  @Override
  public int finished() {
    return noop ? body.completions().distinct() : platform.publicationCount();
  }

  @Override
  public Completions completions() {
    if (noop) {
      return body.completions();
    }
    Completions completions = new Completions();
    for (SandboxPost post : platform.publications()) {
      completions.record(idsByKey.getOrDefault(post.idempotencyKey(), post.idempotencyKey()), post.createdAt());
    }
    return completions;
  }

  @Override
  public void close() {
    dispatchers.forEach(Dispatcher::close);
  }

  /** Publishes nothing: runs the no-op task body and answers at once; the sandbox's platform and capabilities. */
  private final class NoopConnector implements Connector {

    private final Connector sandbox;

    NoopConnector(Connector sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public Platform platform() {
      return sandbox.platform();
    }

    @Override
    public Capabilities capabilities() {
      return sandbox.capabilities();
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      body.run(idsByKey.get(request.idempotencyKey()));
      return PublishResult.of(request.idempotencyKey(), null, clock.instant());
    }
  }
}
