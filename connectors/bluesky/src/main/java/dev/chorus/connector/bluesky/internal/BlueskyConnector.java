package dev.chorus.connector.bluesky.internal;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.ContentValidationException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.Secret;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.bluesky.BlueskyConnectorProvider;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.media.MediaInfo;
import dev.chorus.media.MediaProbe;
import dev.chorus.media.MediaProbeException;
import dev.chorus.media.MediaSource;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bluesky connector over XRPC. Thread-safe: it holds no mutable state of its own besides the
 * session, which {@link Sessions} guards.
 */
public final class BlueskyConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(BlueskyConnector.class);

  /** Datetimes as the lexicons write them: UTC, milliseconds, {@code Z}. */
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  /** How far before the attempt a record's createdAt may lie and still match (clock skew). */
  private static final Duration RECONCILE_SLACK = Duration.ofMinutes(2);
  private static final int RECONCILE_PAGES = 3;
  private static final String CHECKPOINT_PART = "bluesky.part.";
  private static final int MAX_LANGS = 3;
  private static final Map<InteractionKind, String> REASONS = new EnumMap<>(Map.of(
      InteractionKind.MENTION, "mention", InteractionKind.REPLY, "reply", InteractionKind.QUOTE, "quote"));

  private final Capabilities capabilities;
  private final Clock clock;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp api;
  private final Sessions sessions;
  private final MediaReader media;
  private final PublicReads publicReads;

  /**
   * @param context the clock and optional extensions ({@link HttpRuntime}, {@link TokenStore},
   *     {@link MediaReader})
   * @param capabilities what the provider declares
   * @param serviceUrl the PDS base URL
   * @param identifier the handle, DID or e-mail to log in with
   * @param password the app password
   */
  public BlueskyConnector(ConnectorContext context, Capabilities capabilities, String serviceUrl,
      String identifier, Secret password) {
    this.capabilities = capabilities;
    this.clock = context.clock();
    this.lease = RuntimeLease.from(context);
    this.runtime = lease.runtime();
    PlatformHttp auth = client(serviceUrl).build();
    TokenStore store = context.extension(TokenStore.class).orElseGet(InMemoryTokenStore::new);
    this.sessions = new Sessions(auth, identifier, password, store, clock);
    this.api = client(serviceUrl).credentials(sessions).build();
    this.media = MediaReader.from(context);
    this.publicReads = new PublicReads(api, sessions::did, clock);
  }

  private PlatformHttp.Builder client(String serviceUrl) {
    return runtime.platform(Platform.BLUESKY)
        .baseUrl(serviceUrl)
        .rateLimits(RateLimitStrategy.rateLimitPolicy())
        .errors(XrpcErrors.INSTANCE)
        .requestIdHeader("x-request-id")
        .userAgent("chorus-bluesky");
  }

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    ValidationResult result = LimitChecks.check(platform(), capabilities, request);
    List<Violation> more = new ArrayList<>();
    bytes("text", request.text(), more);
    for (int i = 0; i < request.threadParts().size(); i++) {
      bytes("threadParts[" + i + "].text", request.threadParts().get(i).text(), more);
    }
    List<String> langs = langs(request);
    if (langs.size() > MAX_LANGS) {
      more.add(new Violation("options.langs", "langs.count", "<= " + MAX_LANGS, String.valueOf(langs.size()),
          "a Bluesky post names at most " + MAX_LANGS + " languages, has " + langs.size()));
    }
    if (request.text().isBlank() && request.media().isEmpty() && request.link() == null) {
      more.add(new Violation("text", "text.empty", "text, images or a link", "nothing",
          "a Bluesky post needs text, images or a link card"));
    }
    return more.isEmpty() ? result : result.and(more);
  }

  private static void bytes(String field, String text, List<Violation> found) {
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    if (length > BlueskyConnectorProvider.MAX_TEXT_BYTES) {
      found.add(new Violation(field, "text.bytes", "<= " + BlueskyConnectorProvider.MAX_TEXT_BYTES,
          String.valueOf(length), field + " is " + length + " UTF-8 bytes, Bluesky allows "
              + BlueskyConnectorProvider.MAX_TEXT_BYTES));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Publishing

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(platform(), request);
    validate(request).orThrow();
    CredentialsRef account = request.account().credentials();
    String did = sessions.did();
    List<ThreadPart> parts = new ArrayList<>();
    parts.add(new ThreadPart(request.text(), request.media()));
    parts.addAll(request.threadParts());
    StrongRef root = null;
    StrongRef parent = null;
    if (request.inReplyTo() != null) {
      StrongRef[] refs = replyRefs(account, PostIds.uri(request.inReplyTo(), did));
      root = refs[0];
      parent = refs[1];
    }
    Checkpoint checkpoint = request.checkpoint();
    List<StrongRef> created = new ArrayList<>();
    Instant publishedAt = null;
    for (int i = 0; i < parts.size(); i++) {
      String key = CHECKPOINT_PART + i;
      Optional<String> done = checkpoint.get(key);
      StrongRef post;
      if (done.isPresent()) {
        post = StrongRef.decode(done.get());
        LOG.debug("bluesky thread part {} already posted; resuming after it", i);
      } else {
        ThreadPart part = parts.get(i);
        Instant createdAt = clock.instant();
        post = createPost(account, did, part.text(), part.media(), i == 0 ? request.link() : null,
            root == null ? null : new StrongRef[] {root, parent}, langs(request), createdAt);
        checkpoint.put(key, post.encode());
        if (i == 0) {
          publishedAt = createdAt;
        }
      }
      if (root == null) {
        root = post;
      }
      parent = post;
      created.add(post);
    }
    String first = created.get(0).uri();
    List<String> followUps = created.subList(1, created.size()).stream()
        .map(ref -> PostIds.externalId(ref.uri(), did)).toList();
    return new PublishResult(PostIds.externalId(first, did), PostIds.webUrl(first),
        publishedAt == null ? clock.instant() : publishedAt, followUps, null);
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    capabilities.require(platform(), Capability.REPLY);
    CredentialsRef account = request.account().credentials();
    List<Violation> found = new ArrayList<>();
    bytes("text", request.text(), found);
    int graphemes = dev.chorus.text.TextRules.count(dev.chorus.text.CountingRule.GRAPHEMES, request.text());
    if (graphemes > BlueskyConnectorProvider.MAX_GRAPHEMES) {
      found.add(new Violation("text", "text.length", "<= " + BlueskyConnectorProvider.MAX_GRAPHEMES,
          String.valueOf(graphemes), "text is " + graphemes + " characters, Bluesky allows "
              + BlueskyConnectorProvider.MAX_GRAPHEMES));
    }
    if (!found.isEmpty()) {
      throw new ContentValidationException(new ValidationResult(platform(), found));
    }
    String did = sessions.did();
    StrongRef[] refs = replyRefs(account, PostIds.uri(request.parentExternalId(), did));
    Instant createdAt = clock.instant();
    StrongRef post = createPost(account, did, request.text(), List.of(), null, refs, List.of(), createdAt);
    return PublishResult.of(PostIds.externalId(post.uri(), did), PostIds.webUrl(post.uri()), createdAt);
  }

  /** Root and parent strong references for a reply to the post at {@code parentUri}. */
  private StrongRef[] replyRefs(CredentialsRef account, String parentUri) {
    ApiResponse response = api.execute(ApiRequest.get("/xrpc/app.bsky.feed.getPosts")
        .account(account).rateLimitBucket("read").query("uris", parentUri).build());
    for (JsonNode post : response.json().path("posts")) {
      if (parentUri.equals(BskyJson.text(post, "uri"))) {
        StrongRef parent = StrongRef.from(post);
        if (parent == null) {
          break;
        }
        StrongRef root = StrongRef.from(post.path("record").path("reply").path("root"));
        return new StrongRef[] {root == null ? parent : root, parent};
      }
    }
    throw new NotFoundException(platform(), 404, response.requestId().orElse(null),
        "the post to reply to does not exist or is not visible: " + parentUri);
  }

  private StrongRef createPost(CredentialsRef account, String did, String text, List<MediaAsset> images,
      URI link, StrongRef[] reply, List<String> langs, Instant createdAt) {
    ObjectNode record = BskyJson.MAPPER.createObjectNode();
    record.put("$type", PostIds.POST_COLLECTION);
    record.put("text", text);
    record.put("createdAt", DATETIME.format(createdAt));
    if (!langs.isEmpty()) {
      ArrayNode array = record.putArray("langs");
      langs.forEach(array::add);
    }
    ArrayNode facets = facets(account, text);
    if (!facets.isEmpty()) {
      record.set("facets", facets);
    }
    if (!images.isEmpty()) {
      record.set("embed", imagesEmbed(account, images));
    } else if (link != null) {
      record.set("embed", externalEmbed(link));
    }
    if (reply != null) {
      ObjectNode refs = record.putObject("reply");
      refs.set("root", reply[0].toJson());
      refs.set("parent", reply[1].toJson());
    }
    ObjectNode body = BskyJson.MAPPER.createObjectNode();
    body.put("repo", did);
    body.put("collection", PostIds.POST_COLLECTION);
    body.set("record", record);
    ApiResponse response = api.execute(ApiRequest.post("/xrpc/com.atproto.repo.createRecord")
        .account(account).rateLimitBucket("write").jsonBody(BskyJson.write(body)).build());
    StrongRef created = StrongRef.from(response.json());
    if (created == null) {
      throw new TransportException(platform(), "createRecord answered " + response.status()
          + " without uri and cid; the post may exist, reconcile before retrying", true, null);
    }
    LOG.debug("bluesky created {}", created.uri());
    return created;
  }

  private ArrayNode facets(CredentialsRef account, String text) {
    ArrayNode array = BskyJson.MAPPER.createArrayNode();
    Map<String, Optional<String>> resolved = new HashMap<>();
    for (Facet facet : FacetDetector.detect(text)) {
      ObjectNode feature = BskyJson.MAPPER.createObjectNode();
      switch (facet.kind()) {
        case MENTION:
          Optional<String> did = resolved.computeIfAbsent(facet.value(), handle -> resolveHandle(account, handle));
          if (did.isEmpty()) {
            continue; // the official client drops mentions it cannot resolve
          }
          feature.put("$type", "app.bsky.richtext.facet#mention");
          feature.put("did", did.get());
          break;
        case LINK:
          feature.put("$type", "app.bsky.richtext.facet#link");
          feature.put("uri", facet.value());
          break;
        default:
          feature.put("$type", "app.bsky.richtext.facet#tag");
          feature.put("tag", facet.value());
          break;
      }
      ObjectNode node = array.addObject();
      ObjectNode index = node.putObject("index");
      index.put("byteStart", facet.bytes().start());
      index.put("byteEnd", facet.bytes().end());
      node.putArray("features").add(feature);
    }
    return array;
  }

  private Optional<String> resolveHandle(CredentialsRef account, String handle) {
    try {
      ApiResponse response = api.execute(ApiRequest.get("/xrpc/com.atproto.identity.resolveHandle")
          .account(account).rateLimitBucket("read").query("handle", handle).build());
      return Optional.ofNullable(BskyJson.text(response.json(), "did"));
    } catch (NotFoundException | ContentRejectedException unresolved) {
      LOG.debug("bluesky handle {} did not resolve; posting it as plain text", handle);
      return Optional.empty();
    }
  }

  private ObjectNode imagesEmbed(CredentialsRef account, List<MediaAsset> images) {
    ObjectNode embed = BskyJson.MAPPER.createObjectNode();
    embed.put("$type", "app.bsky.embed.images");
    ArrayNode array = embed.putArray("images");
    for (int i = 0; i < images.size(); i++) {
      MediaAsset asset = images.get(i);
      byte[] bytes = read(asset, i);
      ApiResponse uploaded = api.execute(ApiRequest.post("/xrpc/com.atproto.repo.uploadBlob")
          .account(account).rateLimitBucket("uploadBlob").body(bytes, asset.mimeType()).build());
      JsonNode blob = uploaded.json().path("blob");
      if (!blob.isObject()) {
        throw new ContentRejectedException(platform(), uploaded.status(), uploaded.requestId().orElse(null),
            "uploadBlob answered without a blob for media[" + i + "]");
      }
      ObjectNode image = array.addObject();
      image.put("alt", asset.altText() == null ? "" : asset.altText());
      image.set("image", blob);
      int[] size = dimensions(asset, bytes);
      if (size != null) {
        ObjectNode ratio = image.putObject("aspectRatio");
        ratio.put("width", size[0]);
        ratio.put("height", size[1]);
      }
    }
    return embed;
  }

  private byte[] read(MediaAsset asset, int index) {
    String field = "media[" + index + "]";
    long max = BlueskyConnectorProvider.MAX_IMAGE_BYTES;
    MediaSource source = media.open(asset);
    byte[] bytes;
    try (InputStream in = source.open()) {
      bytes = in.readNBytes((int) max + 1);
    } catch (IOException e) {
      throw new TransportException(platform(), field + " could not be read from " + source + ": "
          + e.getClass().getSimpleName(), false, e);
    }
    if (bytes.length > max) {
      throw new ContentValidationException(new ValidationResult(platform(), List.of(new Violation(
          field + ".byteSize", "media.bytes", "<= " + max, "> " + max,
          field + " is larger than " + max + " bytes, the Bluesky image limit"))));
    }
    return bytes;
  }

  /** Width and height from the asset, else probed from the bytes; null when unknown. */
  private static int[] dimensions(MediaAsset asset, byte[] bytes) {
    if (asset.width() != null && asset.height() != null && asset.width() > 0 && asset.height() > 0) {
      return new int[] {asset.width(), asset.height()};
    }
    try {
      MediaInfo info = MediaProbe.probe(MediaSource.ofBytes(bytes));
      if (info.width() != null && info.height() != null && info.width() > 0 && info.height() > 0) {
        return new int[] {info.width(), info.height()};
      }
    } catch (MediaProbeException unknown) {
      LOG.debug("bluesky could not probe image dimensions; posting without aspectRatio");
    }
    return null;
  }

  private static ObjectNode externalEmbed(URI link) {
    ObjectNode embed = BskyJson.MAPPER.createObjectNode();
    embed.put("$type", "app.bsky.embed.external");
    ObjectNode external = embed.putObject("external");
    external.put("uri", link.toString());
    external.put("title", link.getHost() == null ? link.toString() : link.getHost());
    external.put("description", "");
    return embed;
  }

  private static List<String> langs(PublishRequest request) {
    String raw = request.options().get("langs");
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<String> langs = new ArrayList<>();
    for (String lang : raw.split(",")) {
      if (!lang.isBlank()) {
        langs.add(lang.strip());
      }
    }
    return langs;
  }

  // -------------------------------------------------------------------------------------------
  // Delete and reconcile

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(platform(), Capability.DELETE);
    String did = sessions.did();
    String uri = PostIds.uri(externalId, did);
    if (!PostIds.repo(uri).equals(did)) {
      throw new dev.chorus.InvalidValueException("externalId", externalId, "is not a record of this account");
    }
    ObjectNode body = BskyJson.MAPPER.createObjectNode();
    body.put("repo", did);
    body.put("collection", PostIds.collection(uri));
    body.put("rkey", PostIds.rkey(uri));
    api.execute(ApiRequest.post("/xrpc/com.atproto.repo.deleteRecord").account(account.credentials())
        .rateLimitBucket("write").retrySafe(true).jsonBody(BskyJson.write(body)).build());
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(platform(), Capability.RECONCILE);
    String did = sessions.did();
    Instant notBefore = attemptedAt.minus(RECONCILE_SLACK);
    String cursor = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      ApiRequest.Builder call = ApiRequest.get("/xrpc/com.atproto.repo.listRecords")
          .account(request.account().credentials()).rateLimitBucket("read")
          .query("repo", did).query("collection", PostIds.POST_COLLECTION).query("limit", "50");
      if (cursor != null) {
        call.query("cursor", cursor);
      }
      JsonNode json = api.execute(call.build()).json();
      boolean older = false;
      for (JsonNode entry : json.path("records")) {
        JsonNode value = entry.path("value");
        Instant createdAt = instant(BskyJson.text(value, "createdAt"));
        if (createdAt == null) {
          continue;
        }
        if (createdAt.isBefore(notBefore)) {
          older = true;
          continue;
        }
        boolean isReply = value.path("reply").isObject();
        String uri = BskyJson.text(entry, "uri");
        if (uri != null && request.text().equals(value.path("text").asString(""))
            && isReply == (request.inReplyTo() != null)) {
          return Optional.of(new PublishResult(PostIds.externalId(uri, did), PostIds.webUrl(uri), createdAt,
              List.of(), null));
        }
      }
      String next = BskyJson.text(json, "cursor");
      if (older || next == null || next.equals(cursor)) {
        break;
      }
      cursor = next;
    }
    return Optional.empty();
  }

  // -------------------------------------------------------------------------------------------
  // Metrics and interactions

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    capabilities.require(platform(), Capability.POST_METRICS);
    String did = sessions.did();
    Map<String, String> idsByUri = new LinkedHashMap<>();
    for (String id : externalPostIds) {
      idsByUri.put(PostIds.uri(id, did), id);
    }
    List<String> uris = new ArrayList<>(idsByUri.keySet());
    Instant now = clock.instant();
    List<MetricSnapshot> snapshots = new ArrayList<>();
    int batch = capabilities.metricsBatchSize();
    for (int from = 0; from < uris.size(); from += batch) {
      ApiRequest.Builder call = ApiRequest.get("/xrpc/app.bsky.feed.getPosts")
          .account(account.credentials()).rateLimitBucket("read");
      uris.subList(from, Math.min(uris.size(), from + batch)).forEach(uri -> call.query("uris", uri));
      for (JsonNode post : api.execute(call.build()).json().path("posts")) {
        String id = idsByUri.remove(BskyJson.text(post, "uri"));
        if (id == null) {
          continue;
        }
        Map<Metric, Long> values = new LinkedHashMap<>();
        put(values, Metric.LIKES, BskyJson.count(post, "likeCount"));
        put(values, Metric.SHARES, BskyJson.count(post, "repostCount"));
        put(values, Metric.COMMENTS, BskyJson.count(post, "replyCount"));
        put(values, Metric.QUOTES, BskyJson.count(post, "quoteCount"));
        snapshots.add(new MetricSnapshot(platform(), account.id(), id, now, values));
      }
    }
    if (!idsByUri.isEmpty()) {
      LOG.debug("bluesky returned no post for {} of the requested ids (deleted or not visible)", idsByUri.size());
    }
    return snapshots;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(platform(), Capability.ACCOUNT_METRICS);
    String did = sessions.did();
    JsonNode profile = api.execute(ApiRequest.get("/xrpc/app.bsky.actor.getProfile")
        .account(account.credentials()).rateLimitBucket("read").query("actor", did).build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    put(values, Metric.FOLLOWERS, BskyJson.count(profile, "followersCount"));
    put(values, Metric.FOLLOWING, BskyJson.count(profile, "followsCount"));
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  static void put(Map<Metric, Long> values, Metric metric, Long value) {
    if (value != null) {
      values.put(metric, value);
    }
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    capabilities.requireFor(platform(), query);
    String did = sessions.did();
    Map<String, InteractionKind> wanted = new HashMap<>();
    for (InteractionKind kind : query.kinds()) {
      wanted.put(REASONS.get(kind), kind);
    }
    ApiRequest.Builder call = ApiRequest.get("/xrpc/app.bsky.notification.listNotifications")
        .account(account.credentials()).rateLimitBucket("read")
        .query("limit", String.valueOf(Math.min(100, query.pageSize())));
    REASONS.forEach((kind, reason) -> {
      if (wanted.containsKey(reason)) {
        call.query("reasons", reason);
      }
    });
    if (query.cursor() != null) {
      call.query("cursor", query.cursor());
    }
    JsonNode json = api.execute(call.build()).json();
    List<Interaction> items = new ArrayList<>();
    for (JsonNode n : json.path("notifications")) {
      InteractionKind kind = wanted.get(BskyJson.text(n, "reason"));
      String uri = BskyJson.text(n, "uri");
      JsonNode author = n.path("author");
      String authorDid = BskyJson.text(author, "did");
      if (kind == null || uri == null || authorDid == null) {
        continue;
      }
      JsonNode record = n.path("record");
      Instant createdAt = instant(BskyJson.text(record, "createdAt"));
      if (createdAt == null) {
        createdAt = instant(BskyJson.text(n, "indexedAt"));
      }
      if (createdAt == null || (query.since() != null && createdAt.isBefore(query.since()))) {
        continue;
      }
      String parentUri = BskyJson.text(record.path("reply").path("parent"), "uri");
      String subject = kind == InteractionKind.REPLY ? parentUri
          : kind == InteractionKind.QUOTE ? BskyJson.text(n, "reasonSubject") : null;
      String handle = BskyJson.text(author, "handle");
      items.add(new Interaction(platform(), account.id(), PostIds.externalId(uri, did), kind,
          subject == null ? null : PostIds.externalId(subject, did),
          parentUri == null ? null : PostIds.externalId(parentUri, did),
          authorDid, handle == null ? authorDid : handle, BskyJson.text(author, "displayName"),
          value(record, "text"), createdAt, webUrlOrNull(uri)));
    }
    String next = BskyJson.text(json, "cursor");
    if (items.isEmpty() && json.path("notifications").isEmpty() || (next != null && next.equals(query.cursor()))) {
      next = null;
    }
    return new Page<>(items, next);
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    capabilities.require(platform(), Capability.SEARCH);
    return publicReads.search(account, query);
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    capabilities.require(platform(), Capability.PUBLIC_PROFILES);
    return publicReads.lookupProfile(account, handle, recentPosts);
  }

  private static String value(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : "";
  }

  private static URI webUrlOrNull(String uri) {
    try {
      return PostIds.webUrl(uri);
    } catch (dev.chorus.InvalidValueException notAPost) {
      return null;
    }
  }

  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "BlueskyConnector[" + api.baseUrl() + ", " + sessions + "]";
  }
}
