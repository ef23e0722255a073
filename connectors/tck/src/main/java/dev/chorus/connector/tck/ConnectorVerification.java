package dev.chorus.connector.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.ConnectorSpi;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Poll;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import dev.chorus.text.CountingRule;
import dev.chorus.text.TextRules;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The connector TCK. A plugin author extends this class in their own test sources and supplies the
 * provider, a configuration pointing at the TCK's WireMock server, a {@link PlatformStub} that
 * speaks the platform's wire format, and an account; every numbered rule then runs as a JUnit 5
 * test. {@code required_*} rules apply to every connector; {@code optional_*} rules are skipped,
 * with a reason naming the capability, when the connector does not declare it.
 *
 * <p>Connectors are created straight from the provider (after the configuration has been validated
 * against its spec), not through {@link ConnectorRegistry}, so the connector itself is proven and
 * not the registry's guard around it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConnectorVerification {

  /** The longest a rule that involves a rate limit may take on the wall clock. */
  private static final Duration WALL_CLOCK_BUDGET = Duration.ofSeconds(5);

  /** How far ahead of the test clock the TCK puts a rate-limit reset. */
  private static final Duration RESET_AHEAD = Duration.ofSeconds(30);

  private WireMockServer wireMock;
  private DefaultTckEnvironment env;
  private PlatformStub stub;
  private final List<Connector> open = new ArrayList<>();
  private ConnectorContext context;

  /** For subclasses. */
  protected ConnectorVerification() {}

  /** The provider under test; a new instance or the same one on every call. */
  protected abstract ConnectorProvider provider();

  /**
   * A valid configuration as raw text values, pointing the connector at {@link
   * TckEnvironment#baseUrl()} and using {@link TckEnvironment#canarySecret()} for every secret.
   */
  protected abstract Map<String, String> config(TckEnvironment env);

  /** The stub that arranges the platform's behaviour; created once per class. */
  protected abstract PlatformStub stub(TckEnvironment env);

  /** The account every rule acts for. */
  protected abstract SocialAccount account();

  /**
   * The context connectors are created with, called once before every rule so that no state (such
   * as a rate-limit tracker) carries over from one rule to the next. It must use {@link
   * TckEnvironment#clock()}, and whatever waits in the connector must wait through {@link
   * TckEnvironment#sleep}; for connectors on {@code chorus-connector-http} that means an {@code
   * HttpRuntime} extension built with {@code .clock(env.clock()).sleeper(env::sleep)}. The default
   * has the clock and no extensions.
   */
  protected ConnectorContext context(TckEnvironment env) {
    return ConnectorContext.of(env.clock());
  }

  /**
   * Releases what {@link #context} made, after every rule and after the rule's connectors were
   * closed; for example closes the {@code HttpRuntime}. The default does nothing.
   */
  protected void release(ConnectorContext context) {}

  /**
   * A publish request the platform accepts, with the text. The default is a text-only feed post;
   * override it when the platform needs media or another format.
   */
  protected PublishRequest publishRequest(SocialAccount account, String text) {
    return PublishRequest.text(account, "tck-" + Integer.toHexString(text.hashCode()), text);
  }

  /**
   * A media item of the kind that passes the declared limits, used to build requests with too many
   * items. The default has only the kind, a source and a MIME type, so no size or dimension limit
   * applies; override it when the declared MIME types exclude the default.
   */
  protected MediaAsset mediaItem(MediaKind kind, int index) {
    MediaLimit limit = provider().capabilities().limits().media(kind).orElseThrow();
    String mime = limit.mimeTypes().isEmpty() ? defaultMime(kind) : limit.mimeTypes().iterator().next();
    return MediaAsset.builder(kind, URI.create("https://media.example/tck/" + index), mime).build();
  }

  private static String defaultMime(MediaKind kind) {
    switch (kind) {
      case VIDEO:
        return "video/mp4";
      case GIF:
        return "image/gif";
      default:
        return "image/jpeg";
    }
  }

  /** The environment of the running class, for subclasses that add their own rules. */
  protected final TckEnvironment environment() {
    return env;
  }

  @BeforeAll
  final void startPlatform() {
    wireMock = new WireMockServer(WireMockConfiguration.options()
        .dynamicPort()
        .bindAddress("127.0.0.1")
        .notifier(new QuietNotifier()));
    wireMock.start();
    env = new DefaultTckEnvironment(wireMock);
    stub = stub(env);
  }

  @AfterAll
  final void stopPlatform() {
    if (wireMock != null) {
      wireMock.stop();
    }
  }

  @BeforeEach
  final void resetPlatform() {
    env.reset();
    wireMock.resetAll();
    stub.reset();
    context = context(env);
    assertSame(env.clock(), context.clock(), "the context must use env.clock()");
  }

  @AfterEach
  final void closeConnectors() {
    for (Connector connector : open) {
      try {
        connector.close();
      } catch (RuntimeException ignored) {
        // closing is best effort between rules
      }
    }
    open.clear();
    if (context != null) {
      release(context);
      context = null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rules

  /** Rule 01. */
  @Test
  @DisplayName("01 The provider is discoverable through ServiceLoader and ConnectorRegistry, speaks this SPI version and declares consistent capabilities")
  public void required_01_discovery() {
    ConnectorProvider provider = provider();
    assertEquals(ConnectorSpi.VERSION, provider.spiVersion(),
        "the provider must speak SPI version " + ConnectorSpi.VERSION);
    ClassLoader loader = provider.getClass().getClassLoader();
    boolean listed = ServiceLoader.load(ConnectorProvider.class, loader).stream()
        .anyMatch(p -> p.type().equals(provider.getClass()));
    assertTrue(listed, provider.getClass().getName()
        + " is not listed in META-INF/services/" + ConnectorProvider.class.getName());
    ConnectorRegistry registry = ConnectorRegistry.builder().discover(loader).build();
    Optional<ConnectorProvider> found = registry.provider(provider.platform());
    assertTrue(found.isPresent(), "ConnectorRegistry.discover() does not serve " + provider.platform());
    assertEquals(provider.getClass(), found.get().getClass(), "ConnectorRegistry serves another provider");

    Capabilities caps = provider.capabilities();
    List<String> problems = new ArrayList<>();
    consistent(problems, caps.supports(Capability.POST_METRICS), !caps.postMetrics().isEmpty(),
        "POST_METRICS and the post metrics it reports");
    consistent(problems, caps.supports(Capability.ACCOUNT_METRICS), !caps.accountMetrics().isEmpty(),
        "ACCOUNT_METRICS and the account metrics it reports");
    consistent(problems, caps.supports(Capability.INTERACTIONS), !caps.interactionKinds().isEmpty(),
        "INTERACTIONS and the interaction kinds");
    consistent(problems, !caps.mediaKinds().isEmpty(), caps.limits().maxMediaPerPost() > 0,
        "media kinds and maxMediaPerPost");
    if (caps.supports(Capability.POLL) && caps.limits().pollMaxOptions() == null) {
      problems.add("POLL is declared without pollMaxOptions");
    }
    if (caps.supports(PostFormat.THREAD) && caps.limits().maxThreadParts() == null) {
      problems.add("the THREAD format is declared without maxThreadParts");
    }
    if (caps.supports(PostFormat.CAROUSEL) && caps.limits().carouselMax() == null) {
      problems.add("the CAROUSEL format is declared without carousel bounds");
    }
    assertTrue(problems.isEmpty(), "inconsistent capabilities: " + problems);

    Connector connector = connector();
    assertEquals(provider.platform(), connector.platform(), "the connector reports another platform");
    assertEquals(caps, connector.capabilities(), "the connector declares other capabilities than its provider");
    Connector registered = ConnectorRegistry.create(provider, context, config(env));
    open.add(registered);
    assertEquals(caps, registered.capabilities());
    assertEquals(0, stub.requestCount(), "discovering and creating a connector must not call the platform");
  }

  private static void consistent(List<String> problems, boolean a, boolean b, String what) {
    if (a != b) {
      problems.add(what + " must be declared together");
    }
  }

  /** Rule 02. */
  @Test
  @DisplayName("02 The configuration spec accepts the sample configuration and rejects missing and wrong-typed settings with a ConfigException naming the setting, before the connector is created")
  public void required_02_config_validation() {
    ConnectorProvider provider = provider();
    String platform = provider.platform().id();
    Map<String, String> valid = config(env);
    provider.configSpec().validate(platform, valid);
    assertTrue(valid.values().stream().anyMatch(v -> v.contains(env.canarySecret())),
        "the configuration must use env.canarySecret() for its secrets");
    for (Map.Entry<String, String> entry : valid.entrySet()) {
      Optional<ConfigOption> option = provider.configSpec().option(entry.getKey());
      assertTrue(option.isPresent(), "config(env) sets undeclared setting " + entry.getKey());
      if (entry.getValue().contains(env.canarySecret())) {
        assertTrue(option.get().secret(), "setting " + entry.getKey() + " carries a secret but is not declared secret");
      }
    }
    for (ConfigOption option : provider.configSpec().options()) {
      if (option.required()) {
        Map<String, String> missing = new LinkedHashMap<>(valid);
        missing.remove(option.name());
        expectConfigError(provider, missing, option.name(), "without required setting " + option.name());
      }
    }
    for (String name : valid.keySet()) {
      // Every setting either has a usable default or is reported as missing; nothing else may fail.
      Map<String, String> without = new LinkedHashMap<>(valid);
      without.remove(name);
      try {
        open.add(ConnectorRegistry.create(provider, context, without));
      } catch (ConfigException e) {
        assertTrue(names(e, name), "without " + name + " the ConfigException names other settings: " + e.problems());
      } catch (RuntimeException e) {
        fail("without setting " + name + " creating the connector failed with " + e.getClass().getName()
            + " instead of a ConfigException naming " + name, e);
      }
    }
    for (ConfigOption option : provider.configSpec().options()) {
      if (!option.secret() && option.type() != ConfigType.STRING && option.type() != ConfigType.LIST) {
        Map<String, String> wrong = new LinkedHashMap<>(valid);
        wrong.put(option.name(), "not a " + option.type().name().toLowerCase(java.util.Locale.ROOT) + " ::");
        expectConfigError(provider, wrong, option.name(), "with a wrong-typed " + option.name());
      }
    }
    assertEquals(0, stub.requestCount(), "configuration checks must not call the platform");
  }

  private void expectConfigError(ConnectorProvider provider, Map<String, String> raw, String name, String when) {
    try {
      Connector created = ConnectorRegistry.create(provider, context, raw);
      open.add(created);
      fail(when + " the connector was created; expected a ConfigException naming " + name);
    } catch (ConfigException e) {
      assertTrue(names(e, name), when + " the ConfigException does not name it: " + e.problems());
    } catch (RuntimeException e) {
      fail(when + " creation failed with " + e.getClass().getName() + " instead of a ConfigException", e);
    }
  }

  private static boolean names(ConfigException e, String name) {
    return e.problems().stream().anyMatch(p -> p.startsWith(name));
  }

  /** Rule 03. */
  @Test
  @DisplayName("03 Every operation of an undeclared capability throws UnsupportedCapabilityException without any request reaching the platform")
  public void required_03_undeclared_capability_fails_without_io() {
    Connector connector = connector();
    Capabilities caps = connector.capabilities();
    SocialAccount account = account();
    PublishRequest sample = publishRequest(account, "TCK undeclared capability check");
    Instant now = env.clock().instant();
    Map<Capability, Consumer<Connector>> operations = new LinkedHashMap<>();
    operations.put(Capability.PUBLISH, c -> c.publish(sample));
    operations.put(Capability.DELETE, c -> c.delete(account, "tck-post-1"));
    operations.put(Capability.RECONCILE, c -> c.reconcile(sample, now));
    operations.put(Capability.POST_METRICS, c -> c.fetchMetrics(account, List.of("tck-post-1")));
    operations.put(Capability.ACCOUNT_METRICS, c -> c.fetchAccountMetrics(account));
    operations.put(Capability.INTERACTIONS,
        c -> c.fetchInteractions(account, InteractionQuery.firstPage(EnumSet.allOf(InteractionKind.class))));
    operations.put(Capability.REPLY,
        c -> c.reply(new ReplyRequest(account, "tck-post-1", "TCK reply", "tck-reply-1")));
    operations.put(Capability.HIDE, c -> c.hide(account, "tck-comment-1", true));
    operations.put(Capability.SEARCH, c -> c.search(account, SearchQuery.of(SearchTerm.hashtag("chorus"))));
    operations.put(Capability.PUBLIC_PROFILES, c -> c.lookupProfile(account, "tck-profile", 10));
    if (caps.supports(Capability.PUBLISH)) {
      operations.put(Capability.NATIVE_SCHEDULING, c -> c.publish(sample.publishAt(now.plus(Duration.ofHours(2)))));
      operations.put(Capability.POLL,
          c -> c.publish(sample.withPoll(new Poll(List.of("yes", "no"), Duration.ofDays(1)))));
      operations.put(Capability.FIRST_COMMENT, c -> c.publish(sample.withFirstComment("TCK first comment")));
    }
    List<String> checked = new ArrayList<>();
    for (Map.Entry<Capability, Consumer<Connector>> operation : operations.entrySet()) {
      Capability capability = operation.getKey();
      if (caps.supports(capability)) {
        continue;
      }
      wireMock.resetRequests();
      stub.reset();
      try {
        operation.getValue().accept(connector);
        fail("the operation of undeclared capability " + capability + " did not throw UnsupportedCapabilityException");
      } catch (UnsupportedCapabilityException e) {
        assertEquals(capability, e.capability(), "the exception names the wrong capability");
        assertEquals(connector.platform(), e.platform());
      } catch (RuntimeException e) {
        fail("undeclared capability " + capability + " threw " + e.getClass().getName()
            + " instead of UnsupportedCapabilityException", e);
      }
      assertEquals(0, stub.requestCount(),
          "undeclared capability " + capability + " sent requests to the platform");
      checked.add(capability.name());
    }
    if (caps.supports(Capability.INTERACTIONS)) {
      Set<InteractionKind> undeclared = EnumSet.allOf(InteractionKind.class);
      undeclared.removeAll(caps.interactionKinds());
      if (!undeclared.isEmpty()) {
        stub.reset();
        try {
          connector.fetchInteractions(account, InteractionQuery.firstPage(undeclared));
          fail("fetching undeclared interaction kinds " + undeclared + " did not throw UnsupportedCapabilityException");
        } catch (UnsupportedCapabilityException expected) {
          assertEquals(0, stub.requestCount(), "fetching undeclared interaction kinds sent requests");
        }
        checked.add("interaction kinds " + undeclared);
      }
    }
    assumeTrue(!checked.isEmpty(), "the connector declares every capability this rule checks");
  }

  /** Rule 04. */
  @Test
  @DisplayName("04 Each platform failure maps to its typed ConnectorException with the platform, HTTP status and request id, retryable only when a retry may help")
  public void required_04_failures_map_to_typed_errors() {
    requireCapability(Capability.PUBLISH);
    Connector connector = connector();
    Map<PlatformStub.Failure, Class<? extends ConnectorException>> expected = new LinkedHashMap<>();
    expected.put(PlatformStub.Failure.AUTHENTICATION_EXPIRED, AuthenticationExpiredException.class);
    expected.put(PlatformStub.Failure.PERMISSION_DENIED, PermissionDeniedException.class);
    expected.put(PlatformStub.Failure.NOT_FOUND, NotFoundException.class);
    expected.put(PlatformStub.Failure.CONTENT_REJECTED, ContentRejectedException.class);
    expected.put(PlatformStub.Failure.UNAVAILABLE, PlatformUnavailableException.class);
    for (Map.Entry<PlatformStub.Failure, Class<? extends ConnectorException>> entry : expected.entrySet()) {
      PlatformStub.Failure failure = entry.getKey();
      String requestId = "tck-req-" + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      String reason = "TCK says no: " + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      stub.reset();
      stub.publishFails(failure, requestId, reason);
      ConnectorException thrown = publishExpectingFailure(connector, "TCK failure " + failure, failure.name());
      assertSame(entry.getValue(), thrown.getClass(), failure + " must map to " + entry.getValue().getSimpleName()
          + " but was " + thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
      assertEquals(Optional.of(requestId), thrown.requestId(), failure + " lost the platform's request id");
      assertEquals(connector.platform(), thrown.platform(), failure + " names the wrong platform");
      assertTrue(thrown.httpStatus().isPresent(), failure + " carries no HTTP status");
      assertEquals(failure == PlatformStub.Failure.UNAVAILABLE, thrown.retryable(),
          failure + " has the wrong retryable()");
      assertFalse(thrown.outcomeUnknown(), failure + ": the platform answered, so the outcome is known");
      assertTrue(thrown.getMessage().contains(requestId), failure + ": the message lacks the request id");
      if (failure == PlatformStub.Failure.CONTENT_REJECTED) {
        assertTrue(thrown.getMessage().contains(reason), "the content rejection lacks the platform's reason");
        assertTrue(((ContentRejectedException) thrown).reason().contains(reason));
      }
    }
  }

  private ConnectorException publishExpectingFailure(Connector connector, String text, String what) {
    try {
      PublishResult result = connector.publish(publishRequest(account(), text));
      fail(what + ": publish returned " + result + " instead of failing");
      return null;
    } catch (ConnectorException e) {
      return e;
    } catch (RuntimeException e) {
      fail(what + ": publish threw " + e.getClass().getName() + ", which is not a ConnectorException", e);
      return null;
    }
  }

  /** Rule 05. */
  @Test
  @DisplayName("05 A rate limit is honoured on the test clock without sleeping: RateLimitedException with the reset instant, or a wait through the injected sleeper until the reset and then success")
  public void required_05_rate_limit_honoured_without_sleeping() {
    requireCapability(Capability.PUBLISH);
    Connector connector = connector();
    Instant resetAt = env.clock().instant().plus(RESET_AHEAD);
    stub.publishRateLimited(resetAt, "tck-req-rate-limited");
    stub.publishSucceeds("tck-after-reset");
    long wallStart = System.nanoTime();
    Object outcome = assertTimeoutPreemptively(WALL_CLOCK_BUDGET, () -> {
      try {
        return connector.publish(publishRequest(account(), "TCK rate limit"));
      } catch (RuntimeException e) {
        return e;
      }
    }, "the connector slept for real instead of waiting on the injected sleeper and test clock");
    Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
    assertTrue(wall.compareTo(WALL_CLOCK_BUDGET) < 0, "the rule took " + wall + " of wall-clock time");
    if (outcome instanceof RateLimitedException limited) {
      assertTrue(limited.retryAt().isPresent(), "RateLimitedException without retryAt: " + limited.getMessage());
      Duration off = Duration.between(resetAt, limited.retryAt().get()).abs();
      assertTrue(off.compareTo(Duration.ofSeconds(1)) <= 0,
          "retryAt " + limited.retryAt().get() + " is not the platform's reset " + resetAt);
      assertTrue(limited.retryable(), "an ordinary rate limit is retryable");
      assertEquals(Optional.of("tck-req-rate-limited"), limited.requestId(), "the rate limit lost the request id");
    } else if (outcome instanceof PublishResult result) {
      assertEquals("tck-after-reset", result.externalId());
      assertFalse(env.waits().isEmpty(), "the connector succeeded after a rate limit without waiting through the sleeper");
      Duration waited = env.waits().stream().reduce(Duration.ZERO, Duration::plus);
      assertTrue(!env.clock().instant().isBefore(resetAt.minusSeconds(1)),
          "the connector retried at " + env.clock().instant() + ", before the reset at " + resetAt
              + " (waited " + waited + ")");
      assertTrue(stub.requestCount() >= 2, "the publish after the wait did not reach the platform");
    } else {
      RuntimeException other = (RuntimeException) outcome;
      fail("a rate limit surfaced as " + other.getClass().getName() + " instead of RateLimitedException", other);
    }
  }

  /** Rule 06. */
  @Test
  @DisplayName("06 Paging through interactions terminates and returns every item once without repeating a cursor")
  public void optional_06_pagination_terminates() {
    requireCapability(Capability.INTERACTIONS);
    Connector connector = connector();
    int pages = 3;
    int perPage = 4;
    stub.interactions(pages, perPage);
    Set<InteractionKind> kinds = connector.capabilities().interactionKinds();
    Set<String> cursors = new HashSet<>();
    List<Interaction> items = new ArrayList<>();
    String cursor = null;
    int fetched = 0;
    do {
      Page<Interaction> page = connector.fetchInteractions(
          account(), new InteractionQuery(kinds, null, cursor, perPage));
      fetched++;
      items.addAll(page.items());
      cursor = page.nextCursor();
      if (cursor != null) {
        assertTrue(cursors.add(cursor), "the connector repeated cursor " + cursor + " after page " + fetched);
      }
      assertTrue(fetched <= pages, "paging did not stop after the platform's last page (" + pages + " pages)");
    } while (cursor != null);
    assertEquals(pages, fetched, "paging stopped early");
    assertEquals(pages * perPage, items.size(), "the pages did not return every item");
    assertEquals(items.size(), items.stream().map(Interaction::externalId).distinct().count(),
        "an interaction was returned twice");
    for (Interaction item : items) {
      assertEquals(connector.platform(), item.platform());
      assertEquals(account().id(), item.accountId(), "an interaction belongs to another account");
      assertTrue(kinds.contains(item.kind()), "an interaction of undeclared kind " + item.kind());
    }
  }

  /** Rule 07. */
  @Test
  @DisplayName("07 The canary secret appears in no log line, toString or exception message during a publish, a failure and a configuration error")
  public void required_07_no_secret_leaks() {
    String canary = env.canarySecret();
    List<String> leaks = new ArrayList<>();
    ch.qos.logback.classic.Logger root = rootLogger();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(root.getLoggerContext());
    appender.start();
    // Every logger to TRACE, and the appender wherever events would not reach the root.
    Map<ch.qos.logback.classic.Logger, Level> levels = new LinkedHashMap<>();
    List<ch.qos.logback.classic.Logger> attached = new ArrayList<>();
    for (ch.qos.logback.classic.Logger logger : root.getLoggerContext().getLoggerList()) {
      if (logger.getLevel() != null) {
        levels.put(logger, logger.getLevel());
        logger.setLevel(Level.TRACE);
      }
      if (logger == root || !logger.isAdditive()) {
        logger.addAppender(appender);
        attached.add(logger);
      }
    }
    try {
      Connector connector = connector();
      check(leaks, "connector.toString()", String.valueOf(connector), canary);
      ConnectorConfig config = provider().configSpec().validate(provider().platform().id(), config(env));
      check(leaks, "config.toString()", String.valueOf(config), canary);
      check(leaks, "context.toString()", String.valueOf(context), canary);
      if (connector.capabilities().supports(Capability.PUBLISH)) {
        stub.publishSucceeds("tck-canary-post");
        PublishResult result = connector.publish(publishRequest(account(), "TCK canary publish"));
        check(leaks, "PublishResult.toString()", String.valueOf(result), canary);
        for (PlatformStub.Failure failure : List.of(
            PlatformStub.Failure.AUTHENTICATION_EXPIRED, PlatformStub.Failure.UNAVAILABLE)) {
          stub.reset();
          stub.publishFails(failure, "tck-req-canary", "TCK canary failure");
          try {
            connector.publish(publishRequest(account(), "TCK canary failure"));
            leaks.add("(publish after " + failure + " did not fail)");
          } catch (RuntimeException e) {
            checkThrowable(leaks, "exception after " + failure, e, canary);
          }
        }
      }
      // The secrets stay in place; an unknown setting makes the configuration invalid.
      Map<String, String> broken = new LinkedHashMap<>(config(env));
      broken.put("tck.unknown.setting", "x");
      try {
        open.add(ConnectorRegistry.create(provider(), context, broken));
        leaks.add("(a broken configuration was accepted)");
      } catch (RuntimeException e) {
        checkThrowable(leaks, "configuration error", e, canary);
      }
    } finally {
      attached.forEach(logger -> logger.detachAppender(appender));
      levels.forEach(ch.qos.logback.classic.Logger::setLevel);
      appender.stop();
    }
    for (ILoggingEvent event : appender.list) {
      if (event.getLoggerName().startsWith("wiremock") || event.getLoggerName().startsWith("WireMock")) {
        continue;
      }
      String where = "log line of " + event.getLoggerName() + " at " + event.getLevel();
      check(leaks, where, event.getFormattedMessage(), canary);
      check(leaks, where + " (pattern)", event.getMessage(), canary);
      if (event.getArgumentArray() != null) {
        for (Object argument : event.getArgumentArray()) {
          check(leaks, where + " (argument)", String.valueOf(argument), canary);
        }
      }
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        check(leaks, where + " (throwable)", t.getMessage(), canary);
      }
    }
    assertTrue(leaks.isEmpty(), "the canary secret leaked into: " + leaks);
  }

  private static void checkThrowable(List<String> leaks, String where, Throwable thrown, String canary) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      check(leaks, where + " (" + t.getClass().getSimpleName() + " message)", t.getMessage(), canary);
      check(leaks, where + " (" + t.getClass().getSimpleName() + " toString)", t.toString(), canary);
      for (Throwable suppressed : t.getSuppressed()) {
        check(leaks, where + " (suppressed)", String.valueOf(suppressed), canary);
      }
    }
  }

  private static void check(List<String> leaks, String where, String text, String canary) {
    if (text != null && text.contains(canary)) {
      leaks.add(where);
    }
  }

  private static ch.qos.logback.classic.Logger rootLogger() {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (!(root instanceof ch.qos.logback.classic.Logger logback)) {
      fail("rule 07 needs Logback as the SLF4J binding on the test class path, found " + root.getClass().getName());
      return null;
    }
    return logback;
  }

  /** Rule 08. */
  @Test
  @DisplayName("08 validate reports every declared limit at once, counting text by the platform's rule, without calling the platform")
  public void required_08_validate_catches_every_declared_limit() {
    Connector connector = connector();
    Capabilities caps = connector.capabilities();
    Limits limits = caps.limits();
    SocialAccount account = account();
    PublishRequest base = publishRequest(account, "TCK limits");
    assertTrue(connector.validate(base).valid(), "the sample request is invalid: " + connector.validate(base).violations());

    TextLimit text = limits.text();
    String atLimit = textAtLimit(text);
    ValidationResult fits = connector.validate(base.withText(atLimit));
    assertFalse(fits.violates("text.length"), "a text of exactly " + text.max() + " by the "
        + text.rule() + " rule was reported too long: " + fits.violations());

    List<String> expectedRules = new ArrayList<>();
    StringBuilder crowded = new StringBuilder();
    if (limits.maxHashtags() != null) {
      for (int i = 0; i <= limits.maxHashtags(); i++) {
        crowded.append("#tck").append(i).append(' ');
      }
      expectedRules.add("hashtags.count");
    }
    if (limits.maxMentions() != null) {
      for (int i = 0; i <= limits.maxMentions(); i++) {
        crowded.append("@tck").append(i).append(' ');
      }
      expectedRules.add("mentions.count");
    }
    String over = crowded + textOverLimit(text);
    expectedRules.add("text.length");
    PublishRequest everything = base.withText(over);
    if (!caps.mediaKinds().isEmpty()) {
      MediaKind kind = caps.mediaKinds().iterator().next();
      List<MediaAsset> media = new ArrayList<>();
      for (int i = 0; i <= limits.maxMediaPerPost(); i++) {
        media.add(mediaItem(kind, i));
      }
      everything = everything.withMedia(media);
      expectedRules.add("media.count");
    }
    expectViolations(connector, everything, expectedRules, "a post over every declared limit");

    if (caps.supports(PostFormat.CAROUSEL) && limits.carouselMax() != null && !caps.mediaKinds().isEmpty()) {
      MediaKind kind = caps.mediaKinds().iterator().next();
      List<MediaAsset> tooMany = new ArrayList<>();
      for (int i = 0; i <= limits.carouselMax(); i++) {
        tooMany.add(mediaItem(kind, i));
      }
      expectViolations(connector, base.withFormat(PostFormat.CAROUSEL).withMedia(tooMany),
          List.of("carousel.max"), "a carousel of " + tooMany.size() + " items");
      if (limits.carouselMin() != null && limits.carouselMin() > 1) {
        List<MediaAsset> tooFew = tooMany.subList(0, limits.carouselMin() - 1);
        expectViolations(connector, base.withFormat(PostFormat.CAROUSEL).withMedia(tooFew),
            List.of("carousel.min"), "a carousel of " + tooFew.size() + " items");
      }
    }
    if (caps.supports(PostFormat.THREAD) && limits.maxThreadParts() != null) {
      List<ThreadPart> parts = new ArrayList<>();
      for (int i = 0; i <= limits.maxThreadParts(); i++) {
        parts.add(ThreadPart.of("TCK part " + i));
      }
      expectViolations(connector, base.withThreadParts(parts), List.of("thread.parts"),
          "a thread of " + parts.size() + " parts");
    }
    if (caps.supports(Capability.POLL) && limits.pollMaxOptions() != null) {
      List<String> options = new ArrayList<>();
      for (int i = 0; i <= limits.pollMaxOptions(); i++) {
        options.add("option " + i);
      }
      expectViolations(connector, base.withPoll(new Poll(options, Duration.ofDays(1))), List.of("poll.options"),
          "a poll of " + options.size() + " options");
    }
    assertEquals(0, stub.requestCount(), "validate must not call the platform");
  }

  private static void expectViolations(Connector connector, PublishRequest request, List<String> rules, String what) {
    ValidationResult result = connector.validate(request);
    List<String> missing = rules.stream().filter(rule -> !result.violates(rule)).toList();
    assertTrue(missing.isEmpty(), "validate missed " + missing + " for " + what + "; it reported "
        + result.violations().stream().map(Violation::rule).toList());
  }

  /** A text that is exactly at the limit by the rule, and longer by at least one other common count. */
  static String textAtLimit(TextLimit limit) {
    int max = limit.max();
    String text;
    switch (limit.rule()) {
      case GRAPHEMES:
      case MASTODON:
        // one grapheme, two UTF-16 units each: a connector counting String.length() over-reports
        text = "e\u0301".repeat(max);
        break;
      case CODE_POINTS:
        text = new String(Character.toChars(0x1F600)).repeat(max);
        break;
      default:
        text = "a".repeat(max);
        break;
    }
    int counted = count(limit, text);
    if (counted != max) {
      throw new IllegalStateException("TCK text for " + limit + " counts " + counted);
    }
    return text;
  }

  /** A text just over the limit by the rule, and within it by {@link String#length()} where the rule allows. */
  static String textOverLimit(TextLimit limit) {
    int max = limit.max();
    String text;
    switch (limit.rule()) {
      case X_WEIGHTED:
        text = "\u6f22".repeat(max / 2 + 1);
        break;
      case UTF8_BYTES:
        text = "\u00e9".repeat(max / 2 + 1);
        break;
      case UTF16_UNITS:
        text = new String(Character.toChars(0x1F600)).repeat(max / 2 + 1);
        break;
      default:
        text = "a".repeat(max + 1);
        break;
    }
    if (count(limit, text) <= max) {
      throw new IllegalStateException("TCK text for " + limit + " is not over the limit");
    }
    return text;
  }

  private static int count(TextLimit limit, String text) {
    return limit.rule() == CountingRule.MASTODON
        ? TextRules.mastodon(limit.urlWeight()).count(text)
        : TextRules.count(limit.rule(), text);
  }

  /** Rule 09. */
  @Test
  @DisplayName("09 After a publish, reconcile finds the post the platform holds, and finds nothing when no post matches")
  public void optional_09_publish_then_reconcile() {
    requireCapability(Capability.RECONCILE);
    requireCapability(Capability.PUBLISH);
    Connector connector = connector();
    String text = "TCK reconcile me";
    PublishRequest request = publishRequest(account(), text);
    Instant attemptedAt = env.clock().instant();
    stub.publishSucceeds("tck-reconciled-1");
    stub.existingPost("tck-reconciled-1", request.text(), attemptedAt);
    PublishResult published = connector.publish(request);
    assertEquals("tck-reconciled-1", published.externalId());
    Optional<PublishResult> found = connector.reconcile(request, attemptedAt);
    assertTrue(found.isPresent(), "reconcile did not find the post the platform holds");
    assertEquals("tck-reconciled-1", found.get().externalId());

    stub.reset();
    stub.existingPost("tck-unrelated-1", "an unrelated post by the same account", attemptedAt);
    Optional<PublishResult> none = connector.reconcile(request, attemptedAt);
    assertTrue(none.isEmpty(), "reconcile matched an unrelated post: " + none);
  }

  /** Rule 10. */
  @Test
  @DisplayName("10 Metrics requests ask for no more posts than the declared batch size and cover every post")
  public void optional_10_metrics_respect_batch_size() {
    requireCapability(Capability.POST_METRICS);
    Connector connector = connector();
    int batch = connector.capabilities().metricsBatchSize();
    int n = (int) Math.ceil(batch * 2.5);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("tck-metrics-" + i);
    }
    stub.metricsFor(ids);
    List<MetricSnapshot> snapshots = connector.fetchMetrics(account(), ids);
    List<Integer> sizes = stub.metricsRequestSizes();
    assertTrue(sizes.stream().allMatch(size -> size <= batch),
        "a metrics request asked for more than the batch size " + batch + ": " + sizes);
    assertEquals((n + batch - 1) / batch, sizes.size(), "expected ceil(" + n + "/" + batch + ") requests: " + sizes);
    assertEquals(n, sizes.stream().mapToInt(Integer::intValue).sum(), "the requests did not cover every post once");
    assertEquals(Set.copyOf(ids), snapshots.stream().map(MetricSnapshot::externalPostId).collect(Collectors.toSet()),
        "not one snapshot per post");
    assertEquals(n, snapshots.size(), "not one snapshot per post");
    for (MetricSnapshot snapshot : snapshots) {
      assertEquals(env.clock().instant(), snapshot.capturedAt(), "capturedAt must come from the injected clock");
      assertTrue(connector.capabilities().postMetrics().containsAll(snapshot.values().keySet()),
          "a snapshot reports undeclared metrics " + snapshot.values().keySet());
    }
  }

  /** Rule 11. */
  @Test
  @DisplayName("11 delete removes a published post with a single call")
  public void optional_11_delete() {
    requireCapability(Capability.DELETE);
    arranged(s -> s.deleteSucceeds("tck-delete-1"), "deletes");
    Connector connector = connector();
    connector.delete(account(), "tck-delete-1");
    assertTrue(stub.requestCount() >= 1, "delete did not reach the platform");
  }

  /** Rule 12. */
  @Test
  @DisplayName("12 reply answers an interaction and returns the platform's id for the reply")
  public void optional_12_reply() {
    requireCapability(Capability.REPLY);
    arranged(s -> s.replySucceeds("tck-reply-1"), "replies");
    Connector connector = connector();
    PublishResult reply = connector.reply(new ReplyRequest(account(), "tck-parent-1", "TCK reply", "tck-reply-key"));
    assertEquals("tck-reply-1", reply.externalId());
  }

  /** Rule 13. */
  @Test
  @DisplayName("13 Account metrics are an account-level snapshot on the injected clock with only declared metrics")
  public void optional_13_account_metrics() {
    requireCapability(Capability.ACCOUNT_METRICS);
    arranged(s -> s.accountFollowers(4242), "account metrics");
    Connector connector = connector();
    MetricSnapshot snapshot = connector.fetchAccountMetrics(account());
    assertTrue(snapshot.accountLevel(), "an account snapshot must not name a post");
    assertEquals(account().id(), snapshot.accountId());
    assertEquals(env.clock().instant(), snapshot.capturedAt(), "capturedAt must come from the injected clock");
    assertTrue(connector.capabilities().accountMetrics().containsAll(snapshot.values().keySet()),
        "the snapshot reports undeclared metrics " + snapshot.values().keySet());
    if (connector.capabilities().accountMetrics().contains(Metric.FOLLOWERS)) {
      assertEquals(java.util.OptionalLong.of(4242), snapshot.value(Metric.FOLLOWERS));
    }
  }

  /** Rule 14. */
  @Test
  @DisplayName("14 search returns the platform's posts with their ids, authors and public counters (absent ones absent, not zero), on the injected clock, and its cursor fetches the next page until the last")
  public void optional_14_search_pages() {
    requireCapability(Capability.SEARCH);
    Set<SearchTerm.Kind> kinds = stub.searchableKinds();
    assumeTrue(!kinds.isEmpty(), "skipped: the platform stub can search no kind of term");
    SearchTerm term = kinds.contains(SearchTerm.Kind.HASHTAG) ? SearchTerm.hashtag("tckfound")
        : kinds.contains(SearchTerm.Kind.KEYWORD) ? SearchTerm.keyword("tckfound") : SearchTerm.mention("tckfound");
    List<List<PublicPost>> pages = List.of(foundPosts(1, 3), foundPosts(2, 2));
    arranged(s -> s.searchFinds(term, pages), "searches");
    Connector connector = connector();
    Page<PublicPost> first = connector.search(account(), SearchQuery.of(term).withPageSize(3));
    samePosts(pages.get(0), first.items(), "the first page of the search for " + term);
    assertTrue(first.nextCursor() != null, "the first of two pages has no next cursor");
    Page<PublicPost> second =
        connector.search(account(), SearchQuery.of(term).withPageSize(3).next(first.nextCursor()));
    samePosts(pages.get(1), second.items(), "the page after cursor " + first.nextCursor());
    assertTrue(second.nextCursor() == null, "the last page has a next cursor " + second.nextCursor());
  }

  /** Rule 15. */
  @Test
  @DisplayName("15 search for a kind of term the platform cannot search fails with an InvalidValueException naming query.term.kind before any I/O")
  public void optional_15_search_rejects_unsearchable_kinds_before_io() {
    requireCapability(Capability.SEARCH);
    Set<SearchTerm.Kind> unsearchable = EnumSet.allOf(SearchTerm.Kind.class);
    unsearchable.removeAll(stub.searchableKinds());
    assumeTrue(!unsearchable.isEmpty(), "skipped: the platform can search every kind of term");
    Connector connector = connector();
    for (SearchTerm.Kind kind : unsearchable) {
      SearchQuery query = SearchQuery.of(new SearchTerm(kind, "tckunsearchable"));
      try {
        Page<PublicPost> page = connector.search(account(), query);
        fail("a search for a " + kind + " term returned " + page.items().size()
            + " posts; expected an InvalidValueException naming query.term.kind");
      } catch (InvalidValueException e) {
        assertEquals("query.term.kind", e.field(), "the InvalidValueException names the wrong field");
      } catch (RuntimeException e) {
        fail("a search for a " + kind + " term threw " + e.getClass().getName()
            + " instead of an InvalidValueException naming query.term.kind", e);
      }
      assertEquals(0, stub.requestCount(), "a search for an unsearchable " + kind + " term sent requests");
    }
  }

  /** Rule 16. */
  @Test
  @DisplayName("16 lookupProfile returns the platform's profile counters (absent ones absent, not zero) and at most the asked number of its latest posts, newest first")
  public void optional_16_lookup_profile() {
    requireCapability(Capability.PUBLIC_PROFILES);
    Instant now = env.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    String handle = stub.handle("tck_profiled");
    List<PublicPost> latest = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Map<Metric, Long> counters = new LinkedHashMap<>();
      counters.put(Metric.LIKES, 7L * i);
      counters.put(Metric.COMMENTS, (long) i);
      if (i % 2 == 0) {
        counters.put(Metric.SHARES, 3L + i);
      }
      latest.add(new PublicPost(provider().platform(), "tck-profile-post-" + i, "tck-profile-id",
          handle, "TCK profile post " + i, now.minus(Duration.ofHours(i + 1L)), null, null,
          env.clock().instant(), counters));
    }
    Map<Metric, Long> counters = new LinkedHashMap<>();
    counters.put(Metric.FOLLOWERS, 12_345L);
    counters.put(Metric.FOLLOWING, 678L);
    PublicProfile arranged = new PublicProfile(provider().platform(),
        "tck-profile-id", handle, "TCK Profiled", "A profile the TCK arranged", now.minus(Duration.ofDays(400)),
        env.clock().instant(), counters, latest);
    arranged(s -> s.profile(arranged), "profiles");
    Connector connector = connector();
    PublicProfile found = connector.lookupProfile(account(), handle, 5);
    assertEquals("tck-profile-id", found.externalId(), "the profile's id");
    assertEquals(handle, found.handle(), "the profile's handle");
    assertEquals(provider().platform(), found.platform());
    assertEquals(env.clock().instant(), found.capturedAt(), "capturedAt must come from the injected clock");
    assertEquals(counters, found.counters(),
        "the profile's counters (POSTS is left out by the platform, so it must be absent, not zero)");
    samePosts(latest.subList(0, 5), found.recentPosts(), "the profile's 5 latest posts");
    PublicProfile fewer = connector.lookupProfile(account(), handle, 2);
    samePosts(latest.subList(0, 2), fewer.recentPosts(), "the profile's 2 latest posts");
  }

  /** Rule 17. */
  @Test
  @DisplayName("17 lookupProfile of a handle the platform does not know throws NotFoundException")
  public void optional_17_unknown_profile_not_found() {
    requireCapability(Capability.PUBLIC_PROFILES);
    String handle = stub.handle("tck_nobody");
    arranged(s -> s.noProfile(handle), "profiles");
    Connector connector = connector();
    try {
      PublicProfile found = connector.lookupProfile(account(), handle, 5);
      fail("looking up an unknown handle returned " + found.handle() + " instead of throwing NotFoundException");
    } catch (NotFoundException expected) {
      assertEquals(connector.platform(), expected.platform(), "the NotFoundException names the wrong platform");
    } catch (RuntimeException e) {
      fail("looking up an unknown handle threw " + e.getClass().getName() + " instead of NotFoundException", e);
    }
  }

  /** Posts a search finds on one page: the second of each page lacks SHARES, the third lacks COMMENTS too. */
  private List<PublicPost> foundPosts(int page, int count) {
    Instant now = env.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    List<PublicPost> posts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<Metric, Long> counters = new LinkedHashMap<>();
      counters.put(Metric.LIKES, 100L * page + i);
      if (i != 2) {
        counters.put(Metric.COMMENTS, 10L * page + i);
      }
      if (i == 0) {
        counters.put(Metric.SHARES, (long) page);
      }
      posts.add(new PublicPost(provider().platform(), "tck-found-" + page + "-" + i,
          "tck-author-" + i, "tck_author_" + i, "TCK found post " + page + "." + i + " #tckfound",
          now.minus(Duration.ofMinutes(10L * page + i)), null, null, env.clock().instant(), counters));
    }
    return posts;
  }

  private void samePosts(List<PublicPost> expected, List<PublicPost> actual,
      String what) {
    assertEquals(expected.stream().map(PublicPost::externalId).toList(),
        actual.stream().map(PublicPost::externalId).toList(), what + ": the post ids");
    for (int i = 0; i < expected.size(); i++) {
      PublicPost want = expected.get(i);
      PublicPost got = actual.get(i);
      String post = what + ", post " + want.externalId();
      assertEquals(provider().platform(), got.platform(), post + ": the platform");
      assertEquals(want.authorId(), got.authorId(), post + ": the author id");
      assertEquals(want.authorHandle(), got.authorHandle(), post + ": the author handle");
      assertEquals(want.text(), got.text(), post + ": the text");
      assertEquals(want.createdAt(), got.createdAt(), post + ": the creation time");
      assertEquals(env.clock().instant(), got.capturedAt(), post + ": capturedAt must come from the injected clock");
      assertEquals(want.metrics(), got.metrics(), post + ": the counters (a counter the platform left out must be"
          + " absent, not zero)");
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** A fresh connector created from the provider on the TCK's context, closed after the rule. */
  protected final Connector connector() {
    ConnectorProvider provider = provider();
    ConnectorConfig config = provider.configSpec().validate(provider.platform().id(), config(env));
    Connector connector = provider.create(context, config);
    open.add(connector);
    return connector;
  }

  private void requireCapability(Capability capability) {
    assumeTrue(provider().capabilities().supports(capability),
        () -> "skipped: the connector does not declare " + capability);
    assumeTrue(stub.canArrange(capability),
        () -> "skipped: the platform stub cannot arrange " + capability);
  }

  private void arranged(Consumer<PlatformStub> arrangement, String what) {
    try {
      arrangement.accept(stub);
    } catch (UnsupportedOperationException e) {
      abort("skipped: the platform stub does not arrange " + what);
    }
  }

  /** Keeps WireMock's own chatter (which may echo request headers) out of the logs. */
  private static final class QuietNotifier implements Notifier {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("wiremock.tck");

    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {
      LOG.trace("WireMock error (details withheld: they may contain request headers)");
    }

    @Override
    public void error(String message, Throwable t) {
      LOG.trace("WireMock error (details withheld: they may contain request headers)");
    }
  }
}
