package dev.chorus.connector.pinterest;

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
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.pinterest.internal.DefaultPinterestConnector;
import dev.chorus.connector.pinterest.internal.PinterestSettings;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;
import java.util.Set;

/**
 * The Pinterest connector plugin (API v5). It pins images (by URL or as base64), carousels of 2–5
 * images and videos (registered, uploaded and processed before the pin is created) to a board,
 * deletes pins, reconciles after ambiguous failures from the board's pins, reads pin analytics one
 * pin per request and the account's follower count. Pinterest has no comments, replies or native
 * scheduling in v5, so none is declared.
 *
 * <p>Credentials: a {@link dev.chorus.connector.http.CredentialSource} extension of the {@link
 * ConnectorContext} when the host gives one; otherwise tokens from a {@link
 * dev.chorus.connector.http.oauth.TokenStore} extension (in memory without one), refreshed through
 * {@link PinterestOAuth} when {@code clientId} and {@code clientSecret} are set, and seeded from the
 * {@code accessToken}/{@code refreshToken} settings for accounts with nothing stored.
 */
public final class PinterestConnectorProvider implements ConnectorProvider {

  /** A pin's {@code description} (the post's text) limit in characters. */
  public static final int MAX_DESCRIPTION = 800;
  /** A pin's {@code title} limit in characters. */
  public static final int MAX_TITLE = 100;
  /** A pin's {@code link} limit in characters. */
  public static final int MAX_LINK = 2048;
  /** A pin's {@code alt_text} limit in characters. */
  public static final int MAX_ALT_TEXT = 500;
  /** Most images in one pin (a carousel holds 2 to 5). */
  public static final int MAX_IMAGES = 5;
  /** The content types Pinterest takes for images sent as base64. */
  public static final Set<String> BASE64_IMAGE_TYPES = Set.of("image/jpeg", "image/png");
  /** Analytics reach this many days back, and one request covers at most this many days. */
  public static final int ANALYTICS_MAX_DAYS = 90;
  /** Pin analytics are read one pin per request. */
  public static final int METRICS_BATCH = 1;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(MAX_DESCRIPTION, CountingRule.CODE_POINTS))
              .maxMediaPerPost(MAX_IMAGES)
              .carousel(2, MAX_IMAGES)
              .media(MediaLimit.builder(MediaKind.IMAGE, MAX_IMAGES)
                  .maxBytes(20L * 1024 * 1024)
                  .mimeTypes("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/tiff")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .maxBytes(2L * 1024 * 1024 * 1024)
                  .duration(Duration.ofSeconds(4), Duration.ofMinutes(15))
                  .aspectRatio(0.5, 1.91)
                  .mimeTypes("video/mp4", "video/quicktime", "video/x-m4v")
                  .build())
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.RECONCILE, Capability.POST_METRICS,
          Capability.ACCOUNT_METRICS, Capability.LINK, Capability.ALT_TEXT)
      .formats(PostFormat.PIN, PostFormat.CAROUSEL, PostFormat.VIDEO)
      .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
      .postMetrics(Metric.IMPRESSIONS, Metric.SAVES, Metric.CLICKS, Metric.LINK_CLICKS)
      .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING)
      .metricsBatchSize(METRICS_BATCH)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(PinterestSettings.BASE_URL, ConfigType.URL, PinterestOAuth.API_BASE_URL,
          "API host; paths start with /v5 and the OAuth token endpoint is {baseUrl}/v5/oauth/token"),
      ConfigOption.optional(PinterestSettings.CLIENT_ID, ConfigType.STRING, null,
          "the app id; with clientSecret, access tokens are refreshed (HTTP Basic client authentication)"),
      ConfigOption.optionalSecret(PinterestSettings.CLIENT_SECRET, "the app secret"),
      ConfigOption.optionalSecret(PinterestSettings.ACCESS_TOKEN,
          "an access token stored for accounts with no stored credentials (single-account set-ups, tests)"),
      ConfigOption.optionalSecret(PinterestSettings.REFRESH_TOKEN, "the refresh token that goes with accessToken"),
      ConfigOption.optional(PinterestSettings.BOARD_ID, ConfigType.STRING, null,
          "the board pins go to when a post sets no boardId option"),
      ConfigOption.optional(PinterestSettings.POLL_INTERVAL, ConfigType.DURATION, "PT5S",
          "pause between reads of a video's processing status"),
      ConfigOption.optional(PinterestSettings.MEDIA_TIMEOUT, ConfigType.DURATION, "PT10M",
          "longest a publish waits for a video to finish processing"),
      ConfigOption.optional(PinterestSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT2M",
          "how far before an attempt reconcile looks in the board's pins"));

  /** For {@link java.util.ServiceLoader}. */
  public PinterestConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.PINTEREST;
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
   * Creates a connector from the context's extensions: the {@link
   * dev.chorus.connector.http.HttpRuntime} (its own otherwise, closed with the connector), a
   * credential source or token store, and a {@link
   * dev.chorus.connector.http.MediaReader} (otherwise {@link
   * dev.chorus.connector.http.MediaReader#standard()}).
   *
   * @throws ConfigException when a setting's value cannot be used
   */
  @Override
  public PinterestConnector create(ConnectorContext context, ConnectorConfig config) {
    return DefaultPinterestConnector.create(CAPABILITIES, PinterestSettings.from(config), context);
  }

  @Override
  public String toString() {
    return "PinterestConnectorProvider";
  }
}
