package dev.chorus.connector.tck.acme;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.tck.acme.AcmeProvider.Flaw;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The acme connector over java.net.http. Acme's wire format: JSON bodies, {@code Authorization:
 * Bearer}, the request id in {@code Acme-Request-Id}, errors as {@code {"error":{"code","message"}}},
 * throttling as 429 with {@code Retry-After} seconds, cursors in {@code next}.
 */
final class AcmeConnector implements dev.chorus.connector.Connector {

  /** How the host lets acme wait; absent, acme sleeps for real. */
  @FunctionalInterface
  interface Waiter {
    void sleep(Duration duration);
  }

  static final String REQUEST_ID = "Acme-Request-Id";
  private static final Logger LOG = LoggerFactory.getLogger(AcmeConnector.class);
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AcmeProvider provider;
  private final Flaw flaw;
  private final Platform platform;
  private final Capabilities capabilities;
  private final Clock clock;
  private final Waiter waiter;
  private final URI baseUrl;
  private final Secret token;
  private final Duration timeout;
  private final HttpClient http;

  AcmeConnector(AcmeProvider provider, ConnectorContext context, ConnectorConfig config) {
    this.provider = provider;
    this.flaw = provider.flaw();
    this.platform = provider.platform();
    this.capabilities = provider.capabilities();
    this.clock = context.clock();
    this.waiter = context.extension(Waiter.class).orElse(AcmeConnector::sleepForReal);
    this.baseUrl = config.url("baseUrl");
    this.token = config.secret("apiToken");
    this.timeout = config.duration("timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  private static void sleepForReal(Duration duration) {
    try {
      Thread.sleep(Math.max(0, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  private void require(Capability capability) {
    if (!capabilities.supports(capability)) {
      throw new UnsupportedCapabilityException(platform, capability);
    }
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    ValidationResult checked = LimitChecks.check(platform, capabilities, request);
    if (flaw == Flaw.IGNORES_HASHTAG_LIMIT) {
      return new ValidationResult(platform,
          checked.violations().stream().filter(v -> !v.rule().equals("hashtags.count")).toList());
    }
    if (flaw == Flaw.COUNTS_UTF16_UNITS) {
      List<Violation> kept = new ArrayList<>(checked.violations().stream()
          .filter(v -> !(v.rule().equals("text.length") && v.field().equals("text"))).toList());
      int max = capabilities.limits().text().max();
      if (request.text().length() > max) {
        kept.add(new Violation("text", "text.length", "<= " + max, String.valueOf(request.text().length()),
            "text is too long"));
      }
      return new ValidationResult(platform, kept);
    }
    return checked;
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    require(Capability.PUBLISH);
    if (request.publishAt() != null) {
      require(Capability.NATIVE_SCHEDULING);
    }
    if (request.firstComment() != null) {
      require(Capability.FIRST_COMMENT);
    }
    if (request.poll() != null) {
      require(Capability.POLL);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("text", request.text());
    body.put("key", request.idempotencyKey());
    if (request.poll() != null) {
      var options = body.putArray("poll");
      request.poll().options().forEach(options::add);
    }
    JsonNode created = call("POST", "/v1/posts", body);
    return PublishResult.of(created.get("id").asString(), null, Instant.parse(created.get("created_at").asString()));
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    if (flaw != Flaw.IO_FOR_UNDECLARED_DELETE) {
      require(Capability.DELETE);
    }
    call("DELETE", "/v1/posts/" + encode(externalId), null);
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    require(Capability.RECONCILE);
    Instant since = attemptedAt.minus(Duration.ofMinutes(5));
    JsonNode posts = call("GET", "/v1/posts?since=" + encode(since.toString()), null).get("posts");
    for (JsonNode post : posts) {
      Instant createdAt = Instant.parse(post.get("created_at").asString());
      boolean matches = post.get("text").asString().equals(request.text()) && !createdAt.isBefore(since);
      if (matches || flaw == Flaw.RECONCILES_ANY_POST) {
        return Optional.of(PublishResult.of(post.get("id").asString(), null, createdAt));
      }
    }
    return Optional.empty();
  }

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    require(Capability.POST_METRICS);
    int batch = flaw == Flaw.IGNORES_BATCH_SIZE ? Integer.MAX_VALUE : capabilities.metricsBatchSize();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (int from = 0; from < externalPostIds.size(); from += batch) {
      List<String> chunk = externalPostIds.subList(from, (int) Math.min((long) from + batch, externalPostIds.size()));
      JsonNode metrics = call("GET", "/v1/metrics?ids=" + encode(String.join(",", chunk)), null).get("metrics");
      Instant now = clock.instant();
      for (JsonNode entry : metrics) {
        String id = entry.get("id").asString();
        if (!chunk.contains(id)) {
          continue;
        }
        Map<Metric, Long> values = new LinkedHashMap<>();
        values.put(Metric.IMPRESSIONS, entry.get("impressions").asLong());
        values.put(Metric.LIKES, entry.get("likes").asLong());
        snapshots.add(new MetricSnapshot(platform, account.id(), id, now, values));
      }
    }
    return snapshots;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    require(Capability.ACCOUNT_METRICS);
    JsonNode me = call("GET", "/v1/me", null);
    return new MetricSnapshot(platform, account.id(), null, clock.instant(),
        Map.of(Metric.FOLLOWERS, me.get("followers").asLong()));
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    require(Capability.INTERACTIONS);
    for (InteractionKind kind : query.kinds()) {
      if (!capabilities.interactionKinds().contains(kind)) {
        throw new UnsupportedCapabilityException(platform, Capability.INTERACTIONS);
      }
    }
    String path = "/v1/comments?limit=" + query.pageSize();
    if (query.cursor() != null && flaw != Flaw.REPEATS_CURSOR) {
      path += "&cursor=" + encode(query.cursor());
    }
    JsonNode page = call("GET", path, null);
    List<Interaction> items = new ArrayList<>();
    for (JsonNode item : page.get("items")) {
      items.add(new Interaction(platform, account.id(), item.get("id").asString(), InteractionKind.COMMENT,
          item.get("post_id").asString(), null, item.get("author").asString(), item.get("author").asString(),
          null, item.get("text").asString(), Instant.parse(item.get("created_at").asString()), null));
    }
    JsonNode next = page.get("next");
    return new Page<>(items, next == null || next.isNull() ? null : next.asString());
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    require(Capability.REPLY);
    ObjectNode body = JSON.createObjectNode();
    body.put("parent", request.parentExternalId());
    body.put("text", request.text());
    body.put("key", request.idempotencyKey());
    JsonNode created = call("POST", "/v1/replies", body);
    return PublishResult.of(created.get("id").asString(), null, Instant.parse(created.get("created_at").asString()));
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    require(Capability.SEARCH);
    if (query.term().kind() == SearchTerm.Kind.MENTION && flaw != Flaw.SEARCHES_ANY_KIND) {
      throw new InvalidValueException("query.term.kind", query.term().kind(), "acme cannot search mentions");
    }
    String path = "/v1/search?q=" + encode(query.term().toString()) + "&limit=" + query.pageSize();
    if (query.cursor() != null) {
      path += "&cursor=" + encode(query.cursor());
    }
    JsonNode page = call("GET", path, null);
    List<PublicPost> posts = new ArrayList<>();
    for (JsonNode post : page.get("posts")) {
      posts.add(publicPost(post, flaw == Flaw.ZERO_FILLS_SEARCH_COUNTERS));
    }
    JsonNode next = page.get("next");
    return new Page<>(posts, next == null || next.isNull() ? null : next.asString());
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    require(Capability.PUBLIC_PROFILES);
    JsonNode profile;
    try {
      profile = call("GET", "/v1/profiles/" + encode(handle) + "?posts=" + recentPosts, null);
    } catch (NotFoundException e) {
      if (flaw != Flaw.UNKNOWN_PROFILE_AS_EMPTY) {
        throw e;
      }
      return new PublicProfile(platform, handle, handle, null, "", null, clock.instant(), Map.of(), List.of());
    }
    Map<Metric, Long> counters = new LinkedHashMap<>();
    counter(profile, "followers", Metric.FOLLOWERS, counters, false);
    counter(profile, "following", Metric.FOLLOWING, counters, false);
    counter(profile, "posts_count", Metric.POSTS, counters, false);
    List<PublicPost> posts = new ArrayList<>();
    for (JsonNode post : profile.get("posts")) {
      if (posts.size() < recentPosts || flaw == Flaw.IGNORES_RECENT_POSTS_LIMIT) {
        posts.add(publicPost(post, false));
      }
    }
    JsonNode created = profile.get("created_at");
    return new PublicProfile(platform, profile.get("id").asString(), profile.get("handle").asString(),
        profile.get("name").asString(), profile.get("bio").asString(),
        created == null ? null : Instant.parse(created.asString()), clock.instant(), counters, posts);
  }

  private PublicPost publicPost(JsonNode post, boolean zeroFill) {
    Map<Metric, Long> counters = new LinkedHashMap<>();
    counter(post, "likes", Metric.LIKES, counters, zeroFill);
    counter(post, "shares", Metric.SHARES, counters, zeroFill);
    counter(post, "comments", Metric.COMMENTS, counters, zeroFill);
    return new PublicPost(platform, post.get("id").asString(), post.get("author_id").asString(),
        post.get("author").asString(), post.get("text").asString(), Instant.parse(post.get("created_at").asString()),
        null, null, clock.instant(), counters);
  }

  private static void counter(JsonNode node, String field, Metric metric, Map<Metric, Long> into, boolean zeroFill) {
    JsonNode value = node.get(field);
    if (value != null && !value.isNull()) {
      into.put(metric, value.asLong());
    } else if (zeroFill) {
      into.put(metric, 0L);
    }
  }

  private JsonNode call(String method, String path, JsonNode body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return send(method, path, body);
      } catch (RateLimitedException limited) {
        if (attempt >= 3 || flaw == Flaw.IGNORES_RESET || flaw == Flaw.REPORTS_RATE_LIMIT
            || limited.retryAt().isEmpty()) {
          throw limited;
        }
        Duration wait = Duration.between(clock.instant(), limited.retryAt().get());
        if (wait.compareTo(MAX_WAIT) > 0) {
          throw limited;
        }
        LOG.info("acme rate limit; waiting {} before {} {}", wait, method, path);
        if (flaw == Flaw.SLEEPS_FOR_REAL) {
          sleepForReal(wait);
          if (Thread.currentThread().isInterrupted()) {
            throw limited;
          }
        } else {
          waiter.sleep(wait);
        }
      }
    }
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.reveal())
        .header("Accept", "application/json");
    if (body != null) {
      builder.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (flaw == Flaw.LOGS_TOKEN) {
      LOG.debug("acme -> {} {} with token {}", method, path, token.reveal());
    } else {
      LOG.debug("acme -> {} {}", method, path);
    }
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransportException(platform, method + " " + path + " failed: " + e.getClass().getSimpleName(),
          !method.equals("GET"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(platform, "interrupted during " + method + " " + path, true, e);
    }
    String requestId = flaw == Flaw.DROPS_REQUEST_ID
        ? null : response.headers().firstValue(REQUEST_ID).orElse(null);
    LOG.debug("acme <- {} {} {} request id {}", response.statusCode(), method, path, requestId);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
    throw error(status, requestId, response);
  }

  private ConnectorException error(int status, String requestId, HttpResponse<String> response) {
    String message = "HTTP " + status;
    try {
      JsonNode error = JSON.readTree(response.body()).get("error");
      if (error != null) {
        message = error.get("code").asString() + ": " + error.get("message").asString();
      }
    } catch (RuntimeException unreadable) {
      // keep the status line as the message
    }
    if (status == 401) {
      if (flaw == Flaw.ECHOES_TOKEN_IN_ERRORS) {
        message = message + " (token " + token.reveal() + ")";
      }
      return new AuthenticationExpiredException(platform, status, requestId, message);
    }
    if (status == 403) {
      return new PermissionDeniedException(platform, status, requestId, message);
    }
    if (status == 404) {
      return new NotFoundException(platform, status, requestId, message);
    }
    if (status == 429) {
      Instant retryAt = flaw == Flaw.IGNORES_RESET
          ? clock.instant().plus(MAX_WAIT)
          : response.headers().firstValue("Retry-After")
              .map(seconds -> clock.instant().plusSeconds(Long.parseLong(seconds.strip())))
              .orElse(null);
      return new RateLimitedException(platform, status, requestId, retryAt, message);
    }
    if (status >= 500) {
      return flaw == Flaw.MAPS_5XX_TO_CONTENT_REJECTED
          ? new ContentRejectedException(platform, status, requestId, message)
          : new PlatformUnavailableException(platform, status, requestId, message);
    }
    return new ContentRejectedException(platform, status, requestId, message);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    Object shown = flaw == Flaw.SHOWS_TOKEN_IN_TO_STRING ? token.reveal() : token;
    return "AcmeConnector{platform=" + platform + ", baseUrl=" + baseUrl + ", token=" + shown + "}";
  }

  Set<Capability> features() {
    return capabilities.features();
  }

  AcmeProvider provider() {
    return provider;
  }
}
