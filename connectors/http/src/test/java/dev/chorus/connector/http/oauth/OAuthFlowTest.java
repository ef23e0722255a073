package dev.chorus.connector.http.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RecordingSleeper;
import dev.chorus.connector.http.TestClock;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthFlowTest {

  private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
  private static final CredentialsRef REF = CredentialsRef.of("x-acct-1");
  private static final String TOKEN_JSON =
      "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"%s\","
          + "\"scope\":\"tweet.write users.read tweet.read offline.access\"%s}";

  private WireMockServer wire;
  private TestClock clock;
  private HttpRuntime runtime;
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    wire = new WireMockServer(options().dynamicPort());
    wire.start();
    clock = new TestClock(START);
    OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
      String auth = chain.request().header("Authorization");
      if (chain.request().url().encodedPath().startsWith("/2/users")) {
        events.add("sent " + auth);
      }
      return chain.proceed(chain.request());
    }).build();
    runtime = HttpRuntime.builder().clock(clock).sleeper(new RecordingSleeper(clock)).okHttpClient(recording).build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    wire.stop();
  }

  private OAuthClient client(ClientAuthentication auth) {
    OAuthClient.Builder builder = OAuthClient.builder(runtime, Platform.X)
        .authorizationEndpoint("https://x.com/i/oauth2/authorize")
        .tokenEndpoint(wire.baseUrl() + "/2/oauth2/token")
        .clientId("client-abc")
        .redirectUri("https://app.example/callback")
        .scopes(List.of("tweet.read", "tweet.write", "users.read", "offline.access"), " ");
    if (auth != ClientAuthentication.NONE) {
      builder.clientSecret("s3cret", auth);
    }
    return builder.build();
  }

  private static String tokens(String access, String refresh) {
    return String.format(TOKEN_JSON, access, refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"");
  }

  /** A store that records saves, so tests can check that a save happened before the token was used. */
  private final class RecordingStore implements TokenStore {
    final InMemoryTokenStore delegate = new InMemoryTokenStore();

    @Override
    public Optional<OAuthTokens> load(CredentialsRef ref) {
      return delegate.load(ref);
    }

    @Override
    public void save(CredentialsRef ref, OAuthTokens tokens) {
      events.add("saved " + tokens.accessToken() + "/" + tokens.refreshToken().orElse("none"));
      delegate.save(ref, tokens);
    }

    @Override
    public void delete(CredentialsRef ref) {
      delegate.delete(ref);
    }
  }

  @Test
  void authorization_url_carries_s256_challenge_of_the_verifier_and_state() throws Exception {
    AuthorizationRequest request = client(ClientAuthentication.NONE).authorizationRequest();
    HttpUrl url = HttpUrl.parse(request.url());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.codeVerifier().getBytes(StandardCharsets.US_ASCII));
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    assertThat(url.queryParameter("code_challenge")).isEqualTo(expected).doesNotContain("=");
    assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
    assertThat(url.queryParameter("state")).isEqualTo(request.state()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(url.queryParameter("response_type")).isEqualTo("code");
    assertThat(url.queryParameter("scope")).isEqualTo("tweet.read tweet.write users.read offline.access");
    assertThat(request.codeVerifier()).hasSizeBetween(43, 128);
    assertThat(client(ClientAuthentication.NONE).authorizationRequest().state()).isNotEqualTo(request.state());
    assertThat(request.toString()).doesNotContain(request.codeVerifier());
  }

  @Test
  void code_exchange_posts_the_verifier_and_basic_client_credentials() {
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(tokens("at-1", "rt-1"))));
    OAuthClient oauth = client(ClientAuthentication.BASIC);
    AuthorizationRequest pending = oauth.authorizationRequest();
    OAuthTokens result = oauth.exchange(pending, pending.state(), "code-xyz");
    assertThat(result.accessToken()).isEqualTo("at-1");
    assertThat(result.refreshToken()).contains("rt-1");
    assertThat(result.expiresAt()).contains(START.plusSeconds(7200));
    String basic = Base64.getEncoder().encodeToString("client-abc:s3cret".getBytes(StandardCharsets.UTF_8));
    wire.verify(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
        .withHeader("Authorization", equalTo("Basic " + basic))
        .withRequestBody(containing("grant_type=authorization_code"))
        .withRequestBody(containing("code=code-xyz"))
        .withRequestBody(containing("code_verifier=" + pending.codeVerifier())));
  }

  @Test
  void state_mismatch_is_a_typed_error_and_sends_nothing() {
    OAuthClient oauth = client(ClientAuthentication.NONE);
    AuthorizationRequest pending = oauth.authorizationRequest();
    assertThatThrownBy(() -> oauth.exchange(pending, "forged-state", "code"))
        .isInstanceOfSatisfying(OAuthStateMismatchException.class, e -> assertThat(e.field()).isEqualTo("state"));
    assertThat(wire.getAllServeEvents()).isEmpty();
  }

  private ManagedCredentials managed(TokenStore store, OAuthClient oauth) {
    return ManagedCredentials.builder().platform(Platform.X).store(store).refresher(oauth).clock(clock)
        .refreshAhead(Duration.ofMinutes(5)).build();
  }

  private PlatformHttp api(ManagedCredentials credentials) {
    return runtime.platform(Platform.X).baseUrl(wire.baseUrl()).credentials(credentials).build();
  }

  private void seed(TokenStore store, String access, String refresh, Instant expiresAt) {
    store.save(REF, OAuthTokens.builder().accessToken(access).refreshToken(refresh).expiresAt(expiresAt).build());
    events.clear();
  }

  @Test
  void refreshes_ahead_of_expiry_and_saves_the_rotated_token_before_using_it() {
    RecordingStore store = new RecordingStore();
    seed(store, "at-old", "rt-old", START.plusSeconds(120));
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withBody(tokens("at-new", "rt-new"))));
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(200).withBody("{}")));
    api(managed(store, client(ClientAuthentication.NONE)))
        .execute(ApiRequest.get("/2/users/me").account(REF).build());
    assertThat(events).containsExactly("saved at-new/rt-new", "sent Bearer at-new");
    wire.verify(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=rt-old"))
        .withRequestBody(containing("client_id=client-abc")));
  }

  @Test
  void does_not_refresh_a_token_that_is_still_valid() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-old", START.plusSeconds(3600));
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(200).withBody("{}")));
    api(managed(store, client(ClientAuthentication.NONE))).execute(ApiRequest.get("/2/users/me").account(REF).build());
    wire.verify(0, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
  }

  @Test
  void fifty_concurrent_callers_on_an_expired_token_cause_exactly_one_refresh() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-old", START.minusSeconds(1));
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withFixedDelay(200).withBody(tokens("at-new", "rt-new"))));
    ManagedCredentials credentials = managed(store, client(ClientAuthentication.NONE));
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return credentials.accessToken(REF).value();
        }));
      }
      go.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("at-new");
      }
    } finally {
      pool.shutdownNow();
    }
    wire.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
    assertThat(store.load(REF).orElseThrow().refreshToken()).contains("rt-new");
  }

  @Test
  void a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-keep", START.minusSeconds(1));
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withBody(tokens("at-new", null))));
    assertThat(managed(store, client(ClientAuthentication.NONE)).accessToken(REF).value()).isEqualTo("at-new");
    assertThat(store.load(REF).orElseThrow().refreshToken()).contains("rt-keep");
  }

  @Test
  void a_reconnect_without_a_refresh_token_keeps_the_stored_one() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-keep", START.plusSeconds(60));
    OAuthTokens merged = managed(store, client(ClientAuthentication.NONE))
        .connect(REF, OAuthTokens.builder().accessToken("at-reconnected").build());
    assertThat(merged.refreshToken()).contains("rt-keep");
    assertThat(store.load(REF).orElseThrow().accessToken()).isEqualTo("at-reconnected");
  }

  @Test
  void a_refused_refresh_is_authentication_expired_and_leaves_the_stored_token_intact() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-old", START.minusSeconds(1));
    OAuthTokens before = store.load(REF).orElseThrow();
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Value passed for the token was invalid.\"}")));
    assertThatThrownBy(() -> managed(store, client(ClientAuthentication.NONE)).accessToken(REF))
        .isInstanceOfSatisfying(AuthenticationExpiredException.class, e -> {
          assertThat(e.httpStatus()).hasValue(400);
          assertThat(e.getMessage()).contains("invalid_grant");
        });
    assertThat(store.load(REF)).contains(before);
  }

  @Test
  void a_401_leads_to_one_refresh_and_one_retry() {
    RecordingStore store = new RecordingStore();
    seed(store, "at-old", "rt-old", START.plusSeconds(3600));
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withBody(tokens("at-new", "rt-new"))));
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).withHeader("Authorization", equalTo("Bearer at-old"))
        .willReturn(aResponse().withStatus(401).withBody(
            "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")));
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).withHeader("Authorization", equalTo("Bearer at-new"))
        .willReturn(aResponse().withStatus(200).withBody("{}")));
    assertThat(api(managed(store, client(ClientAuthentication.NONE)))
        .execute(ApiRequest.get("/2/users/me").account(REF).build()).status()).isEqualTo(200);
    assertThat(events).containsExactly("sent Bearer at-old", "saved at-new/rt-new", "sent Bearer at-new");
    wire.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
  }

  @Test
  void a_second_401_after_the_refresh_is_authentication_expired() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "at-old", "rt-old", START.plusSeconds(3600));
    wire.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(aResponse().withStatus(200)
        .withBody(tokens("at-new", "rt-new"))));
    wire.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(401)
        .withBody("{\"detail\":\"Unauthorized\"}")));
    assertThatThrownBy(() -> api(managed(store, client(ClientAuthentication.NONE)))
        .execute(ApiRequest.get("/2/users/me").account(REF).build()))
        .isInstanceOf(AuthenticationExpiredException.class);
    wire.verify(2, getRequestedFor(urlPathEqualTo("/2/users/me")));
    wire.verify(1, postRequestedFor(urlPathEqualTo("/2/oauth2/token")));
  }

  @Test
  void a_long_lived_app_token_without_refresher_fails_typed_on_401() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    seed(store, "mastodon-app-token", null, null);
    ManagedCredentials credentials = ManagedCredentials.builder().platform(Platform.MASTODON).store(store)
        .clock(clock).build();
    wire.stubFor(get(urlPathEqualTo("/api/v1/accounts/verify_credentials")).inScenario("s")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"The access token is invalid\"}")));
    PlatformHttp mastodon = runtime.platform(Platform.MASTODON).baseUrl(wire.baseUrl()).credentials(credentials).build();
    assertThatThrownBy(() -> mastodon.execute(ApiRequest.get("/api/v1/accounts/verify_credentials").account(REF).build()))
        .isInstanceOf(AuthenticationExpiredException.class).hasMessageContaining("The access token is invalid");
    assertThat(store.load(REF).orElseThrow().accessToken()).isEqualTo("mastodon-app-token");
  }

  @Test
  void a_bluesky_session_refresh_fits_the_same_interface() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    store.save(REF, OAuthTokens.builder().accessToken("access-jwt-1").refreshToken("refresh-jwt-1")
        .expiresAt(START.plusSeconds(7200)).attribute("did", "did:plc:abc123").build());
    PlatformHttp sessions = runtime.platform(Platform.BLUESKY).baseUrl(wire.baseUrl()).build();
    TokenRefresher refreshSession = current -> {
      var json = sessions.execute(ApiRequest.post("/xrpc/com.atproto.server.refreshSession")
          .header("Authorization", "Bearer " + current.refreshToken().orElseThrow()).build()).json();
      return current.newBuilder().accessToken(json.path("accessJwt").stringValue())
          .refreshToken(json.path("refreshJwt").stringValue()).expiresAt(clock.instant().plusSeconds(7200)).build();
    };
    ManagedCredentials credentials = ManagedCredentials.builder().platform(Platform.BLUESKY).store(store)
        .refresher(refreshSession).clock(clock).build();
    // Bluesky signals an expired access token with 400 ExpiredToken, so its mapper says "expired".
    PlatformHttp bluesky = runtime.platform(Platform.BLUESKY).baseUrl(wire.baseUrl()).credentials(credentials)
        .errors((platform, response) -> response.status() == 400
            && "ExpiredToken".equals(response.json().path("error").stringValue())
            ? new AuthenticationExpiredException(platform, 400, null, "Token has expired")
            : dev.chorus.connector.http.ErrorMapper.standard().map(platform, response))
        .build();
    wire.stubFor(post(urlPathEqualTo("/xrpc/com.atproto.server.refreshSession"))
        .withHeader("Authorization", equalTo("Bearer refresh-jwt-1"))
        .willReturn(aResponse().withStatus(200).withBody("{\"did\":\"did:plc:abc123\",\"handle\":\"alice.bsky.social\","
            + "\"accessJwt\":\"access-jwt-2\",\"refreshJwt\":\"refresh-jwt-2\",\"active\":true}")));
    wire.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts")).withHeader("Authorization", equalTo("Bearer access-jwt-1"))
        .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")));
    wire.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPosts")).withHeader("Authorization", equalTo("Bearer access-jwt-2"))
        .willReturn(aResponse().withStatus(200).withBody("{\"posts\":[]}")));
    assertThat(bluesky.execute(ApiRequest.get("/xrpc/app.bsky.feed.getPosts").account(REF).build()).status())
        .isEqualTo(200);
    OAuthTokens stored = store.load(REF).orElseThrow();
    assertThat(stored.refreshToken()).contains("refresh-jwt-2");
    assertThat(stored.attributes()).containsEntry("did", "did:plc:abc123");
  }
}
