package dev.chorus.connector.sandbox;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Secret;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sandbox} connector plugin. {@link #create} connects to the {@link SandboxPlatform}
 * registered as an extension of the {@link ConnectorContext} when there is one (so tests and the
 * engine inspect the same platform), and otherwise builds a new platform from the configuration on
 * the context's clock.
 */
public final class SandboxConnectorProvider implements ConnectorProvider {

  /** The API key sent with every request (required, secret). */
  public static final String API_KEY = "api_key";
  /** The seed of engagement and of fault draws. */
  public static final String SEED = "seed";
  /** Latency of every request in milliseconds. */
  public static final String LATENCY_MS = "latency_ms";
  /** Requests allowed per account per minute; 0 for no limit. */
  public static final String RATE_LIMIT_PER_MINUTE = "rate_limit_per_minute";
  /** Fault probabilities as {@code KIND:probability} pairs. */
  public static final String FAULTS = "faults";
  /** The longest text in graphemes. */
  public static final String TEXT_MAX = "text_max";
  /** The most post ids one metrics request may ask for. */
  public static final String METRICS_BATCH_SIZE = "metrics_batch_size";
  /** Whether repeated idempotency keys return the original post. */
  public static final String IDEMPOTENCY_KEYS = "idempotency_keys";

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.secret(API_KEY, "API key of the sandbox; a shared platform may require a particular one"),
      ConfigOption.optional(SEED, ConfigType.LONG, "42", "seed of engagement numbers and fault draws"),
      ConfigOption.optional(LATENCY_MS, ConfigType.INT, "0", "latency of every request in milliseconds"),
      ConfigOption.optional(RATE_LIMIT_PER_MINUTE, ConfigType.INT, "0",
          "requests allowed per account per minute, 0 for no limit"),
      ConfigOption.optional(FAULTS, ConfigType.LIST, "",
          "fault probabilities, e.g. TIMEOUT_AFTER_ACCEPT:0.05,SERVER_ERROR:0.02"),
      ConfigOption.optional(TEXT_MAX, ConfigType.INT, "500", "longest text in graphemes"),
      ConfigOption.optional(METRICS_BATCH_SIZE, ConfigType.INT, "50", "most post ids per metrics request (1-1000)"),
      ConfigOption.optional(IDEMPOTENCY_KEYS, ConfigType.BOOLEAN, "true",
          "whether a repeated idempotency key returns the original post"));

  private static final Capabilities CAPABILITIES =
      SandboxPlatform.capabilitiesFor(SandboxPlatform.defaultLimits(), 50, true);

  /** The provider; {@link java.util.ServiceLoader} calls this. */
  public SandboxConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.SANDBOX;
  }

  /** The capabilities of a platform with the default settings. */
  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  /**
   * A connector over the context's shared {@link SandboxPlatform}, or over a new one built from the
   * configuration (whose settings other than the API key then apply).
   *
   * @throws ConfigException naming every setting whose value is out of range
   */
  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    Secret key = config.secret(API_KEY);
    java.util.Optional<SandboxPlatform> shared = context.extension(SandboxPlatform.class);
    if (shared.isPresent()) {
      return new SandboxConnector(shared.get(), key);
    }
    return new SandboxConnector(platformFrom(context, config), key);
  }

  /** A new platform on the context's clock with the configured settings. */
  static SandboxPlatform platformFrom(ConnectorContext context, ConnectorConfig config) {
    List<String> problems = new ArrayList<>();
    int latency = config.integer(LATENCY_MS);
    if (latency < 0) {
      problems.add(LATENCY_MS + ": " + latency + " must not be negative");
    }
    int perMinute = config.integer(RATE_LIMIT_PER_MINUTE);
    if (perMinute < 0) {
      problems.add(RATE_LIMIT_PER_MINUTE + ": " + perMinute + " must not be negative");
    }
    int textMax = config.integer(TEXT_MAX);
    if (textMax < 1) {
      problems.add(TEXT_MAX + ": " + textMax + " must be positive");
    }
    int batch = config.integer(METRICS_BATCH_SIZE);
    if (batch < 1 || batch > 1000) {
      problems.add(METRICS_BATCH_SIZE + ": " + batch + " must be 1-1000");
    }
    long seed = config.longValue(SEED);
    FaultPlan.Builder faults = FaultPlan.custom().seed(seed);
    for (String entry : config.list(FAULTS)) {
      int colon = entry.indexOf(':');
      try {
        FaultKind kind = FaultKind.valueOf(entry.substring(0, Math.max(colon, 0)).strip().toUpperCase(Locale.ROOT));
        faults.probability(kind, Double.parseDouble(entry.substring(colon + 1).strip()));
      } catch (RuntimeException e) {
        problems.add(FAULTS + ": \"" + entry + "\" is not KIND:probability with KIND one of "
            + "TIMEOUT_BEFORE_ACCEPT, TIMEOUT_AFTER_ACCEPT, RATE_LIMIT, SERVER_ERROR, MALFORMED and a "
            + "probability 0-1 (all together at most 1)");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(Platform.SANDBOX.id(), problems);
    }
    SandboxPlatform.Builder builder = SandboxPlatform.builder(context.clock())
        .seed(seed)
        .textMax(textMax)
        .latency(Duration.ofMillis(latency))
        .metricsBatchSize(batch)
        .idempotencyKeys(config.bool(IDEMPOTENCY_KEYS))
        .faultPlan(faults.build())
        .apiKey(config.secret(API_KEY));
    if (perMinute > 0) {
      builder.rateLimit(perMinute, Duration.ofMinutes(1));
    }
    return builder.build();
  }
}
