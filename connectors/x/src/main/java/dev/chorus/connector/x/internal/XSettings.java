package dev.chorus.connector.x.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.model.Platform;
import dev.chorus.model.Metric;
import java.time.Duration;
import java.util.List;

/**
 * The X connector's validated settings.
 *
 * @param baseUrl the API host without a trailing slash
 * @param metricFields the {@code tweet.fields} metric groups to request
 * @param chunkBytes bytes per APPEND segment
 * @param processingTimeout the longest wait for media processing
 * @param reconcileSkew how far before an attempt reconcile looks
 */
public record XSettings(
    String baseUrl, List<String> metricFields, int chunkBytes, Duration processingTimeout, Duration reconcileSkew) {

  /** The API host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The OAuth client id setting. */
  public static final String CLIENT_ID = "clientId";
  /** The OAuth client secret setting. */
  public static final String CLIENT_SECRET = "clientSecret";
  /** The fixed access token setting. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The metric groups setting. */
  public static final String METRIC_FIELDS = "metricFields";
  /** The APPEND segment size setting. */
  public static final String CHUNK_BYTES = "mediaChunkBytes";
  /** The media processing timeout setting. */
  public static final String PROCESSING_TIMEOUT = "mediaProcessingTimeout";
  /** The reconcile look-back setting. */
  public static final String RECONCILE_SKEW = "reconcileSkew";

  /** Account metric: posts the account has published ({@code tweet_count}). */
  public static final Metric POSTS = Metric.of("posts");
  /** Account metric: lists the account is on ({@code listed_count}). */
  public static final Metric LISTED = Metric.of("listed");

  /** The metric groups X knows; others are refused at configuration time. */
  static final List<String> KNOWN_METRIC_FIELDS =
      List.of("public_metrics", "non_public_metrics", "organic_metrics", "promoted_metrics");

  /** Checks the values. */
  public XSettings {
    metricFields = List.copyOf(metricFields);
    for (String field : metricFields) {
      if (!KNOWN_METRIC_FIELDS.contains(field)) {
        throw new InvalidValueException(METRIC_FIELDS, field, "must be one of " + KNOWN_METRIC_FIELDS);
      }
    }
    if (chunkBytes < 1024 || chunkBytes > 5 * 1024 * 1024) {
      throw new InvalidValueException(CHUNK_BYTES, chunkBytes, "must be between 1 KiB and 5 MiB");
    }
    if (processingTimeout.isNegative() || processingTimeout.isZero()) {
      throw new InvalidValueException(PROCESSING_TIMEOUT, processingTimeout, "must be positive");
    }
    if (reconcileSkew.isNegative()) {
      throw new InvalidValueException(RECONCILE_SKEW, reconcileSkew, "must not be negative");
    }
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming a setting whose value X cannot use
   */
  public static XSettings from(ConnectorConfig config) {
    String base = config.url(BASE_URL).toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    try {
      return new XSettings(base, config.list(METRIC_FIELDS), config.integer(CHUNK_BYTES),
          config.duration(PROCESSING_TIMEOUT), config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.X.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }
}
