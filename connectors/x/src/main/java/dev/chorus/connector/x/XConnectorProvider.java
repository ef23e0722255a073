package dev.chorus.connector.x;

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
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.x.internal.XConnector;
import dev.chorus.connector.x.internal.XSettings;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;
import java.util.List;

/**
 * The X (Twitter) API v2 connector plugin. It publishes posts, replies, threads, quotes, polls and
 * media (up to 4 images, or 1 GIF, or 1 video, through the chunked upload with alt text), deletes,
 * reconciles after ambiguous failures, reads post metrics in batches of 100, account metrics and
 * the mentions timeline, and replies.
 *
 * <p>Credentials come from the host, in this order: a {@link CredentialSource} extension of the
 * {@link ConnectorContext}; else a {@link TokenStore} extension, refreshed with the rotating refresh
 * tokens X issues for the {@code offline.access} scope (the {@code clientId} setting is then
 * required); else the fixed {@code accessToken} setting. Waits go through the context's {@link
 * HttpRuntime} extension; without one the connector makes its own on the context's clock.
 */
public final class XConnectorProvider implements ConnectorProvider {

  /** The production API host. */
  public static final String DEFAULT_BASE_URL = "https://api.x.com";

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(280, CountingRule.X_WEIGHTED))
              .maxMediaPerPost(4)
              .media(MediaLimit.builder(MediaKind.IMAGE, 4)
                  .maxBytes(5L * 1024 * 1024)
                  .mimeTypes("image/jpeg", "image/png", "image/gif", "image/webp")
                  .build())
              .media(MediaLimit.builder(MediaKind.GIF, 1)
                  .maxBytes(15L * 1024 * 1024)
                  .maxDimensions(1280, 1080)
                  .mimeTypes("image/gif")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .maxBytes(512L * 1024 * 1024)
                  .duration(Duration.ofMillis(500), Duration.ofSeconds(140))
                  .minDimensions(32, 32)
                  .maxDimensions(1280, 1024)
                  .aspectRatio(1.0 / 3.0, 3.0)
                  .mimeTypes("video/mp4", "video/quicktime")
                  .build())
              .maxThreadParts(24)
              .pollMaxOptions(4)
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.REPLY, Capability.RECONCILE,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS,
          Capability.POLL, Capability.ALT_TEXT, Capability.SEARCH, Capability.PUBLIC_PROFILES)
      .formats(PostFormat.FEED, PostFormat.THREAD)
      .mediaKinds(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO)
      .interactionKinds(InteractionKind.MENTION, InteractionKind.REPLY)
      .postMetrics(Metric.IMPRESSIONS, Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.QUOTES,
          Metric.SAVES, Metric.LINK_CLICKS, Metric.PROFILE_VISITS, Metric.VIDEO_VIEWS)
      .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING, XSettings.POSTS, XSettings.LISTED)
      .metricsBatchSize(100)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(XSettings.BASE_URL, ConfigType.URL, DEFAULT_BASE_URL,
          "API host; the OAuth token endpoint is {baseUrl}/2/oauth2/token"),
      ConfigOption.optional(XSettings.CLIENT_ID, ConfigType.STRING, null,
          "OAuth 2.0 client id; required when the host supplies a TokenStore to refresh tokens"),
      ConfigOption.optionalSecret(XSettings.CLIENT_SECRET,
          "OAuth 2.0 client secret of a confidential client (sent as HTTP Basic); omit for a public client"),
      ConfigOption.optionalSecret(XSettings.ACCESS_TOKEN,
          "a fixed user access token, used only when the host supplies no TokenStore (it is never refreshed)"),
      ConfigOption.optional(XSettings.METRIC_FIELDS, ConfigType.LIST,
          "public_metrics,non_public_metrics,organic_metrics",
          "tweet.fields metric groups to request; non_public and organic need the author's token and posts under 30 days"),
      ConfigOption.optional(XSettings.CHUNK_BYTES, ConfigType.INT, String.valueOf(1024 * 1024),
          "bytes per APPEND segment of the chunked media upload"),
      ConfigOption.optional(XSettings.PROCESSING_TIMEOUT, ConfigType.DURATION, "PT10M",
          "longest wait for X to process an uploaded video or GIF"),
      ConfigOption.optional(XSettings.RECONCILE_SKEW, ConfigType.DURATION, "PT1M",
          "how far before the attempt reconcile looks, allowing for clock differences"));

  /** For {@link java.util.ServiceLoader}. */
  public XConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.X;
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
    XSettings settings = XSettings.from(config);
    RuntimeLease lease = RuntimeLease.from(context);
    try {
      CredentialSource credentials = credentials(context, config, lease.runtime(), settings);
      return new XConnector(CAPABILITIES, settings, lease, credentials, MediaReader.from(context));
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static CredentialSource credentials(
      ConnectorContext context, ConnectorConfig config, HttpRuntime runtime, XSettings settings) {
    var source = context.extension(CredentialSource.class);
    if (source.isPresent()) {
      return source.get();
    }
    var store = context.extension(TokenStore.class);
    if (store.isPresent()) {
      String clientId = config.optionalString(XSettings.CLIENT_ID).orElseThrow(() -> new ConfigException(
          Platform.X.id(), List.of(XSettings.CLIENT_ID
              + ": is required to refresh tokens from the host's TokenStore (OAuth 2.0 client id)")));
      OAuthClient.Builder oauth = XOAuth.builder(runtime, clientId, XOAuth.REFRESH_ONLY_REDIRECT)
          .tokenEndpoint(settings.baseUrl() + "/2/oauth2/token");
      config.optionalSecret(XSettings.CLIENT_SECRET)
          .ifPresent(secret -> oauth.clientSecret(secret.reveal(), ClientAuthentication.BASIC));
      return ManagedCredentials.builder()
          .platform(Platform.X)
          .store(store.get())
          .refresher(oauth.build())
          .clock(runtime.clock())
          .build();
    }
    return config.optionalSecret(XSettings.ACCESS_TOKEN)
        .map(secret -> CredentialSource.fixed(dev.chorus.connector.http.AccessToken.of(secret.reveal())))
        .orElseThrow(() -> new ConfigException(Platform.X.id(), List.of(XSettings.ACCESS_TOKEN
            + ": is required when the host supplies no TokenStore or CredentialSource")));
  }

  @Override
  public String toString() {
    return "XConnectorProvider";
  }
}
