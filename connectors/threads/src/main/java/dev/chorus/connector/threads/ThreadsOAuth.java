package dev.chorus.connector.threads;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.GraphApi;
import dev.chorus.connector.http.GraphApiErrors;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.connector.http.oauth.TokenRefresher;
import dev.chorus.model.Platform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Threads' token flow: the authorisation URL, the code exchange ({@code POST /oauth/access_token},
 * a one-hour token), the exchange for a 60-day long-lived token ({@code GET /access_token?grant_type=
 * th_exchange_token}) and its refresh ({@code GET /refresh_access_token?grant_type=th_refresh_token}).
 * Threads has no refresh token: the long-lived access token refreshes itself while it is at least 24
 * hours old and not yet expired. Use this as the {@link TokenRefresher} of {@link
 * dev.chorus.connector.http.oauth.ManagedCredentials} with a refresh-ahead of days, not minutes.
 *
 * <pre>{@code
 * ThreadsOAuth oauth = new ThreadsOAuth(runtime, ThreadsOAuth.TOKEN_BASE_URL, appId, appSecret);
 * String url = ThreadsOAuth.authorizationUrl(appId, redirectUri, ThreadsOAuth.SCOPES, state);
 * OAuthTokens tokens = oauth.exchange(code, redirectUri);   // long-lived, with the user_id attribute
 * credentials.connect(account.credentials(), tokens);
 * }</pre>
 */
public final class ThreadsOAuth implements TokenRefresher {

  /** Where the user authorises the app. */
  public static final String AUTHORIZE_URL = "https://threads.net/oauth/authorize";

  /** The host of the token endpoints (unversioned paths). */
  public static final String TOKEN_BASE_URL = "https://graph.threads.net";

  /** The scopes publishing, replies, insights and delete need. */
  public static final List<String> SCOPES = List.of("threads_basic", "threads_content_publish",
      "threads_read_replies", "threads_manage_replies", "threads_manage_insights", "threads_delete");

  /** The attribute under which the Threads user id is kept with the tokens. */
  public static final String USER_ID = "user_id";

  private final PlatformHttp http;
  private final String appId;
  private final Secret appSecret;
  private final Clock clock;

  /**
   * A client for the app.
   *
   * @param baseUrl the token host, normally {@link #TOKEN_BASE_URL}
   * @throws InvalidValueException when an argument is missing or blank
   */
  public ThreadsOAuth(HttpRuntime runtime, String baseUrl, String appId, Secret appSecret) {
    if (runtime == null) {
      throw new InvalidValueException("runtime", null, "is required");
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new InvalidValueException("baseUrl", baseUrl, "must not be blank");
    }
    if (appId == null || appId.isBlank()) {
      throw new InvalidValueException("appId", appId, "must not be blank");
    }
    if (appSecret == null || appSecret.reveal().isBlank()) {
      throw new InvalidValueException("appSecret", "<redacted>", "must not be blank");
    }
    this.http = runtime.platform(Platform.THREADS).baseUrl(baseUrl).errors(ThreadsOAuth::mapTokenError)
        .requestIdHeader("x-fb-trace-id").userAgent("chorus-connector-threads").build();
    this.appId = appId;
    this.appSecret = appSecret;
    this.clock = runtime.clock();
  }

  /**
   * The URL to send the user to; scopes are separated by commas.
   *
   * @throws InvalidValueException when the app id, redirect URI or state is unusable
   */
  public static String authorizationUrl(String appId, String redirectUri, List<String> scopes, String state) {
    if (appId == null || appId.isBlank()) {
      throw new InvalidValueException("appId", appId, "must not be blank");
    }
    if (redirectUri == null || !redirectUri.startsWith("https://")) {
      throw new InvalidValueException("redirectUri", redirectUri, "must be an https URL registered for the app");
    }
    if (state == null || state.isBlank()) {
      throw new InvalidValueException("state", state, "must not be blank");
    }
    return AUTHORIZE_URL + "?client_id=" + encode(appId)
        + "&redirect_uri=" + encode(redirectUri)
        + "&scope=" + encode(String.join(",", scopes))
        + "&response_type=code"
        + "&state=" + encode(state);
  }

