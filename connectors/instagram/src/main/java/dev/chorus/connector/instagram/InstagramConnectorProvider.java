package dev.chorus.connector.instagram;

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
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.GraphApi;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.instagram.internal.DefaultInstagramConnector;
import dev.chorus.connector.instagram.internal.InstagramSettings;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * The Instagram connector plugin (Graph API content publishing, Business and Creator accounts). It
 * publishes images, carousels of 2 to 10 items, reels and stories through containers polled until
 * {@code FINISHED}, checks the publishing quota before creating any container, posts a first
 * comment, reconciles, reads media insights (absent, not zero, when Meta has none), followers, and
 * comments with their replies, and replies to comments. Instagram offers no delete of published
 * media through the API, so none is declared.
 *
 * <p>The token for an account (a Facebook-login user or Page token with the instagram_* permissions,
 * or an Instagram-login token with {@code baseUrl=https://graph.instagram.com}) comes from a {@link
 * CredentialSource} extension of the {@link ConnectorContext}, else from the fixed {@code
 * accessToken} setting. The account's external id is the Instagram user id.
 */
public final class InstagramConnectorProvider implements ConnectorProvider {

  /** The production Graph host (Instagram API with Facebook Login). */
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

  /** The publishing quota declared up front; the connector reads the one in force at run time. */
  public static final PublishingQuota DEFAULT_QUOTA = PublishingQuota.perDay(100);

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(2_200, CountingRule.CODE_POINTS))
              .maxHashtags(30)
              .maxMentions(20)
              .maxMediaPerPost(10)
              .media(MediaLimit.builder(MediaKind.IMAGE, 10)
                  .maxBytes(8L * 1024 * 1024)
                  .maxDimensions(1440, 1800)
                  .mimeTypes("image/jpeg")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 10)
                  .maxBytes(300L * 1024 * 1024)
                  .duration(Duration.ofSeconds(3), Duration.ofMinutes(15))
                  .maxDimensions(1920, 3413)
                  .aspectRatio(0.01, 10.0)
                  .mimeTypes("video/mp4", "video/quicktime")
                  .build())
              .carousel(2, 10)
              .publishingQuota(DEFAULT_QUOTA)
              .build())
      .features(Capability.PUBLISH, Capability.RECONCILE, Capability.FIRST_COMMENT, Capability.ALT_TEXT,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.REPLY,
          Capability.HIDE)
      .formats(PostFormat.FEED, PostFormat.CAROUSEL, PostFormat.REEL, PostFormat.STORY)
      .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
      .interactionKinds(InteractionKind.COMMENT, InteractionKind.REPLY)
      .postMetrics(Metric.IMPRESSIONS, Metric.REACH, Metric.LIKES, Metric.COMMENTS, Metric.SAVES, Metric.SHARES,
          Metric.VIDEO_VIEWS, Metric.PROFILE_VISITS)
      .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING, InstagramSettings.MEDIA)
      .metricsBatchSize(1)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(InstagramSettings.BASE_URL, ConfigType.URL, DEFAULT_BASE_URL,
          "Graph API host (graph.instagram.com for Instagram Login tokens); requests go to {baseUrl}/{apiVersion}/…"),
      ConfigOption.optional(InstagramSettings.API_VERSION, ConfigType.STRING, GraphApi.DEFAULT_VERSION,
          "Graph API version, such as v21.0"),
      ConfigOption.optionalSecret(InstagramSettings.ACCESS_TOKEN,
          "a fixed token for every account, used only when the host supplies no CredentialSource"),
      ConfigOption.optional(InstagramSettings.INSIGHTS_METRICS, ConfigType.LIST, InstagramSettings.DEFAULT_INSIGHTS,
          "media insights to read as chorusMetric:instagramMetric pairs; deprecated names are skipped"),
      ConfigOption.optional(InstagramSettings.POLL_INTERVAL, ConfigType.DURATION, "PT10S",
          "wait between two container status checks"),
      ConfigOption.optional(InstagramSettings.PROCESSING_TIMEOUT, ConfigType.DURATION, "PT5M",
          "longest one publish waits for a container to finish; a retry resumes with the same container"),
      ConfigOption.optional(InstagramSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT1M",
          "how far before the attempt reconcile looks, allowing for clock differences"));

  /** For {@link java.util.ServiceLoader}. */
  public InstagramConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.INSTAGRAM;
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
  public InstagramConnector create(ConnectorContext context, ConnectorConfig config) {
    InstagramSettings settings = InstagramSettings.from(config);
    CredentialSource credentials =
        GraphSettings.credentials(Platform.INSTAGRAM, context, config, InstagramSettings.ACCESS_TOKEN);
    return new DefaultInstagramConnector(CAPABILITIES, settings, RuntimeLease.from(context), credentials);
  }

  @Override
  public String toString() {
    return "InstagramConnectorProvider";
  }
}
