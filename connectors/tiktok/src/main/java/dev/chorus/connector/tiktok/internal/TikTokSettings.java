package dev.chorus.connector.tiktok.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.Secret;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TikTok connector's validated settings.
 *
 * @param baseUrl the API host without a trailing slash (it also serves the token endpoint)
 * @param clientKey the app's client key, or {@code null} when tokens are not refreshed here
 * @param clientSecret the app's client secret, or {@code null}
 * @param accessToken a seed access token for accounts with nothing stored, or {@code null}
 * @param refreshToken the seed refresh token, or {@code null}
 * @param privacyLevel the default {@code privacy_level}
 * @param chunkBytes the preferred FILE_UPLOAD chunk size
 * @param pollInterval the pause between status fetches
 * @param statusTimeout the longest a publish waits for TikTok to finish processing
 * @param reconcileSkew how far before an attempt reconcile looks in the video list
 */
public record TikTokSettings(
    String baseUrl,
    String clientKey,
    Secret clientSecret,
    Secret accessToken,
    Secret refreshToken,
    String privacyLevel,
    long chunkBytes,
    Duration pollInterval,
    Duration statusTimeout,
    Duration reconcileSkew) {

  /** The API host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The client key setting. */
  public static final String CLIENT_KEY = "clientKey";
  /** The client secret setting. */
  public static final String CLIENT_SECRET = "clientSecret";
  /** The seed access token setting. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The seed refresh token setting. */
  public static final String REFRESH_TOKEN = "refreshToken";
  /** The default privacy level setting. */
  public static final String PRIVACY_LEVEL = "privacyLevel";
  /** The chunk size setting. */
  public static final String CHUNK_BYTES = "chunkBytes";
  /** The status poll interval setting. */
  public static final String POLL_INTERVAL = "statusPollInterval";
  /** The status timeout setting. */
  public static final String STATUS_TIMEOUT = "statusTimeout";
  /** The reconcile look-back setting. */
  public static final String RECONCILE_SKEW = "reconcileSkew";

  /** Privacy levels from the most open to the most closed. */
  public static final List<String> PRIVACY_LEVELS =
      List.of("PUBLIC_TO_EVERYONE", "FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY");

  /** Checks the values. */
  public TikTokSettings {
    if (!PRIVACY_LEVELS.contains(privacyLevel)) {
      throw new InvalidValueException(PRIVACY_LEVEL, privacyLevel, "must be one of " + PRIVACY_LEVELS);
    }
    if (chunkBytes < ChunkPlan.MIN_CHUNK || chunkBytes > ChunkPlan.MAX_CHUNK) {
      throw new InvalidValueException(CHUNK_BYTES, chunkBytes,
          "must be between " + ChunkPlan.MIN_CHUNK + " and " + ChunkPlan.MAX_CHUNK + " bytes");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new InvalidValueException(POLL_INTERVAL, pollInterval, "must be positive");
    }
    if (statusTimeout.isNegative() || statusTimeout.isZero()) {
      throw new InvalidValueException(STATUS_TIMEOUT, statusTimeout, "must be positive");
    }
    if (reconcileSkew.isNegative()) {
      throw new InvalidValueException(RECONCILE_SKEW, reconcileSkew, "must not be negative");
    }
  }

  /** Whether tokens can be refreshed here (client key and secret are set). */
  public boolean canRefresh() {
    return clientKey != null && clientSecret != null;
  }

  /** The seed access token, if configured. */
  public Optional<Secret> seedAccessToken() {
    return Optional.ofNullable(accessToken);
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming every setting whose value TikTok cannot use
   */
  public static TikTokSettings from(ConnectorConfig config) {
    String base = config.url(BASE_URL).toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String clientKey = config.optionalString(CLIENT_KEY).orElse(null);
    Secret clientSecret = config.optionalSecret(CLIENT_SECRET).orElse(null);
    Secret refreshToken = config.optionalSecret(REFRESH_TOKEN).orElse(null);
    List<String> problems = new ArrayList<>();
    if (refreshToken != null && clientKey == null) {
      problems.add(CLIENT_KEY + ": is required to use the refresh token");
    }
    if (refreshToken != null && clientSecret == null) {
      problems.add(CLIENT_SECRET + ": is required to use the refresh token");
    }
    if (clientKey != null && clientSecret == null) {
      problems.add(CLIENT_SECRET + ": is required with " + CLIENT_KEY);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(Platform.TIKTOK.id(), problems);
    }
    try {
      return new TikTokSettings(base, clientKey, clientSecret, config.optionalSecret(ACCESS_TOKEN).orElse(null),
          refreshToken, config.string(PRIVACY_LEVEL), config.integer(CHUNK_BYTES), config.duration(POLL_INTERVAL),
          config.duration(STATUS_TIMEOUT), config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.TIKTOK.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }

  @Override
  public String toString() {
    return "TikTokSettings[baseUrl=" + baseUrl + ", clientKey=" + clientKey + ", privacyLevel=" + privacyLevel
        + ", chunkBytes=" + chunkBytes + ", pollInterval=" + pollInterval + ", statusTimeout=" + statusTimeout
        + ", reconcileSkew=" + reconcileSkew + "]";
  }
}
