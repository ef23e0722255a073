package dev.chorus.connector.tiktok;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenRefresher;
import dev.chorus.model.Platform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * TikTok's OAuth 2.0 v2: the authorisation URL (with {@code client_key} and comma-separated
 * scopes), the code exchange and the refresh-token grant on {@code POST /v2/oauth/token/}. The token
 * response is flat JSON without TikTok's usual envelope. Refresh tokens rotate: every refresh
 * returns a new one and the old one stops working, so use this as the {@link TokenRefresher} of
 * {@link dev.chorus.connector.http.oauth.ManagedCredentials}, which saves the new pair before using
 * it. Lifetimes are read from {@code expires_in} and {@code refresh_expires_in}, never assumed.
 *
 * <pre>{@code
 * TikTokOAuth oauth = new TikTokOAuth(runtime, TikTokOAuth.API_BASE_URL, clientKey, clientSecret);
 * String url = TikTokOAuth.authorizationUrl(clientKey, redirectUri, TikTokOAuth.SCOPES, state);
 * OAuthTokens tokens = oauth.exchange(code, redirectUri, null);          // after the redirect
 * credentials.connect(account.credentials(), tokens);
 * }</pre>
 */
public final class TikTokOAuth implements TokenRefresher {

  /** Where the user authorises the app. */
  public static final String AUTHORIZE_URL = "https://www.tiktok.com/v2/auth/authorize/";

  /** The API host, which also serves the token endpoint. */
  public static final String API_BASE_URL = "https://open.tiktokapis.com";

  /** The token endpoint's path. */
  public static final String TOKEN_PATH = "/v2/oauth/token/";

  /**
   * The scopes publishing, reading videos and reading the profile need; {@code user.info.stats}
   * gives the follower count.
   */
  public static final List<String> SCOPES =
      List.of("user.info.basic", "user.info.stats", "video.publish", "video.upload", "video.list");

  /** The attribute under which the user's {@code open_id} is kept with the tokens. */
  public static final String OPEN_ID = "open_id";

  /** The attribute with the instant the refresh token expires, ISO-8601. */
  public static final String REFRESH_EXPIRES_AT = "refresh_expires_at";

  private final PlatformHttp http;
  private final String clientKey;
  private final Secret clientSecret;
  private final Clock clock;

  /**
   * A client for the app.
   *
   * @param baseUrl the API host, normally {@link #API_BASE_URL}
   */
  public TikTokOAuth(HttpRuntime runtime, String baseUrl, String clientKey, Secret clientSecret) {
    if (runtime == null) {
      throw new InvalidValueException("runtime", null, "is required");
    }
    if (clientKey == null || clientKey.isBlank()) {
      throw new InvalidValueException("clientKey", clientKey, "must not be blank");
    }
    if (clientSecret == null || clientSecret.reveal().isBlank()) {
      throw new InvalidValueException("clientSecret", "***", "must not be blank");
    }
    this.http = runtime.platform(Platform.TIKTOK).baseUrl(baseUrl).errors(TikTokOAuth::mapTokenError).build();
    this.clientKey = clientKey;
    this.clientSecret = clientSecret;
    this.clock = runtime.clock();
  }

  /**
   * The URL to send the user to. TikTok wants {@code client_key} (not {@code client_id}), scopes
   * separated by commas, and a static HTTPS redirect URI.
   */
  public static String authorizationUrl(String clientKey, String redirectUri, List<String> scopes, String state) {
    if (clientKey == null || clientKey.isBlank()) {
      throw new InvalidValueException("clientKey", clientKey, "must not be blank");
    }
    if (redirectUri == null || !redirectUri.startsWith("https://")) {
      throw new InvalidValueException("redirectUri", redirectUri, "must be an https URL registered for the app");
    }
    if (state == null || state.isBlank()) {
      throw new InvalidValueException("state", state, "must not be blank");
    }
    return AUTHORIZE_URL + "?client_key=" + encode(clientKey)
        + "&scope=" + encode(String.join(",", scopes))
        + "&response_type=code"
        + "&redirect_uri=" + encode(redirectUri)
        + "&state=" + encode(state);
  }

  /**
   * Exchanges the authorisation code from the redirect.
   *
   * @param codeVerifier the PKCE verifier (mobile and desktop apps), or {@code null}
   * @throws AuthenticationExpiredException when TikTok refuses the code
   */
  public OAuthTokens exchange(String code, String redirectUri, String codeVerifier) {
    if (code == null || code.isBlank()) {
      throw new InvalidValueException("code", code, "must not be blank");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_key", clientKey);
    form.put("client_secret", clientSecret.reveal());
    form.put("code", code);
    form.put("grant_type", "authorization_code");
    form.put("redirect_uri", redirectUri);
    if (codeVerifier != null) {
      form.put("code_verifier", codeVerifier);
    }
    return call(form);
  }

  /**
   * The refresh-token grant. The result carries the rotated refresh token; the caller must save it
   * before using the new access token ({@code ManagedCredentials} does).
   *
   * @throws AuthenticationExpiredException when there is no refresh token or TikTok refuses it
   */
  @Override
  public OAuthTokens refresh(OAuthTokens current) {
    String refreshToken = current.refreshToken().orElseThrow(() -> new AuthenticationExpiredException(
        Platform.TIKTOK, 0, null, "the access token expired and there is no refresh token; reconnect the account"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_key", clientKey);
    form.put("client_secret", clientSecret.reveal());
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return call(form);
  }

  private OAuthTokens call(Map<String, String> form) {
    ApiResponse response = http.execute(ApiRequest.post(TOKEN_PATH)
        .header("Accept", "application/json")
        .formBody(form)
        .rateLimitBucket("oauth-token")
        .build());
    JsonNode json = response.json();
    String accessToken = text(json, "access_token");
    if (accessToken == null) {
      // TikTok may answer an OAuth error with 200; the shape is {error, error_description, log_id}.
      throw mapTokenError(Platform.TIKTOK, response);
    }
    Instant now = clock.instant();
    long expiresIn = json.path("expires_in").asLong(-1);
    long refreshExpiresIn = json.path("refresh_expires_in").asLong(-1);
    OAuthTokens.Builder tokens = OAuthTokens.builder()
        .accessToken(accessToken)
        .refreshToken(text(json, "refresh_token"))
        .expiresAt(expiresIn > 0 ? now.plusSeconds(expiresIn) : null)
        .scope(text(json, "scope"));
    String openId = text(json, "open_id");
    if (openId != null) {
      tokens.attribute(OPEN_ID, openId);
    }
    if (refreshExpiresIn > 0) {
      tokens.attribute(REFRESH_EXPIRES_AT, now.plusSeconds(refreshExpiresIn).toString());
    }
    return tokens.build();
  }

  private static ConnectorException mapTokenError(Platform platform, ApiResponse response) {
    JsonNode json = response.json();
    String error = text(json, "error");
    String requestId = text(json, "log_id");
    if (response.status() >= 500) {
      return ErrorMapper.standard().map(platform, response);
    }
    String description = ErrorMapper.message(response);
    String text = error == null ? description : error + (description.equals(error) ? "" : ": " + description);
    return new AuthenticationExpiredException(platform, response.status(),
        requestId != null ? requestId : response.requestId().orElse(null),
        "the token endpoint refused the grant (" + text + "); reconnect the account");
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.path(field);
    return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TikTokOAuth[clientKey=" + clientKey + ", " + http + "]";
  }
}
