package dev.chorus.connector.x.internal;

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
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.Poll;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import dev.chorus.text.XWeightedCounter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The X API v2 connector. Thread-safe: it keeps no mutable state of its own; progress of a
 * multi-step publish lives in the request's {@link Checkpoint}.
 */
public final class XConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(XConnector.class);

  /** Option key: the id of a post to quote. */
  public static final String OPTION_QUOTE = "quoteTweetId";
  /** Option key: {@code following}, {@code mentionedUsers}, {@code subscribers} or {@code verified}. */
  public static final String OPTION_REPLY_SETTINGS = "replySettings";

  private static final Set<String> OPTIONS = Set.of(OPTION_QUOTE, OPTION_REPLY_SETTINGS);
  private static final Set<String> REPLY_SETTINGS = Set.of("following", "mentionedUsers", "subscribers", "verified");
  private static final Pattern POST_ID = Pattern.compile("[0-9]{1,19}");
  private static final int MAX_BATCH = 100;
  private static final int RECONCILE_PAGES = 3;
  private static final List<String> DATA = List.of("data");
  private static final Set<String> ID = Set.of("id");

  private final Capabilities capabilities;
  private final XSettings settings;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final Clock clock;
  private final MediaUploader uploader;
  private final XResearch research;

  /** A connector on the runtime with the credentials; closes the runtime on close when it owns it. */
  public XConnector(Capabilities capabilities, XSettings settings, RuntimeLease lease,
      CredentialSource credentials, MediaReader media) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.lease = lease;
    this.runtime = lease.runtime();
    this.http = runtime.platform(Platform.X)
        .baseUrl(settings.baseUrl())
        .rateLimits(RateLimitStrategy.xRateLimit())
        .errors(new XErrors())
        .requestIdHeader("x-transaction-id")
        .credentials(credentials)
        .userAgent("chorus-connector-x")
        .build();
    this.clock = runtime.clock();
    this.uploader = new MediaUploader(http, clock, runtime.sleeper(), settings, media);
    this.research = new XResearch(http, clock);
  }

  @Override
  public Platform platform() {
    return Platform.X;
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
    MeasuredTexts measured = new MeasuredTexts(XWeightedCounter.v3());
    checkPost("", request.text(), request.media(), measured, found);
    for (int i = 0; i < request.threadParts().size(); i++) {
      ThreadPart part = request.threadParts().get(i);
      checkPost("threadParts[" + i + "].", part.text(), part.media(), measured, found);
    }
    Poll poll = request.poll();
    if (poll != null) {
      for (int i = 0; i < poll.options().size(); i++) {
        int length = poll.options().get(i).codePointCount(0, poll.options().get(i).length());
        if (length > 25) {
          found.add(new Violation("poll.options[" + i + "]", "poll.option.length", "1..25", String.valueOf(length),
              "an X poll option takes 1 to 25 characters, option " + i + " has " + length));
        }
      }
      long minutes = poll.duration().toMinutes();
      if (minutes < 5 || minutes > 10_080) {
        found.add(new Violation("poll.duration", "poll.duration", "5..10080 minutes", String.valueOf(minutes),
            "an X poll runs 5 minutes to 7 days, not " + minutes + " minutes"));
      }
      if (!request.media().isEmpty()) {
        found.add(new Violation("poll", "poll.media", "no media", request.media().size() + " media",
            "an X post carries either a poll or media, not both"));
      }
    }
    String quote = request.options().get(OPTION_QUOTE);
    if (quote != null) {
      if (!POST_ID.matcher(quote).matches()) {
        found.add(new Violation("options." + OPTION_QUOTE, "quote.id", "a post id", quote,
            "the quoted post id must be X's numeric id"));
      }
      if (!request.media().isEmpty() || poll != null) {
        found.add(new Violation("options." + OPTION_QUOTE, "quote.exclusive", "no media, no poll", "quote",
            "an X quote post cannot also carry media or a poll"));
      }
    }
    String replySettings = request.options().get(OPTION_REPLY_SETTINGS);
    if (replySettings != null && !REPLY_SETTINGS.contains(replySettings)) {
      found.add(new Violation("options." + OPTION_REPLY_SETTINGS, "replySettings", REPLY_SETTINGS.toString(),
          replySettings, "X knows the reply settings " + REPLY_SETTINGS + " (omit it for everyone)"));
    }
    for (String key : request.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        found.add(new Violation("options." + key, "options.unknown", OPTIONS.toString(), key,
            "the X connector does not know option " + key + " (X rejects unknown fields)"));
      }
    }
    return LimitChecks.check(platform(), capabilities, request, measured).and(found);
  }

  private static void checkPost(String prefix, String text, List<MediaAsset> media, MeasuredTexts measured,
      List<Violation> found) {
    if (text.isBlank() && media.isEmpty()) {
      found.add(new Violation(prefix + "text", "text.required", "text or media", "empty",
          "an X post needs text or media"));
    }
    if (!text.isBlank()) {
      XWeightedCounter.Measure measure = measured.measure(text);
      if (!measure.valid() && measure.weightedLength() <= measured.maxWeightedLength()) {
        found.add(new Violation(prefix + "text", "text.characters", "no invalid characters", "invalid",
            "the text holds characters X refuses (U+FFFE, U+FEFF, U+FFFF or direction overrides)"));
      }
    }
    Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
    media.forEach(asset -> kinds.add(asset.kind()));
    if (kinds.size() > 1) {
      found.add(new Violation(prefix + "media", "media.mix", "one kind", kinds.toString(),
          "an X post takes up to 4 images, or 1 GIF, or 1 video, not a mix"));
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
    String rootId = checkpoint.get(postKey(0)).orElse(null);
    Instant createdAt = null;
    if (rootId == null) {
      List<String> mediaIds = uploadAll(account, 0, request.media(), checkpoint);
      ObjectNode body = tweetBody(request.text(), mediaIds, request.inReplyTo());
      if (request.poll() != null) {
        ObjectNode poll = body.putObject("poll");
        ArrayNode options = poll.putArray("options");
        request.poll().options().forEach(options::add);
        poll.put("duration_minutes", request.poll().duration().toMinutes());
      }
      Optional.ofNullable(request.options().get(OPTION_QUOTE)).ifPresent(id -> body.put("quote_tweet_id", id));
      Optional.ofNullable(request.options().get(OPTION_REPLY_SETTINGS))
          .ifPresent(value -> body.put("reply_settings", value));
      rootId = createPost(account, body);
      checkpoint.put(postKey(0), rootId);
      createdAt = clock.instant();
      checkpoint.put("x.publishedAt", createdAt.toString());
    } else {
      LOG.info("X post {} of {} already exists per the checkpoint; not creating it again", rootId,
          request.idempotencyKey());
    }
    List<String> partIds = new ArrayList<>();
    String previous = rootId;
    for (int i = 0; i < request.threadParts().size(); i++) {
      int part = i + 1;
      String id = checkpoint.get(postKey(part)).orElse(null);
      if (id == null) {
        ThreadPart threadPart = request.threadParts().get(i);
        List<String> mediaIds = uploadAll(account, part, threadPart.media(), checkpoint);
        id = createPost(account, tweetBody(threadPart.text(), mediaIds, previous));
        checkpoint.put(postKey(part), id);
      }
      partIds.add(id);
      previous = id;
    }
    // Just recorded (no need to parse it back), or recorded by an earlier attempt.
    Instant publishedAt = createdAt != null ? createdAt
        : checkpoint.get("x.publishedAt").map(Instant::parse).orElse(clock.instant());
    return new PublishResult(rootId, url(rootId), publishedAt, partIds, null);
  }

  private static String postKey(int part) {
    return "x.post." + part;
  }

  private static ObjectNode tweetBody(String text, List<String> mediaIds, String inReplyTo) {
    ObjectNode body = XJson.object();
    if (!text.isEmpty()) {
      body.put("text", text);
    }
    if (!mediaIds.isEmpty()) {
      ArrayNode ids = body.putObject("media").putArray("media_ids");
      mediaIds.forEach(ids::add);
    }
    if (inReplyTo != null) {
      body.putObject("reply").put("in_reply_to_tweet_id", inReplyTo);
    }
    return body;
  }

  /** {@code POST /2/tweets}; never repeated by the runtime once it may have reached X. */
  private String createPost(SocialAccount account, ObjectNode body) {
    ApiResponse response = http.execute(ApiRequest.post("/2/tweets").account(account.credentials())
        .jsonBody(XJson.write(body)).rateLimitBucket("POST /2/tweets").build());
    // Only data.id is needed: the rest of the answer (text, edit history) is not parsed into a tree.
    String id = XJson.text(response.jsonFields(DATA, ID), "id");
    if (id == null) {
      throw new TransportException(platform(), response.status(), response.requestId().orElse(null),
          "X accepted the post but answered without data.id; reconcile before publishing again", true, null);
    }
    return id;
  }

  /**
   * Uploads the media of one part, resuming from the checkpoint: a media id recorded there (and not
   * expired) is reused, a recorded but unfinished one is polled, alt text set once.
   */
  private List<String> uploadAll(SocialAccount account, int part, List<MediaAsset> media, Checkpoint checkpoint) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      String key = "x.media." + part + "." + i;
      String id = checkpoint.get(key).orElse(null);
      Optional<Instant> expires = checkpoint.get(key + ".expiresAt").map(Instant::parse);
      if (id != null && expires.isPresent() && !clock.instant().isBefore(expires.get())) {
        LOG.info("X media {} recorded for {} has expired; uploading again", id, key);
        id = null;
      }
      if (id == null) {
        MediaUploader.Uploaded uploaded = uploader.upload(account.credentials(), asset);
        id = uploaded.id();
        checkpoint.put(key, id);
        checkpoint.put(key + ".expiresAt", uploaded.expiresAt().toString());
        checkpoint.put(key + ".alt", "");
        if (!uploaded.ready()) {
          uploader.awaitProcessing(account.credentials(), id, uploaded.processingInfo());
        }
        checkpoint.put(key + ".ready", "true");
      } else if (checkpoint.get(key + ".ready").isEmpty()) {
        uploader.awaitProcessing(account.credentials(), id, tools.jackson.databind.node.MissingNode.getInstance());
        checkpoint.put(key + ".ready", "true");
      } else {
        LOG.debug("X media {} reused from the checkpoint", id);
      }
      if (asset.altText() != null && !"true".equals(checkpoint.get(key + ".alt").orElse(""))) {
        uploader.altText(account.credentials(), id, asset.altText());
        checkpoint.put(key + ".alt", "true");
      }
      ids.add(id);
    }
    return ids;
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(platform(), Capability.REPLY);
    PublishRequest asPost = PublishRequest.text(request.account(), request.idempotencyKey(), request.text())
        .inReplyTo(request.parentExternalId());
    validate(asPost).orThrow();
    String id = createPost(request.account(), tweetBody(request.text(), List.of(), request.parentExternalId()));
    return PublishResult.of(id, url(id), clock.instant());
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(platform(), Capability.DELETE);
    Checks.required("account", account);
    Checks.notBlank("externalId", externalId);
    ApiResponse response = http.execute(ApiRequest.delete("/2/tweets/" + encode(externalId))
        .account(account.credentials()).rateLimitBucket("DELETE /2/tweets/:id").build());
    JsonNode deleted = response.json().path("data").path("deleted");
    if (deleted.isBoolean() && !deleted.booleanValue()) {
      throw new ContentRejectedException(platform(), response.status(), response.requestId().orElse(null),
          "X answered deleted=false for post " + externalId);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(platform(), Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    Checkpoint checkpoint = request.checkpoint();
    // The platform is the truth: even a post id the checkpoint recorded counts only if X still has it.
    String recorded = checkpoint.get(postKey(0)).orElse(null);
    Instant from = attemptedAt.minus(settings.reconcileSkew()).truncatedTo(ChronoUnit.SECONDS);
    List<String> mediaIds = new ArrayList<>();
    for (int i = 0; i < request.media().size(); i++) {
      checkpoint.get("x.media.0." + i).ifPresent(mediaIds::add);
    }
    JsonNode match = null;
    String cursor = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      ApiRequest.Builder call = ApiRequest.get("/2/users/" + encode(request.account().externalId()) + "/tweets")
          .query("start_time", DateTimeFormatter.ISO_INSTANT.format(from))
          .query("max_results", "100")
          .query("exclude", "retweets")
          .query("tweet.fields", "created_at,attachments,referenced_tweets")
          .account(request.account().credentials())
          .rateLimitBucket("GET /2/users/:id/tweets");
      if (cursor != null) {
        call.query("pagination_token", cursor);
      }
      JsonNode json = http.execute(call.build()).json();
      // Newest first: the last match is the earliest post, the one the first attempt created.
      boolean exact = false;
      for (JsonNode post : json.path("data")) {
        if (recorded != null && recorded.equals(XJson.text(post, "id"))) {
          match = post;
          exact = true;
          break;
        }
        if (matches(request, post, from, mediaIds)) {
          match = post;
        }
      }
      cursor = XJson.text(json.path("meta"), "next_token");
      if (cursor == null || exact) {
        break;
      }
    }
    if (match == null) {
      return Optional.empty();
    }
    String id = XJson.text(match, "id");
    Instant createdAt = Optional.ofNullable(XJson.instant(match, "created_at")).orElse(attemptedAt);
    checkpoint.put(postKey(0), id);
    checkpoint.put("x.publishedAt", createdAt.toString());
    LOG.info("X reconcile found post {} for {}", id, request.idempotencyKey());
    return Optional.of(PublishResult.of(id, url(id), createdAt));
  }

  private static boolean matches(PublishRequest request, JsonNode post, Instant from, List<String> mediaIds) {
    String id = XJson.text(post, "id");
    String text = XJson.text(post, "text");
    if (id == null) {
      return false;
    }
    Instant createdAt = XJson.instant(post, "created_at");
    if (createdAt != null && createdAt.isBefore(from)) {
      return false;
    }
    if (!TweetMatcher.sameText(request.text(), text == null ? "" : text)) {
      return false;
    }
    if (request.inReplyTo() != null && post.has("referenced_tweets")) {
      boolean replies = false;
      for (JsonNode ref : post.path("referenced_tweets")) {
        replies |= "replied_to".equals(XJson.text(ref, "type")) && request.inReplyTo().equals(XJson.text(ref, "id"));
      }
      if (!replies) {
        return false;
      }
    }
    if (!mediaIds.isEmpty() && post.path("attachments").has("media_keys")) {
      Set<String> keys = new LinkedHashSet<>();
      post.path("attachments").path("media_keys").forEach(key -> keys.add(key.asString()));
      for (String mediaId : mediaIds) {
        if (keys.stream().noneMatch(key -> key.endsWith("_" + mediaId))) {
          return false;
        }
      }
    }
    return true;
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
    for (int from = 0; from < distinct.size(); from += MAX_BATCH) {
      List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + MAX_BATCH));
      Set<String> gone = new java.util.HashSet<>();
      Map<String, MetricSnapshot> found = metricsBatch(account, batch, settings.metricFields(), now, gone);
      List<String> missing = batch.stream().filter(id -> !found.containsKey(id) && !gone.contains(id)).toList();
      if (!missing.isEmpty() && !settings.metricFields().equals(List.of("public_metrics"))) {
        // Private metric groups only exist for the author's posts of the last 30 days; X may drop a
        // post it cannot serve them for, so ask once more for its public counters.
        found.putAll(metricsBatch(account, missing, List.of("public_metrics"), now, gone));
      }
      batch.stream().map(found::get).filter(java.util.Objects::nonNull).forEach(snapshots::add);
    }
    return snapshots;
  }

  private Map<String, MetricSnapshot> metricsBatch(
      SocialAccount account, List<String> ids, List<String> groups, Instant now, Set<String> gone) {
    List<String> mediaGroups = groups.stream().filter(g -> !g.equals("promoted_metrics")).toList();
    ApiRequest.Builder call = ApiRequest.get("/2/tweets")
        .query("ids", String.join(",", ids))
        .query("tweet.fields", String.join(",", groups) + ",attachments")
        .account(account.credentials())
        .rateLimitBucket("GET /2/tweets");
    if (!mediaGroups.isEmpty()) {
      call.query("expansions", "attachments.media_keys").query("media.fields", String.join(",", mediaGroups));
    }
    JsonNode json = http.execute(call.build()).json();
    Map<String, JsonNode> media = new HashMap<>();
    for (JsonNode item : json.path("includes").path("media")) {
      String key = XJson.text(item, "media_key");
      if (key != null) {
        media.put(key, item);
      }
    }
    for (JsonNode error : json.path("errors")) {
      String type = XJson.text(error, "type");
      String id = XJson.text(error, "resource_id");
      if (id != null && type != null && type.endsWith("/resource-not-found")) {
        gone.add(id);
      }
    }
    Set<String> asked = Set.copyOf(ids);
    Map<String, MetricSnapshot> result = new LinkedHashMap<>();
    for (JsonNode post : json.path("data")) {
      String id = XJson.text(post, "id");
      if (id == null || !asked.contains(id)) {
        continue;
      }
      Map<Metric, Long> values = new LinkedHashMap<>();
      for (String group : groups) {
        JsonNode metrics = post.path(group);
        put(values, Metric.IMPRESSIONS, metrics, "impression_count");
        put(values, Metric.LIKES, metrics, "like_count");
        put(values, Metric.COMMENTS, metrics, "reply_count");
        put(values, Metric.SHARES, metrics, "retweet_count");
        put(values, Metric.QUOTES, metrics, "quote_count");
        put(values, Metric.SAVES, metrics, "bookmark_count");
        put(values, Metric.LINK_CLICKS, metrics, "url_link_clicks");
        put(values, Metric.PROFILE_VISITS, metrics, "user_profile_clicks");
      }
      long views = 0;
      boolean anyViews = false;
      for (JsonNode key : post.path("attachments").path("media_keys")) {
        JsonNode item = media.get(key.asString());
        if (item == null) {
          continue;
        }
        for (String group : mediaGroups) {
          OptionalLong count = XJson.counter(item.path(group), "view_count");
          if (count.isPresent()) {
            views += count.getAsLong();
            anyViews = true;
            break;
          }
        }
      }
      if (anyViews) {
        values.put(Metric.VIDEO_VIEWS, views);
      }
      values.keySet().retainAll(capabilities.postMetrics());
      result.put(id, new MetricSnapshot(platform(), account.id(), id, now, values));
    }
    return result;
  }

  private static void put(Map<Metric, Long> values, Metric metric, JsonNode group, String field) {
    if (!values.containsKey(metric)) {
      XJson.counter(group, field).ifPresent(value -> values.put(metric, value));
    }
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(platform(), Capability.ACCOUNT_METRICS);
    Checks.required("account", account);
    ApiResponse response = http.execute(ApiRequest.get("/2/users/" + encode(account.externalId()))
        .query("user.fields", "public_metrics").account(account.credentials())
        .rateLimitBucket("GET /2/users/:id").build());
    JsonNode data = response.json().path("data");
    if (!data.isObject()) {
      throw new NotFoundException(platform(), response.status(), response.requestId().orElse(null),
          "X has no user " + account.externalId() + ": " + XErrors.message(response));
    }
    JsonNode metrics = data.path("public_metrics");
    Map<Metric, Long> values = new LinkedHashMap<>();
    put(values, Metric.FOLLOWERS, metrics, "followers_count");
    put(values, Metric.FOLLOWING, metrics, "following_count");
    put(values, XSettings.POSTS, metrics, "tweet_count");
    put(values, XSettings.LISTED, metrics, "listed_count");
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  // ---------------------------------------------------------------------------------------------
  // Interactions

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(platform(), query);
    Checks.required("account", account);
    Set<InteractionKind> kinds = query.kinds().isEmpty() ? capabilities.interactionKinds() : query.kinds();
    ApiRequest.Builder call = ApiRequest.get("/2/users/" + encode(account.externalId()) + "/mentions")
        .query("max_results", String.valueOf(Math.max(5, Math.min(100, query.pageSize()))))
        .query("tweet.fields", "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets")
        .query("expansions", "author_id")
        .query("user.fields", "username,name")
        .account(account.credentials())
        .rateLimitBucket("GET /2/users/:id/mentions");
    if (query.cursor() != null) {
      call.query("pagination_token", query.cursor());
    }
    if (query.since() != null) {
      call.query("start_time", DateTimeFormatter.ISO_INSTANT.format(query.since().truncatedTo(ChronoUnit.SECONDS)));
    }
    JsonNode json = http.execute(call.build()).json();
    Map<String, JsonNode> users = new HashMap<>();
    for (JsonNode user : json.path("includes").path("users")) {
      String id = XJson.text(user, "id");
      if (id != null) {
        users.put(id, user);
      }
    }
    List<Interaction> items = new ArrayList<>();
    for (JsonNode post : json.path("data")) {
      Interaction interaction = interaction(account, post, users);
      if (interaction != null && kinds.contains(interaction.kind())
          && (query.since() == null || interaction.createdAt().isAfter(query.since()))) {
        items.add(interaction);
      }
    }
    return new Page<>(items, XJson.text(json.path("meta"), "next_token"));
  }

  private Interaction interaction(SocialAccount account, JsonNode post, Map<String, JsonNode> users) {
    String id = XJson.text(post, "id");
    if (id == null) {
      return null;
    }
    String repliedTo = null;
    for (JsonNode ref : post.path("referenced_tweets")) {
      if ("replied_to".equals(XJson.text(ref, "type"))) {
        repliedTo = XJson.text(ref, "id");
      }
    }
    boolean reply = account.externalId().equals(XJson.text(post, "in_reply_to_user_id"));
    String authorId = Optional.ofNullable(XJson.text(post, "author_id")).orElse("unknown");
    JsonNode author = users.getOrDefault(authorId, XJson.object());
    String username = XJson.text(author, "username");
    Instant createdAt = Optional.ofNullable(XJson.instant(post, "created_at")).orElse(clock.instant());
    return new Interaction(platform(), account.id(), id,
        reply ? InteractionKind.REPLY : InteractionKind.MENTION,
        reply ? XJson.text(post, "conversation_id") : null,
        repliedTo,
        authorId,
        username == null ? authorId : "@" + username,
        XJson.text(author, "name"),
        Optional.ofNullable(XJson.text(post, "text")).orElse(""),
        createdAt,
        username == null ? url(id) : URI.create("https://x.com/" + encode(username) + "/status/" + encode(id)));
  }

  // ---------------------------------------------------------------------------------------------
  // Research

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    capabilities.require(platform(), Capability.SEARCH);
    return research.search(account, query);
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    capabilities.require(platform(), Capability.PUBLIC_PROFILES);
    return research.lookupProfile(account, handle, recentPosts);
  }

  // ---------------------------------------------------------------------------------------------

  private static URI url(String id) {
    return URI.create("https://x.com/i/web/status/" + encode(id));
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
    return "XConnector[" + settings.baseUrl() + "]";
  }
}
