package dev.chorus.connector.instagram.internal;

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

/**
 * The Instagram connector's validated settings.
 *
 * @param baseUrl the Graph host without a trailing slash
 * @param apiVersion the Graph version such as {@code v21.0}
 * @param insights Chorus metric to Instagram insights metric name, deprecated names removed
 * @param pollInterval the wait between two container status checks
 * @param processingTimeout the longest one publish waits for a container to finish
 * @param reconcileSkew how far before an attempt reconcile looks
 */
public record InstagramSettings(String baseUrl, String apiVersion, Map<Metric, String> insights,
    Duration pollInterval, Duration processingTimeout, Duration reconcileSkew) {

  /** The Graph host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The Graph version setting. */
  public static final String API_VERSION = "apiVersion";
  /** The fixed token setting. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The insights mapping setting. */
  public static final String INSIGHTS_METRICS = "insightsMetrics";
  /** The container poll interval setting. */
  public static final String POLL_INTERVAL = "containerPollInterval";
  /** The container processing timeout setting. */
  public static final String PROCESSING_TIMEOUT = "containerTimeout";
  /** The reconcile look-back setting. */
  public static final String RECONCILE_SKEW = "reconcileSkew";

  /** Account metric: media the account has published ({@code media_count}). */
  public static final Metric MEDIA = Metric.of("media");

  /** The default insights mapping (current names; {@code views} replaced impressions and plays). */
  public static final String DEFAULT_INSIGHTS =
      "impressions:views,reach:reach,likes:likes,comments:comments,saves:saved,shares:shares";

  static final Map<String, Metric> TARGETS = Map.of(
      "impressions", Metric.IMPRESSIONS, "reach", Metric.REACH, "likes", Metric.LIKES,
      "comments", Metric.COMMENTS, "saves", Metric.SAVES, "shares", Metric.SHARES,
      "video_views", Metric.VIDEO_VIEWS, "profile_visits", Metric.PROFILE_VISITS);

  /** Names Meta deprecated (v22.0 / 2025); one of them fails a whole {@code metric=} list. */
  static final Set<String> RETIRED = Set.of("impressions", "plays", "clips_replays_count",
      "ig_reels_aggregated_all_plays_count", "video_views", "engagement");


  /** Checks the values. */
  public InstagramSettings {
    insights = Map.copyOf(insights);
    GraphSettings.apiVersion(API_VERSION, apiVersion);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new InvalidValueException(POLL_INTERVAL, pollInterval, "must be positive");
    }
    if (processingTimeout.compareTo(pollInterval) < 0) {
      throw new InvalidValueException(PROCESSING_TIMEOUT, processingTimeout, "must be at least the poll interval");
    }
    if (reconcileSkew.isNegative()) {
      throw new InvalidValueException(RECONCILE_SKEW, reconcileSkew, "must not be negative");
    }
  }

  static Map<Metric, String> parseInsights(List<String> pairs) {
    return GraphSettings.insightsMapping(Platform.INSTAGRAM, INSIGHTS_METRICS, pairs, TARGETS, RETIRED::contains);
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming a setting whose value the connector cannot use
   */
  public static InstagramSettings from(ConnectorConfig config) {
    String base = GraphSettings.baseUrl(config, BASE_URL);
    try {
      return new InstagramSettings(base, config.string(API_VERSION), parseInsights(config.list(INSIGHTS_METRICS)),
          config.duration(POLL_INTERVAL), config.duration(PROCESSING_TIMEOUT), config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.INSTAGRAM.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }
}
