package dev.chorus.examples;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.Limits;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TextLimit;
import dev.chorus.connector.TransportException;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing a connector: a complete, tiny connector for "Pigeon", an imaginary network with one
 * endpoint ({@code POST /api/posts}), in the shape every Chorus connector has: a {@link
 * ConnectorProvider} that declares the platform, its capabilities and its configuration and is
 * listed in {@code META-INF/services/dev.chorus.connector.ConnectorProvider}; a {@link Connector}
 * that publishes and maps every failure to a typed {@link ConnectorException}. Everything it does
 * not declare (delete, metrics, replies ...) fails before any I/O through the SPI's defaults.
 *
 * <p>{@code PigeonConnectorTckTest} in this module's tests proves it with the connector TCK. The
 * Pigeon wire format: the request body {@code {"text": ..., "idempotency_key": ...}} with {@code
 * Authorization: Bearer <token>}; 201 with {@code {"id": ...}}; errors 401, 403, 404, 422 with
 * {@code {"error": reason}}, 429 with {@code X-RateLimit-Reset} (epoch seconds), 5xx; every
 * response carries {@code X-Request-Id}.
 */
public final class WritingAConnector {

  /** The platform id. Plugins add platforms: {@link Platform} is an open value. */
  public static final Platform PLATFORM = Platform.of("pigeon");

  private WritingAConnector() {}

  /** Prints what the provider declares, as {@code ConnectorRegistry.discover()} finds it. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Finds the provider through {@link java.util.ServiceLoader} and prints its declaration. */
  public static void run(PrintStream out) {
    ConnectorRegistry registry = ConnectorRegistry.builder().discover(WritingAConnector.class.getClassLoader()).build();
    ConnectorProvider provider = registry.provider(PLATFORM).orElseThrow(
        () -> new IllegalStateException("PigeonProvider is not listed in META-INF/services"));
    Capabilities caps = provider.capabilities();
    out.println("Discovered " + provider.getClass().getSimpleName() + " for platform " + provider.platform().id());
    out.println("  features " + caps.features() + ", formats " + caps.formats());
    out.println("  text up to " + caps.limits().text().max() + " " + caps.limits().text().rule());
    for (ConfigOption option : provider.configSpec().options()) {
      out.println("  setting " + option.name() + (option.required() ? " (required)" : "")
          + (option.secret() ? " (secret)" : "") + ": " + option.description());
    }
  }

  /** The provider: what Pigeon can do and how it is configured. Listed for ServiceLoader. */
  public static final class PigeonProvider implements ConnectorProvider {

    /** The base URL setting. */
    public static final String BASE_URL = "base_url";
    /** The access token setting (secret). */
    public static final String TOKEN = "token";

    private static final Capabilities CAPABILITIES = Capabilities.builder(
            Limits.builder(TextLimit.of(280, CountingRule.GRAPHEMES)).maxHashtags(5).build())
        .features(Capability.PUBLISH)
        .formats(PostFormat.FEED)
        .build();

    private static final ConfigSpec SPEC = ConfigSpec.of(
        ConfigOption.required(BASE_URL, ConfigType.URL, "The API's base URL, e.g. https://pigeon.example"),
        ConfigOption.secret(TOKEN, "The account's access token"),
        ConfigOption.optional("timeout_seconds", ConfigType.INT, "10", "How long one request may take"));

    /** Called by ServiceLoader. */
    public PigeonProvider() {}

    @Override
    public Platform platform() {
      return PLATFORM;
    }

    @Override
    public Capabilities capabilities() {
      return CAPABILITIES;
    }

    @Override
    public ConfigSpec configSpec() {
      return SPEC;
    }

    @Override
    public Connector create(ConnectorContext context, ConnectorConfig config) {
      return new PigeonConnector(context.clock(), config.url(BASE_URL), config.secret(TOKEN),
          Duration.ofSeconds(config.integer("timeout_seconds")));
    }
  }

  /** The connector: one endpoint, every failure typed. */
  static final class PigeonConnector implements Connector {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;
    private final URI baseUrl;
    private final Secret token;
    private final Duration timeout;
    private final HttpClient http;

    PigeonConnector(Clock clock, URI baseUrl, Secret token, Duration timeout) {
      this.clock = clock;
      this.baseUrl = baseUrl;
      this.token = token;
      this.timeout = timeout;
      this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Platform platform() {
      return PLATFORM;
    }

    @Override
    public Capabilities capabilities() {
      return PigeonProvider.CAPABILITIES;
    }

    // validate(...) is inherited: it checks the declared Limits with the declared counting rule.

    @Override
    public PublishResult publish(PublishRequest request) {
      // Refuse what is not declared (a poll, a scheduled time, a first comment) before any I/O.
      capabilities().requireFor(PLATFORM, request);
      String body = JSON.writeValueAsString(Map.of("text", request.text(), "idempotency_key", request.idempotencyKey()));
      HttpRequest http = HttpRequest.newBuilder(baseUrl.resolve("/api/posts"))
          .timeout(timeout)
          .header("Authorization", "Bearer " + token.reveal())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      HttpResponse<String> response;
      try {
        response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // The request may have reached Pigeon: the engine reconciles before trying again.
        throw new TransportException(PLATFORM, "no answer from " + baseUrl.getHost() + ": " + e.getClass().getSimpleName(),
            true, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(PLATFORM, "interrupted while publishing", true, null);
      }
      String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
      int status = response.statusCode();
      if (status == 200 || status == 201) {
        String id = JSON.readTree(response.body()).path("id").asString();
        return PublishResult.of(id, URI.create(baseUrl + "/p/" + id), clock.instant());
      }
      throw failure(status, requestId, response);
    }

    private static ConnectorException failure(int status, String requestId, HttpResponse<String> response) {
      String reason = errorOf(response.body());
      String message = "Pigeon answered " + status + " (request " + requestId + "): " + reason;
      switch (status) {
        case 401:
          return new AuthenticationExpiredException(PLATFORM, status, requestId, message);
        case 403:
          return new PermissionDeniedException(PLATFORM, status, requestId, message);
        case 404:
          return new NotFoundException(PLATFORM, status, requestId, message);
        case 400:
        case 422:
          return new ContentRejectedException(PLATFORM, status, requestId, reason + " (request " + requestId + ")");
        case 429:
          Instant reset = response.headers().firstValue("X-RateLimit-Reset")
              .map(s -> Instant.ofEpochSecond(Long.parseLong(s.strip()))).orElse(null);
          return new RateLimitedException(PLATFORM, status, requestId, reset, message);
        default:
          return new PlatformUnavailableException(PLATFORM, status, requestId, message);
      }
    }

    private static String errorOf(String body) {
      try {
        JsonNode error = JSON.readTree(body).path("error");
        return error.isMissingNode() ? "no reason given" : error.asString();
      } catch (RuntimeException e) {
        return "unreadable error body";
      }
    }

    @Override
    public String toString() {
      return "PigeonConnector[" + baseUrl + "]";   // never the token
    }
  }
}
