package dev.chorus.connector.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.chorus.connector.http.oauth.AuthorizationRequest;
import dev.chorus.connector.http.oauth.ClientAuthentication;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.OAuthClient;
import dev.chorus.connector.http.oauth.OAuthTokens;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogRedactionTest {

  private static final String CANARY = "CANARY-SECRET-123";
  private static final CredentialsRef REF = CredentialsRef.of("acct-canary");

  private WireMockServer wire;
  private Logger logger;
  private Level previousLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void start() {
    wire = new WireMockServer(options().dynamicPort());
    wire.start();
    logger = (Logger) LoggerFactory.getLogger("dev.chorus");
    previousLevel = logger.getLevel();
    logger.setLevel(Level.TRACE);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
    wire.stop();
  }

  @Test
  void the_canary_secret_appears_in_no_log_line_to_string_or_exception_message() {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T12:00:00Z"));
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).sleeper(new RecordingSleeper(clock)).logBodies(true)
        .maxAttempts(1).build();
    String tokenBody = "{\"access_token\":\"" + CANARY + "\",\"refresh_token\":\"" + CANARY
        + "\",\"expires_in\":7200,\"token_type\":\"bearer\"}";
    wire.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Set-Cookie", "session=" + CANARY).withBody(tokenBody)));
    wire.stubFor(get(urlPathEqualTo("/me")).willReturn(aResponse().withStatus(200)
        .withHeader("Set-Cookie", "sid=" + CANARY + "; HttpOnly").withBody("{\"id\":\"1\",\"accessJwt\":\"" + CANARY + "\"}")));
    wire.stubFor(get(urlPathEqualTo("/fail")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":{\"message\":\"bad access_token=" + CANARY + " given\"}}")));
    wire.stubFor(get(urlPathEqualTo("/gone")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"invalid_token\",\"error_description\":\"token " + CANARY + " revoked\"}")));

    List<Object> exposed = new ArrayList<>();
    OAuthClient oauth = OAuthClient.builder(runtime, Platform.LINKEDIN)
        .authorizationEndpoint("https://www.linkedin.com/oauth/v2/authorization")
        .tokenEndpoint(wire.baseUrl() + "/oauth/token").clientId("client-1")
        .clientSecret(CANARY, ClientAuthentication.REQUEST_BODY)
        .redirectUri("https://app.example/cb").build();
    AuthorizationRequest pending = oauth.authorizationRequest();
    OAuthTokens tokens = oauth.exchange(pending, pending.state(), "code-1");
    InMemoryTokenStore store = new InMemoryTokenStore();
    ManagedCredentials credentials = ManagedCredentials.builder().platform(Platform.LINKEDIN).store(store)
        .refresher(oauth).clock(clock).build();
    credentials.connect(REF, tokens);
    PlatformHttp graph = runtime.platform(Platform.FACEBOOK).baseUrl(wire.baseUrl()).credentials(credentials)
        .tokenPlacement(TokenPlacement.ACCESS_TOKEN_QUERY_PARAMETER).build();
    ApiRequest request = ApiRequest.get("/me").account(REF).query("fb_exchange_token", CANARY)
        .header("Cookie", "session=" + CANARY).build();
    ApiResponse response = graph.execute(request);
    assertThat(response.status()).isEqualTo(200);
    Throwable rejected = catchThrowable(() -> graph.execute(ApiRequest.get("/fail").account(REF).build()));
    Throwable expired = catchThrowable(() -> runtime.platform(Platform.LINKEDIN).baseUrl(wire.baseUrl())
        .credentials(CredentialSource.fixed(AccessToken.of(CANARY))).build()
        .execute(ApiRequest.get("/gone").account(REF).build()));
    runtime.close();

    exposed.addAll(List.of(tokens, tokens.toAccessToken(), pending, request, response, oauth, credentials, store,
        AccessToken.of(CANARY), graph, runtime));
    assertThat(rejected).isNotNull();
    assertThat(expired).isNotNull();
    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("<redacted>"));
    for (ILoggingEvent event : appender.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(CANARY);
      if (event.getThrowableProxy() != null) {
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain(CANARY);
      }
    }
    for (Object value : exposed) {
      assertThat(value.toString()).doesNotContain(CANARY);
    }
    for (Throwable error : List.of(rejected, expired)) {
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
      }
    }
    // The secret really travelled: the canary was used as the token on the wire.
    wire.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/me"))
        .withQueryParam("access_token", equalTo(CANARY)));
  }
}