  /**
   * Exchanges the authorisation code for a short-lived token, then that for a long-lived one.
   *
   * @throws AuthenticationExpiredException when Threads refuses the code or the exchange
   */
  public OAuthTokens exchange(String code, String redirectUri) {
    if (code == null || code.isBlank()) {
      throw new InvalidValueException("code", code, "must not be blank");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", appId);
    form.put("client_secret", appSecret.reveal());
    form.put("code", code);
    form.put("grant_type", "authorization_code");
    form.put("redirect_uri", redirectUri);
    JsonNode shortLived = http.execute(ApiRequest.post("/oauth/access_token").formBody(form)
        .rateLimitBucket("oauth").build()).json();
    String token = GraphApi.text(shortLived, "access_token");
    if (token == null) {
      throw new AuthenticationExpiredException(Platform.THREADS, 200, null,
          "Threads answered the code exchange without an access token; authorise again");
    }
    OAuthTokens longLived = longLived(token);
    String userId = GraphApi.text(shortLived, "user_id");
    return userId == null ? longLived : longLived.newBuilder().attribute(USER_ID, userId).build();
  }

  /**
   * Exchanges a short-lived token for a long-lived (60-day) one with {@code th_exchange_token}.
   *
   * @throws AuthenticationExpiredException when Threads refuses the token
   */
  public OAuthTokens longLived(String shortLivedToken) {
    if (shortLivedToken == null || shortLivedToken.isBlank()) {
      throw new InvalidValueException("shortLivedToken", "<redacted>", "must not be blank");
    }
    return tokens(http.execute(ApiRequest.get("/access_token")
        .query("grant_type", "th_exchange_token")
        .query("client_secret", appSecret.reveal())
        .query("access_token", shortLivedToken)
        .rateLimitBucket("oauth").build()), null);
  }

  /**
   * Refreshes the long-lived token with {@code th_refresh_token}: the result is a new token valid
   * for another 60 days. The attributes of the current tokens are kept.
   *
   * @throws AuthenticationExpiredException when Threads refuses the refresh (expired, revoked, or
   *     younger than 24 hours)
   */
  @Override
  public OAuthTokens refresh(OAuthTokens current) {
    return tokens(http.execute(ApiRequest.get("/refresh_access_token")
        .query("grant_type", "th_refresh_token")
        .query("access_token", current.accessToken())
        .rateLimitBucket("oauth").build()), current);
  }

  private OAuthTokens tokens(ApiResponse response, OAuthTokens previous) {
    JsonNode json = response.json();
    String token = GraphApi.text(json, "access_token");
    if (token == null) {
      throw new AuthenticationExpiredException(Platform.THREADS, response.status(),
          response.requestId().orElse(null), "Threads answered without an access token; reconnect the account");
    }
    long expiresIn = GraphApi.counter(json, "expires_in").orElse(0);
    OAuthTokens.Builder builder = OAuthTokens.builder()
        .accessToken(token)
        .expiresAt(expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null)
        .scope(previous == null ? null : previous.scope());
    if (previous != null) {
      previous.attributes().forEach(builder::attribute);
    }
    return builder.build();
  }

  /**
   * Graph errors on the token endpoints: throttling and outages keep their types, every other
   * refusal means the account must be connected again.
   */
  private static ConnectorException mapTokenError(Platform platform, ApiResponse response) {
    ConnectorException mapped = GraphApiErrors.instance().map(platform, response);
    if (mapped instanceof RateLimitedException || mapped instanceof PlatformUnavailableException
        || mapped instanceof AuthenticationExpiredException) {
      return mapped;
    }
    return new AuthenticationExpiredException(platform, response.status(), mapped.requestId().orElse(null),
        "Threads refused the token grant (" + mapped.getMessage() + "); reconnect the account");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ThreadsOAuth[appId=" + appId + ", " + http + "]";
  }
}
