package dev.chorus.connector.bluesky;

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
import dev.chorus.connector.bluesky.internal.BlueskyConnector;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;

/**
 * Provides the Bluesky connector, found through {@link java.util.ServiceLoader}. One connector logs
 * in as one account with its handle (or DID) and an app password, against the account's PDS.
 */
public final class BlueskyConnectorProvider implements ConnectorProvider {

  /** Setting: the PDS base URL; defaults to {@code https://bsky.social}. */
  public static final String SERVICE_URL = "serviceUrl";
  /** Setting: the handle, DID or e-mail address to log in with. */
  public static final String IDENTIFIER = "identifier";
  /** Setting (secret): an app password created under Settings → Privacy and security → App passwords. */
  public static final String APP_PASSWORD = "appPassword";

  /** Post text limit in graphemes (lexicon maxGraphemes). */
  public static final int MAX_GRAPHEMES = 300;
  /** Post text limit in UTF-8 bytes (lexicon maxLength). */
  public static final int MAX_TEXT_BYTES = 3000;
  /** Image blob limit in bytes (app.bsky.embed.images maxSize since 2026-04; formerly 1,000,000). */
  public static final long MAX_IMAGE_BYTES = 2_000_000L;
  /** Images per post. */
  public static final int MAX_IMAGES = 4;
  /** Follow-up parts per thread: Chorus's own bound; the protocol sets none. */
  public static final int MAX_THREAD_PARTS = 24;
  /** URIs per app.bsky.feed.getPosts call. */
  public static final int METRICS_BATCH = 25;

  private static final Capabilities CAPABILITIES = Capabilities.builder(
          Limits.builder(TextLimit.of(MAX_GRAPHEMES, CountingRule.GRAPHEMES))
              .maxMediaPerPost(MAX_IMAGES)
              .media(MediaLimit.builder(MediaKind.IMAGE, MAX_IMAGES)
                  .maxBytes(MAX_IMAGE_BYTES)
                  .mimeTypes("image/jpeg", "image/png", "image/webp", "image/gif")
                  .build())
              .maxThreadParts(MAX_THREAD_PARTS)
              .build())
      .features(Capability.PUBLISH, Capability.DELETE, Capability.REPLY, Capability.RECONCILE,
          Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS,
          Capability.LINK, Capability.ALT_TEXT, Capability.SEARCH, Capability.PUBLIC_PROFILES)
      .formats(PostFormat.FEED, PostFormat.THREAD)
      .mediaKinds(MediaKind.IMAGE)
      .interactionKinds(InteractionKind.MENTION, InteractionKind.REPLY, InteractionKind.QUOTE)
      .postMetrics(Metric.LIKES, Metric.SHARES, Metric.COMMENTS, Metric.QUOTES)
      .accountMetrics(Metric.FOLLOWERS, Metric.FOLLOWING)
      .metricsBatchSize(METRICS_BATCH)
      .build();

  private static final ConfigSpec SPEC = ConfigSpec.of(
      ConfigOption.optional(SERVICE_URL, ConfigType.URL, "https://bsky.social",
          "base URL of the account's PDS (https://bsky.social for most accounts)"),
      ConfigOption.required(IDENTIFIER, ConfigType.STRING, "handle, DID or e-mail address of the account"),
      ConfigOption.secret(APP_PASSWORD, "app password of the account (never the main password)"));

  /** For ServiceLoader. */
  public BlueskyConnectorProvider() {}

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
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
   * Creates a connector without calling the platform: the session is created on first use. Uses the
   * context's {@code HttpRuntime}, {@code TokenStore} and {@link MediaReader} extensions when
   * present.
   */
  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    return new BlueskyConnector(context, CAPABILITIES, config.url(SERVICE_URL).toString(),
        config.string(IDENTIFIER), config.secret(APP_PASSWORD));
  }
}
