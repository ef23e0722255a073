package dev.chorus.connector.linkedin.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.UnsupportedCapabilityException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.SeededCredentials;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.linkedin.LinkedInConnectorProvider;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.LinkedInText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The LinkedIn connector over the versioned {@code /rest} APIs. Thread-safe. */
public final class LinkedInConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(LinkedInConnector.class);
  private static final Platform PLATFORM = Platform.LINKEDIN;
  private static final String POST_KEY = "linkedin.post";
  private static final long MAX_IMAGE_PIXELS = 36_152_320L;
  private static final long MIN_VIDEO_BYTES = 75L * 1024;
  private static final Duration RECONCILE_SKEW = Duration.ofMinutes(5);
  private static final int RECONCILE_POSTS = 20;

  private final Capabilities capabilities;
  private final LinkedInSettings settings;
  private final PlatformHttp http;
  private final RestHeaders headers;
  private final MediaUploader uploader;
  private final Clock clock;
  private final RuntimeLease lease;

  private LinkedInConnector(Capabilities capabilities, LinkedInSettings settings, PlatformHttp http,
      MediaUploader uploader, Clock clock, RuntimeLease lease) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.http = http;
    this.headers = new RestHeaders(settings.version());
    this.uploader = uploader;
    this.clock = clock;
    this.lease = lease;
  }

  /** Wires a connector from the context's extensions (runtime, token store, media opener). */
  public static LinkedInConnector create(Capabilities capabilities, LinkedInSettings settings, ConnectorContext context) {
    RuntimeLease lease = RuntimeLease.from(context);
    HttpRuntime runtime = lease.runtime();
    TokenStore store = context.extension(TokenStore.class).orElseGet(InMemoryTokenStore::new);
    ManagedCredentials managed = ManagedCredentials.builder()
        .platform(PLATFORM).store(store).refresher(settings.oauthClient(runtime)).clock(runtime.clock()).build();
    CredentialSource credentials = settings.accessToken().isPresent()
        ? new SeededCredentials(managed, store, settings.accessToken().orElseThrow(), settings.refreshToken())
        : managed;
    PlatformHttp http = runtime.platform(PLATFORM)
        .baseUrl(LinkedInSettings.trimSlash(settings.baseUrl().toString()))
        .rateLimits(LinkedInErrors.rateLimits())
        .errors(LinkedInErrors::map)
        .requestIdHeader(LinkedInErrors.REQUEST_ID_HEADER)
        .credentials(credentials)
        .build();
    MediaReader opener = MediaReader.from(context);
    MediaUploader uploader = new MediaUploader(http, new RestHeaders(settings.version()), opener, runtime.clock(),
        runtime.sleeper(), settings);
    return new LinkedInConnector(capabilities, settings, http, uploader, runtime.clock(), lease);
  }

  @Override
  public Platform platform() {
    return PLATFORM;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    ValidationResult base = LimitChecks.check(PLATFORM, capabilities, request);
    List<Violation> more = new ArrayList<>();
    List<MediaAsset> media = request.media();
    Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
    media.forEach(m -> kinds.add(m.kind() == MediaKind.GIF ? MediaKind.IMAGE : m.kind()));
    if (kinds.size() > 1 || (media.size() > 1 && !kinds.equals(EnumSet.of(MediaKind.IMAGE)))) {
      more.add(new Violation("media", "media.mixed", "one video, one document or 1-20 images", kinds.toString(),
          "a LinkedIn post carries one video, one document or images, not a mix"));
    }
    if (request.link() != null && !media.isEmpty()) {
      more.add(new Violation("link", "link.withMedia", "a link or media", "both",
          "a LinkedIn post carries either a link card or media; put the link in the text"));
    }
    if (request.format() == PostFormat.VIDEO && !kinds.equals(EnumSet.of(MediaKind.VIDEO))) {
      more.add(new Violation("media", "format.media", "one video", kinds.toString(),
          "the VIDEO format needs exactly one video"));
    }
    if (request.format() == PostFormat.DOCUMENT && !kinds.equals(EnumSet.of(MediaKind.DOCUMENT))) {
      more.add(new Violation("media", "format.media", "one document", kinds.toString(),
          "the DOCUMENT format needs exactly one document"));
    }
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      if ((asset.kind() == MediaKind.IMAGE || asset.kind() == MediaKind.GIF) && asset.width() != null
          && asset.height() != null && (long) asset.width() * asset.height() >= MAX_IMAGE_PIXELS) {
        more.add(new Violation("media[" + i + "]", "media.pixels", "< " + MAX_IMAGE_PIXELS,
            String.valueOf((long) asset.width() * asset.height()),
            "media[" + i + "] has " + (long) asset.width() * asset.height() + " pixels, LinkedIn takes fewer than "
                + MAX_IMAGE_PIXELS));
      }
      if (asset.kind() == MediaKind.VIDEO && asset.byteSize() != null && asset.byteSize() < MIN_VIDEO_BYTES) {
        more.add(new Violation("media[" + i + "].byteSize", "media.bytes.min", ">= " + MIN_VIDEO_BYTES,
            String.valueOf(asset.byteSize()), "media[" + i + "] is " + asset.byteSize()
                + " bytes, LinkedIn needs a video of at least " + MIN_VIDEO_BYTES));
      }
    }
    return base.and(more);
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(PLATFORM, request);
    String author = Urns.author(request.account());
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    Optional<String> created = checkpoint.get(POST_KEY);
    if (created.isPresent()) {
      LOG.debug("linkedin post {} was already created for {}; not posting again", created.get(),
          request.idempotencyKey());
      Instant at = checkpoint.get(POST_KEY + ".at").map(Instant::parse).orElse(clock.instant());
      return PublishResult.of(created.get(), Urns.postUrl(created.get()), at);
    }
    CredentialsRef account = request.account().credentials();
    List<String> assets = uploader.uploadAll(account, author, request.media(), checkpoint);
    ObjectNode body = LinkedInJson.object();
    body.put("author", author);
    body.put("commentary", LinkedInText.escape(request.text()));
    body.put("visibility", request.options().getOrDefault("visibility", "PUBLIC"));
    ObjectNode distribution = body.putObject("distribution");
    distribution.put("feedDistribution", "MAIN_FEED");
    distribution.putArray("targetEntities");
    distribution.putArray("thirdPartyDistributionChannels");
    body.put("lifecycleState", "PUBLISHED");
    body.put("isReshareDisabledByAuthor", false);
    content(body, request, assets);
    ApiResponse response = http.execute(headers.rest(ApiRequest.post("/rest/posts"), "create")
        .account(account).rateLimitBucket("posts.create").jsonBody(LinkedInJson.write(body)).build());
    String id = response.header("x-restli-id").map(Urns::decodeHeader).filter(s -> !s.isBlank())
        .orElseThrow(() -> new TransportException(PLATFORM,
            "LinkedIn answered " + response.status() + " without an x-restli-id; the post may exist, reconcile it",
            true, null));
    Instant now = clock.instant();
    checkpoint.put(POST_KEY, id);
    checkpoint.put(POST_KEY + ".at", now.toString());
    LOG.info("linkedin post {} created for account {}", id, request.account().id().value());
    return PublishResult.of(id, Urns.postUrl(id), now);
  }

  private static void content(ObjectNode body, PublishRequest request, List<String> assets) {
    List<MediaAsset> media = request.media();
    if (assets.size() == 1) {
      ObjectNode item = body.putObject("content").putObject("media");
      item.put("id", assets.get(0));
      MediaAsset asset = media.get(0);
      if (asset.kind() == MediaKind.DOCUMENT) {
        item.put("title", documentTitle(request, asset));
      } else if (asset.altText() != null) {
        item.put("altText", asset.altText());
      }
    } else if (assets.size() > 1) {
      ArrayNode images = body.putObject("content").putObject("multiImage").putArray("images");
      for (int i = 0; i < assets.size(); i++) {
        ObjectNode image = images.addObject().put("id", assets.get(i));
        if (media.get(i).altText() != null) {
          image.put("altText", media.get(i).altText());
        }
      }
    } else if (request.link() != null) {
      ObjectNode article = body.putObject("content").putObject("article");
      article.put("source", request.link().toString());
      article.put("title", request.options().getOrDefault("linkTitle", request.link().toString()));
      String description = request.options().get("linkDescription");
      if (description != null) {
        article.put("description", description);
      }
    }
  }

  private static String documentTitle(PublishRequest request, MediaAsset asset) {
    String title = request.options().get("documentTitle");
    if (title != null && !title.isBlank()) {
      return title;
    }
    if (asset.altText() != null) {
      return asset.altText();
    }
    String path = asset.source().getPath();
    if (path != null && !path.isBlank() && !path.endsWith("/")) {
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return "Document";
  }

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(PLATFORM, Capability.DELETE);
    requireId("externalId", externalId);
    http.execute(headers.rest(ApiRequest.delete("/rest/posts/" + Urns.encode(externalId)), "delete")
        .account(account.credentials()).rateLimitBucket("posts.delete").build());
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(PLATFORM, Capability.RECONCILE);
    String author = Urns.author(request.account());
    if (attemptedAt == null) {
      throw new InvalidValueException("attemptedAt", null, "is required");
    }
    String escaped = LinkedInText.escape(request.text());
    Instant notBefore = attemptedAt.minus(RECONCILE_SKEW);
    for (JsonNode post : recentPosts(request.account(), author, RECONCILE_POSTS)) {
      String id = LinkedInJson.text(post, "id");
      String commentary = LinkedInJson.text(post, "commentary");
      if (id == null || commentary == null) {
        continue;
      }
      String postAuthor = LinkedInJson.text(post, "author");
      if (postAuthor != null && !postAuthor.equals(author)) {
        continue;
      }
      Instant createdAt = epochMillis(post, "createdAt").or(() -> epochMillis(post, "publishedAt")).orElse(null);
      if (createdAt != null && createdAt.isBefore(notBefore)) {
        continue;
      }
      if (commentary.equals(escaped) || LinkedInText.unescape(commentary).equals(request.text())) {
        return Optional.of(PublishResult.of(id, Urns.postUrl(id), createdAt == null ? clock.instant() : createdAt));
      }
    }
    return Optional.empty();
  }

  /** The author's most recent posts (Posts API author finder). */
  private List<JsonNode> recentPosts(SocialAccount account, String author, int count) {
    ApiResponse response = http.execute(headers.rest(ApiRequest.get("/rest/posts"), null)
        .query("author", author).query("q", "author").query("count", String.valueOf(count))
        .query("sortBy", "LAST_MODIFIED").account(account.credentials()).rateLimitBucket("posts.finder").build());
    List<JsonNode> posts = new ArrayList<>();
    response.json().path("elements").forEach(posts::add);
    return posts;
  }

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    capabilities.require(PLATFORM, Capability.POST_METRICS);
    String author = Urns.author(account);
    if (externalPostIds == null) {
      throw new InvalidValueException("externalPostIds", null, "is required");
    }
    externalPostIds.forEach(id -> requireId("externalPostIds", id));
    List<MetricSnapshot> snapshots = new ArrayList<>();
    if (Urns.isOrganization(author)) {
      for (int from = 0; from < externalPostIds.size(); from += LinkedInSettings.METRICS_BATCH) {
        List<String> batch = externalPostIds.subList(from,
            Math.min(externalPostIds.size(), from + LinkedInSettings.METRICS_BATCH));
        snapshots.addAll(organizationMetrics(account, author, batch));
      }
    } else {
      for (String id : externalPostIds) {
        snapshots.add(memberMetrics(account, id));
      }
    }
    return snapshots;
  }

  private List<MetricSnapshot> organizationMetrics(SocialAccount account, String organization, List<String> ids) {
    List<String> shares = new ArrayList<>();
    List<String> ugcPosts = new ArrayList<>();
    for (String id : ids) {
      (id.startsWith("urn:li:ugcPost:") ? ugcPosts : shares).add(Urns.encode(id));
    }
    // Rest.li lists keep List( , ) literal and encode each item, so the query is written by hand.
    StringBuilder path = new StringBuilder("/rest/organizationalEntityShareStatistics?q=organizationalEntity")
        .append("&organizationalEntity=").append(Urns.encode(organization));
    if (!shares.isEmpty()) {
      path.append("&shares=List(").append(String.join(",", shares)).append(')');
    }
    if (!ugcPosts.isEmpty()) {
      path.append("&ugcPosts=List(").append(String.join(",", ugcPosts)).append(')');
    }
    ApiResponse response = http.execute(headers.rest(ApiRequest.get(path.toString()), null)
        .account(account.credentials()).rateLimitBucket("organizationalEntityShareStatistics").build());
    Map<String, JsonNode> totals = new LinkedHashMap<>();
    for (JsonNode element : response.json().path("elements")) {
      String id = LinkedInJson.text(element, "share");
      if (id == null) {
        id = LinkedInJson.text(element, "ugcPost");
      }
      if (id != null && !element.path("timeRange").isObject()) {
        totals.put(id, element.path("totalShareStatistics"));
      }
    }
    Instant now = clock.instant();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (String id : ids) {
      Map<Metric, Long> values = new LinkedHashMap<>();
      JsonNode stats = totals.get(id);
      if (stats != null) {
        metric(values, Metric.IMPRESSIONS, LinkedInJson.count(stats, "impressionCount"));
        metric(values, Metric.REACH, LinkedInJson.count(stats, "uniqueImpressionsCount"));
        metric(values, Metric.LIKES, LinkedInJson.count(stats, "likeCount"));
        metric(values, Metric.COMMENTS, LinkedInJson.count(stats, "commentCount"));
        metric(values, Metric.SHARES, LinkedInJson.count(stats, "shareCount"));
        metric(values, Metric.CLICKS, LinkedInJson.count(stats, "clickCount"));
      }
      snapshots.add(new MetricSnapshot(PLATFORM, account.id(), id, now, values));
    }
    return snapshots;
  }

  private MetricSnapshot memberMetrics(SocialAccount account, String id) {
    ApiResponse response = http.execute(headers.rest(ApiRequest.get("/rest/socialActions/" + Urns.encode(id)), null)
        .account(account.credentials()).rateLimitBucket("socialActions.get").build());
    JsonNode json = response.json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    metric(values, Metric.LIKES, LinkedInJson.count(json.path("likesSummary"), "totalLikes"));
    metric(values, Metric.COMMENTS, LinkedInJson.count(json.path("commentsSummary"), "aggregatedTotalComments"));
    return new MetricSnapshot(PLATFORM, account.id(), id, clock.instant(), values);
  }

  private void metric(Map<Metric, Long> values, Metric metric, Long value) {
    if (value != null && settings.postMetrics().contains(metric)) {
      values.put(metric, value);
    }
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(PLATFORM, Capability.ACCOUNT_METRICS);
    String author = Urns.author(account);
    if (!Urns.isOrganization(author)) {
      // Member follower counts need LinkedIn partner programs; only organizations are supported.
      throw new UnsupportedCapabilityException(PLATFORM, Capability.ACCOUNT_METRICS);
    }
    ApiResponse response = http.execute(headers.rest(ApiRequest.get("/rest/networkSizes/" + Urns.encode(author)), null)
        .query("edgeType", "COMPANY_FOLLOWED_BY_MEMBER").account(account.credentials())
        .rateLimitBucket("networkSizes").build());
    Map<Metric, Long> values = new LinkedHashMap<>();
    Long followers = LinkedInJson.count(response.json(), "firstDegreeSize");
    if (followers != null) {
      values.put(Metric.FOLLOWERS, followers);
    }
    return new MetricSnapshot(PLATFORM, account.id(), null, clock.instant(), values);
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(PLATFORM, query);
    String author = Urns.author(account);
    Cursor cursor = query.cursor() == null ? null : Cursor.decode(query.cursor());
    if (cursor == null) {
      List<String> posts = new ArrayList<>();
      for (JsonNode post : recentPosts(account, author, settings.interactionPosts())) {
        String id = LinkedInJson.text(post, "id");
        if (id != null) {
          posts.add(id);
        }
      }
      if (posts.isEmpty()) {
        return Page.last(List.of());
      }
      cursor = new Cursor(0, posts);
    }
    while (true) {
      String post = cursor.posts().get(0);
      ApiResponse response = http.execute(headers.rest(
              ApiRequest.get("/rest/socialActions/" + Urns.encode(post) + "/comments"), null)
          .query("start", String.valueOf(cursor.start())).query("count", String.valueOf(query.pageSize()))
          .account(account.credentials()).rateLimitBucket("socialActions.comments").build());
      JsonNode json = response.json();
      List<Interaction> items = new ArrayList<>();
      int received = 0;
      for (JsonNode element : json.path("elements")) {
        received++;
        Interaction interaction = interaction(account, post, element);
        if (interaction != null && query.kinds().contains(interaction.kind())
            && (query.since() == null || !interaction.createdAt().isBefore(query.since()))) {
          items.add(interaction);
        }
      }
      long total = json.path("paging").path("total").asLong(-1);
      int nextStart = cursor.start() + received;
      boolean more = received > 0 && (total >= 0 ? nextStart < total : received >= query.pageSize());
      Cursor next = more ? new Cursor(nextStart, cursor.posts())
          : cursor.posts().size() > 1 ? new Cursor(0, cursor.posts().subList(1, cursor.posts().size())) : null;
      if (!items.isEmpty() || next == null || more) {
        return new Page<>(items, next == null ? null : next.encode());
      }
      cursor = next;
    }
  }

  private Interaction interaction(SocialAccount account, String post, JsonNode element) {
    String id = LinkedInJson.text(element, "$URN");
    if (id == null) {
      String plain = LinkedInJson.text(element, "id");
      String object = LinkedInJson.text(element, "object");
      if (plain == null) {
        return null;
      }
      id = object == null ? plain : "urn:li:comment:(" + object + "," + plain + ")";
    }
    String actor = LinkedInJson.text(element, "actor");
    if (actor == null) {
      actor = LinkedInJson.text(element.path("created"), "actor");
    }
    if (actor == null) {
      return null;
    }
    String parent = LinkedInJson.text(element, "parentComment");
    Instant created = epochMillis(element.path("created"), "time")
        .or(() -> epochMillis(element.path("lastModified"), "time")).orElse(clock.instant());
    String text = LinkedInJson.text(element.path("message"), "text");
    return new Interaction(PLATFORM, account.id(), id, parent == null ? InteractionKind.COMMENT : InteractionKind.REPLY,
        post, parent == null ? post : parent, actor, actor, null, text, created, null);
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(PLATFORM, Capability.REPLY);
    String actor = Urns.author(request.account());
    int length = request.text().length();
    if (length > LinkedInConnectorProvider.MAX_COMMENT) {
      throw new ContentValidationException(new ValidationResult(PLATFORM, List.of(new Violation("text",
          "text.length", "<= " + LinkedInConnectorProvider.MAX_COMMENT, String.valueOf(length),
          "a LinkedIn comment is " + length + " characters, LinkedIn allows "
              + LinkedInConnectorProvider.MAX_COMMENT))));
    }
    String parent = request.parentExternalId();
    String commentTarget = Urns.commentTarget(parent);
    ObjectNode body = LinkedInJson.object();
    body.put("actor", actor);
    body.put("object", commentTarget == null ? parent : commentTarget);
    body.putObject("message").put("text", LinkedInText.escape(request.text()));
    if (commentTarget != null) {
      body.put("parentComment", parent);
    }
    ApiResponse response = http.execute(headers.rest(
            ApiRequest.post("/rest/socialActions/" + Urns.encode(parent) + "/comments"), "create")
        .account(request.account().credentials()).rateLimitBucket("socialActions.comments.create")
        .jsonBody(LinkedInJson.write(body)).build());
    String id = Optional.ofNullable(LinkedInJson.text(response.json(), "$URN"))
        .or(() -> response.header("x-restli-id").map(Urns::decodeHeader))
        .or(() -> Optional.ofNullable(LinkedInJson.text(response.json(), "id")))
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new TransportException(PLATFORM,
            "LinkedIn answered " + response.status() + " to a comment without its id; the comment may exist", true,
            null));
    Instant at = epochMillis(response.json().path("created"), "time").orElse(clock.instant());
    return PublishResult.of(id, null, at);
  }

  private static Optional<Instant> epochMillis(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() ? Optional.of(Instant.ofEpochMilli(value.asLong())) : Optional.empty();
  }

  private static void requireId(String field, String id) {
    if (id == null || id.isBlank()) {
      throw new InvalidValueException(field, id, "must be a LinkedIn URN");
    }
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "LinkedInConnector[" + settings + "]";
  }

  /** Where paging through comments stands: the post being read first, then the ones after it. */
  record Cursor(int start, List<String> posts) {

    Cursor {
      posts = List.copyOf(posts);
    }

    String encode() {
      String raw = "v1\n" + start + "\n" + String.join("\n", posts);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String[] lines = raw.split("\n");
        if (lines.length < 3 || !lines[0].equals("v1")) {
          throw new IllegalArgumentException("format");
        }
        int start = Integer.parseInt(lines[1]);
        if (start < 0) {
          throw new IllegalArgumentException("start");
        }
        return new Cursor(start, List.of(lines).subList(2, lines.length));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("query.cursor", cursor, "is not a cursor this connector issued");
      }
    }
  }
}
