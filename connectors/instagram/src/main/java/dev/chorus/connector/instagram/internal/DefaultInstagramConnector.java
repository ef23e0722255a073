package dev.chorus.connector.instagram.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
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
import dev.chorus.connector.http.GraphSettings;
import dev.chorus.connector.http.GraphApiErrors;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.instagram.InstagramConnector;
import dev.chorus.connector.instagram.PublishingLimit;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Instagram connector over the Graph API's content publishing: container, status polling,
 * {@code media_publish}. Thread-safe: it keeps no mutable state; the container ids of a publish
 * live in the request's {@link Checkpoint}, so a retry publishes an existing unexpired container
 * instead of creating another.
 */
public final class DefaultInstagramConnector implements InstagramConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultInstagramConnector.class);

  /** Containers not published within this time expire. */
  public static final Duration CONTAINER_LIFETIME = Duration.ofHours(24);
  /** Story videos run at most this long. */
  public static final Duration STORY_VIDEO_MAX = Duration.ofSeconds(60);

  private static final int RECONCILE_PAGES = 2;

  private final Capabilities capabilities;
  private final InstagramSettings settings;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final Clock clock;

  /** A connector on the runtime with the host's credentials. */
  public DefaultInstagramConnector(Capabilities capabilities, InstagramSettings settings, RuntimeLease lease,
      CredentialSource credentials) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.lease = lease;
    this.runtime = lease.runtime();
    this.http = runtime.platform(Platform.INSTAGRAM)
        .baseUrl(settings.baseUrl() + "/" + settings.apiVersion())
        .rateLimits(RateLimitStrategy.metaUsage())
        .errors(GraphApiErrors.instance())
        .requestIdHeader("x-fb-trace-id")
        .credentials(credentials)
        .userAgent("chorus-connector-instagram")
        .build();
    this.clock = runtime.clock();
  }

  @Override
  public Platform platform() {
    return Platform.INSTAGRAM;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    List<Violation> found = new ArrayList<>();
    List<MediaAsset> media = request.media();
    PostFormat format = request.format();
    if (media.isEmpty()) {
      found.add(new Violation("media", "media.required", "at least one item", "none",
          "Instagram cannot publish text alone: add an image or a video"));
    } else if (format != PostFormat.CAROUSEL && media.size() != 1) {
      found.add(new Violation("media", "media.single", "1 item", String.valueOf(media.size()),
          "an Instagram " + format + " takes exactly one item; use the CAROUSEL format for 2 to 10"));
    }
    if (format == PostFormat.REEL && media.stream().anyMatch(m -> m.kind() != MediaKind.VIDEO)) {
      found.add(new Violation("media", "reel.video", "VIDEO", "IMAGE", "an Instagram reel is one video"));
    }
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      String scheme = asset.source().getScheme() == null ? "" : asset.source().getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        found.add(new Violation("media[" + i + "].source", "media.publicUrl", "a public http(s) URL", scheme + ":",
            "Instagram fetches media from a public URL; " + scheme + ": sources cannot be published"));
      }
      if (format != PostFormat.STORY && asset.kind() == MediaKind.IMAGE && asset.aspectRatio().isPresent()
          && (asset.aspectRatio().getAsDouble() < 0.8 - 0.005 || asset.aspectRatio().getAsDouble() > 1.91 + 0.005)) {
        found.add(new Violation("media[" + i + "].aspectRatio", "media.aspectRatio", "0.800..1.910",
            String.format(Locale.ROOT, "%.3f", asset.aspectRatio().getAsDouble()),
            "Instagram feed and carousel images take aspect ratios from 4:5 to 1.91:1"));
      }
      if (format == PostFormat.STORY && asset.duration() != null && asset.duration().compareTo(STORY_VIDEO_MAX) > 0) {
        found.add(new Violation("media[" + i + "].duration", "story.duration", "<= PT1M", asset.duration().toString(),
            "an Instagram story video runs at most 60 seconds"));
      }
    }
    if (request.inReplyTo() != null) {
      found.add(new Violation("inReplyTo", "reply.post", "none", request.inReplyTo(),
          "an Instagram post cannot answer another post; use reply() for a comment"));
    }
    if (format == PostFormat.STORY && request.firstComment() != null) {
      found.add(new Violation("firstComment", "firstComment.story", "none", "story",
          "Instagram stories take no comments"));
    }
    return LimitChecks.check(platform(), capabilities, request).and(found);
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public PublishingLimit publishingLimit(SocialAccount account) {
    Checks.required("account", account);
    JsonNode json = http.execute(ApiRequest.get("/" + encode(account.externalId()) + "/content_publishing_limit")
        .query("fields", "quota_usage,config")
        .account(account.credentials()).rateLimitBucket("graph").build()).json();
    JsonNode entry = json.path("data").path(0);
    PublishingQuota fallback = capabilities.limits().quota().orElse(PublishingQuota.perDay(100));
    long total = GraphApi.counter(entry.path("config"), "quota_total").orElse(fallback.maxPosts());
    long seconds = GraphApi.counter(entry.path("config"), "quota_duration").orElse(fallback.window().getSeconds());
    int used = (int) GraphApi.counter(entry, "quota_usage").orElse(0);
    PublishingQuota quota = total >= 1 && seconds >= 1
        ? new PublishingQuota((int) total, Duration.ofSeconds(seconds)) : fallback;
    return new PublishingLimit(used, quota);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(platform(), request);
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    SocialAccount account = request.account();
    String mediaId = present(checkpoint, "ig.media");
    if (mediaId == null) {
      String container = usableContainer(checkpoint);
      if (container == null) {
        PublishingLimit limit = publishingLimit(account);
        if (limit.full()) {
          throw new RateLimitedException(platform(), 0, null, null, "Instagram's publishing quota is used up ("
              + limit.used() + " of " + limit.quota().maxPosts() + " posts in " + limit.quota().window()
              + "); no container was created");
        }
        container = createContainers(request);
      }
      awaitFinished(account, container, checkpoint);
      JsonNode published = http.execute(ApiRequest.post("/" + encode(account.externalId()) + "/media_publish")
          .query("creation_id", container).account(account.credentials()).rateLimitBucket("graph").build()).json();
      mediaId = GraphApi.text(published, "id");
      if (mediaId == null) {
        throw new TransportException(platform(), 200, null,
            "Instagram accepted media_publish but answered without an id; reconcile before publishing again",
            true, null);
      }
      checkpoint.put("ig.media", mediaId);
      checkpoint.put("ig.publishedAt", clock.instant().toString());
    } else {
      LOG.info("Instagram media {} of {} already published per the checkpoint", mediaId, request.idempotencyKey());
    }
    String commentId = null;
    if (request.firstComment() != null) {
      commentId = present(checkpoint, "ig.comment");
      if (commentId == null) {
        commentId = GraphApi.text(http.execute(ApiRequest.post("/" + encode(mediaId) + "/comments")
            .query("message", request.firstComment()).account(account.credentials()).rateLimitBucket("graph")
            .build()).json(), "id");
        if (commentId != null) {
          checkpoint.put("ig.comment", commentId);
        }
      }
    }
    Instant publishedAt = checkpoint.get("ig.publishedAt").map(Instant::parse).orElse(clock.instant());
    return new PublishResult(mediaId, null, publishedAt, List.of(), commentId);
  }

  private static String present(Checkpoint checkpoint, String key) {
    return checkpoint.get(key).filter(value -> !value.isBlank()).orElse(null);
  }

  /** The recorded parent container when it has not expired yet, else null. */
  private String usableContainer(Checkpoint checkpoint) {
    String container = present(checkpoint, "ig.container");
    if (container == null) {
      return null;
    }
    Instant created = checkpoint.get("ig.container.createdAt").map(Instant::parse).orElse(Instant.EPOCH);
    if (!clock.instant().isBefore(created.plus(CONTAINER_LIFETIME))) {
      LOG.info("Instagram container {} is older than 24 hours; creating new containers", container);
      forgetContainers(checkpoint);
      return null;
    }
    LOG.info("resuming with Instagram container {} from the checkpoint", container);
    return container;
  }

  private static void forgetContainers(Checkpoint checkpoint) {
    checkpoint.snapshot().keySet().stream()
        .filter(key -> key.startsWith("ig.child.") || key.startsWith("ig.container"))
        .forEach(key -> checkpoint.put(key, ""));
  }

  /** Creates the children (for a carousel) and the parent container, checkpointing each id. */
  private String createContainers(PublishRequest request) {
    Checkpoint checkpoint = request.checkpoint();
    SocialAccount account = request.account();
    Map<String, String> params = new LinkedHashMap<>();
    List<MediaAsset> media = request.media();
    switch (request.format()) {
      case CAROUSEL: {
        List<String> children = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
          String key = "ig.child." + i;
          String child = present(checkpoint, key);
          if (child == null) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("is_carousel_item", "true");
            source(item, media.get(i));
            child = create(account, item);
            checkpoint.put(key, child);
            checkpoint.put("ig.container.createdAt", clock.instant().toString());
          }
          children.add(child);
        }
        for (String child : children) {
          awaitFinished(account, child, checkpoint);
        }
        params.put("media_type", "CAROUSEL");
        params.put("children", String.join(",", children));
        break;
      }
      case STORY:
        params.put("media_type", "STORIES");
        source(params, media.get(0));
        break;
      default:
        if (media.get(0).kind() == MediaKind.VIDEO) {
          params.put("media_type", "REELS");
          params.put("video_url", media.get(0).source().toString());
          params.put("share_to_feed", "true");
        } else {
          source(params, media.get(0));
        }
        break;
    }
    if (request.format() != PostFormat.STORY && !request.text().isEmpty()) {
      params.put("caption", request.text());
    }
    String container = create(account, params);
    checkpoint.put("ig.container", container);
    checkpoint.put("ig.container.createdAt", clock.instant().toString());
    return container;
  }

  private static void source(Map<String, String> params, MediaAsset asset) {
    if (asset.kind() == MediaKind.VIDEO) {
      params.putIfAbsent("media_type", "VIDEO");
      params.put("video_url", asset.source().toString());
    } else {
      params.put("image_url", asset.source().toString());
      if (asset.altText() != null) {
        params.put("alt_text", asset.altText());
      }
    }
  }

  /** {@code POST /{ig-user-id}/media} with the parameters as a query, as Meta documents it. */
  private String create(SocialAccount account, Map<String, String> params) {
    ApiRequest.Builder call = ApiRequest.post("/" + encode(account.externalId()) + "/media")
        .account(account.credentials()).rateLimitBucket("graph");
    params.forEach(call::query);
    String id = GraphApi.text(http.execute(call.build()).json(), "id");
    if (id == null) {
      throw new TransportException(platform(), 200, null, "Instagram created a container but answered without an id",
          true, null);
    }
    return id;
  }

  /**
   * Polls {@code GET /{container-id}?fields=status_code,status} on the injected sleeper until
   * {@code FINISHED} (or {@code PUBLISHED}). {@code ERROR} is a content rejection, {@code EXPIRED}
   * forgets the containers so the next attempt creates new ones; running out of time is retryable
   * and the retry resumes polling the same container.
   */
  private void awaitFinished(SocialAccount account, String container, Checkpoint checkpoint) {
    Instant deadline = clock.instant().plus(settings.processingTimeout());
    while (true) {
      ApiResponse response = http.execute(ApiRequest.get("/" + encode(container))
          .query("fields", "status_code,status").account(account.credentials()).rateLimitBucket("graph").build());
      String status = Optional.ofNullable(GraphApi.text(response.json(), "status_code")).orElse("IN_PROGRESS");
      switch (status) {
        case "FINISHED":
        case "PUBLISHED":
          return;
        case "ERROR":
          throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
              "Instagram could not process container " + container + ": "
                  + Optional.ofNullable(GraphApi.text(response.json(), "status")).orElse("ERROR"));
        case "EXPIRED":
          forgetContainers(checkpoint);
          throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
              "Instagram container " + container + " expired before it was published; publish again");
        default:
          if (!clock.instant().plus(settings.pollInterval()).isBefore(deadline)) {
            throw new PlatformUnavailableException(platform(), response.status(), response.requestId().orElse(null),
                "Instagram is still processing container " + container + " after " + settings.processingTimeout()
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

  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(platform(), Capability.REPLY);
    String id = GraphApi.text(http.execute(ApiRequest.post("/" + encode(request.parentExternalId()) + "/replies")
        .query("message", request.text()).account(request.account().credentials()).rateLimitBucket("graph")
        .build()).json(), "id");
    if (id == null) {
      throw new TransportException(platform(), 200, null, "Instagram accepted the reply but answered without an id",
          true, null);
    }
    return PublishResult.of(id, null, clock.instant());
  }

  /** Hides or unhides a comment on one of the account's media: {@code POST /{ig-comment-id}?hide=true|false}. */
  @Override
  public void hide(SocialAccount account, String externalId, boolean hidden) {
    capabilities.require(platform(), Capability.HIDE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(externalId))
        .query("hide", Boolean.toString(hidden)).account(account.credentials()).rateLimitBucket("graph").build());
    GraphApi.requireSuccess(platform(), response, (hidden ? "hiding " : "unhiding ") + externalId);
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(platform(), Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    SocialAccount account = request.account();
    Instant from = attemptedAt.minus(settings.reconcileSkew());
    String cursor = null;
    JsonNode match = null;
    for (int page = 0; page < RECONCILE_PAGES && match == null; page++) {
      ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId()) + "/media")
          .query("fields", "id,caption,timestamp,permalink,media_product_type")
          .query("limit", "25")
          .account(account.credentials())
          .rateLimitBucket("graph");
      if (cursor != null) {
        call.query("after", cursor);
      }
      JsonNode json = http.execute(call.build()).json();
      boolean older = false;
      for (JsonNode media : json.path("data")) {
        Instant at = GraphApi.instant(media, "timestamp");
        String caption = Optional.ofNullable(GraphApi.text(media, "caption")).orElse("");
        if (at != null && at.isBefore(from)) {
          older = true;
          continue;
        }
        boolean sameCaption = request.format() == PostFormat.STORY || caption.strip().equals(request.text().strip());
        if (GraphApi.text(media, "id") != null && sameCaption) {
          match = media;
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
    request.checkpoint().put("ig.media", id);
    request.checkpoint().put("ig.publishedAt", at.toString());
    String permalink = GraphApi.text(match, "permalink");
    LOG.info("Instagram reconcile found media {} for {}", id, request.idempotencyKey());
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
        LOG.debug("Instagram media {} is gone; no metrics", id);
      }
    }
    return snapshots;
  }

  /** The media's insights; see {@link GraphSettings#insights}. */
  private Map<Metric, Long> insights(SocialAccount account, String id) {
    return GraphSettings.insights(platform(), id, settings.insights(), wanted -> readInsights(account, id, wanted));
  }

  private Map<Metric, Long> readInsights(SocialAccount account, String id, Map<Metric, String> wanted) {
    JsonNode json = http.execute(ApiRequest.get("/" + encode(id) + "/insights")
        .query("metric", String.join(",", new LinkedHashSet<>(wanted.values())))
        .account(account.credentials()).rateLimitBucket("graph").build()).json();
    Map<String, Long> reported = GraphApi.insights(json);
    Map<Metric, Long> values = new LinkedHashMap<>();
    wanted.forEach((metric, name) -> {
      Long value = reported.get(name);
      if (value != null && capabilities.postMetrics().contains(metric)) {
        values.put(metric, value);
      }
    });
    return values;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(platform(), Capability.ACCOUNT_METRICS);
    Checks.required("account", account);
    JsonNode user = http.execute(ApiRequest.get("/" + encode(account.externalId()))
        .query("fields", "id,username,followers_count,follows_count,media_count")
        .account(account.credentials()).rateLimitBucket("graph").build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    GraphApi.counter(user, "followers_count").ifPresent(v -> values.put(Metric.FOLLOWERS, v));
    GraphApi.counter(user, "follows_count").ifPresent(v -> values.put(Metric.FOLLOWING, v));
    GraphApi.counter(user, "media_count").ifPresent(v -> values.put(InstagramSettings.MEDIA, v));
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  /**
   * Comments and their replies on the account's recent media: one page of {@code
   * /{ig-user-id}/media} (the cursor pages through media) with up to 50 comments each embedded.
   */
  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(platform(), query);
    Checks.required("account", account);
    Set<InteractionKind> kinds = query.kinds().isEmpty() ? capabilities.interactionKinds() : query.kinds();
    ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId()) + "/media")
        .query("fields", "id,permalink,comments.limit(50){id,text,timestamp,username,from,"
            + "replies{id,text,timestamp,username,from}}")
        .query("limit", String.valueOf(Math.min(50, query.pageSize())))
        .account(account.credentials())
        .rateLimitBucket("graph");
    if (query.cursor() != null) {
      call.query("after", query.cursor());
    }
    JsonNode json = http.execute(call.build()).json();
    List<Interaction> items = new ArrayList<>();
    for (JsonNode media : json.path("data")) {
      String mediaId = GraphApi.text(media, "id");
      for (JsonNode comment : media.path("comments").path("data")) {
        add(items, account, query, kinds, InteractionKind.COMMENT, mediaId, null, comment);
        String commentId = GraphApi.text(comment, "id");
        for (JsonNode reply : comment.path("replies").path("data")) {
          add(items, account, query, kinds, InteractionKind.REPLY, mediaId, commentId, reply);
        }
      }
    }
    return new Page<>(items, GraphApi.nextCursor(json));
  }

  private void add(List<Interaction> items, SocialAccount account, InteractionQuery query, Set<InteractionKind> kinds,
      InteractionKind kind, String mediaId, String parentId, JsonNode node) {
    String id = GraphApi.text(node, "id");
    Instant at = GraphApi.instant(node, "timestamp");
    if (id == null || at == null || !kinds.contains(kind) || (query.since() != null && !at.isAfter(query.since()))) {
      return;
    }
    String username = GraphApi.text(node, "username");
    String authorId = Optional.ofNullable(GraphApi.text(node.path("from"), "id"))
        .orElse(username != null ? username : "unknown");
    items.add(new Interaction(platform(), account.id(), id, kind, mediaId, parentId, authorId,
        username != null ? "@" + username : authorId, null,
        Optional.ofNullable(GraphApi.text(node, "text")).orElse(""), at, null));
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
    return "InstagramConnector[" + settings.baseUrl() + "/" + settings.apiVersion() + "]";
  }
}
