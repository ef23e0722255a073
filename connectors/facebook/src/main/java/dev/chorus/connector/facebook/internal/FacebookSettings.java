package dev.chorus.connector.facebook.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Facebook connector's validated settings.
 *
 * @param baseUrl the Graph host without a trailing slash
 * @param apiVersion the Graph version such as {@code v21.0}
 * @param pageTokens whether the configured token is a user token to derive Page tokens from
 * @param insights Chorus metric to Graph insights metric name, retired names removed
 * @param reconcileSkew how far before an attempt reconcile looks
 */
public record FacebookSettings(
    String baseUrl, String apiVersion, boolean pageTokens, Map<Metric, String> insights,
    Duration reconcileSkew) {

  /** The Graph host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The Graph version setting. */
  public static final String API_VERSION = "apiVersion";
  /** The fixed token setting. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The token kind setting: {@code user} (derive Page tokens) or {@code page}. */
  public static final String TOKEN_KIND = "tokenKind";
  /** The insights metric mapping setting. */
  public static final String INSIGHTS_METRICS = "insightsMetrics";
  /** The reconcile look-back setting. */
  public static final String RECONCILE_SKEW = "reconcileSkew";

  /** Account metric: the Page's likes ({@code fan_count}). */
  public static final Metric FANS = Metric.of("fans");

  /** The default insights mapping (the 2025/2026 replacements of the retired impression metrics). */
  public static final String DEFAULT_INSIGHTS =
      "impressions:post_media_view,reach:post_total_media_view_unique,clicks:post_clicks";

  /** Chorus metrics an insights name may be mapped to. */
  static final Map<String, Metric> TARGETS = Map.of(
      "impressions", Metric.IMPRESSIONS, "reach", Metric.REACH, "clicks", Metric.CLICKS,
      "link_clicks", Metric.LINK_CLICKS, "video_views", Metric.VIDEO_VIEWS);

  /** Names Meta retired or deprecated; one of them in a {@code metric=} list fails the whole call. */
  static final Set<String> RETIRED = Set.of("post_engaged_users", "post_negative_feedback", "post_clicks_unique",
      "post_impressions_by_story_type", "post_reactions_by_type_total");

  private static final Pattern RETIRED_PREFIX = Pattern.compile("post_impressions(_.*)?");

  /** Checks the values. */
  public FacebookSettings {
    insights = Map.copyOf(insights);
    GraphSettings.apiVersion(API_VERSION, apiVersion);
    if (reconcileSkew.isNegative()) {
      throw new InvalidValueException(RECONCILE_SKEW, reconcileSkew, "must not be negative");
    }
  }

  /** Whether Meta has retired the insights metric name. */
  static boolean retired(String name) {
    return RETIRED.contains(name) || RETIRED_PREFIX.matcher(name).matches();
  }

  /**
   * Parses {@code chorusMetric:graphName} pairs; retired Graph names are dropped with a warning so
   * that they never fail a whole insights call.
   */
  static Map<Metric, String> parseInsights(List<String> pairs) {
    return GraphSettings.insightsMapping(Platform.FACEBOOK, INSIGHTS_METRICS, pairs, TARGETS,
        FacebookSettings::retired);
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming a setting whose value the connector cannot use
   */
  public static FacebookSettings from(ConnectorConfig config) {
    String base = GraphSettings.baseUrl(config, BASE_URL);
    try {
      String kind = config.string(TOKEN_KIND);
      if (!kind.equals("user") && !kind.equals("page")) {
        throw new InvalidValueException(TOKEN_KIND, kind, "must be user or page");
      }
      return new FacebookSettings(base, config.string(API_VERSION), kind.equals("user"),
          parseInsights(config.list(INSIGHTS_METRICS)),
          config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.FACEBOOK.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }
}
