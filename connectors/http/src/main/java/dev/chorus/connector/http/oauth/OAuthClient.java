package dev.chorus.connector.http.oauth;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.internal.Json;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import tools.jackson.databind.JsonNode;

/**
 * An OAuth 2.0 authorisation-code client with PKCE (S256) and state: builds the authorisation URL,
 * exchanges the returned code, and refreshes tokens (it is a {@link TokenRefresher}). The client
 * secret, when there is one, goes as HTTP Basic or as form fields, as the platform wants.
 */
public final class OAuthClient implements TokenRefresher {

  private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final Platform platform;
  private final PlatformHttp http;
  private final HttpUrl authorizationEndpoint;
  private final String tokenEndpoint;
  private final String clientId;
  private final String clientSecret;
  private final ClientAuthentication clientAuthentication;
  private final String redirectUri;
  private final String scope;
  private final boolean pkce;
  private final Map<String, String> extraAuthorizationParameters;
  private final Clock clock;
  private final SecureRandom random;

  private OAuthClient(Builder builder) {
    this.platform = builder.platform;
    this.http = builder.runtime.platform(builder.platform)
        .baseUrl(builder.tokenBaseUrl())
        .errors(OAuthClient::mapTokenError)
        .build();
    this.authorizationEndpoint = builder.authorizationEndpoint;
    this.tokenEndpoint = builder.tokenEndpoint;
    this.clientId = builder.clientId;
    this.clientSecret = builder.clientSecret;
    this.clientAuthentication = builder.clientAuthentication;
    this.redirectUri = builder.redirectUri;
    this.scope = String.join(builder.scopeDelimiter, builder.scopes);
    this.pkce = builder.pkce;
    this.extraAuthorizationParameters = Map.copyOf(builder.extraAuthorizationParameters);
    this.clock = builder.runtime.clock();
    this.random = builder.random;
  }

  /** Starts a builder on the runtime whose client and clock the token calls use. */
  public static Builder builder(HttpRuntime runtime, Platform platform) {
    return new Builder(runtime, platform);
  }

  /**
   * Starts an authorisation: a fresh random state and PKCE verifier and the URL to send the user
   * to. Keep the result until the redirect returns.
   */
  public AuthorizationRequest authorizationRequest() {
    String state = randomToken(24);
    String verifier = randomToken(48);
    HttpUrl.Builder url = authorizationEndpoint.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("redirect_uri", redirectUri);
    if (!scope.isEmpty()) {
      url.addQueryParameter("scope", scope);
    }
    url.addQueryParameter("state", state);
    if (pkce) {
      url.addQueryParameter("code_challenge", codeChallenge(verifier))
          .addQueryParameter("code_challenge_method", "S256");
    }
    extraAuthorizationParameters.forEach(url::addQueryParameter);
    return new AuthorizationRequest(url.build().toString(), state, verifier);
  }

