package dev.chorus.connector.tck;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers one request with queued responses in order, the last one repeating: a WireMock scenario
 * whose states step through the queue. Stubs of a {@link PlatformStub} use it for the calls the TCK
 * arranges one after another ({@code publishFails} then {@code publishSucceeds}, say). Thread-safe.
 */
public final class ResponseQueue {

  private final WireMockServer wireMock;
  private final String scenario;
  private final Supplier<MappingBuilder> request;
  private final List<ResponseDefinitionBuilder> responses = new ArrayList<>();
  private final List<StubMapping> stubs = new ArrayList<>();

  /**
   * A queue for one request.
   *
   * @param wireMock the server
   * @param scenario the scenario name; its states are {@code scenario-1}, {@code scenario-2}, …
   * @param request makes a fresh matcher of the request each time it is called
   */
  public ResponseQueue(WireMockServer wireMock, String scenario, Supplier<MappingBuilder> request) {
    this.wireMock = Objects.requireNonNull(wireMock, "wireMock");
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.request = Objects.requireNonNull(request, "request");
  }

  /**
   * Queues a response after the ones already queued and stubs the request again.
   *
   * @param response the next answer
   */
  public synchronized void add(ResponseDefinitionBuilder response) {
    responses.add(Objects.requireNonNull(response, "response"));
    stubs.forEach(wireMock::removeStubMapping);
    stubs.clear();
    for (int i = 0; i < responses.size(); i++) {
      var mapping = request.get().inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + "-" + i);
      if (i < responses.size() - 1) {
        mapping = mapping.willSetStateTo(scenario + "-" + (i + 1));
      }
      stubs.add(wireMock.stubFor(mapping.willReturn(responses.get(i))));
    }
  }

  /** Removes this queue's stubs from the server and empties the queue. */
  public synchronized void clear() {
    stubs.forEach(wireMock::removeStubMapping);
    forget();
  }

  /** Empties the queue without touching the server, after the server itself was reset. */
  public synchronized void forget() {
    responses.clear();
    stubs.clear();
  }

  @Override
  public synchronized String toString() {
    return "ResponseQueue[" + scenario + ", " + responses.size() + " responses]";
  }
}
