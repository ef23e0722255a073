package dev.chorus.connector.mastodon;

import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Limits;
import dev.chorus.connector.mastodon.internal.DefaultMastodonConnector;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;

/**
 * Connects Chorus to a Mastodon instance. Settings: {@code baseUrl} (the instance, required),
 * {@code accessToken} (an app token for one account; optional when the host supplies a {@code
 * CredentialSource} extension), and tuning of media polling and of how long instance limits are
 * cached. The host may supply an {@code HttpRuntime}, a {@code CredentialSource} and a {@link
 * MediaReader} as {@code ConnectorContext} extensions.
 */
public final class MastodonProvider implements ConnectorProvider {

  /** The instance's base URL, such as {@code https://mastodon.social}. */
  public static final String BASE_URL = "baseUrl";
  /** A long-lived access token of one account. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** How often to ask whether an upload has been processed. */
  public static final String MEDIA_POLL_INTERVAL = "mediaPollInterval";
  /** How long to wait for an upload to be processed before giving up (the media id is kept). */
  public static final String MEDIA_PROCESSING_TIMEOUT = "mediaProcessingTimeout";
  /** How long limits read from the instance are trusted before they are read again. */
  public static final String INSTANCE_LIMITS_TTL = "instanceLimitsTtl";

  /** Metrics in one {@code GET /api/v1/statuses?id[]=…} request (UNCONFIRMED server maximum). */
  public static final int METRICS_BATCH_SIZE = 20;

  /** For {@link java.util.ServiceLoader}. */
  public MastodonProvider() {}

  @Override
  public Platform platform() {
    return Platform.MASTODON;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities(InstanceLimits.DEFAULTS.toLimits());
  }

  /** The connector's capabilities with the limits of a particular instance. */
  public static Capabilities capabilities(Limits limits) {
    return Capabilities.builder(limits)
        .features(Capability.PUBLISH, Capability.DELETE, Capability.REPLY, Capability.NATIVE_SCHEDULING,
            Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS,
            Capability.IDEMPOTENCY_KEYS, Capability.RECONCILE, Capability.POLL, Capability.LINK,
            Capability.ALT_TEXT, Capability.SEARCH, Capability.PUBLIC_PROFILES)
        .formats(PostFormat.FEED, PostFormat.THREAD)
        .mediaKinds(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO)
        .interactionKinds(InteractionKind.MENTION, InteractionKind.REPLY)
        .postMetrics(Metric.LIKES, Metric.SHARES, Metric.COMMENTS, Metric.QUOTES)
        .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING)
        .metricsBatchSize(METRICS_BATCH_SIZE)
        .build();
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.of(
        ConfigOption.required(BASE_URL, ConfigType.URL, "The instance's base URL, such as https://mastodon.social"),
        ConfigOption.optionalSecret(ACCESS_TOKEN,
            "An access token of the account (scopes read write); not needed when the host supplies a CredentialSource"),
        ConfigOption.optional(MEDIA_POLL_INTERVAL, ConfigType.DURATION, "PT2S",
            "How often to ask whether an uploaded file has been processed"),
        ConfigOption.optional(MEDIA_PROCESSING_TIMEOUT, ConfigType.DURATION, "PT5M",
            "How long to wait for an uploaded file to be processed"),
        ConfigOption.optional(INSTANCE_LIMITS_TTL, ConfigType.DURATION, "PT1H",
            "How long limits read from GET /api/v2/instance are used before they are read again"));
  }

  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    return new DefaultMastodonConnector(context, config, capabilities());
  }
}
