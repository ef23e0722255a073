package dev.chorus.connector.threads.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.GraphApi;
import dev.chorus.connector.http.GraphApiErrors;
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.threads.PublishingLimit;
import dev.chorus.connector.threads.ThreadsConnector;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Threads connector: container ({@code POST /{user}/threads}), status polling, {@code
 * threads_publish}. Thread-safe: it keeps no mutable state. Every part of a publish (the post and
 * each later part of a thread, chained with {@code reply_to_id}) records its container ids and its
 * published id in the request's {@link Checkpoint}, so a retry publishes an unexpired container
 * instead of creating another and never posts a published part again.
 */
public final class DefaultThreadsConnector implements ThreadsConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultThreadsConnector.class);

  /** Containers not published within this time expire. */
  public static final Duration CONTAINER_LIFETIME = Duration.ofHours(24);

  private static final int RECONCILE_PAGES = 2;
  private static final int CONVERSATION_LIMIT = 50;
  private static final String BUCKET = "graph";

  private final Capabilities capabilities;
  private final ThreadsSettings settings;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final Clock clock;

  /** A connector on the runtime with the host's credentials. */
  public DefaultThreadsConnector(Capabilities capabilities, ThreadsSettings settings, RuntimeLease lease,
      CredentialSource credentials) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.lease = lease;
    this.runtime = lease.runtime();
    this.http = runtime.platform(Platform.THREADS)
        .baseUrl(settings.baseUrl() + "/" + settings.apiVersion())
        .rateLimits(RateLimitStrategy.metaUsage().and(RateLimitStrategy.retryAfter()))
        .errors(GraphApiErrors.instance())
        .requestIdHeader("x-fb-trace-id")
        .credentials(credentials)
        .userAgent("chorus-connector-threads")
        .build();
    this.clock = runtime.clock();
  }

  @Override
  public Platform platform() {
    return Platform.THREADS;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /** One post of a publish: the post itself (index 0) or a later part of the thread. */
  private record Part(int index, String text, List<MediaAsset> media) {}

  private static List<Part> parts(PublishRequest request) {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(0, request.text(), request.media()));
    List<ThreadPart> more = request.threadParts();
    for (int i = 0; i < more.size(); i++) {
      parts.add(new Part(i + 1, more.get(i).text(), more.get(i).media()));
    }
    return parts;
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    List<Violation> found = new ArrayList<>();
    for (Part part : parts(request)) {
      String prefix = part.index() == 0 ? "" : "threadParts[" + (part.index() - 1) + "].";
      if (part.text().isBlank() && part.media().isEmpty()) {
        found.add(new Violation(prefix + "text", "text.required", "text or media", "none",
            "a Threads post needs text, an image or a video"));
      }
      for (int i = 0; i < part.media().size(); i++) {
        MediaAsset asset = part.media().get(i);
        String scheme = asset.source().getScheme() == null ? "" : asset.source().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
          found.add(new Violation(prefix + "media[" + i + "].source", "media.publicUrl", "a public http(s) URL",
              scheme + ":", "Threads fetches media from a public URL; " + scheme + ": sources cannot be published"));
        }
      }
    }
    return LimitChecks.check(platform(), capabilities, request).and(found);
  }

  // ---------------------------------------------------------------------------------------------
  // Quota

  @Override
  public PublishingLimit publishingLimit(SocialAccount account) {
    Checks.required("account", account);
    JsonNode json = http.execute(ApiRequest.get("/" + encode(account.externalId()) + "/threads_publishing_limit")
        .query("fields", "quota_usage,config,reply_quota_usage,reply_config")
        .account(account.credentials()).rateLimitBucket(BUCKET).build()).json();
    JsonNode entry = json.path("data").path(0);
    PublishingQuota postFallback = capabilities.limits().quota().orElse(PublishingQuota.perDay(250));
    return new PublishingLimit((int) GraphApi.counter(entry, "quota_usage").orElse(0),
        quota(entry.path("config"), postFallback),
        (int) GraphApi.counter(entry, "reply_quota_usage").orElse(0),
        quota(entry.path("reply_config"), PublishingQuota.perDay(1000)));
  }

  private static PublishingQuota quota(JsonNode config, PublishingQuota fallback) {
    long total = GraphApi.counter(config, "quota_total").orElse(fallback.maxPosts());
    long seconds = GraphApi.counter(config, "quota_duration").orElse(fallback.window().getSeconds());
    return total >= 1 && total <= Integer.MAX_VALUE && seconds >= 1
        ? new PublishingQuota((int) total, Duration.ofSeconds(seconds)) : fallback;
  }

  /** Fails before any container is created when the posts or replies still to publish do not fit. */
  private void checkQuota(SocialAccount account, boolean rootPost, int replies) {
    PublishingLimit limit = publishingLimit(account);
    if (rootPost && limit.full()) {
      throw new RateLimitedException(platform(), 0, null, null, "Threads' publishing quota is used up ("
          + limit.used() + " of " + limit.quota().maxPosts() + " posts in " + limit.quota().window()
          + ", a rolling window); no container was created");
    }
    if (replies > limit.repliesRemaining()) {
      throw new RateLimitedException(platform(), 0, null, null, "Threads' reply quota cannot take " + replies
          + " more replies (" + limit.repliesUsed() + " of " + limit.replyQuota().maxPosts() + " used in "
          + limit.replyQuota().window() + ", a rolling window); no container was created");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(platform(), request);
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    SocialAccount account = request.account();
    List<Part> parts = parts(request);
    boolean quotaChecked = false;
    String previous = request.inReplyTo();
    List<String> ids = new ArrayList<>();
    for (Part part : parts) {
      String id = present(checkpoint, key(part, "id"));
      if (id == null) {
        String container = usableContainer(checkpoint, part);
        if (container == null) {
          if (!quotaChecked) {
            boolean rootPost = part.index() == 0 && request.inReplyTo() == null;
            int replies = parts.size() - part.index() - (rootPost ? 1 : 0);
            checkQuota(account, rootPost, replies);
            quotaChecked = true;
          }
          container = createContainers(account, part, previous, checkpoint);
        }
        awaitFinished(account, container, checkpoint, part);
        id = publishContainer(account, container);
        checkpoint.put(key(part, "id"), id);
        if (part.index() == 0) {
          checkpoint.put("th.publishedAt", clock.instant().toString());
        }
      } else {
        LOG.info("Threads part {} of {} already published as {} per the checkpoint", part.index(),
            request.idempotencyKey(), id);
      }
      ids.add(id);
      previous = id;
    }
    Instant publishedAt = checkpoint.get("th.publishedAt").filter(at -> !at.isBlank()).map(Instant::parse)
        .orElse(clock.instant());
    return new PublishResult(ids.get(0), permalink(account, ids.get(0)), publishedAt, ids.subList(1, ids.size()),
        null);
  }

  private static String key(Part part, String name) {
    return "th.part." + part.index() + "." + name;
  }

  private static String present(Checkpoint checkpoint, String key) {
    return checkpoint.get(key).filter(value -> !value.isBlank()).orElse(null);
  }

  /**
   * The part's recorded container when it has not expired yet, else null. Expired containers (and
   * carousel children) of the part are forgotten so new ones are created.
   */
  private String usableContainer(Checkpoint checkpoint, Part part) {
    Optional<Instant> created = checkpoint.get(key(part, "createdAt")).filter(at -> !at.isBlank()).map(Instant::parse);
    if (created.isPresent() && !clock.instant().isBefore(created.get().plus(CONTAINER_LIFETIME))) {
      LOG.info("Threads containers of part {} are older than 24 hours; creating new ones", part.index());
      forgetContainers(checkpoint, part);
      return null;
    }
    String container = present(checkpoint, key(part, "container"));
    if (container != null) {
      LOG.info("resuming part {} with Threads container {} from the checkpoint", part.index(), container);
    }
    return container;
  }

  private static void forgetContainers(Checkpoint checkpoint, Part part) {
    String prefix = "th.part." + part.index() + ".";
    checkpoint.snapshot().keySet().stream()
        .filter(key -> key.startsWith(prefix + "child.") || key.equals(prefix + "container")
            || key.equals(prefix + "createdAt"))
        .forEach(key -> checkpoint.put(key, ""));
  }

  /** Creates the children (for a carousel) and the part's container, checkpointing each id. */
  private String createContainers(SocialAccount account, Part part, String replyTo, Checkpoint checkpoint) {
    Map<String, String> params = new LinkedHashMap<>();
    List<MediaAsset> media = part.media();
    if (media.size() >= 2) {
      List<String> children = new ArrayList<>();
      for (int i = 0; i < media.size(); i++) {
        String key = key(part, "child." + i);
        String child = present(checkpoint, key);
        if (child == null) {
          Map<String, String> item = new LinkedHashMap<>();
          source(item, media.get(i));
          item.put("is_carousel_item", "true");
          child = create(account, item);
          checkpoint.put(key, child);
          if (present(checkpoint, key(part, "createdAt")) == null) {
            checkpoint.put(key(part, "createdAt"), clock.instant().toString());
          }
        }
        children.add(child);
      }
      for (String child : children) {
        awaitFinished(account, child, checkpoint, part);
      }
      params.put("media_type", "CAROUSEL");
      params.put("children", String.join(",", children));
    } else if (media.size() == 1) {
      source(params, media.get(0));
    } else {
      params.put("media_type", "TEXT");
    }
    if (!part.text().isEmpty()) {
      params.put("text", part.text());
    }
    if (replyTo != null) {
      params.put("reply_to_id", replyTo);
    }
    String container = create(account, params);
    checkpoint.put(key(part, "container"), container);
    if (present(checkpoint, key(part, "createdAt")) == null) {
      checkpoint.put(key(part, "createdAt"), clock.instant().toString());
    }
    return container;
  }

  private static void source(Map<String, String> params, MediaAsset asset) {
    if (asset.kind() == MediaKind.VIDEO) {
      params.put("media_type", "VIDEO");
      params.put("video_url", asset.source().toString());
    } else {
      params.put("media_type", "IMAGE");
      params.put("image_url", asset.source().toString());
    }
    if (asset.altText() != null) {
      params.put("alt_text", asset.altText());
    }
  }

  /** {@code POST /{threads-user-id}/threads} with the parameters as a query, as Threads documents it. */
  private String create(SocialAccount account, Map<String, String> params) {
    ApiRequest.Builder call = ApiRequest.post("/" + encode(account.externalId()) + "/threads")
        .account(account.credentials()).rateLimitBucket(BUCKET);
    params.forEach(call::query);
    String id = GraphApi.text(http.execute(call.build()).json(), "id");
    if (id == null) {
      throw new TransportException(platform(), 200, null, "Threads created a container but answered without an id",
          true, null);
    }
    return id;
  }

  private String publishContainer(SocialAccount account, String container) {
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(account.externalId()) + "/threads_publish")
        .query("creation_id", container).account(account.credentials()).rateLimitBucket(BUCKET).build());
    String id = GraphApi.text(response.json(), "id");
    if (id == null) {
      throw new TransportException(platform(), response.status(), response.requestId().orElse(null),
          "Threads accepted threads_publish but answered without an id; reconcile before publishing again",
          true, null);
    }
    return id;
  }

  /** The post's permalink, or null when Threads does not give it; a missing link fails nothing. */
  private URI permalink(SocialAccount account, String id) {
    try {
      JsonNode json = http.execute(ApiRequest.get("/" + encode(id)).query("fields", "id,permalink")
          .account(account.credentials()).rateLimitBucket(BUCKET).build()).json();
      String link = GraphApi.text(json, "permalink");
      return link == null ? null : URI.create(link);
    } catch (ConnectorException | IllegalArgumentException unavailable) {
      LOG.debug("no permalink for Threads post {}: {}", id, unavailable.getMessage());
      return null;
    }
  }

  /**
   * Polls {@code GET /{container-id}?fields=status,error_message} on the injected sleeper until
   * {@code FINISHED}. {@code ERROR} is a content rejection with Threads' {@code error_message};
   * {@code EXPIRED} forgets the part's containers and is retryable (the retry creates new ones);
   * {@code PUBLISHED} means an earlier attempt published it without learning the id, so the outcome
   * is unknown and reconcile must find it; running out of time is retryable and the retry resumes
   * polling the same container.
   */
  private void awaitFinished(SocialAccount account, String container, Checkpoint checkpoint, Part part) {
    Instant deadline = clock.instant().plus(settings.processingTimeout());
    while (true) {
      ApiResponse response = http.execute(ApiRequest.get("/" + encode(container))
          .query("fields", "status,error_message").account(account.credentials()).rateLimitBucket(BUCKET).build());
      String status = Optional.ofNullable(GraphApi.text(response.json(), "status")).orElse("IN_PROGRESS");
      String requestId = response.requestId().orElse(null);
      switch (status) {
        case "FINISHED":
          return;
        case "PUBLISHED":
          throw new TransportException(platform(), response.status(), requestId, "Threads container " + container
              + " is already published but its post id was not recorded; reconcile before publishing again",
              true, null);
        case "ERROR":
          forgetContainers(checkpoint, part);
          throw new ContentRejectedException(platform(), response.status(), requestId,
              "Threads could not process container " + container + ": "
                  + Optional.ofNullable(GraphApi.text(response.json(), "error_message")).orElse("UNKNOWN"));
        case "EXPIRED":
          forgetContainers(checkpoint, part);
          throw new PlatformUnavailableException(platform(), response.status(), requestId,
              "Threads container " + container + " expired before it was published; a retry creates a new one");
        default:
          if (!clock.instant().plus(settings.pollInterval()).isBefore(deadline)) {
            throw new PlatformUnavailableException(platform(), response.status(), requestId,
                "Threads is still processing container " + container + " after " + settings.processingTimeout()
                    + "; a retry resumes with the same container");
          }
          try {
            runtime.sleeper().sleep(settings.pollInterval());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransportException(platform(), "interrupted while waiting for container " + container,
                false, interrupted);
          }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Delete and reply

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(platform(), Capability.DELETE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.delete("/" + encode(externalId))
        .account(account.credentials()).rateLimitBucket(BUCKET).build());
    if (response.json().path("success").isBoolean() && !response.json().path("success").booleanValue()) {
      throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
          "Threads did not delete post " + externalId);
    }
    LOG.info("Threads post {} deleted", externalId);
  }

  /**
   * Replies with a text post chained by {@code reply_to_id}: container, polling, {@code
   * threads_publish}. Counts against the reply quota, checked first.
   */
  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(platform(), Capability.REPLY);
    Checks.required("request", request);
    SocialAccount account = request.account();
    ValidationResult checked = validate(PublishRequest.text(account, request.idempotencyKey(), request.text()));
    checked.orThrow();
    checkQuota(account, false, 1);
    Part part = new Part(0, request.text(), List.of());
    Checkpoint scratch = Checkpoint.inMemory();
    String container = createContainers(account, part, request.parentExternalId(), scratch);
    awaitFinished(account, container, scratch, part);
    return PublishResult.of(publishContainer(account, container), null, clock.instant());
  }

  /**
   * Hides or unhides a reply to one of the account's posts: {@code POST
   * /{threads-reply-id}/manage_reply?hide=true|false}, answered {@code {"success":true}}.
   */
  @Override
  public void hide(SocialAccount account, String externalId, boolean hidden) {
    capabilities.require(platform(), Capability.HIDE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(externalId) + "/manage_reply")
        .query("hide", Boolean.toString(hidden)).account(account.credentials()).rateLimitBucket(BUCKET).build());
    GraphApi.requireSuccess(platform(), response, (hidden ? "hiding " : "unhiding ") + externalId);
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  /**
   * Looks through the account's recent posts ({@code GET /{user}/threads}) for one made since the
   * attempt (less the skew) with the request's text; a match is recorded as the first part's id,
   * so a later publish continues the thread from its second part.
   */
  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(platform(), Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    SocialAccount account = request.account();
    Instant from = attemptedAt.minus(settings.reconcileSkew());
    String cursor = null;
    JsonNode match = null;
    for (int page = 0; page < RECONCILE_PAGES && match == null; page++) {
      ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId()) + "/threads")
          .query("fields", "id,text,timestamp,permalink,media_type")
          .query("limit", "25")
          .account(account.credentials())
          .rateLimitBucket(BUCKET);
      if (cursor != null) {
        call.query("after", cursor);
      }
      JsonNode json = http.execute(call.build()).json();
      boolean older = false;
      for (JsonNode post : json.path("data")) {
        Instant at = GraphApi.instant(post, "timestamp");
        if (at != null && at.isBefore(from)) {
          older = true;
          continue;
        }
        String text = Optional.ofNullable(GraphApi.text(post, "text")).orElse("");
        if (match == null && GraphApi.text(post, "id") != null && text.strip().equals(request.text().strip())) {
          match = post;
        }
      }
      cursor = GraphApi.nextCursor(json);
      if (cursor == null || older) {
        break;
      }
    }
    if (match == null) {
      return Optional.empty();
    }
    String id = GraphApi.text(match, "id");
    Instant at = Optional.ofNullable(GraphApi.instant(match, "timestamp")).orElse(attemptedAt);
    request.checkpoint().put("th.part.0.id", id);
    request.checkpoint().put("th.publishedAt", at.toString());
    String permalink = GraphApi.text(match, "permalink");
    LOG.info("Threads reconcile found post {} for {}", id, request.idempotencyKey());
    return Optional.of(PublishResult.of(id, permalink == null ? null : URI.create(permalink), at));
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    capabilities.require(platform(), Capability.POST_METRICS);
    Checks.required("account", account);
    List<String> ids = Checks.list("externalPostIds", externalPostIds);
    for (int i = 0; i < ids.size(); i++) {
      Checks.notBlank("externalPostIds[" + i + "]", ids.get(i));
    }
    Instant now = clock.instant();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      try {
        snapshots.add(new MetricSnapshot(platform(), account.id(), id, now, insights(account, id)));
      } catch (NotFoundException gone) {
        LOG.debug("Threads post {} is gone; no metrics", id);
      }
    }
    return snapshots;
  }

  /** The post's insights; see {@link GraphSettings#insights}. */
  private Map<Metric, Long> insights(SocialAccount account, String id) {
    return GraphSettings.insights(platform(), id, settings.insights(), wanted -> readInsights(account, id, wanted));
  }

  private Map<Metric, Long> readInsights(SocialAccount account, String id, Map<Metric, String> wanted) {
    JsonNode json = http.execute(ApiRequest.get("/" + encode(id) + "/insights")
        .query("metric", String.join(",", new LinkedHashSet<>(wanted.values())))
        .account(account.credentials()).rateLimitBucket(BUCKET).build()).json();
    Map<String, Long> reported = values(json);
    Map<Metric, Long> values = new LinkedHashMap<>();
    wanted.forEach((metric, name) -> {
      Long value = reported.get(name);
      if (value != null && capabilities.postMetrics().contains(metric)) {
        values.put(metric, value);
      }
    });
    return values;
  }

  /**
   * Metric name to value from an insights body: the latest of {@code values[]}, or {@code
   * total_value.value}, which some Threads metrics send instead. No value is absent, not zero.
   */
  static Map<String, Long> values(JsonNode body) {
    Map<String, Long> values = new LinkedHashMap<>(GraphApi.insights(body));
    for (JsonNode metric : body.path("data")) {
      String name = GraphApi.text(metric, "name");
      OptionalLong total = GraphApi.counter(metric.path("total_value"), "value");
      if (name != null && !values.containsKey(name) && total.isPresent()) {
        values.put(name, total.getAsLong());
      }
    }
    return values;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(platform(), Capability.ACCOUNT_METRICS);
    Checks.required("account", account);
    JsonNode json = http.execute(ApiRequest.get("/" + encode(account.externalId()) + "/threads_insights")
        .query("metric", "followers_count")
        .account(account.credentials()).rateLimitBucket(BUCKET).build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    Long followers = values(json).get("followers_count");
    if (followers != null) {
      values.put(Metric.FOLLOWERS, followers);
    }
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  /**
   * Replies at every depth under the account's recent posts: one page of {@code /{user}/threads}
   * (the cursor pages through the posts), and for each post the first {@value #CONVERSATION_LIMIT}
   * entries of its {@code /conversation}, leaving out the account's own replies.
   */
  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(platform(), query);
    Checks.required("account", account);
    Set<InteractionKind> kinds = query.kinds().isEmpty() ? capabilities.interactionKinds() : query.kinds();
    ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId()) + "/threads")
        .query("fields", "id,timestamp")
        .query("limit", String.valueOf(Math.min(25, query.pageSize())))
        .account(account.credentials())
        .rateLimitBucket(BUCKET);
    if (query.cursor() != null) {
      call.query("after", query.cursor());
    }
    JsonNode json = http.execute(call.build()).json();
    List<Interaction> items = new ArrayList<>();
    for (JsonNode post : json.path("data")) {
      String postId = GraphApi.text(post, "id");
      if (postId == null || !kinds.contains(InteractionKind.REPLY)) {
        continue;
      }
      JsonNode conversation = http.execute(ApiRequest.get("/" + encode(postId) + "/conversation")
          .query("fields", "id,text,username,timestamp,permalink,replied_to,is_reply_owned_by_me")
          .query("limit", String.valueOf(CONVERSATION_LIMIT))
          .account(account.credentials()).rateLimitBucket(BUCKET).build()).json();
      for (JsonNode reply : conversation.path("data")) {
        add(items, account, query, postId, reply);
      }
    }
    return new Page<>(items, GraphApi.nextCursor(json));
  }

  private void add(List<Interaction> items, SocialAccount account, InteractionQuery query, String postId,
      JsonNode node) {
    String id = GraphApi.text(node, "id");
    Instant at = GraphApi.instant(node, "timestamp");
    if (id == null || at == null || node.path("is_reply_owned_by_me").asBoolean(false)
        || (query.since() != null && !at.isAfter(query.since()))) {
      return;
    }
    String username = GraphApi.text(node, "username");
    String parent = GraphApi.text(node.path("replied_to"), "id");
    String permalink = GraphApi.text(node, "permalink");
    URI url = null;
    if (permalink != null) {
      try {
        url = URI.create(permalink);
      } catch (IllegalArgumentException bad) {
        LOG.debug("Threads reply {} has an unusable permalink", id);
      }
    }
    String author = username != null ? username : "unknown";
    items.add(new Interaction(platform(), account.id(), id, InteractionKind.REPLY, postId,
        postId.equals(parent) ? null : parent, author, "@" + author, null,
        Optional.ofNullable(GraphApi.text(node, "text")).orElse(""), at, url));
  }

  // ---------------------------------------------------------------------------------------------

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "ThreadsConnector[" + settings.baseUrl() + "/" + settings.apiVersion() + "]";
  }
}
