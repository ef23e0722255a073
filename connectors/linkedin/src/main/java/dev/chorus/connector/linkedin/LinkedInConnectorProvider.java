package dev.chorus.connector.linkedin;

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
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.connector.linkedin.internal.LinkedInConnector;
import dev.chorus.connector.linkedin.internal.LinkedInSettings;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.time.Duration;

/**
 * The LinkedIn connector's provider, found through {@link java.util.ServiceLoader}. It declares what
 * the LinkedIn Posts API allows (text, one image, 2–20 images, one video, one document or a link per
 * post; 3,000 characters of commentary) and creates connectors from a validated configuration.
 */
public final class LinkedInConnectorProvider implements ConnectorProvider {

  /** Commentary limit (UTF-16 units of the unescaped text; the unit is not documented by LinkedIn). */
  public static final int MAX_COMMENTARY = 3000;

  /** Comment and reply text limit reported by third parties (not documented by LinkedIn). */
  public static final int MAX_COMMENT = 1250;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(MAX_COMMENTARY, CountingRule.UTF16_UNITS))
              .maxMediaPerPost(20)
              .carousel(2, 20)
              .media(MediaLimit.builder(MediaKind.IMAGE, 20)
                  .mimeTypes("image/jpeg", "image/png", "image/gif")
                  .build())
              .media(MediaLimit.builder(MediaKind.GIF, 20)
                  .mimeTypes("image/gif")
                  .build())
              .media(MediaLimit.builder(MediaKind.VIDEO, 1)
                  .mimeTypes("video/mp4")
                  .maxBytes(500L * 1024 * 1024)
                  .duration(Duration.ofSeconds(3), Duration.ofMinutes(30))
                  .aspectRatio(1 / 2.4, 2.4)
                  .build())
              .media(MediaLimit.builder(MediaKind.DOCUMENT, 1)
                  .mimeTypes("application/pdf", "application/vnd.ms-powerpoint",
                      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      "application/msword",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                  .maxBytes(100L * 1024 * 1024)
                  .build())
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.RECONCILE, Capability.POST_METRICS,
          Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.REPLY, Capability.LINK,
          Capability.ALT_TEXT)
      .formats(PostFormat.FEED, PostFormat.CAROUSEL, PostFormat.VIDEO, PostFormat.DOCUMENT)
      .mediaKinds(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO, MediaKind.DOCUMENT)
      .interactionKinds(InteractionKind.COMMENT, InteractionKind.REPLY)
      .postMetrics(Metric.IMPRESSIONS, Metric.REACH, Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.CLICKS)
      .accountMetrics(Metric.FOLLOWERS)
      .metricsBatchSize(LinkedInSettings.METRICS_BATCH)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional("baseUrl", ConfigType.URL, "https://api.linkedin.com",
          "API host; the versioned APIs live under /rest"),
      ConfigOption.optional("oauthBaseUrl", ConfigType.URL, "https://www.linkedin.com",
          "OAuth host with /oauth/v2/authorization and /oauth/v2/accessToken"),
      ConfigOption.required("clientId", ConfigType.STRING, "the app's client id from the LinkedIn Developer Portal"),
      ConfigOption.secret("clientSecret", "the app's client secret (sent in the token request body)"),
      ConfigOption.required("redirectUri", ConfigType.URL, "the redirect URL registered for the app"),
      ConfigOption.optional("scopes", ConfigType.LIST,
          "openid,profile,w_member_social,w_organization_social,r_organization_social,rw_organization_admin",
          "OAuth scopes requested when an account is connected"),
      ConfigOption.optional("linkedinVersion", ConfigType.STRING, LinkedInSettings.DEFAULT_VERSION,
          "LinkedIn-Version header, YYYYMM; versions retire after about a year"),
      ConfigOption.optionalSecret("accessToken",
          "an access token used for accounts with no stored credentials (single-account set-ups, tests)"),
      ConfigOption.optionalSecret("refreshToken", "the refresh token that goes with accessToken"),
      ConfigOption.optional("postMetrics", ConfigType.LIST, "impressions,reach,likes,comments,shares,clicks",
          "post metrics to report (any of the declared ones); LinkedIn renames metrics, so keep this editable"),
      ConfigOption.optional("awaitVideo", ConfigType.BOOLEAN, "true",
          "wait until an uploaded video is AVAILABLE before creating the post"),
      ConfigOption.optional("mediaPollInterval", ConfigType.DURATION, "PT5S",
          "pause between video status checks"),
      ConfigOption.optional("mediaWaitTimeout", ConfigType.DURATION, "PT10M",
          "longest wait for a video to become AVAILABLE"),
      ConfigOption.optional("interactionPosts", ConfigType.INT, "10",
          "how many recent posts of the account fetchInteractions reads comments of (1-100)"));

  /** Created by {@link java.util.ServiceLoader} or directly. */
  public LinkedInConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.LINKEDIN;
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
   * Creates a connector. It uses the context's {@link HttpRuntime} extension when there is one
   * (otherwise its own, closed with the connector), a {@link dev.chorus.connector.http.oauth.TokenStore}
   * extension for account tokens (otherwise an in-memory store) and a {@link MediaReader} extension
   * (otherwise {@link MediaReader#standard()}).
   *
   * @throws ConfigException when {@code linkedinVersion}, {@code postMetrics} or {@code
   *     interactionPosts} is out of range
   */
  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    LinkedInSettings settings = LinkedInSettings.from(platform().id(), config, CAPABILITIES);
    return LinkedInConnector.create(CAPABILITIES, settings, context);
  }

  /**
   * The OAuth client for connecting accounts (authorization URL, code exchange, refresh): LinkedIn's
   * three-legged flow with the client secret in the request body and without PKCE.
   *
   * @throws ConfigException when the configuration is invalid
   */
  public OAuthClient oauthClient(HttpRuntime runtime, ConnectorConfig config) {
    return LinkedInSettings.from(platform().id(), config, CAPABILITIES).oauthClient(runtime);
  }

  @Override
  public String toString() {
    return "LinkedInConnectorProvider";
  }
}
