package dev.chorus.connector.x;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.model.Platform;
import java.util.List;

/**
 * Connects X accounts with OAuth 2.0 Authorization Code and PKCE (S256). The scopes include {@code
 * offline.access}, without which X issues no refresh token; access tokens live two hours and each
 * refresh rotates the refresh token, which {@link
 * dev.chorus.connector.http.oauth.ManagedCredentials} saves before using.
 *
 * <pre>{@code
 * OAuthClient oauth = XOAuth.client(runtime, clientId, clientSecret, "https://app.example/callback");
 * AuthorizationRequest pending = oauth.authorizationRequest();   // redirect the user to pending.url()
 * OAuthTokens tokens = oauth.exchange(pending, returnedState, returnedCode);
 * credentials.connect(account.credentials(), tokens);
 * }</pre>
 */
public final class XOAuth {

  /** Where the user authorises the app. */
  public static final String AUTHORIZE_URL = "https://x.com/i/oauth2/authorize";

  /** The token endpoint for the code exchange and refreshes. */
  public static final String TOKEN_URL = "https://api.x.com/2/oauth2/token";

  /** The scopes publishing, media upload, reading and refreshing need. */
  public static final List<String> SCOPES =
      List.of("tweet.read", "tweet.write", "users.read", "media.write", "offline.access");

  /** A placeholder redirect for clients that only refresh (a refresh sends no redirect URI). */
  static final String REFRESH_ONLY_REDIRECT = "urn:chorus:refresh-only";

  private XOAuth() {}

  /**
   * A builder preset for X: authorise and token endpoints, {@link #SCOPES}, PKCE, and the client id
   * and redirect URI; add {@code clientSecret(secret, BASIC)} for a confidential client.
   */
  public static OAuthClient.Builder builder(HttpRuntime runtime, String clientId, String redirectUri) {
    if (clientId == null || clientId.isBlank()) {
      throw new InvalidValueException("clientId", clientId, "must not be blank");
    }
    return OAuthClient.builder(runtime, Platform.X)
        .authorizationEndpoint(AUTHORIZE_URL)
        .tokenEndpoint(TOKEN_URL)
        .clientId(clientId)
        .redirectUri(redirectUri)
        .scopes(SCOPES, " ")
        .pkce(true);
  }

  /**
   * An OAuth client for X. A confidential client authenticates with HTTP Basic on the token
   * endpoint; a public client ({@code clientSecret} {@code null}) sends its {@code client_id}.
   *
   * @param clientSecret the client secret, or {@code null} for a public client
   */
  public static OAuthClient client(HttpRuntime runtime, String clientId, Secret clientSecret, String redirectUri) {
    OAuthClient.Builder builder = builder(runtime, clientId, redirectUri);
    if (clientSecret != null) {
      builder.clientSecret(clientSecret.reveal(), ClientAuthentication.BASIC);
    }
    return builder.build();
  }
}
