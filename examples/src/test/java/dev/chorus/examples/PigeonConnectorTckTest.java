package dev.chorus.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.tck.ConnectorVerification;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The example's Pigeon connector against the whole connector TCK, as a plugin author would prove theirs. */
class PigeonConnectorTckTest extends ConnectorVerification {

  @Override
  protected ConnectorProvider provider() {
    return new WritingAConnector.PigeonProvider();
  }

  @Override
  protected Map<String, String> config(TckEnvironment env) {
    return Map.of(WritingAConnector.PigeonProvider.BASE_URL, env.baseUrl().toString(),
        WritingAConnector.PigeonProvider.TOKEN, env.canarySecret());
  }

  @Override
  protected PlatformStub stub(TckEnvironment env) {
    return new PigeonStub(env.wireMock());
  }

  @Override
  protected SocialAccount account() {
    return new SocialAccount(AccountId.of("pigeon-tck"), WorkspaceId.of("tck"), WritingAConnector.PLATFORM,
        "@tck", "tck", ZoneOffset.UTC, CredentialsRef.of("tck"));
  }

  /** Speaks Pigeon's wire format on WireMock; publish arrangements apply in order, one call each. */
  static final class PigeonStub implements PlatformStub {
    private final WireMockServer server;
    private int arranged;

    PigeonStub(WireMockServer server) {
      this.server = server;
    }

    @Override
    public void reset() {
      server.resetAll();
      arranged = 0;
    }

    private void next(ResponseDefinitionBuilder response) {
      String state = arranged == 0 ? Scenario.STARTED : "after-" + arranged;
      arranged++;
      server.stubFor(post(urlEqualTo("/api/posts")).inScenario("publish").whenScenarioStateIs(state)
          .willSetStateTo("after-" + arranged).willReturn(response));
    }

    @Override
    public void publishSucceeds(String externalId) {
      next(aResponse().withStatus(201).withHeader("X-Request-Id", "req-ok")
          .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + externalId + "\"}"));
    }

    @Override
    public void publishFails(Failure failure, String requestId, String reason) {
      int status = switch (failure) {
        case AUTHENTICATION_EXPIRED -> 401;
        case PERMISSION_DENIED -> 403;
        case NOT_FOUND -> 404;
        case CONTENT_REJECTED -> 422;
        case UNAVAILABLE -> 503;
      };
      next(aResponse().withStatus(status).withHeader("X-Request-Id", requestId)
          .withHeader("Content-Type", "application/json").withBody("{\"error\":\"" + reason + "\"}"));
    }

    @Override
    public void publishRateLimited(Instant resetAt, String requestId) {
      next(aResponse().withStatus(429).withHeader("X-Request-Id", requestId)
          .withHeader("X-RateLimit-Reset", String.valueOf(resetAt.getEpochSecond()))
          .withBody("{\"error\":\"slow down\"}"));
    }

    @Override
    public void existingPost(String externalId, String text, Instant createdAt) {
      // Pigeon cannot search posts; the connector does not declare RECONCILE.
    }

    @Override
    public void interactions(int pages, int perPage) {
      // not declared
    }

    @Override
    public void metricsFor(List<String> externalPostIds) {
      // not declared
    }

    @Override
    public int requestCount() {
      return server.getAllServeEvents().size();
    }

    @Override
    public List<Integer> metricsRequestSizes() {
      return List.of();
    }
  }
}
