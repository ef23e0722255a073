package dev.chorus.connector.tiktok;

import dev.chorus.connector.http.MediaReader;
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
import dev.chorus.connector.PublishingQuota;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.tiktok.internal.ChunkPlan;
import dev.chorus.connector.tiktok.internal.TikTokConnector;
import dev.chorus.connector.tiktok.internal.TikTokSettings;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * The TikTok connector plugin (Content Posting API and Display API v2). It publishes videos (chunked
 * FILE_UPLOAD or PULL_FROM_URL) and photo posts after querying the creator's settings, polls the
 * publish status, reconciles after ambiguous failures, and reads video metrics in batches of 20 and
 * the account's follower counts. TikTok offers no delete, comments, replies or native scheduling
 * through these APIs, so none is declared.
 *
 * <p>Credentials: a {@link dev.chorus.connector.http.CredentialSource} extension of the {@link
 * ConnectorContext} when the host gives one; otherwise tokens from a {@link
 * dev.chorus.connector.http.oauth.TokenStore} extension (in memory without one), refreshed with
 * TikTok's rotating refresh tokens when {@code clientKey} and {@code clientSecret} are set and seeded
 * from the {@code accessToken}/{@code refreshToken} settings for accounts with nothing stored.
 */
public final class TikTokConnectorProvider implements ConnectorProvider {

  /** Video caption ({@code post_info.title}) limit in UTF-16 units. */
  public static final int MAX_CAPTION = 2200;
  /** Photo post {@code description} limit in UTF-16 units. */
  public static final int MAX_PHOTO_DESCRIPTION = 4000;
  /** Photo post {@code title} limit in UTF-16 units. */
  public static final int MAX_PHOTO_TITLE = 90;
  /** Most images in a photo post. */
  public static final int MAX_PHOTOS = 35;
  /** The longest video the API accepts for any creator; each creator's own maximum may be lower. */
  public static final Duration MAX_VIDEO_DURATION = Duration.ofMinutes(10);
  /** Video posts' metrics are queried for at most this many ids per request. */
  public static final int METRICS_BATCH = 20;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(MAX_CAPTION, CountingRule.UTF16_UNITS))
              .maxMediaPerPost(MAX_PHOTOS)
              .carousel(1, MAX_PHOTOS)
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .maxBytes(4L * 1024 * 1024 * 1024)
                  .duration(null, MAX_VIDEO_DURATION)
                  .minDimensions(360, 360)
                  .maxDimensions(4096, 4096)
                  .mimeTypes("video/mp4", "video/webm", "video/quicktime")
                  .build())
              .media(MediaLimit.builder(MediaKind.IMAGE, MAX_PHOTOS)
                  .maxBytes(20L * 1024 * 1024)
                  .mimeTypes("image/jpeg", "image/webp")
                  .build())
              .publishingQuota(PublishingQuota.perDay(15))
              .build())
      .features(Capability.PUBLISH, Capability.RECONCILE, Capability.POST_METRICS, Capability.ACCOUNT_METRICS)
      .formats(PostFormat.FEED, PostFormat.VIDEO, PostFormat.CAROUSEL)
      .mediaKinds(MediaKind.IMAGE, MediaKind.VIDEO)
      .postMetrics(Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.VIDEO_VIEWS)
      .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING, TikTokOptions.TOTAL_LIKES, TikTokOptions.VIDEOS)
      .metricsBatchSize(METRICS_BATCH)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(TikTokSettings.BASE_URL, ConfigType.URL, TikTokOAuth.API_BASE_URL,
          "API host; the OAuth token endpoint is {baseUrl}/v2/oauth/token/"),
      ConfigOption.optional(TikTokSettings.CLIENT_KEY, ConfigType.STRING, null,
          "the app's client key; with clientSecret, access tokens are refreshed (refresh tokens rotate)"),
      ConfigOption.optionalSecret(TikTokSettings.CLIENT_SECRET, "the app's client secret (sent in the token request body)"),
      ConfigOption.optionalSecret(TikTokSettings.ACCESS_TOKEN,
          "an access token stored for accounts with no stored credentials (single-account set-ups, tests)"),
      ConfigOption.optionalSecret(TikTokSettings.REFRESH_TOKEN, "the refresh token that goes with accessToken"),
      ConfigOption.optional(TikTokSettings.PRIVACY_LEVEL, ConfigType.STRING, "PUBLIC_TO_EVERYONE",
          "default privacy_level; lowered to the most open level the creator offers when not offered"),
      ConfigOption.optional(TikTokSettings.CHUNK_BYTES, ConfigType.INT, String.valueOf(10 * 1024 * 1024),
          "preferred FILE_UPLOAD chunk size in bytes (" + ChunkPlan.MIN_CHUNK + " to " + ChunkPlan.MAX_CHUNK + ")"),
      ConfigOption.optional(TikTokSettings.POLL_INTERVAL, ConfigType.DURATION, "PT5S",
          "pause between publish status fetches (TikTok allows 30 a minute)"),
      ConfigOption.optional(TikTokSettings.STATUS_TIMEOUT, ConfigType.DURATION, "PT10M",
          "longest a publish waits for PUBLISH_COMPLETE before reporting an unknown outcome"),
      ConfigOption.optional(TikTokSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT2M",
          "how far before an attempt reconcile looks in the creator's video list"));

  /** For {@link java.util.ServiceLoader}. */
  public TikTokConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.TIKTOK;
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
   * credential source or token store, and a {@link MediaReader} (otherwise {@link
   * MediaReader#standard()}).
   *
   * @throws ConfigException when a setting's value cannot be used
   */
  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    return TikTokConnector.create(CAPABILITIES, TikTokSettings.from(config), context);
  }

  @Override
  public String toString() {
    return "TikTokConnectorProvider";
  }
}
