package dev.chorus.connector.threads.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Threads connector's validated settings.
 *
 * @param baseUrl the Threads Graph host without a trailing slash
 * @param apiVersion the API version such as {@code v1.0}
 * @param insights Chorus metric to Threads insights metric name, in request order
 * @param pollInterval the wait between two container status checks
 * @param processingTimeout the longest one publish waits for a container to finish
 * @param reconcileSkew how far before an attempt reconcile looks
 */
public record ThreadsSettings(String baseUrl, String apiVersion, Map<Metric, String> insights,
    Duration pollInterval, Duration processingTimeout, Duration reconcileSkew) {

  /** The host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The API version setting. */
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

  /** Post metric: reposts of the post ({@code reposts}). */
  public static final Metric REPOSTS = Metric.of("reposts");

  /** The default insights mapping, Threads' media metric names. */
  public static final String DEFAULT_INSIGHTS =
      "impressions:views,likes:likes,comments:replies,reposts:reposts,quotes:quotes,shares:shares";

  static final Map<String, Metric> TARGETS = Map.of(
      "impressions", Metric.IMPRESSIONS, "likes", Metric.LIKES, "comments", Metric.COMMENTS,
      "reposts", REPOSTS, "quotes", Metric.QUOTES, "shares", Metric.SHARES);

  /** Checks the values. */
  public ThreadsSettings {
    insights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(insights));
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
    // Threads has retired none of its media insights names.
    return GraphSettings.insightsMapping(Platform.THREADS, INSIGHTS_METRICS, pairs, TARGETS, name -> false);
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming a setting whose value the connector cannot use
   */
  public static ThreadsSettings from(ConnectorConfig config) {
    String base = GraphSettings.baseUrl(config, BASE_URL);
    try {
      return new ThreadsSettings(base, config.string(API_VERSION), parseInsights(config.list(INSIGHTS_METRICS)),
          config.duration(POLL_INTERVAL), config.duration(PROCESSING_TIMEOUT), config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.THREADS.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }
}
