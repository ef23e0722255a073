package dev.chorus.connector.youtube;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.model.Platform;
import java.util.List;

/**
 * Connects YouTube channels with Google OAuth 2.0 (authorization code, PKCE S256, {@code
 * access_type=offline} and {@code prompt=consent} so Google returns a refresh token). Google's
 * refresh answer carries no new refresh token; {@link dev.chorus.connector.http.oauth.ManagedCredentials}
 * keeps the old one.
 *
 * <pre>{@code
 * OAuthClient oauth = YouTubeOAuth.client(runtime, clientId, clientSecret, "https://app.example/callback");
 * AuthorizationRequest pending = oauth.authorizationRequest();   // redirect the user to pending.url()
 * OAuthTokens tokens = oauth.exchange(pending, returnedState, returnedCode);
 * credentials.connect(account.credentials(), tokens);
 * }</pre>
 */
public final class YouTubeOAuth {

  /** Where the user authorises the app. */
  public static final String AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth";

  /** The token endpoint for the code exchange and refreshes. */
  public static final String TOKEN_URL = "https://oauth2.googleapis.com/token";

  /** Uploading needs {@code youtube.upload}; comments, deletes and reads need {@code youtube.force-ssl}. */
  public static final List<String> SCOPES = List.of(
      "https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl");

  private YouTubeOAuth() {}

  /**
   * A builder preset for Google: endpoints, {@link #SCOPES}, PKCE, {@code access_type=offline},
   * {@code prompt=consent}, the client id and redirect URI; add the client secret for a web client.
   */
  public static OAuthClient.Builder builder(HttpRuntime runtime, String authorizeUrl, String tokenUrl,
      String clientId, String redirectUri) {
    if (clientId == null || clientId.isBlank()) {
      throw new InvalidValueException("clientId", clientId, "must not be blank");
    }
    return OAuthClient.builder(runtime, Platform.YOUTUBE)
        .authorizationEndpoint(authorizeUrl)
        .tokenEndpoint(tokenUrl)
        .clientId(clientId)
        .redirectUri(redirectUri)
        .scopes(SCOPES, " ")
        .pkce(true)
        .authorizationParameter("access_type", "offline")
        .authorizationParameter("prompt", "consent");
  }

  /**
   * An OAuth client for Google on the standard endpoints; the client secret goes as form fields
   * ({@code client_id}, {@code client_secret}), as Google's token endpoint expects.
   *
   * @param clientSecret the client secret, or {@code null} for an installed-app client without one
   */
  public static OAuthClient client(HttpRuntime runtime, String clientId, Secret clientSecret, String redirectUri) {
    return client(runtime, AUTHORIZE_URL, TOKEN_URL, clientId, clientSecret, redirectUri);
  }

  /** As {@link #client(HttpRuntime, String, Secret, String)} with other endpoints (tests, proxies). */
  public static OAuthClient client(HttpRuntime runtime, String authorizeUrl, String tokenUrl, String clientId,
      Secret clientSecret, String redirectUri) {
    OAuthClient.Builder builder = builder(runtime, authorizeUrl, tokenUrl, clientId, redirectUri);
    if (clientSecret != null) {
      builder.clientSecret(clientSecret.reveal(), ClientAuthentication.REQUEST_BODY);
    }
    return builder.build();
  }
}
