package dev.chorus.connector.pinterest.internal;

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
 * The Pinterest connector's validated settings.
 *
 * @param baseUrl the API host without a trailing slash (paths start with {@code /v5}; it also serves
 *     the token endpoint)
 * @param clientId the app id, or {@code null} when tokens are not refreshed here
 * @param clientSecret the app secret, or {@code null}
 * @param accessToken a seed access token for accounts with nothing stored, or {@code null}
 * @param refreshToken the seed refresh token, or {@code null}
 * @param defaultBoardId the board pins go to when a post names none, or {@code null}
 * @param pollInterval the pause between media status reads
 * @param mediaTimeout the longest a publish waits for a video to finish processing
 * @param reconcileSkew how far before an attempt reconcile looks in the board's pins
 */
public record PinterestSettings(
    String baseUrl,
    String clientId,
    Secret clientSecret,
    Secret accessToken,
    Secret refreshToken,
    String defaultBoardId,
    Duration pollInterval,
    Duration mediaTimeout,
    Duration reconcileSkew) {

  /** The API host setting. */
  public static final String BASE_URL = "baseUrl";
  /** The app id setting. */
  public static final String CLIENT_ID = "clientId";
  /** The app secret setting. */
  public static final String CLIENT_SECRET = "clientSecret";
  /** The seed access token setting. */
  public static final String ACCESS_TOKEN = "accessToken";
  /** The seed refresh token setting. */
  public static final String REFRESH_TOKEN = "refreshToken";
  /** The default board setting. */
  public static final String BOARD_ID = "boardId";
  /** The media poll interval setting. */
  public static final String POLL_INTERVAL = "mediaPollInterval";
  /** The media processing timeout setting. */
  public static final String MEDIA_TIMEOUT = "mediaTimeout";
  /** The reconcile look-back setting. */
  public static final String RECONCILE_SKEW = "reconcileSkew";

  /** Checks the values. */
  public PinterestSettings {
    if (defaultBoardId != null && !DefaultPinterestConnector.isBoardId(defaultBoardId)) {
      throw new InvalidValueException(BOARD_ID, defaultBoardId, "must be a numeric board id");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new InvalidValueException(POLL_INTERVAL, pollInterval, "must be positive");
    }
    if (mediaTimeout.isNegative() || mediaTimeout.isZero()) {
      throw new InvalidValueException(MEDIA_TIMEOUT, mediaTimeout, "must be positive");
    }
    if (reconcileSkew.isNegative()) {
      throw new InvalidValueException(RECONCILE_SKEW, reconcileSkew, "must not be negative");
    }
  }

  /** Whether tokens can be refreshed here (app id and secret are set). */
  public boolean canRefresh() {
    return clientId != null && clientSecret != null;
  }

  /** The seed access token, if configured. */
  public Optional<Secret> seedAccessToken() {
    return Optional.ofNullable(accessToken);
  }

  /**
   * Reads the settings from a validated configuration.
   *
   * @throws ConfigException naming every setting whose value cannot be used
   */
  public static PinterestSettings from(ConnectorConfig config) {
    String base = config.url(BASE_URL).toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String clientId = config.optionalString(CLIENT_ID).orElse(null);
    Secret clientSecret = config.optionalSecret(CLIENT_SECRET).orElse(null);
    Secret refreshToken = config.optionalSecret(REFRESH_TOKEN).orElse(null);
    List<String> problems = new ArrayList<>();
    if (refreshToken != null && (clientId == null || clientSecret == null)) {
      problems.add(CLIENT_ID + ", " + CLIENT_SECRET + ": are required to use the refresh token");
    }
    if (clientId != null && clientSecret == null) {
      problems.add(CLIENT_SECRET + ": is required with " + CLIENT_ID);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(Platform.PINTEREST.id(), problems);
    }
    try {
      return new PinterestSettings(base, clientId, clientSecret, config.optionalSecret(ACCESS_TOKEN).orElse(null),
          refreshToken, config.optionalString(BOARD_ID).orElse(null), config.duration(POLL_INTERVAL),
          config.duration(MEDIA_TIMEOUT), config.duration(RECONCILE_SKEW));
    } catch (InvalidValueException bad) {
      throw new ConfigException(Platform.PINTEREST.id(), List.of(bad.field() + ": " + bad.getMessage()));
    }
  }

  @Override
  public String toString() {
    return "PinterestSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", defaultBoardId=" + defaultBoardId
        + ", pollInterval=" + pollInterval + ", mediaTimeout=" + mediaTimeout + ", reconcileSkew=" + reconcileSkew
        + "]";
  }
}
