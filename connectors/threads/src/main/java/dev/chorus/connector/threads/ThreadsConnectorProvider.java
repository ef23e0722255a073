package dev.chorus.connector.threads;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.threads.internal.DefaultThreadsConnector;
import dev.chorus.connector.threads.internal.ThreadsSettings;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * The Threads connector plugin ({@code graph.threads.net}). It publishes text, image, video and
 * carousel posts (2 to 20 items) through containers polled until {@code FINISHED}, threads of
 * several parts as a reply chain, and replies to other posts; it checks the post and reply quotas
 * before creating any container, deletes, reconciles, reads post insights (absent, not zero, when
 * Threads has none), followers, and the replies under the account's posts, and replies to them.
 *
 * <p>The token for an account (a long-lived Threads user token, refreshed with {@link
 * ThreadsOAuth}) comes from a {@link CredentialSource} extension of the {@link ConnectorContext},
 * else from the fixed {@code accessToken} setting. The account's external id is the Threads user id.
 */
public final class ThreadsConnectorProvider implements ConnectorProvider {

  /** The production host. */
  public static final String DEFAULT_BASE_URL = "https://graph.threads.net";

  /** The default API version. */
  public static final String DEFAULT_VERSION = "v1.0";

  /** The post quota declared up front; the connector reads the one in force at run time. */
  public static final PublishingQuota DEFAULT_QUOTA = PublishingQuota.perDay(250);

  /** Chorus's own cap on the parts of one thread; Threads documents none. */
  public static final int MAX_THREAD_PARTS = 20;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(500, CountingRule.CODE_POINTS))
              .maxMediaPerPost(20)
              .media(MediaLimit.builder(MediaKind.IMAGE, 20)
                  .maxBytes(8L * 1024 * 1024)
                  .aspectRatio(0.1, 10.0)
                  .mimeTypes("image/jpeg", "image/png")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 20)
                  .maxBytes(1024L * 1024 * 1024)
                  .duration(null, Duration.ofMinutes(5))
                  .aspectRatio(0.01, 10.0)
                  .mimeTypes("video/mp4", "video/quicktime")
                  .build())
              .carousel(2, 20)
              .maxThreadParts(MAX_THREAD_PARTS)
              .publishingQuota(DEFAULT_QUOTA)
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.RECONCILE, Capability.ALT_TEXT,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.REPLY,
          Capability.HIDE)
      .formats(PostFormat.FEED, PostFormat.CAROUSEL, PostFormat.THREAD)
      .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
      .interactionKinds(InteractionKind.REPLY)
      .postMetrics(Metric.IMPRESSIONS, Metric.LIKES, Metric.COMMENTS, ThreadsSettings.REPOSTS, Metric.QUOTES,
          Metric.SHARES)
      .accountMetrics(Metric.FOLLOWERS)
      .metricsBatchSize(1)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(ThreadsSettings.BASE_URL, ConfigType.URL, DEFAULT_BASE_URL,
          "Threads Graph host; requests go to {baseUrl}/{apiVersion}/…"),
      ConfigOption.optional(ThreadsSettings.API_VERSION, ConfigType.STRING, DEFAULT_VERSION,
          "Threads API version, such as v1.0"),
      ConfigOption.optionalSecret(ThreadsSettings.ACCESS_TOKEN,
          "a fixed token for every account, used only when the host supplies no CredentialSource"),
      ConfigOption.optional(ThreadsSettings.INSIGHTS_METRICS, ConfigType.LIST, ThreadsSettings.DEFAULT_INSIGHTS,
          "media insights to read as chorusMetric:threadsMetric pairs; a name Threads refuses is skipped"),
      ConfigOption.optional(ThreadsSettings.POLL_INTERVAL, ConfigType.DURATION, "PT10S",
          "wait between two container status checks"),
      ConfigOption.optional(ThreadsSettings.PROCESSING_TIMEOUT, ConfigType.DURATION, "PT5M",
          "longest one publish waits for a container to finish; a retry resumes with the same container"),
      ConfigOption.optional(ThreadsSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT1M",
          "how far before the attempt reconcile looks, allowing for clock differences"));

  /** For {@link java.util.ServiceLoader}. */
  public ThreadsConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.THREADS;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  /**
   * Creates the connector.
   *
   * @throws ConfigException when the settings and the host's extensions give no way to get tokens
   */
  @Override
  public ThreadsConnector create(ConnectorContext context, ConnectorConfig config) {
    ThreadsSettings settings = ThreadsSettings.from(config);
    CredentialSource credentials =
        GraphSettings.credentials(Platform.THREADS, context, config, ThreadsSettings.ACCESS_TOKEN);
    return new DefaultThreadsConnector(CAPABILITIES, settings, RuntimeLease.from(context), credentials);
  }

  @Override
  public String toString() {
    return "ThreadsConnectorProvider";
  }
}