  /** BASE64URL(SHA-256(ASCII(verifier))) without padding, per RFC 7636. */
  public static String codeChallenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return URL_ENCODER.encodeToString(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
    }
  }

  /**
   * Exchanges the code the redirect returned, after checking its state against the pending request.
   *
   * @throws OAuthStateMismatchException when the states differ (nothing is sent)
   * @throws AuthenticationExpiredException when the platform refuses the code
   */
  public OAuthTokens exchange(AuthorizationRequest pending, String returnedState, String code) {
    if (returnedState == null || !MessageDigest.isEqual(
        pending.state().getBytes(StandardCharsets.UTF_8), returnedState.getBytes(StandardCharsets.UTF_8))) {
      throw new OAuthStateMismatchException(returnedState);
    }
    if (code == null || code.isBlank()) {
      throw new InvalidValueException("code", code, "must not be blank");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    if (pkce) {
      form.put("code_verifier", pending.codeVerifier());
    }
    return tokenCall(form, null);
  }

  /**
   * Refreshes with the refresh-token grant.
   *
   * @throws AuthenticationExpiredException when there is no refresh token or the platform refuses it
   */
  @Override
  public OAuthTokens refresh(OAuthTokens current) {
    String refreshToken = current.refreshToken().orElseThrow(() -> new AuthenticationExpiredException(
        platform, 0, null, "the access token expired and there is no refresh token; reconnect the account"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return tokenCall(form, current);
  }

  private OAuthTokens tokenCall(Map<String, String> form, OAuthTokens previous) {
    ApiRequest.Builder request = ApiRequest.post(tokenEndpoint).header("Accept", "application/json");
    if (clientAuthentication != ClientAuthentication.BASIC) {
      form.put("client_id", clientId);
    }
    if (clientAuthentication == ClientAuthentication.REQUEST_BODY) {
      form.put("client_secret", clientSecret);
    }
    if (clientAuthentication == ClientAuthentication.BASIC) {
      String pair = clientId + ":" + clientSecret;
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    ApiResponse response = http.execute(request.formBody(form).rateLimitBucket("oauth-token").build());
    OAuthTokens tokens = parseTokens(response, clock.instant());
    return previous == null ? tokens : tokens.keepingRefreshTokenOf(previous);
  }

  private OAuthTokens parseTokens(ApiResponse response, Instant now) {
    JsonNode json = response.json();
    String accessToken = Json.text(json, "access_token");
    if (accessToken == null) {
      throw new AuthenticationExpiredException(platform, response.status(), response.requestId().orElse(null),
          "the token endpoint answered without an access_token");
    }
    long expiresIn = Json.number(json, "expires_in", -1);
    JsonNode scopeNode = json.path("scope");
    return OAuthTokens.builder()
        .accessToken(accessToken)
        .refreshToken(Json.text(json, "refresh_token"))
        .expiresAt(expiresIn > 0 ? now.plusSeconds(expiresIn) : null)
        .scope(scopeNode.isString() ? scopeNode.stringValue() : scope)
        .build();
  }

  private static ConnectorException mapTokenError(Platform platform, ApiResponse response) {
    int status = response.status();
    if (status == 400 || status == 401 || status == 403) {
      // invalid_grant, invalid_client and friends: the credential cannot be refreshed; reconnect.
      String error = Json.text(response.json(), "error");
      String text = error == null ? ErrorMapper.message(response)
          : error + (Json.text(response.json(), "error_description") == null ? ""
              : ": " + ErrorMapper.message(response));
      return new AuthenticationExpiredException(platform, status, response.requestId().orElse(null),
          "the token endpoint refused the grant (" + dev.chorus.connector.http.internal.Redactor.text(text) + ")");
    }
    return ErrorMapper.standard().map(platform, response);
  }

  private String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return URL_ENCODER.encodeToString(buffer);
  }

  @Override
  public String toString() {
    return "OAuthClient[" + platform + ", clientId=" + clientId + ", authentication=" + clientAuthentication + "]";
  }

  /** Builds an {@link OAuthClient}. */
  public static final class Builder {
    private final HttpRuntime runtime;
    private final Platform platform;
    private HttpUrl authorizationEndpoint;
    private String tokenEndpoint;
    private String clientId;
    private String clientSecret;
    private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;
    private String redirectUri;
    private final List<String> scopes = new ArrayList<>();
    private String scopeDelimiter = " ";
    private boolean pkce = true;
    private final Map<String, String> extraAuthorizationParameters = new LinkedHashMap<>();
    private SecureRandom random = new SecureRandom();

    private Builder(HttpRuntime runtime, Platform platform) {
      if (runtime == null || platform == null) {
        throw new InvalidValueException("runtime", null, "runtime and platform are required");
      }
      this.runtime = runtime;
      this.platform = platform;
    }

    /** Where the user is sent, e.g. {@code https://x.com/i/oauth2/authorize} (required). */
    public Builder authorizationEndpoint(String url) {
      this.authorizationEndpoint = HttpUrl.parse(url == null ? "" : url);
      if (authorizationEndpoint == null) {
        throw new InvalidValueException("authorizationEndpoint", url, "must be an absolute http or https URL");
      }
      return this;
    }

    /** The token endpoint as an absolute URL, e.g. {@code https://api.x.com/2/oauth2/token} (required). */
    public Builder tokenEndpoint(String url) {
      if (url == null || HttpUrl.parse(url) == null) {
        throw new InvalidValueException("tokenEndpoint", url, "must be an absolute http or https URL");
      }
      this.tokenEndpoint = url;
      return this;
    }

    /** The client id (required). */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** The client secret and how to present it; never logged. */
    public Builder clientSecret(String secret, ClientAuthentication how) {
      if (secret == null || secret.isBlank() || how == null || how == ClientAuthentication.NONE) {
        throw new InvalidValueException("clientSecret", "<redacted>",
            "needs a non-blank secret and BASIC or REQUEST_BODY authentication");
      }
      this.clientSecret = secret;
      this.clientAuthentication = how;
      return this;
    }

    /** The registered redirect URI (required). */
    public Builder redirectUri(String redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    /** Requested scopes, joined by the delimiter (space by default; TikTok and Pinterest use commas). */
    public Builder scopes(List<String> scopes, String delimiter) {
      this.scopes.clear();
      this.scopes.addAll(List.copyOf(scopes));
      this.scopeDelimiter = delimiter;
      return this;
    }

    /** Whether to use PKCE S256 (default true). */
    public Builder pkce(boolean pkce) {
      this.pkce = pkce;
      return this;
    }

    /** An extra authorisation URL parameter such as {@code access_type=offline}. */
    public Builder authorizationParameter(String name, String value) {
      extraAuthorizationParameters.put(name, value);
      return this;
    }

    /** The source of state and verifier randomness (default a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /** The client. */
    public OAuthClient build() {
      if (authorizationEndpoint == null) {
        throw new InvalidValueException("authorizationEndpoint", null, "is required");
      }
      if (tokenEndpoint == null) {
        throw new InvalidValueException("tokenEndpoint", null, "is required");
      }
      if (clientId == null || clientId.isBlank()) {
        throw new InvalidValueException("clientId", clientId, "must not be blank");
      }
      if (redirectUri == null || HttpUrl.parse(redirectUri) == null && !redirectUri.startsWith("urn:")) {
        throw new InvalidValueException("redirectUri", redirectUri, "must be an absolute URL");
      }
      return new OAuthClient(this);
    }

    private String tokenBaseUrl() {
      HttpUrl url = HttpUrl.parse(tokenEndpoint);
      return url.newBuilder().encodedPath("/").query(null).build().toString();
    }
  }
}
