package dev.chorus.connector.facebook;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.facebook.internal.FacebookConnector;
import dev.chorus.connector.facebook.internal.FacebookSettings;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.GraphApi;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * The Facebook Pages connector plugin (Graph API). It publishes text, link, photo, multi-photo and
 * video posts (resumable upload), schedules them natively ({@code scheduled_publish_time}, 10
 * minutes to 30 days ahead), posts a first comment, deletes, reconciles, reads post insights in
 * multi-id batches of 50, the Page's followers, and the comments under its posts, and replies.
 *
 * <p>Tokens: with {@code tokenKind=user} (the default) the host's token for an account is a
 * long-lived user token, and the connector derives the Page token from {@code GET /me/accounts}
 * (the account's external id is the Page id); with {@code tokenKind=page} the token is the Page
 * token itself. The token comes from a {@link CredentialSource} extension of the {@link
 * ConnectorContext}, else from the fixed {@code accessToken} setting. Waits go through the
 * context's {@link HttpRuntime} extension; without one the connector makes its own on the
 * context's clock.
 */
public final class FacebookConnectorProvider implements ConnectorProvider {

  /** The production Graph host. */
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(63_206, CountingRule.UTF16_UNITS))
              .maxMediaPerPost(10)
              .media(MediaLimit.builder(MediaKind.IMAGE, 10)
                  .maxBytes(4L * 1024 * 1024)
                  .mimeTypes("image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .maxBytes(4L * 1024 * 1024 * 1024)
                  .duration(Duration.ofSeconds(1), Duration.ofMinutes(120))
                  .aspectRatio(9.0 / 16.0, 16.0 / 9.0)
                  .mimeTypes("video/mp4", "video/quicktime")
                  .build())
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.REPLY, Capability.RECONCILE,
          Capability.NATIVE_SCHEDULING, Capability.FIRST_COMMENT, Capability.LINK, Capability.ALT_TEXT,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.HIDE)
      .formats(PostFormat.FEED)
      .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
      .interactionKinds(InteractionKind.COMMENT)
      .postMetrics(Metric.IMPRESSIONS, Metric.REACH, Metric.CLICKS, Metric.LINK_CLICKS, Metric.VIDEO_VIEWS,
          Metric.LIKES, Metric.COMMENTS, Metric.SHARES)
      .accountMetrics(Metric.FOLLOWERS, FacebookSettings.FANS)
      .metricsBatchSize(FacebookConnector.METRICS_BATCH)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(FacebookSettings.BASE_URL, ConfigType.URL, DEFAULT_BASE_URL,
          "Graph API host; requests go to {baseUrl}/{apiVersion}/…"),
      ConfigOption.optional(FacebookSettings.API_VERSION, ConfigType.STRING, GraphApi.DEFAULT_VERSION,
          "Graph API version, such as v21.0"),
      ConfigOption.optional(FacebookSettings.TOKEN_KIND, ConfigType.STRING, "user",
          "user: the account's token is a long-lived user token and Page tokens come from /me/accounts; "
              + "page: the token is the Page token itself"),
      ConfigOption.optionalSecret(FacebookSettings.ACCESS_TOKEN,
          "a fixed token for every account, used only when the host supplies no CredentialSource"),
      ConfigOption.optional(FacebookSettings.INSIGHTS_METRICS, ConfigType.LIST, FacebookSettings.DEFAULT_INSIGHTS,
          "post insights to read as chorusMetric:graphMetric pairs (impressions, reach, clicks, link_clicks, "
              + "video_views); retired Graph names are skipped"),
      ConfigOption.optional(FacebookSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT1M",
          "how far before the attempt reconcile looks, allowing for clock differences"));

  /** For {@link java.util.ServiceLoader}. */
  public FacebookConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.FACEBOOK;
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
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    FacebookSettings settings = FacebookSettings.from(config);
    CredentialSource credentials =
        GraphSettings.credentials(Platform.FACEBOOK, context, config, FacebookSettings.ACCESS_TOKEN);
    return new FacebookConnector(CAPABILITIES, settings, RuntimeLease.from(context), credentials,
        MediaReader.from(context));
  }

  @Override
  public String toString() {
    return "FacebookConnectorProvider";
  }
}
