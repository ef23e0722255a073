package dev.chorus.connector.http;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings and wiring shared by the Meta Graph API connectors (Facebook, Instagram, Threads):
 * {@code chorusMetric:graphName} insights mappings, the version check, the Graph host without a
 * trailing slash, the token source, and asking refused insights names one by one.
 */
public final class GraphSettings {

  private static final Logger LOG = LoggerFactory.getLogger(GraphSettings.class);
  private static final Pattern METRIC_NAME = Pattern.compile("[a-z0-9_]+");
  private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+");

  private GraphSettings() {}

  /**
   * Parses {@code chorusMetric:graphName} pairs into Chorus metric to Graph name, in order. A
   * retired Graph name is dropped with a warning, so that it never fails a whole insights call
   * (Meta refuses a {@code metric=} list naming one).
   *
   * @param platform the connector's platform, for the warning
   * @param field the setting's name, for the error
   * @param pairs the configured pairs
   * @param targets the Chorus metric names a pair may start with
   * @param retired whether Meta has retired a Graph name
   * @return the mapping, retired names removed
   * @throws InvalidValueException naming {@code field} and the pair when a pair is malformed or its
   *     Chorus metric is not one of {@code targets}
   */
  public static Map<Metric, String> insightsMapping(Platform platform, String field, List<String> pairs,
      Map<String, Metric> targets, Predicate<String> retired) {
    Map<Metric, String> mapping = new LinkedHashMap<>();
    for (String pair : pairs) {
      int colon = pair.indexOf(':');
      Metric target = colon > 0 ? targets.get(pair.substring(0, colon).trim()) : null;
      String name = colon > 0 ? pair.substring(colon + 1).trim() : "";
      if (target == null || !METRIC_NAME.matcher(name).matches()) {
        throw new InvalidValueException(field, pair,
            "must be chorusMetric:graphMetric with chorusMetric one of " + targets.keySet());
      }
      if (retired.test(name)) {
        LOG.warn("{} insights metric {} is retired by Meta; not requesting it", platform.id(), name);
        continue;
      }
      mapping.put(target, name);
    }
    return mapping;
  }

  /**
   * Checks a Graph API version such as {@code v21.0}.
   *
   * @param field the setting's name
   * @param version the value
   * @return the version
   * @throws InvalidValueException when it does not look like {@code v21.0}
   */
  public static String apiVersion(String field, String version) {
    Checks.required(field, version);
    if (!VERSION.matcher(version).matches()) {
      throw new InvalidValueException(field, version, "must look like v21.0");
    }
    return version;
  }

  /**
   * The configured Graph host URL without trailing slashes.
   *
   * @param config the validated configuration
   * @param field the URL setting's name
   * @return the host URL text
   */
  public static String baseUrl(ConnectorConfig config, String field) {
    String base = config.url(field).toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  /**
   * Where tokens come from: the context's {@link CredentialSource} extension, else a fixed token
   * from the {@code accessTokenSetting} secret.
   *
   * @param platform the connector's platform, for the error
   * @param context the connector's context
   * @param config the validated configuration
   * @param accessTokenSetting the name of the fixed token setting
   * @return the credential source
   * @throws ConfigException when there is neither
   */
  public static CredentialSource credentials(Platform platform, ConnectorContext context, ConnectorConfig config,
      String accessTokenSetting) {
    return context.extension(CredentialSource.class)
        .or(() -> config.optionalSecret(accessTokenSetting)
            .map(secret -> CredentialSource.fixed(AccessToken.of(secret.reveal()))))
        .orElseThrow(() -> new ConfigException(platform.id(), List.of(accessTokenSetting
            + ": is required when the host supplies no CredentialSource")));
  }

  /**
   * Asks for each insights metric alone after Meta refused a list of them (one unknown or retired
   * name fails the whole call), so that only the refused metric goes missing.
   *
   * @param wanted Chorus metric to Graph name
   * @param ask reads the insights of a one-entry mapping and keeps what it found
   * @param unavailable whether a failure of a single metric means that metric is not available
   *     (anything else propagates)
   * @param skipped told the Graph name and the failure of each metric left out
   */
  public static void askEachAlone(Map<Metric, String> wanted, Consumer<Map<Metric, String>> ask,
      Predicate<RuntimeException> unavailable, BiConsumer<String, RuntimeException> skipped) {
    for (Map.Entry<Metric, String> metric : wanted.entrySet()) {
      try {
        ask.accept(Map.of(metric.getKey(), metric.getValue()));
      } catch (RuntimeException failure) {
        if (!unavailable.test(failure)) {
          throw failure;
        }
        skipped.accept(metric.getValue(), failure);
      }
    }
  }

  /**
   * Reads a post's insights with Meta's usual failure modes handled: an empty mapping asks for
   * nothing; a {@link dev.chorus.connector.PermissionDeniedException} (insights withheld, for
   * example too few viewers) leaves every insight absent rather than zero; a {@link
   * dev.chorus.connector.ContentRejectedException} (one refused name fails the whole list) asks for
   * each metric alone, so only the refused ones are absent.
   *
   * @param platform the platform, for log lines
   * @param postId the post whose insights are read
   * @param wanted Chorus metric to Graph name
   * @param read reads the insights of a mapping
   */
  public static Map<Metric, Long> insights(Platform platform, String postId, Map<Metric, String> wanted,
      java.util.function.Function<Map<Metric, String>, Map<Metric, Long>> read) {
    if (wanted.isEmpty()) {
      return Map.of();
    }
    try {
      return read.apply(wanted);
    } catch (dev.chorus.connector.PermissionDeniedException withheld) {
      LOG.debug("{} withholds insights of {}: {}", platform.id(), postId, withheld.getMessage());
      return Map.of();
    } catch (dev.chorus.connector.ContentRejectedException refused) {
      LOG.warn("{} refused insights {} of {} ({}); asking for each alone", platform.id(), wanted.values(), postId,
          refused.reason());
      Map<Metric, Long> merged = new LinkedHashMap<>();
      askEachAlone(wanted, alone -> merged.putAll(read.apply(alone)),
          failure -> failure instanceof dev.chorus.connector.ContentRejectedException
              || failure instanceof dev.chorus.connector.PermissionDeniedException,
          (name, unavailable) -> LOG.debug("{} insights metric {} is not available for {}", platform.id(), name, postId));
      return merged;
    }
  }
}
