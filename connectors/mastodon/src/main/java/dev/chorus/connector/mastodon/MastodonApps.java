package dev.chorus.connector.mastodon;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.connector.mastodon.internal.MastodonWire;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connects an account of any instance: registers the application with {@code POST /api/v1/apps}
 * and builds the {@link OAuthClient} for the authorization-code flow (PKCE S256) against the
 * instance's {@code /oauth/authorize} and {@code /oauth/token}. Mastodon tokens carry no expiry and
 * no refresh token: store them once and use them until revoked.
 */
public final class MastodonApps {

  /** The scopes the connector needs: post, upload, read statuses and notifications. */
  public static final List<String> SCOPES = List.of("read", "write");

  private MastodonApps() {}

  /**
   * An application registered on an instance.
   *
   * @param clientSecret never printed
   */
  public record RegisteredApp(String baseUrl, String clientId, Secret clientSecret, String redirectUri,
      List<String> scopes) {

    public RegisteredApp {
      Checks.notBlank("app.baseUrl", baseUrl);
      Checks.notBlank("app.clientId", clientId);
      Checks.required("app.clientSecret", clientSecret);
      Checks.notBlank("app.redirectUri", redirectUri);
      scopes = Checks.list("app.scopes", scopes);
    }
  }

  /**
   * Registers the application on the instance.
   *
   * @param redirectUri where the instance sends the user back ({@code urn:ietf:wg:oauth:2.0:oob} to show the code)
   * @param website the application's web site, or {@code null}
   * @throws dev.chorus.connector.ConnectorException typed, for example a content rejection for a bad redirect URI
   */
  public static RegisteredApp register(HttpRuntime runtime, String baseUrl, String clientName, String redirectUri,
      List<String> scopes, String website) {
    Checks.required("runtime", runtime);
    Checks.notBlank("clientName", clientName);
    Checks.notBlank("redirectUri", redirectUri);
    List<String> wanted = Checks.list("scopes", scopes);
    if (wanted.isEmpty()) {
      throw new InvalidValueException("scopes", wanted, "must name at least one scope");
    }
    PlatformHttp http = runtime.platform(Platform.MASTODON).baseUrl(baseUrl)
        .rateLimits(RateLimitStrategy.mastodon()).errors(ErrorMapper.standard()).requestIdHeader("X-Request-Id")
        .build();
    ObjectNode body = MastodonWire.JSON.createObjectNode();
    body.put("client_name", clientName);
    body.putArray("redirect_uris").add(redirectUri);
    body.put("scopes", String.join(" ", wanted));
    if (website != null) {
      body.put("website", website);
    }
    ApiResponse response = http.execute(ApiRequest.post("/api/v1/apps")
        .jsonBody(MastodonWire.JSON.writeValueAsString(body)).rateLimitBucket("apps").build());
    JsonNode json = response.json();
    String clientId = MastodonWire.text(json, "client_id");
    String secret = MastodonWire.text(json, "client_secret");
    if (clientId == null || secret == null) {
      throw new InvalidValueException("response", response.status(), "POST /api/v1/apps answered without client credentials");
    }
    return new RegisteredApp(http.baseUrl(), clientId, Secret.of(secret), redirectUri, wanted);
  }

  /** The OAuth client for the app: authorization code with PKCE, the secret sent in the request body. */
  public static OAuthClient oauthClient(HttpRuntime runtime, RegisteredApp app) {
    String base = app.baseUrl().endsWith("/") ? app.baseUrl().substring(0, app.baseUrl().length() - 1) : app.baseUrl();
    return OAuthClient.builder(runtime, Platform.MASTODON)
        .authorizationEndpoint(base + "/oauth/authorize")
        .tokenEndpoint(base + "/oauth/token")
        .clientId(app.clientId())
        .clientSecret(app.clientSecret().reveal(), ClientAuthentication.REQUEST_BODY)
        .redirectUri(app.redirectUri())
        .scopes(app.scopes(), " ")
        .pkce(true)
        .build();
  }
}
