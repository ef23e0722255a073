package dev.chorus.connector.youtube;

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
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.connector.youtube.internal.DefaultYouTubeConnector;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * Connects Chorus to YouTube through the Data API v3: resumable video uploads with native
 * scheduling, delete, reconcile, statistics, subscriber counts, comment threads and replies, every
 * call charged against a predicted daily {@link YouTubeQuota}. The host may supply an {@code
 * HttpRuntime}, a {@code TokenStore} (or a {@code CredentialSource}), a {@link MediaReader} and a
 * shared {@link YouTubeQuota} as {@code ConnectorContext} extensions.
 */
public final class YouTubeProvider implements ConnectorProvider {

  /** The API host, {@code https://www.googleapis.com}; {@code /youtube/v3} and {@code /upload/youtube/v3} live on it. */
  public static final String BASE_URL = "baseUrl";
  /** Google's authorization endpoint. */
  public static final String AUTHORIZE_URL = "authorizeUrl";
  /** Google's token endpoint, used for refreshes. */
  public static final String TOKEN_URL = "tokenUrl";
  /** The OAuth client id from the Google Cloud console. */
  public static final String CLIENT_ID = "clientId";
  /** The OAuth client secret (a secret). */
  public static final String CLIENT_SECRET = "clientSecret";
  /** The redirect URI registered for the client. */
  public static final String REDIRECT_URI = "redirectUri";
  /** An access token for accounts with nothing stored yet (a secret; single-channel set-ups). */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The refresh token that goes with {@link #ACCESS_TOKEN} (a secret). */
  public static final String REFRESH_TOKEN = "refreshToken";
  /** The project's daily quota in units. */
  public static final String DAILY_QUOTA = "dailyQuota";
  /** What one {@code videos.insert} costs in units. */
  public static final String VIDEOS_INSERT_COST = "videosInsertCost";
  /** Bytes per upload request; a multiple of 262,144 (256 KiB). */
  public static final String UPLOAD_CHUNK_SIZE = "uploadChunkSize";

  /** Ids in one {@code videos.list} request. */
  public static final int METRICS_BATCH_SIZE = 50;

  /** Google's granularity for upload chunks. */
  public static final int CHUNK_GRANULARITY = 256 * 1024;

  /** The file size limit of videos.insert (256 GB). */
  public static final long MAX_VIDEO_BYTES = 256L * 1024 * 1024 * 1024;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(5000, CountingRule.UTF8_BYTES))
              .maxMediaPerPost(1)
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .maxBytes(MAX_VIDEO_BYTES)
                  .duration(null, Duration.ofHours(12))
                  .mimeTypes("video/mp4", "video/quicktime", "video/x-msvideo", "video/x-ms-wmv", "video/x-flv",
                      "video/3gpp", "video/webm", "video/mpeg", "video/mp2t", "application/octet-stream")
                  .build())
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.RECONCILE, Capability.NATIVE_SCHEDULING,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.REPLY)
      .formats(PostFormat.VIDEO)
      .mediaKinds(MediaKind.VIDEO)
      .interactionKinds(InteractionKind.COMMENT, InteractionKind.REPLY)
      .postMetrics(Metric.VIDEO_VIEWS, Metric.LIKES, Metric.COMMENTS)
      .accountMetrics(Metric.FOLLOWERS, Metric.VIDEO_VIEWS)
      .metricsBatchSize(METRICS_BATCH_SIZE)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(BASE_URL, ConfigType.URL, "https://www.googleapis.com",
          "API host serving /youtube/v3 and /upload/youtube/v3"),
      ConfigOption.optional(AUTHORIZE_URL, ConfigType.URL, YouTubeOAuth.AUTHORIZE_URL, "Google's authorization endpoint"),
      ConfigOption.optional(TOKEN_URL, ConfigType.URL, YouTubeOAuth.TOKEN_URL, "Google's token endpoint"),
      ConfigOption.required(CLIENT_ID, ConfigType.STRING, "the OAuth client id from the Google Cloud console"),
      ConfigOption.secret(CLIENT_SECRET, "the OAuth client secret (sent as a form field to the token endpoint)"),
      ConfigOption.required(REDIRECT_URI, ConfigType.URL, "the redirect URI registered for the OAuth client"),
      ConfigOption.optionalSecret(ACCESS_TOKEN,
          "an access token used for accounts with no stored credentials (single-channel set-ups, tests)"),
      ConfigOption.optionalSecret(REFRESH_TOKEN, "the refresh token that goes with accessToken"),
      ConfigOption.optional(DAILY_QUOTA, ConfigType.LONG, String.valueOf(YouTubeQuota.DEFAULT_DAILY_UNITS),
          "the project's daily quota in units (reset at midnight America/Los_Angeles)"),
      ConfigOption.optional(VIDEOS_INSERT_COST, ConfigType.LONG, String.valueOf(YouTubeQuota.DEFAULT_INSERT_COST),
          "units one videos.insert costs (1600 in the older table; set it to what your project is billed)"),
      ConfigOption.optional(UPLOAD_CHUNK_SIZE, ConfigType.LONG, String.valueOf(32L * CHUNK_GRANULARITY),
          "bytes per upload request, a multiple of 262144 (256 KiB)"));

  /** For {@link java.util.ServiceLoader}. */
  public YouTubeProvider() {}

  @Override
  public Platform platform() {
    return Platform.YOUTUBE;
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
   * Creates a connector. It uses the context's {@code HttpRuntime} extension when there is one
   * (otherwise its own, closed with the connector), a {@code CredentialSource} or else a {@code
   * TokenStore} extension (otherwise an in-memory store seeded from {@code accessToken}), a {@link
   * MediaReader} (otherwise {@link MediaReader#standard()}) and a {@link YouTubeQuota} (otherwise one
   * of {@code dailyQuota} units).
   *
   * @throws dev.chorus.connector.ConfigException when a numeric setting is out of range
   */
  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    return new DefaultYouTubeConnector(context, config, CAPABILITIES);
  }

  /** The OAuth client for connecting channels (authorization URL, code exchange, refresh). */
  public OAuthClient oauthClient(HttpRuntime runtime, ConnectorConfig config) {
    return YouTubeOAuth.client(runtime, config.url(AUTHORIZE_URL).toString(), config.url(TOKEN_URL).toString(),
        config.string(CLIENT_ID), config.secret(CLIENT_SECRET), config.url(REDIRECT_URI).toString());
  }

  @Override
  public String toString() {
    return "YouTubeProvider";
  }
}
