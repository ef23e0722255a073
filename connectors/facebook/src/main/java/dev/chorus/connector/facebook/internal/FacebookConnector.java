package dev.chorus.connector.facebook.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
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
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.MultipartForm;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.media.MediaSource;
import dev.chorus.model.Checks;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import java.io.IOException;
import java.io.InputStream;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Facebook Pages connector over the Graph API. Thread-safe: its only state is the Page token
 * cache (concurrent); progress of a multi-step publish lives in the request's {@link Checkpoint}.
 */
public final class FacebookConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(FacebookConnector.class);

  /** The earliest a native schedule may lie ahead. */
  public static final Duration SCHEDULE_MIN = Duration.ofMinutes(10);
  /** The latest a native schedule may lie ahead. */
  public static final Duration SCHEDULE_MAX = Duration.ofDays(30);
  /** The most ids one multi-id read ({@code GET /?ids=}) takes. */
  public static final int METRICS_BATCH = 50;

  private static final int RECONCILE_PAGES = 3;

  private final Capabilities capabilities;
  private final FacebookSettings settings;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final Clock clock;
  private final MediaReader media;

  /** A connector on the runtime with the host's credentials (user or Page tokens per the settings). */
  public FacebookConnector(Capabilities capabilities, FacebookSettings settings, RuntimeLease lease,
      CredentialSource credentials, MediaReader media) {
    this.media = media;
    this.capabilities = capabilities;
    this.settings = settings;
    this.lease = lease;
    this.runtime = lease.runtime();
    CredentialSource pageCredentials = credentials;
    if (settings.pageTokens()) {
      pageCredentials = new PageTokens(builder(runtime, settings).credentials(credentials).build());
    }
    this.http = builder(runtime, settings).credentials(pageCredentials).build();
    this.clock = runtime.clock();
  }

  private static PlatformHttp.Builder builder(HttpRuntime runtime, FacebookSettings settings) {
    return runtime.platform(Platform.FACEBOOK)
        .baseUrl(settings.baseUrl() + "/" + settings.apiVersion())
        .rateLimits(RateLimitStrategy.metaUsage())
        .errors(GraphApiErrors.instance())
        .requestIdHeader("x-fb-trace-id")
        .userAgent("chorus-connector-facebook");
  }

  @Override
  public Platform platform() {
    return Platform.FACEBOOK;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  private CredentialsRef ref(SocialAccount account) {
    return settings.pageTokens() ? PageTokens.pageRef(account.credentials(), account.externalId())
        : account.credentials();
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    List<Violation> found = new ArrayList<>();
    List<MediaAsset> media = request.media();
    if (request.text().isBlank() && media.isEmpty() && request.link() == null) {
      found.add(new Violation("text", "text.required", "text, link or media", "empty",
          "a Facebook post needs a message, a link or media"));
    }
    long videos = media.stream().filter(m -> m.kind() == MediaKind.VIDEO).count();
    if (videos > 0 && media.size() > 1) {
      found.add(new Violation("media", "media.mix", "one video or images", media.size() + " items with a video",
          "a Facebook post carries one video, or images, not both"));
    }
    if (request.link() != null && !media.isEmpty()) {
      found.add(new Violation("link", "link.media", "no media", request.link().toString(),
          "Facebook shows a link preview only on posts without media; put the link in the text"));
    }
    Instant at = request.publishAt();
    if (at != null) {
      Instant now = clock.instant();
      if (at.isBefore(now.plus(SCHEDULE_MIN)) || at.isAfter(now.plus(SCHEDULE_MAX))) {
        found.add(new Violation("publishAt", "scheduling.window", "10 minutes to 30 days ahead", at.toString(),
            "Facebook schedules posts 10 minutes to 30 days ahead; " + at + " is outside that window"));
      }
      if (request.firstComment() != null) {
        found.add(new Violation("firstComment", "firstComment.scheduled", "no first comment", "scheduled post",
            "a natively scheduled Facebook post cannot be commented on before it is published"));
      }
    }
    if (request.inReplyTo() != null) {
      found.add(new Violation("inReplyTo", "reply.post", "none", request.inReplyTo(),
          "a Facebook Page post cannot answer another post; use reply() for a comment"));
    }
    return LimitChecks.check(platform(), capabilities, request).and(found);
  }

  // ---------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(platform(), request);
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    SocialAccount account = request.account();
    String postId = checkpoint.get("fb.post").orElse(null);
    if (postId == null) {
      List<MediaAsset> media = request.media();
      if (media.isEmpty()) {
        postId = feedPost(request, List.of());
      } else if (media.get(0).kind() == MediaKind.VIDEO) {
        postId = video(request, media.get(0));
      } else if (media.size() == 1) {
        postId = singlePhoto(request, media.get(0));
      } else {
        List<String> photoIds = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
          String key = "fb.photo." + i;
          String id = checkpoint.get(key).orElse(null);
          if (id == null) {
            id = unpublishedPhoto(account, media.get(i));
            checkpoint.put(key, id);
          }
          photoIds.add(id);
        }
        postId = feedPost(request, photoIds);
      }
      checkpoint.put("fb.post", postId);
      checkpoint.put("fb.publishedAt", (request.publishAt() != null ? request.publishAt() : clock.instant()).toString());
    } else {
      LOG.info("Facebook post {} of {} already exists per the checkpoint; not creating it again", postId,
          request.idempotencyKey());
    }
    String commentId = null;
    if (request.firstComment() != null) {
      commentId = checkpoint.get("fb.comment").orElse(null);
      if (commentId == null) {
        commentId = comment(account, postId, request.firstComment());
        checkpoint.put("fb.comment", commentId);
      }
    }
    Instant publishedAt = checkpoint.get("fb.publishedAt").map(Instant::parse).orElse(clock.instant());
    return new PublishResult(postId, url(postId), publishedAt, List.of(), commentId);
  }

  private Map<String, String> publishFields(PublishRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (request.publishAt() != null) {
      fields.put("published", "false");
      fields.put("scheduled_publish_time", String.valueOf(request.publishAt().getEpochSecond()));
    } else {
      fields.put("published", "true");
    }
    return fields;
  }

  /** {@code POST /{page-id}/feed} with the message, link and any attached unpublished photos. */
  private String feedPost(PublishRequest request, List<String> photoIds) {
    Map<String, String> form = new LinkedHashMap<>();
    if (!request.text().isEmpty()) {
      form.put("message", request.text());
    }
    if (request.link() != null) {
      form.put("link", request.link().toString());
    }
    if (!photoIds.isEmpty()) {
      StringBuilder attached = new StringBuilder("[");
      for (int i = 0; i < photoIds.size(); i++) {
        attached.append(i > 0 ? "," : "").append("{\"media_fbid\":\"").append(photoIds.get(i)).append("\"}");
      }
      form.put("attached_media", attached.append(']').toString());
    }
    form.putAll(publishFields(request));
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(request.account().externalId()) + "/feed")
        .account(ref(request.account())).formBody(form).rateLimitBucket("graph").build());
    return id(response, "id", "the post");
  }

  private String singlePhoto(PublishRequest request, MediaAsset photo) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (!request.text().isEmpty()) {
      fields.put("caption", request.text());
    }
    fields.putAll(publishFields(request));
    JsonNode json = photo(request.account(), photo, fields).json();
    // post_id only comes back for a published photo; a scheduled one is known by its photo id.
    String postId = GraphApi.text(json, "post_id");
    return postId != null ? postId : id(json, "id", "the photo");
  }

  private String unpublishedPhoto(SocialAccount account, MediaAsset photo) {
    return id(photo(account, photo, Map.of("published", "false")).json(), "id", "the photo");
  }

  /** {@code POST /{page-id}/photos} with {@code url} for web sources, a multipart {@code source} otherwise. */
  private ApiResponse photo(SocialAccount account, MediaAsset photo, Map<String, String> fields) {
    ApiRequest.Builder call = ApiRequest.post("/" + encode(account.externalId()) + "/photos")
        .account(ref(account)).rateLimitBucket("graph");
    if (web(photo.source())) {
      Map<String, String> form = new LinkedHashMap<>(fields);
      form.put("url", photo.source().toString());
      if (photo.altText() != null) {
        form.put("alt_text_custom", photo.altText());
      }
      call.formBody(form);
    } else {
      MultipartForm body = new MultipartForm();
      fields.forEach(body::field);
      if (photo.altText() != null) {
        body.field("alt_text_custom", photo.altText());
      }
      body.file("source", "photo", photo.mimeType(), readAll(photo));
      call.body(body.bytes(), body.contentType());
    }
    return http.execute(call.build());
  }

  /**
   * The resumable video upload: {@code upload_phase=start} with the size, {@code transfer} of each
   * chunk Meta asks for (its {@code start_offset}/{@code end_offset}) until they meet, then {@code
   * finish} with the description and the publish fields. The session and the confirmed offset are
   * checkpointed after every step, so a failure resumes with the next chunk.
   */
  private String video(PublishRequest request, MediaAsset video) {
    Checkpoint checkpoint = request.checkpoint();
    SocialAccount account = request.account();
    String path = "/" + encode(account.externalId()) + "/videos";
    MediaSource source = media.open(video);
    long size = video.byteSize() != null ? video.byteSize() : source.length().orElseGet(() -> readAll(video).length);
    String videoId = checkpoint.get("fb.video.id").orElse(null);
    String session = checkpoint.get("fb.video.session").orElse(null);
    long start;
    long end;
    if (videoId == null || session == null) {
      JsonNode started = http.execute(ApiRequest.post(path).account(ref(account)).rateLimitBucket("graph")
          .formBody(Map.of("upload_phase", "start", "file_size", String.valueOf(size))).build()).json();
      videoId = id(started, "video_id", "the video upload");
      session = id(started, "upload_session_id", "the video upload session");
      start = offset(started, "start_offset");
      end = offset(started, "end_offset");
      checkpoint.put("fb.video.id", videoId);
      checkpoint.put("fb.video.session", session);
      checkpoint.put("fb.video.start", String.valueOf(start));
      checkpoint.put("fb.video.end", String.valueOf(end));
    } else {
      start = Long.parseLong(checkpoint.get("fb.video.start").orElse("0"));
      end = Long.parseLong(checkpoint.get("fb.video.end").orElse("0"));
      LOG.info("resuming Facebook video upload {} at byte {}", videoId, start);
    }
    while (start < end) {
      byte[] chunk = read(source, start, (int) (end - start));
      MultipartForm body = new MultipartForm()
          .field("upload_phase", "transfer")
          .field("upload_session_id", session)
          .field("start_offset", String.valueOf(start))
          .file("video_file_chunk", "chunk", "application/octet-stream", chunk);
      JsonNode next = http.execute(ApiRequest.post(path).account(ref(account)).rateLimitBucket("graph")
          .body(body.bytes(), body.contentType()).retrySafe(true).build()).json();
      start = offset(next, "start_offset");
      end = offset(next, "end_offset");
      checkpoint.put("fb.video.start", String.valueOf(start));
      checkpoint.put("fb.video.end", String.valueOf(end));
    }
    Map<String, String> finish = new LinkedHashMap<>();
    finish.put("upload_phase", "finish");
    finish.put("upload_session_id", session);
    if (!request.text().isEmpty()) {
      finish.put("description", request.text());
    }
    Optional.ofNullable(request.options().get("title")).ifPresent(title -> finish.put("title", title));
    finish.putAll(publishFields(request));
    JsonNode done = http.execute(ApiRequest.post(path).account(ref(account)).rateLimitBucket("graph")
        .formBody(finish).build()).json();
    if (done.path("success").isBoolean() && !done.path("success").booleanValue()) {
      throw new ContentRejectedException(platform(), 200, null, "Facebook answered success=false to finishing video "
          + videoId);
    }
    return videoId;
  }

  private String comment(SocialAccount account, String parentId, String message) {
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(parentId) + "/comments")
        .account(ref(account)).formBody(Map.of("message", message)).rateLimitBucket("graph").build());
    return id(response, "id", "the comment");
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(platform(), Capability.REPLY);
    String id = comment(request.account(), request.parentExternalId(), request.text());
    return PublishResult.of(id, url(id), clock.instant());
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(platform(), Capability.DELETE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.delete("/" + encode(externalId)).account(ref(account))
        .rateLimitBucket("graph").build());
    JsonNode success = response.json().path("success");
    if (success.isBoolean() && !success.booleanValue()) {
      throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
          "Facebook answered success=false deleting " + externalId);
    }
  }

  /** Hides or unhides a comment on one of the Page's posts: {@code POST /{comment-id}} with {@code is_hidden}. */
  @Override
  public void hide(SocialAccount account, String externalId, boolean hidden) {
    capabilities.require(platform(), Capability.HIDE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.post("/" + encode(externalId)).account(ref(account))
        .formBody(Map.of("is_hidden", Boolean.toString(hidden))).rateLimitBucket("graph").build());
    JsonNode success = response.json().path("success");
    if (success.isBoolean() && !success.booleanValue()) {
      throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
          "Facebook answered success=false " + (hidden ? "hiding " : "unhiding ") + externalId);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(platform(), Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    SocialAccount account = request.account();
    boolean scheduled = request.publishAt() != null;
    Instant from = attemptedAt.minus(settings.reconcileSkew());
    String cursor = null;
    JsonNode match = null;
    for (int page = 0; page < RECONCILE_PAGES && match == null; page++) {
      ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId())
              + (scheduled ? "/scheduled_posts" : "/feed"))
          .query("fields", "id,message,created_time,permalink_url")
          .query("limit", "50")
          .account(ref(account))
          .rateLimitBucket("graph");
      if (!scheduled) {
        call.query("since", String.valueOf(from.getEpochSecond()));
      }
      if (cursor != null) {
        call.query("after", cursor);
      }
      JsonNode json = http.execute(call.build()).json();
      for (JsonNode post : json.path("data")) {
        Instant created = GraphApi.instant(post, "created_time");
        String message = Optional.ofNullable(GraphApi.text(post, "message")).orElse("");
        if (GraphApi.text(post, "id") != null && (created == null || !created.isBefore(from))
            && message.strip().equals(request.text().strip())) {
          match = post; // newest first: keep the earliest match of this page
        }
      }
      cursor = GraphApi.nextCursor(json);
      if (cursor == null) {
        break;
      }
    }
    if (match == null) {
      return Optional.empty();
    }
    String id = GraphApi.text(match, "id");
    Instant createdAt = Optional.ofNullable(GraphApi.instant(match, "created_time")).orElse(attemptedAt);
    request.checkpoint().put("fb.post", id);
    request.checkpoint().put("fb.publishedAt", createdAt.toString());
    String permalink = GraphApi.text(match, "permalink_url");
    LOG.info("Facebook reconcile found post {} for {}", id, request.idempotencyKey());
    return Optional.of(PublishResult.of(id, permalink != null ? URI.create(permalink) : url(id), createdAt));
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
    List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
    Instant now = clock.instant();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += METRICS_BATCH) {
      List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + METRICS_BATCH));
      Map<String, Map<Metric, Long>> values = metricsBatch(account, batch);
      for (String id : batch) {
        Map<Metric, Long> found = values.get(id);
        if (found != null) {
          snapshots.add(new MetricSnapshot(platform(), account.id(), id, now, found));
        }
      }
    }
    return snapshots;
  }

  /**
   * One multi-id read: engagement counts plus the configured insights. When Meta refuses an
   * insights name (a retired metric fails the whole call with code 100) the batch is read again
   * with each name alone, so only the refused metric goes missing; a deleted post in the batch
   * makes the posts be read one by one.
   */
  private Map<String, Map<Metric, Long>> metricsBatch(SocialAccount account, List<String> batch) {
    try {
      return readMetrics(account, batch, settings.insights());
    } catch (NotFoundException gone) {
      if (batch.size() == 1) {
        return Map.of();
      }
      Map<String, Map<Metric, Long>> merged = new LinkedHashMap<>();
      for (String id : batch) {
        merged.putAll(metricsBatch(account, List.of(id)));
      }
      return merged;
    } catch (ContentRejectedException refused) {
      if (settings.insights().isEmpty() || !refused.reason().toLowerCase(Locale.ROOT).contains("metric")) {
        throw refused;
      }
      LOG.warn("Facebook refused the insights metrics {} ({}); asking for each alone", settings.insights().values(),
          refused.reason());
      Map<String, Map<Metric, Long>> merged = readMetrics(account, batch, Map.of());
      GraphSettings.askEachAlone(settings.insights(),
          alone -> readMetrics(account, batch, alone)
              .forEach((id, found) -> merged.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(found)),
          ContentRejectedException.class::isInstance,
          (name, unknownMetric) -> LOG.warn("Facebook insights metric {} is not available: {}", name,
              ((ContentRejectedException) unknownMetric).reason()));
      return merged;
    }
  }

  private Map<String, Map<Metric, Long>> readMetrics(SocialAccount account, List<String> batch,
      Map<Metric, String> insights) {
    StringBuilder fields = new StringBuilder(
        "id,shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)");
    if (!insights.isEmpty()) {
      fields.append(",insights.metric(").append(String.join(",", new LinkedHashSet<>(insights.values()))).append(')');
    }
    JsonNode json = http.execute(ApiRequest.get("/").query("ids", String.join(",", batch))
        .query("fields", fields.toString()).account(ref(account)).rateLimitBucket("graph").build()).json();
    Map<String, Map<Metric, Long>> result = new LinkedHashMap<>();
    for (String id : batch) {
      JsonNode post = json.path(id);
      if (!post.isObject()) {
        continue;
      }
      Map<Metric, Long> values = new LinkedHashMap<>();
      GraphApi.counter(post.path("reactions").path("summary"), "total_count").ifPresent(v -> values.put(Metric.LIKES, v));
      GraphApi.counter(post.path("comments").path("summary"), "total_count")
          .ifPresent(v -> values.put(Metric.COMMENTS, v));
      GraphApi.counter(post.path("shares"), "count").ifPresent(v -> values.put(Metric.SHARES, v));
      Map<String, Long> reported = GraphApi.insights(post.path("insights"));
      insights.forEach((metric, name) -> {
        Long value = reported.get(name);
        if (value != null) {
          values.put(metric, value);
        }
      });
      values.keySet().retainAll(capabilities.postMetrics());
      result.put(id, values);
    }
    return result;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(platform(), Capability.ACCOUNT_METRICS);
    Checks.required("account", account);
    JsonNode page = http.execute(ApiRequest.get("/" + encode(account.externalId()))
        .query("fields", "id,followers_count,fan_count").account(ref(account)).rateLimitBucket("graph").build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    GraphApi.counter(page, "followers_count").ifPresent(v -> values.put(Metric.FOLLOWERS, v));
    GraphApi.counter(page, "fan_count").ifPresent(v -> values.put(FacebookSettings.FANS, v));
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  /**
   * Comments on the Page's recent posts: one page of {@code /{page-id}/feed} (the cursor pages
   * through posts) with up to 50 comments of each post embedded; replies to comments come back
   * with their {@code parent}.
   */
  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(platform(), query);
    Checks.required("account", account);
    ApiRequest.Builder call = ApiRequest.get("/" + encode(account.externalId()) + "/feed")
        .query("fields", "id,comments.limit(50).filter(stream){id,message,from,created_time,parent{id},permalink_url}")
        .query("limit", String.valueOf(Math.min(100, query.pageSize())))
        .account(ref(account))
        .rateLimitBucket("graph");
    if (query.cursor() != null) {
      call.query("after", query.cursor());
    }
    if (query.since() != null) {
      call.query("since", String.valueOf(query.since().getEpochSecond()));
    }
    JsonNode json = http.execute(call.build()).json();
    List<Interaction> items = new ArrayList<>();
    for (JsonNode post : json.path("data")) {
      String postId = GraphApi.text(post, "id");
      for (JsonNode comment : post.path("comments").path("data")) {
        String id = GraphApi.text(comment, "id");
        Instant created = GraphApi.instant(comment, "created_time");
        if (id == null || created == null || (query.since() != null && !created.isAfter(query.since()))) {
          continue;
        }
        JsonNode from = comment.path("from");
        String authorId = Optional.ofNullable(GraphApi.text(from, "id")).orElse("unknown");
        String name = GraphApi.text(from, "name");
        String permalink = GraphApi.text(comment, "permalink_url");
        items.add(new Interaction(platform(), account.id(), id, InteractionKind.COMMENT, postId,
            GraphApi.text(comment.path("parent"), "id"), authorId, name != null ? name : authorId, name,
            Optional.ofNullable(GraphApi.text(comment, "message")).orElse(""), created,
            permalink != null ? URI.create(permalink) : url(id)));
      }
    }
    return new Page<>(items, GraphApi.nextCursor(json));
  }

  // ---------------------------------------------------------------------------------------------

  private String id(ApiResponse response, String field, String what) {
    return id(response.json(), field, what);
  }

  private String id(JsonNode json, String field, String what) {
    String id = GraphApi.text(json, field);
    if (id == null) {
      throw new TransportException(platform(), 200, null,
          "Facebook accepted " + what + " but answered without " + field + "; reconcile before publishing again",
          true, null);
    }
    return id;
  }

  private long offset(JsonNode json, String field) {
    return GraphApi.counter(json, field).orElseThrow(() -> new TransportException(platform(), 200, null,
        "Facebook's video upload answer lacks " + field, false, null));
  }

  private static boolean web(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  private byte[] readAll(MediaAsset asset) {
    try (InputStream in = media.open(asset).open()) {
      return in.readAllBytes();
    } catch (IOException failure) {
      throw new TransportException(platform(), "reading the media failed: " + failure.getClass().getSimpleName(),
          false, failure);
    }
  }

  private byte[] read(MediaSource source, long offset, int length) {
    try (InputStream in = source.open()) {
      in.skipNBytes(offset);
      return in.readNBytes(length);
    } catch (IOException failure) {
      throw new TransportException(platform(), "reading the video failed: " + failure.getClass().getSimpleName(),
          false, failure);
    }
  }

  private static URI url(String id) {
    return URI.create("https://www.facebook.com/" + encode(id));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "FacebookConnector[" + settings.baseUrl() + "/" + settings.apiVersion() + "]";
  }
}
