package dev.chorus.connector.pinterest;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.model.Platform;
import java.util.List;

/**
 * Pinterest's OAuth 2.0 endpoints and scopes. The token endpoint {@code POST /v5/oauth/token} takes
 * the client credentials as HTTP Basic and form-encoded grants; access tokens are refreshed with the
 * refresh-token grant (continuous refresh: each refresh token lasts 60 days and the answer carries a
 * new one, which {@link dev.chorus.connector.http.oauth.ManagedCredentials} stores).
 *
 * <pre>{@code
 * OAuthClient oauth = PinterestOAuth.client(runtime, PinterestOAuth.API_BASE_URL, clientId, secret, redirectUri);
 * AuthorizationRequest pending = oauth.authorizationRequest();   // send the user to pending.url()
 * OAuthTokens tokens = oauth.exchange(pending, returnedState, code);
 * credentials.connect(account.credentials(), tokens);
 * }</pre>
 */
public final class PinterestOAuth {

  /** Where the user authorises the app. */
  public static final String AUTHORIZE_URL = "https://www.pinterest.com/oauth/";

  /** The API host, which also serves the token endpoint. */
  public static final String API_BASE_URL = "https://api.pinterest.com";

  /** The token endpoint's path on the API host. */
  public static final String TOKEN_PATH = "/v5/oauth/token";

  /** The scopes publishing, boards, analytics and the follower count need (sent comma-separated). */
  public static final List<String> SCOPES =
      List.of("boards:read", "boards:write", "pins:read", "pins:write", "user_accounts:read");

  private PinterestOAuth() {}

  /**
   * An OAuth client for the app: the authorisation URL with comma-separated scopes and, on the token
   * endpoint, HTTP Basic client authentication. It is also the {@link
   * dev.chorus.connector.http.oauth.TokenRefresher} the connector uses.
   *
   * @param baseUrl the API host, normally {@link #API_BASE_URL}
   * @param redirectUri the redirect URI registered for the app
   */
  public static OAuthClient client(HttpRuntime runtime, String baseUrl, String clientId, Secret clientSecret,
      String redirectUri) {
    if (runtime == null) {
      throw new InvalidValueException("runtime", null, "is required");
    }
    if (clientSecret == null || clientSecret.reveal().isBlank()) {
      throw new InvalidValueException("clientSecret", "***", "must not be blank");
    }
    String base = baseUrl == null ? "" : baseUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return OAuthClient.builder(runtime, Platform.PINTEREST)
        .authorizationEndpoint(AUTHORIZE_URL)
        .tokenEndpoint(base + TOKEN_PATH)
        .clientId(clientId)
        .clientSecret(clientSecret.reveal(), ClientAuthentication.BASIC)
        .redirectUri(redirectUri)
        .scopes(SCOPES, ",")
        .pkce(false)
        .build();
  }
}
