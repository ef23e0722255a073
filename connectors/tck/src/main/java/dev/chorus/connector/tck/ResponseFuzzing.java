package dev.chorus.connector.tck;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.model.SocialAccount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Feeds a connector damaged platform responses, for fuzz tests of its response parsing: the
 * arrangements of a {@link ConnectorVerification}'s stub are served with their bodies mangled
 * (fields dropped, duplicated or retyped, numbers past 64 bits, truncation, HTML, empty), chosen by
 * a seed. One instance owns one loopback WireMock server; close it after the tests.
 */
public final class ResponseFuzzing implements AutoCloseable {

  /** The operations whose responses are mangled. */
  public enum Operation {
    /** {@code publish} after {@link PlatformStub#publishSucceeds}. */
    PUBLISH(Capability.PUBLISH),
    /** {@code fetchMetrics} after {@link PlatformStub#metricsFor}. */
    METRICS(Capability.POST_METRICS),
    /** {@code fetchInteractions} after {@link PlatformStub#interactions}. */
    INTERACTIONS(Capability.INTERACTIONS);

    private final Capability capability;

    Operation(Capability capability) {
      this.capability = capability;
    }
  }

  private final Mangler mangler = new Mangler();
  private final WireMockServer wireMock;
  private final DefaultTckEnvironment env;

  private ResponseFuzzing() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
        .extensions(mangler));
    wireMock.start();
    env = new DefaultTckEnvironment(wireMock);
  }

  /** Starts the platform server. */
  public static ResponseFuzzing start() {
    return new ResponseFuzzing();
  }

  /**
   * Runs one operation of the verification's connector against responses mangled by {@code seed}.
   *
   * @return the connector's typed error, or empty when it returned a result (or the connector does
   *     not declare the operation)
   * @throws AssertionError when anything other than a {@link ConnectorException} came out
   */
  public Optional<ConnectorException> run(ConnectorVerification verification, Operation operation, long seed) {
    ConnectorProvider provider = verification.provider();
    if (!provider.capabilities().supports(operation.capability)) {
      return Optional.empty();
    }
    env.reset();
    wireMock.resetAll();
    PlatformStub stub = verification.stub(env);
    stub.reset();
    if (!stub.canArrange(operation.capability)) {
      return Optional.empty();
    }
    SocialAccount account = verification.account();
    switch (operation) {
      case PUBLISH -> stub.publishSucceeds("1790000000000000001");
      case METRICS -> stub.metricsFor(List.of("1790000000000000001", "1790000000000000002"));
      case INTERACTIONS -> stub.interactions(2, 2);
    }
    ConnectorContext context = verification.context(env);
    mangler.arm(seed);
    try {
      ConnectorConfig config = provider.configSpec().validate(provider.platform().id(), verification.config(env));
      try (Connector connector = provider.create(context, config)) {
        switch (operation) {
          case PUBLISH -> connector.publish(verification.publishRequest(account, "Fuzzing the response parser"));
          case METRICS -> connector.fetchMetrics(account, List.of("1790000000000000001", "1790000000000000002"));
          case INTERACTIONS -> connector.fetchInteractions(account,
              InteractionQuery.firstPage(connector.capabilities().interactionKinds()));
        }
      }
      return Optional.empty();
    } catch (UnsupportedCapabilityException undeclared) {
      throw new AssertionError(operation + " is declared but refused: " + undeclared.getMessage(), undeclared);
    } catch (ConnectorException typed) {
      return Optional.of(typed);
    } catch (RuntimeException | StackOverflowError untyped) {
      throw new AssertionError(provider.platform().id() + " " + operation + " with mangle seed " + seed
          + " threw " + untyped.getClass().getName() + " instead of a ConnectorException", untyped);
    } finally {
      mangler.disarm();
      verification.release(context);
    }
  }

  @Override
  public void close() {
    wireMock.stop();
  }

  /** Mangles every response body while armed; deterministic for a seed and a request order. */
  private static final class Mangler implements ResponseTransformerV2 {
    private Random random;

    synchronized void arm(long seed) {
      random = new Random(seed);
    }

    synchronized void disarm() {
      random = null;
    }

    @Override
    public synchronized Response transform(Response response, ServeEvent serveEvent) {
      if (random == null || random.nextInt(5) == 0) {
        return response;
      }
      String body = response.getBodyAsString();
      // A stub's explicit Content-Length would no longer fit the body and stall the client until its timeout.
      HttpHeaders headers = new HttpHeaders(response.getHeaders().all().stream()
          .filter(header -> !header.keyEquals("Content-Length")).toList());
      return Response.Builder.like(response).but().headers(headers)
          .body(mangle(body == null ? "" : body, random)).build();
    }

    @Override
    public String getName() {
      return "chorus-tck-mangler";
    }

    static byte[] mangle(String body, Random random) {
      String text = body;
      int rounds = 1 + random.nextInt(3);
      for (int i = 0; i < rounds; i++) {
        text = once(text, random);
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String once(String text, Random random) {
      int at = text.isEmpty() ? 0 : random.nextInt(text.length());
      int colon = text.indexOf(':', at);
      return switch (random.nextInt(10)) {
        case 0 -> "";
        case 1 -> "<html><body>502 Bad Gateway</body></html>";
        case 2 -> text.substring(0, at);
        case 3 -> colon < 0 ? text + "}" : text.substring(0, colon + 1) + retyped(random) + skipValue(text, colon + 1);
        case 4 -> colon < 0 ? "null" : text.substring(0, colon + 1) + "null" + skipValue(text, colon + 1);
        case 5 -> colon < 0 ? "[]" : text.substring(0, colon + 1) + "99999999999999999999999999" + skipValue(text, colon + 1);
        case 6 -> text.replaceFirst("\"[A-Za-z_]+\"\\s*:", "\"renamed\":");
        case 7 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
        case 8 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at);
        default -> text.replace("[", "[[").replace("]", "]]");
      };
    }

    private static String retyped(Random random) {
      String[] values = {"\"\"", "0", "-1", "1e999", "true", "[]", "{}", "\"x\"", "[{}]", "{\"a\":[null]}", "-9e18"};
      return values[random.nextInt(values.length)];
    }

    /** The text after the JSON value that starts at {@code from} (a rough scan, good enough to damage). */
    private static String skipValue(String text, int from) {
      int i = from;
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return text.substring(Math.min(i + 1, text.length()));
      }
      if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
        int depth = 0;
        for (; i < text.length(); i++) {
          char c = text.charAt(i);
          depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
          if (depth == 0) {
            return text.substring(i + 1);
          }
        }
        return "";
      }
      while (i < text.length() && ",}]".indexOf(text.charAt(i)) < 0) {
        i++;
      }
      return text.substring(i);
    }
  }
}
