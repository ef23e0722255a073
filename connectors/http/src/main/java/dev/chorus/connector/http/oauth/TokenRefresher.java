package dev.chorus.connector.http.oauth;

/**
 * Obtains fresh tokens from the current ones: an OAuth refresh-token grant ({@link OAuthClient}),
 * Bluesky's {@code refreshSession}, or Instagram's {@code ig_refresh_token}. The result may omit the
 * refresh token; the old one is then kept.
 */
@FunctionalInterface
public interface TokenRefresher {

  /**
   * The refreshed tokens.
   *
   * @throws dev.chorus.connector.AuthenticationExpiredException when the platform refused the refresh
   */
  OAuthTokens refresh(OAuthTokens current);
}
