package dev.chorus.connector.linkedin.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.model.Metric;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one LinkedIn connector.
 *
 * @param postMetrics the metrics reported per post, a subset of the declared ones
 */
public record LinkedInSettings(
    URI baseUrl,
    URI oauthBaseUrl,
    String clientId,
    Secret clientSecret,
    URI redirectUri,
    List<String> scopes,
    String version,
    Optional<Secret> accessToken,
    Optional<Secret> refreshToken,
    Set<Metric> postMetrics,
    boolean awaitVideo,
    Duration mediaPollInterval,
    Duration mediaWaitTimeout,
    int interactionPosts) {

  /** The LinkedIn-Version sent when none is configured. */
  public static final String DEFAULT_VERSION = "202601";

  /** Post ids per organizationalEntityShareStatistics request (LinkedIn publishes no maximum). */
  public static final int METRICS_BATCH = 20;

  private static final Pattern VERSION = Pattern.compile("20\\d\\d(0[1-9]|1[0-2])");

  /** Compact constructor: copies the collections. */
  public LinkedInSettings {
    scopes = List.copyOf(scopes);
    postMetrics = Set.copyOf(postMetrics);
  }

  /**
   * Reads the settings and checks what the spec cannot.
   *
   * @throws ConfigException naming each setting that is out of range
   */
  public static LinkedInSettings from(String platform, ConnectorConfig config, Capabilities capabilities) {
    List<String> problems = new ArrayList<>();
    String version = config.string("linkedinVersion");
    if (!VERSION.matcher(version).matches()) {
      problems.add("linkedinVersion: \"" + version + "\" is not a YYYYMM version such as " + DEFAULT_VERSION);
    }
    Set<Metric> metrics = new LinkedHashSet<>();
    for (String name : config.list("postMetrics")) {
      Metric metric = capabilities.postMetrics().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
      if (metric == null) {
        problems.add("postMetrics: \"" + name + "\" is not one of " + capabilities.postMetrics());
      } else {
        metrics.add(metric);
      }
    }
    int posts = config.integer("interactionPosts");
    if (posts < 1 || posts > 100) {
      problems.add("interactionPosts: " + posts + " is not between 1 and 100");
    }
    Duration poll = config.duration("mediaPollInterval");
    if (poll.isNegative() || poll.isZero()) {
      problems.add("mediaPollInterval: " + poll + " must be positive");
    }
    Duration timeout = config.duration("mediaWaitTimeout");
    if (timeout.isNegative()) {
      problems.add("mediaWaitTimeout: " + timeout + " must not be negative");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(platform, problems);
    }
    return new LinkedInSettings(config.url("baseUrl"), config.url("oauthBaseUrl"), config.string("clientId"),
        config.secret("clientSecret"), config.url("redirectUri"), config.list("scopes"), version,
        config.optionalSecret("accessToken"), config.optionalSecret("refreshToken"), metrics,
        config.bool("awaitVideo"), poll, timeout, posts);
  }

  /** The OAuth client: client secret in the form body, no PKCE (LinkedIn's standard web flow). */
  public OAuthClient oauthClient(HttpRuntime runtime) {
    String oauth = trimSlash(oauthBaseUrl.toString());
    return OAuthClient.builder(runtime, dev.chorus.model.Platform.LINKEDIN)
        .authorizationEndpoint(oauth + "/oauth/v2/authorization")
        .tokenEndpoint(oauth + "/oauth/v2/accessToken")
        .clientId(clientId)
        .clientSecret(clientSecret.reveal(), ClientAuthentication.REQUEST_BODY)
        .redirectUri(redirectUri.toString())
        .scopes(scopes, " ")
        .pkce(false)
        .build();
  }

  static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "LinkedInSettings[baseUrl=" + baseUrl + ", version=" + version + ", clientId=" + clientId
        + ", postMetrics=" + postMetrics + "]";
  }
}
