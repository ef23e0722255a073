package dev.chorus.connector.mastodon.internal;

import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.AccessToken;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.ErrorMapper;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.mastodon.InstanceLimits;
import dev.chorus.connector.mastodon.MastodonConnector;
import dev.chorus.connector.mastodon.MastodonOptions;
import dev.chorus.connector.mastodon.MastodonProvider;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.model.Checks;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.Poll;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.ThreadPart;
import dev.chorus.text.TextCounter;
import dev.chorus.text.TextRules;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Mastodon connector over {@code chorus-connector-http}. Thread-safe: its only mutable state,
 * the instance limits, is swapped atomically.
 */
public final class DefaultMastodonConnector implements MastodonConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMastodonConnector.class);

  /** Mastodon refuses a scheduled_at closer than this. */
  static final Duration MIN_SCHEDULE_LEAD = Duration.ofMinutes(5);

  private static final String NOT_PROCESSED = "not finished processing";
  private static final String CP = "mastodon.";
  private static final int STATUS_PAGE = 40;
  private static final int NOTIFICATION_PAGE_MAX = 80;
  private static final int RECONCILE_PAGES = 5;
  private static final Duration RECONCILE_SLACK = Duration.ofMinutes(1);
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final String BUCKET_API = "api";
  private static final String BUCKET_MEDIA = "POST /api/v2/media";
  private static final String BUCKET_DELETE = "DELETE /api/v1/statuses";
  private static final Set<String> STATUS_FIELDS = Set.of("id", "created_at", "scheduled_at", "params", "url");

  private final Clock clock;
  private final Capabilities declared;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final MediaReader mediaReader;
  private final Duration pollInterval;
  private final Duration processingTimeout;
  private final Duration limitsTtl;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>();
  private final PublicReads publicReads;

  /** Limits read from the instance, the capabilities they make, and when they were read. */
  private record Loaded(InstanceLimits limits, Capabilities capabilities, Instant at) {}

  /** A status Mastodon created (or a scheduled one). */
  private record Posted(String id, URI url, Instant at) {}

  /**
   * A connector for the configuration.
   *
   * @throws ConfigException when neither an access token nor a CredentialSource extension is given
   */
  public DefaultMastodonConnector(ConnectorContext context, ConnectorConfig config, Capabilities declared) {
    this.clock = context.clock();
    this.declared = declared;
    CredentialSource credentials = context.extension(CredentialSource.class).orElseGet(() -> config
        .optionalSecret(MastodonProvider.ACCESS_TOKEN)
        .map(token -> CredentialSource.fixed(AccessToken.of(token.reveal())))
        .orElseThrow(() -> new ConfigException(Platform.MASTODON.id(), List.of(MastodonProvider.ACCESS_TOKEN
            + ": is required unless the host supplies a CredentialSource extension"))));
    this.pollInterval = positive(MastodonProvider.MEDIA_POLL_INTERVAL, config.duration(MastodonProvider.MEDIA_POLL_INTERVAL));
    this.processingTimeout =
        positive(MastodonProvider.MEDIA_PROCESSING_TIMEOUT, config.duration(MastodonProvider.MEDIA_PROCESSING_TIMEOUT));
    this.limitsTtl = positive(MastodonProvider.INSTANCE_LIMITS_TTL, config.duration(MastodonProvider.INSTANCE_LIMITS_TTL));
    this.mediaReader = MediaReader.from(context);
    this.lease = RuntimeLease.from(context);
    this.runtime = lease.runtime();
    this.http = runtime.platform(Platform.MASTODON)
        .baseUrl(config.url(MastodonProvider.BASE_URL).toString())
        .rateLimits(RateLimitStrategy.mastodon())
        .errors(DefaultMastodonConnector::mapError)
        .requestIdHeader("X-Request-Id")
        .credentials(credentials)
        .build();
    this.publicReads = new PublicReads(http, clock);
  }

  private static Duration positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException(Platform.MASTODON.id(), List.of(name + ": must be positive, is " + value));
    }
    return value;
  }

  /** Mastodon tokens cannot be refreshed: say so where the standard mapping says "expired". */
  static ConnectorException mapError(Platform platform, ApiResponse response) {
    if (response.status() == 401) {
      return new AuthenticationExpiredException(platform, 401, response.requestId().orElse(null),
          ErrorMapper.message(response) + "; Mastodon tokens do not refresh: reconnect the account");
    }
    return ErrorMapper.standard().map(platform, response);
  }

  @Override
  public Platform platform() {
    return Platform.MASTODON;
  }

  @Override
  public Capabilities capabilities() {
    return declared;
  }

  // -----------------------------------------------------------------------------------------
  // Instance limits

  @Override
  public Optional<InstanceLimits> instanceLimits() {
    Loaded current = loaded.get();
    return current != null && fresh(current) ? Optional.of(current.limits()) : Optional.empty();
  }

  @Override
  public InstanceLimits refreshInstanceLimits() {
    ApiResponse response = http.execute(ApiRequest.get("/api/v2/instance").rateLimitBucket(BUCKET_API).build());
    InstanceLimits limits = MastodonWire.instanceLimits(response.json());
    loaded.set(new Loaded(limits, MastodonProvider.capabilities(limits.toLimits()), clock.instant()));
    LOG.debug("mastodon instance {} limits: {} characters, {} media, URL weight {}", http.baseUrl(),
        limits.maxCharacters(), limits.maxMediaAttachments(), limits.charactersReservedPerUrl());
    return limits;
  }

  private boolean fresh(Loaded current) {
    return clock.instant().isBefore(current.at().plus(limitsTtl));
  }

  /** Reads the limits when they are missing or stale; the declared defaults stand in when that fails. */
  private void ensureLimits() {
    Loaded current = loaded.get();
    if (current != null && fresh(current)) {
      return;
    }
    try {
      refreshInstanceLimits();
    } catch (ConnectorException failure) {
      LOG.warn("mastodon: could not read the limits of {} ({}); validating with {}", http.baseUrl(),
          failure.getClass().getSimpleName(), current == null ? "the declared defaults" : "the last limits read");
    }
  }

  private InstanceLimits limits() {
    Loaded current = loaded.get();
    return current == null ? InstanceLimits.DEFAULTS : current.limits();
  }

  private Capabilities effectiveCapabilities() {
    Loaded current = loaded.get();
    return current == null ? declared : current.capabilities();
  }

  // -----------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    InstanceLimits limits = limits();
    PublishRequest effective = request.withText(effectiveText(request));
    ValidationResult result = LimitChecks.check(platform(), effectiveCapabilities(), effective);
    List<Violation> more = new ArrayList<>();
    TextCounter counter = TextRules.mastodon(limits.charactersReservedPerUrl());
    Map<String, String> options = request.options();
    for (Map.Entry<String, String> option : options.entrySet()) {
      String key = option.getKey();
      String value = option.getValue();
      if (!MastodonOptions.ALL.contains(key)) {
        more.add(new Violation("options." + key, "options.unknown", MastodonOptions.ALL.toString(), key,
            "Mastodon has no post option " + key));
      } else if (key.equals(MastodonOptions.VISIBILITY) && !MastodonOptions.VISIBILITIES.contains(value)) {
        more.add(new Violation("options.visibility", "options.visibility", MastodonOptions.VISIBILITIES.toString(),
            value, "Mastodon visibility must be one of " + MastodonOptions.VISIBILITIES + ", not " + value));
      } else if ((key.equals(MastodonOptions.SENSITIVE) || key.equals(MastodonOptions.POLL_MULTIPLE)
          || key.equals(MastodonOptions.POLL_HIDE_TOTALS)) && !value.equals("true") && !value.equals("false")) {
        more.add(new Violation("options." + key, "options.boolean", "true|false", value,
            "option " + key + " must be true or false, not " + value));
      } else if (key.equals(MastodonOptions.LANGUAGE) && !LANGUAGE.matcher(value).matches()) {
        more.add(new Violation("options.language", "options.language", "ISO 639-1", value,
            "option language must be an ISO 639-1 code such as en, not " + value));
      }
    }
    String spoiler = options.getOrDefault(MastodonOptions.SPOILER_TEXT, "");
    if (!spoiler.isEmpty()) {
      int textLength = counter.count(effective.text());
      int total = textLength + counter.count(spoiler);
      if (textLength <= limits.maxCharacters() && total > limits.maxCharacters()) {
        more.add(new Violation("options.spoiler_text", "text.length", "<= " + limits.maxCharacters(),
            String.valueOf(total), "text and content warning are " + total + " characters, this Mastodon instance allows "
                + limits.maxCharacters()));
      }
    }
    media("media", request.media(), limits, more);
    for (int i = 0; i < request.threadParts().size(); i++) {
      media("threadParts[" + i + "].media", request.threadParts().get(i).media(), limits, more);
    }
    Poll poll = request.poll();
    if (poll != null) {
      if (!request.media().isEmpty()) {
        more.add(new Violation("poll", "poll.media", "no media", request.media().size() + " media",
            "Mastodon cannot attach a poll and media to the same post"));
      }
      for (int i = 0; i < poll.options().size(); i++) {
        int length = TextRules.graphemes(poll.options().get(i));
        if (length > limits.pollMaxCharactersPerOption()) {
          more.add(new Violation("poll.options[" + i + "]", "poll.option.length", "<= "
              + limits.pollMaxCharactersPerOption(), String.valueOf(length), "poll option " + i + " is " + length
              + " characters, this Mastodon instance allows " + limits.pollMaxCharactersPerOption()));
        }
      }
      if (poll.duration().compareTo(limits.pollMinExpiration()) < 0
          || poll.duration().compareTo(limits.pollMaxExpiration()) > 0) {
        more.add(new Violation("poll.duration", "poll.duration", limits.pollMinExpiration() + ".."
            + limits.pollMaxExpiration(), poll.duration().toString(), "a Mastodon poll runs between "
            + limits.pollMinExpiration() + " and " + limits.pollMaxExpiration() + ", not " + poll.duration()));
      }
    }
    if (request.publishAt() != null) {
      Instant earliest = clock.instant().plus(MIN_SCHEDULE_LEAD);
      if (request.publishAt().isBefore(earliest)) {
        more.add(new Violation("publishAt", "scheduling.lead", ">= " + earliest, request.publishAt().toString(),
            "Mastodon schedules only at least " + MIN_SCHEDULE_LEAD.toMinutes() + " minutes ahead"));
      }
      if (!request.threadParts().isEmpty()) {
        more.add(new Violation("threadParts", "scheduling.thread", "none", String.valueOf(request.threadParts().size()),
            "Mastodon cannot schedule a thread natively: a reply needs the id of a published post"));
      }
    }
    return result.and(more);
  }

  private static void media(String field, List<MediaAsset> media, InstanceLimits limits, List<Violation> found) {
    boolean video = media.stream().anyMatch(asset -> asset.kind() == MediaKind.VIDEO);
    if (video && media.size() > 1) {
      found.add(new Violation(field, "media.mix", "a video alone", media.size() + " items",
          "Mastodon takes a video only on its own, not with other media"));
    }
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      if (asset.altText() != null && TextRules.graphemes(asset.altText()) > limits.descriptionLimit()) {
        int length = TextRules.graphemes(asset.altText());
        found.add(new Violation(field + "[" + i + "].altText", "media.altText", "<= " + limits.descriptionLimit(),
            String.valueOf(length), "alt text is " + length + " characters, this Mastodon instance allows "
                + limits.descriptionLimit()));
      }
      if (asset.width() != null && asset.height() != null) {
        long pixels = (long) asset.width() * asset.height();
        long max = limits.matrixLimit(asset.kind());
        if (pixels > max) {
          found.add(new Violation(field + "[" + i + "].dimensions", "media.matrix", "<= " + max + " px",
              String.valueOf(pixels), field + "[" + i + "] has " + pixels + " pixels, this Mastodon instance allows " + max));
        }
      }
    }
  }

  /** The text as posted: the link appended when the text does not already carry it. */
  private static String effectiveText(PublishRequest request) {
    String text = request.text();
    URI link = request.link();
    if (link == null || text.contains(link.toString())) {
      return text;
    }
    return text.isBlank() ? link.toString() : text + "\n\n" + link;
  }

  // -----------------------------------------------------------------------------------------
  // Publishing

  @Override
  public PublishResult publish(PublishRequest request) {
    declared.requireFor(platform(), request);
    ensureLimits();
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    CredentialsRef account = request.account().credentials();
    if (request.publishAt() != null) {
      Posted scheduled = recorded(checkpoint, "scheduled").orElse(null);
      if (scheduled == null) {
        List<String> mediaIds = uploadAll(account, checkpoint, 0, request.media());
        scheduled = postStatus(account, request.idempotencyKey(), statusBody(effectiveText(request), mediaIds,
            request.poll(), request.inReplyTo(), request.options(), request.publishAt()), checkpoint, 0, mediaIds);
        record(checkpoint, "scheduled", scheduled);
      }
      return new PublishResult(SCHEDULED_PREFIX + scheduled.id(), null, scheduled.at(), List.of(), null);
    }
    List<String> partIds = new ArrayList<>();
    Posted first = null;
    String previous = request.inReplyTo();
    List<ThreadPart> parts = request.threadParts();
    for (int part = 0; part <= parts.size(); part++) {
      Posted posted = recorded(checkpoint, "status." + part).orElse(null);
      if (posted == null) {
        String text = part == 0 ? effectiveText(request) : parts.get(part - 1).text();
        List<MediaAsset> media = part == 0 ? request.media() : parts.get(part - 1).media();
        List<String> mediaIds = uploadAll(account, checkpoint, part, media);
        String key = part == 0 ? request.idempotencyKey() : request.idempotencyKey() + "-part-" + part;
        ObjectNode body = statusBody(text, mediaIds, part == 0 ? request.poll() : null, previous,
            request.options(), null);
        posted = postStatus(account, key, body, checkpoint, part, mediaIds);
        record(checkpoint, "status." + part, posted);
      }
      if (part == 0) {
        first = posted;
      } else {
        partIds.add(posted.id());
      }
      previous = posted.id();
    }
    return new PublishResult(first.id(), first.url(), first.at(), partIds, null);
  }

  private ObjectNode statusBody(String text, List<String> mediaIds, Poll poll, String inReplyTo,
      Map<String, String> options, Instant scheduledAt) {
    ObjectNode body = MastodonWire.JSON.createObjectNode();
    if (!text.isEmpty()) {
      body.put("status", text);
    }
    if (!mediaIds.isEmpty()) {
      ArrayNode ids = body.putArray("media_ids");
      mediaIds.forEach(ids::add);
    }
    if (poll != null) {
      ObjectNode pollNode = body.putObject("poll");
      ArrayNode choices = pollNode.putArray("options");
      poll.options().forEach(choices::add);
      pollNode.put("expires_in", poll.duration().getSeconds());
      pollNode.put("multiple", Boolean.parseBoolean(options.getOrDefault(MastodonOptions.POLL_MULTIPLE, "false")));
      pollNode.put("hide_totals", Boolean.parseBoolean(options.getOrDefault(MastodonOptions.POLL_HIDE_TOTALS, "false")));
    }
    if (inReplyTo != null) {
      body.put("in_reply_to_id", inReplyTo);
    }
    if (options.containsKey(MastodonOptions.VISIBILITY)) {
      body.put("visibility", options.get(MastodonOptions.VISIBILITY));
    }
    if (options.containsKey(MastodonOptions.SPOILER_TEXT)) {
      body.put("spoiler_text", options.get(MastodonOptions.SPOILER_TEXT));
    }
    if (options.containsKey(MastodonOptions.SENSITIVE)) {
      body.put("sensitive", Boolean.parseBoolean(options.get(MastodonOptions.SENSITIVE)));
    }
    if (options.containsKey(MastodonOptions.LANGUAGE)) {
      body.put("language", options.get(MastodonOptions.LANGUAGE));
    }
    if (scheduledAt != null) {
      body.put("scheduled_at", scheduledAt.toString());
    }
    return body;
  }

  /**
   * Posts a status with the idempotency key (so the runtime may repeat it after a 5xx or a lost
   * response). When Mastodon says an attachment is still processing, waits for the media and tries
   * once more.
   */
  private Posted postStatus(CredentialsRef account, String idempotencyKey, ObjectNode body, Checkpoint checkpoint,
      int part, List<String> mediaIds) {
    ApiRequest request = ApiRequest.post("/api/v1/statuses")
        .account(account)
        .header("Idempotency-Key", idempotencyKey)
        .retrySafe(true)
        .rateLimitBucket(BUCKET_API)
        .jsonBody(MastodonWire.JSON.writeValueAsString(body))
        .build();
    ApiResponse response;
    try {
      response = http.execute(request);
    } catch (ContentRejectedException rejected) {
      if (mediaIds.isEmpty() || !rejected.reason().contains(NOT_PROCESSED)) {
        throw rejected;
      }
      LOG.debug("mastodon: attachments of part {} still processing; waiting and posting again", part);
      for (int i = 0; i < mediaIds.size(); i++) {
        awaitProcessed(account, mediaIds.get(i));
        checkpoint.put(mediaKey(part, i) + ".ready", "true");
      }
      response = http.execute(request);
    }
    return posted(response);
  }

  private Posted posted(ApiResponse response) {
    // A status answer is large (content, account, tags ...); only these fields are read into a tree.
    JsonNode json = response.jsonFields(List.of(), STATUS_FIELDS);
    String id = MastodonWire.text(json, "id");
    if (id == null || id.isBlank()) {
      throw new TransportException(platform(), response.status(), response.requestId().orElse(null),
          "Mastodon accepted the status but its answer carries no id; reconcile before trying again", true, null);
    }
    boolean scheduled = json.has("scheduled_at") && json.has("params");
    Instant at = MastodonWire.instant(MastodonWire.text(json, scheduled ? "scheduled_at" : "created_at"));
    return new Posted(id, scheduled ? null : MastodonWire.uri(MastodonWire.text(json, "url")),
        at == null ? clock.instant() : at);
  }

  private static Optional<Posted> recorded(Checkpoint checkpoint, String key) {
    Optional<String> id = checkpoint.get(CP + key + ".id");
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Instant at = MastodonWire.instant(checkpoint.get(CP + key + ".at").orElse(null));
    URI url = MastodonWire.uri(checkpoint.get(CP + key + ".url").orElse(null));
    return Optional.of(new Posted(id.get(), url, at == null ? Instant.EPOCH : at));
  }

  private static void record(Checkpoint checkpoint, String key, Posted posted) {
    checkpoint.put(CP + key + ".at", posted.at().toString());
    if (posted.url() != null) {
      checkpoint.put(CP + key + ".url", posted.url().toString());
    }
    // The id last: its presence means the whole record is there.
    checkpoint.put(CP + key + ".id", posted.id());
  }

  private static String mediaKey(int part, int index) {
    return CP + "part." + part + ".media." + index;
  }

  /** Uploads the media not yet in the checkpoint and waits until every item is processed. */
  private List<String> uploadAll(CredentialsRef account, Checkpoint checkpoint, int part, List<MediaAsset> media) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      String key = mediaKey(part, i);
      Optional<String> known = checkpoint.get(key);
      String id;
      boolean ready;
      if (known.isPresent()) {
        id = known.get();
        ready = checkpoint.get(key + ".ready").isPresent();
        LOG.debug("mastodon: reusing uploaded media {} for part {} item {}", id, part, i);
      } else {
        ApiResponse response = upload(account, media.get(i));
        id = MastodonWire.text(response.json(), "id");
        if (id == null || id.isBlank()) {
          throw new TransportException(platform(), response.status(), response.requestId().orElse(null),
              "Mastodon accepted an upload but its answer carries no media id", false, null);
        }
        checkpoint.put(key, id);
        ready = response.status() == 200 && MastodonWire.text(response.json(), "url") != null;
      }
      if (!ready) {
        awaitProcessed(account, id);
      }
      checkpoint.put(key + ".ready", "true");
      ids.add(id);
    }
    return ids;
  }

  private ApiResponse upload(CredentialsRef account, MediaAsset asset) {
    byte[] bytes;
    try (java.io.InputStream in = mediaReader.open(asset).open()) {
      bytes = in.readAllBytes();
    } catch (IOException failure) {
      // Only the scheme is shown: a source URI may carry a signed token.
      throw new dev.chorus.InvalidValueException("media.source", asset.source().getScheme() + ":…",
          "cannot be read for upload: " + failure.getClass().getSimpleName());
    }
    String path = asset.source().getPath();
    String name = path == null || path.isBlank() || path.endsWith("/") ? "upload"
        : path.substring(path.lastIndexOf('/') + 1);
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", name, RequestBody.create(bytes, MediaType.parse(asset.mimeType())));
    if (asset.altText() != null) {
      form.addFormDataPart("description", asset.altText());
    }
    MultipartBody body = form.build();
    Buffer buffer = new Buffer();
    try {
      body.writeTo(buffer);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return http.execute(ApiRequest.post("/api/v2/media")
        .account(account)
        .rateLimitBucket(BUCKET_MEDIA)
        .body(buffer.readByteArray(), body.contentType().toString())
        .build());
  }

  /** Polls {@code GET /api/v1/media/:id} (206 while processing) until it is processed or the timeout passes. */
  private void awaitProcessed(CredentialsRef account, String mediaId) {
    Instant deadline = clock.instant().plus(processingTimeout);
    while (true) {
      ApiResponse response = http.execute(ApiRequest.get("/api/v1/media/" + segment(mediaId))
          .account(account).rateLimitBucket(BUCKET_API).build());
      if (response.status() == 200 && MastodonWire.text(response.json(), "url") != null) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new PlatformUnavailableException(platform(), response.status(), response.requestId().orElse(null),
            "media " + mediaId + " is still being processed after " + processingTimeout
                + "; try again later (the upload is kept in the checkpoint)");
      }
      try {
        runtime.sleeper().sleep(pollInterval);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new TransportException(platform(), "interrupted while waiting for media processing", false, interrupted);
      }
    }
  }

  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // -----------------------------------------------------------------------------------------
  // Delete, reconcile, reply

  @Override
  public void delete(SocialAccount account, String externalId) {
    declared.require(platform(), Capability.DELETE);
    Checks.notBlank("externalId", externalId);
    if (externalId.startsWith(SCHEDULED_PREFIX)) {
      http.execute(ApiRequest.delete("/api/v1/scheduled_statuses/"
          + segment(externalId.substring(SCHEDULED_PREFIX.length())))
          .account(account.credentials()).rateLimitBucket(BUCKET_API).build());
      return;
    }
    http.execute(ApiRequest.delete("/api/v1/statuses/" + segment(externalId))
        .account(account.credentials()).rateLimitBucket(BUCKET_DELETE).build());
  }

  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    declared.require(platform(), Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    String wanted = MastodonWire.comparable(effectiveText(request));
    CredentialsRef account = request.account().credentials();
    if (request.publishAt() != null) {
      ApiResponse response = http.execute(ApiRequest.get("/api/v1/scheduled_statuses")
          .account(account).query("limit", String.valueOf(STATUS_PAGE)).rateLimitBucket(BUCKET_API).build());
      JsonNode list = response.json();
      for (int i = 0; i < list.size(); i++) {
        JsonNode scheduled = list.get(i);
        String text = MastodonWire.text(scheduled.path("params"), "text");
        String id = MastodonWire.text(scheduled, "id");
        if (id != null && text != null && MastodonWire.comparable(text).equals(wanted)) {
          Instant at = MastodonWire.instant(MastodonWire.text(scheduled, "scheduled_at"));
          return Optional.of(new PublishResult(SCHEDULED_PREFIX + id, null, at == null ? request.publishAt() : at,
              List.of(), null));
        }
      }
      return Optional.empty();
    }
    Instant oldest = attemptedAt.minus(RECONCILE_SLACK);
    String maxId = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      ApiRequest.Builder call = ApiRequest.get("/api/v1/accounts/" + segment(request.account().externalId())
          + "/statuses").account(account).query("limit", String.valueOf(STATUS_PAGE))
          .query("exclude_reblogs", "true").rateLimitBucket(BUCKET_API);
      if (maxId != null) {
        call.query("max_id", maxId);
      }
      ApiResponse response = http.execute(call.build());
      JsonNode statuses = response.json();
      boolean older = false;
      for (int i = 0; i < statuses.size(); i++) {
        JsonNode status = statuses.get(i);
        Instant created = MastodonWire.instant(MastodonWire.text(status, "created_at"));
        if (created != null && created.isBefore(oldest)) {
          older = true;
          continue;
        }
        String id = MastodonWire.text(status, "id");
        String shown = MastodonWire.comparable(MastodonWire.plainText(MastodonWire.text(status, "content")));
        if (id != null && shown.equals(wanted)) {
          return Optional.of(new PublishResult(id, MastodonWire.uri(MastodonWire.text(status, "url")),
              created == null ? attemptedAt : created, List.of(), null));
        }
      }
      maxId = MastodonWire.nextMaxId(response.header("Link").orElse(null));
      if (older || maxId == null || statuses.size() == 0) {
        break;
      }
    }
    return Optional.empty();
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    declared.require(platform(), Capability.REPLY);
    PublishRequest asPost = PublishRequest.text(request.account(), request.idempotencyKey(), request.text())
        .inReplyTo(request.parentExternalId());
    validate(asPost).orThrow();
    Posted posted = postStatus(request.account().credentials(), request.idempotencyKey(),
        statusBody(request.text(), List.of(), null, request.parentExternalId(), Map.of(), null),
        Checkpoint.inMemory(), 0, List.of());
    return PublishResult.of(posted.id(), posted.url(), posted.at());
  }

  // -----------------------------------------------------------------------------------------
  // Metrics and interactions

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    declared.require(platform(), Capability.POST_METRICS);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(Checks.list("externalPostIds", externalPostIds)));
    List<MetricSnapshot> snapshots = new ArrayList<>();
    int batch = declared.metricsBatchSize();
    for (int from = 0; from < ids.size(); from += batch) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + batch));
      ApiRequest.Builder call = ApiRequest.get("/api/v1/statuses")
          .account(account.credentials()).rateLimitBucket(BUCKET_API);
      chunk.forEach(id -> call.query("id[]", id));
      JsonNode statuses = http.execute(call.build()).json();
      Instant now = clock.instant();
      Set<String> wanted = Set.copyOf(chunk);
      Map<String, MetricSnapshot> found = new HashMap<>();
      for (int i = 0; i < statuses.size(); i++) {
        JsonNode status = statuses.get(i);
        String id = MastodonWire.text(status, "id");
        if (id == null || !wanted.contains(id)) {
          continue;
        }
        Map<Metric, Long> values = new LinkedHashMap<>();
        put(values, Metric.COMMENTS, MastodonWire.count(status, "replies_count"));
        put(values, Metric.SHARES, MastodonWire.count(status, "reblogs_count"));
        put(values, Metric.LIKES, MastodonWire.count(status, "favourites_count"));
        put(values, Metric.QUOTES, MastodonWire.count(status, "quotes_count"));
        found.put(id, new MetricSnapshot(platform(), account.id(), id, now, values));
      }
      chunk.stream().map(found::get).filter(java.util.Objects::nonNull).forEach(snapshots::add);
    }
    return snapshots;
  }

  static void put(Map<Metric, Long> values, Metric metric, Long value) {
    if (value != null) {
      values.put(metric, value);
    }
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    declared.require(platform(), Capability.ACCOUNT_METRICS);
    JsonNode me = http.execute(ApiRequest.get("/api/v1/accounts/verify_credentials")
        .account(account.credentials()).rateLimitBucket(BUCKET_API).build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    put(values, Metric.FOLLOWERS, MastodonWire.count(me, "followers_count"));
    put(values, Metric.FOLLOWING, MastodonWire.count(me, "following_count"));
    return new MetricSnapshot(platform(), account.id(), null, clock.instant(), values);
  }

  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    declared.requireFor(platform(), query);
    Set<InteractionKind> kinds = query.kinds().isEmpty() ? declared.interactionKinds() : query.kinds();
    ApiRequest.Builder call = ApiRequest.get("/api/v1/notifications")
        .account(account.credentials())
        .query("types[]", "mention")
        .query("limit", String.valueOf(Math.min(query.pageSize(), NOTIFICATION_PAGE_MAX)))
        .rateLimitBucket(BUCKET_API);
    if (query.cursor() != null) {
      call.query("max_id", query.cursor());
    }
    ApiResponse response = http.execute(call.build());
    JsonNode notifications = response.json();
    List<Interaction> items = new ArrayList<>();
    boolean older = false;
    for (int i = 0; i < notifications.size(); i++) {
      JsonNode notification = notifications.get(i);
      JsonNode status = notification.path("status");
      String statusId = MastodonWire.text(status, "id");
      JsonNode author = status.path("account");
      String authorId = MastodonWire.text(author, "id");
      String acct = MastodonWire.text(author, "acct");
      if (!"mention".equals(MastodonWire.text(notification, "type")) || statusId == null || authorId == null
          || acct == null || acct.isBlank()) {
        continue;
      }
      Instant created = MastodonWire.instant(MastodonWire.text(status, "created_at"));
      if (created == null) {
        created = MastodonWire.instant(MastodonWire.text(notification, "created_at"));
      }
      if (created == null) {
        continue;
      }
      if (query.since() != null && !created.isAfter(query.since())) {
        older = true;
        continue;
      }
      String parent = MastodonWire.text(status, "in_reply_to_id");
      boolean reply = parent != null && account.externalId().equals(MastodonWire.text(status, "in_reply_to_account_id"));
      InteractionKind kind = reply ? InteractionKind.REPLY : InteractionKind.MENTION;
      if (!kinds.contains(kind)) {
        continue;
      }
      String name = MastodonWire.text(author, "display_name");
      items.add(new Interaction(platform(), account.id(), statusId, kind, reply ? parent : null, parent, authorId,
          "@" + acct, name == null || name.isBlank() ? null : name,
          MastodonWire.plainText(MastodonWire.text(status, "content")), created,
          MastodonWire.uri(MastodonWire.text(status, "url"))));
    }
    String next = older ? null : MastodonWire.nextMaxId(response.header("Link").orElse(null));
    if (next != null && next.equals(query.cursor())) {
      next = null; // a server that repeats its cursor would page forever
    }
    return new Page<>(items, next);
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    declared.require(platform(), Capability.SEARCH);
    return publicReads.search(account, query);
  }

  @Override
  public PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    declared.require(platform(), Capability.PUBLIC_PROFILES);
    return publicReads.lookupProfile(account, handle, recentPosts);
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "MastodonConnector[" + http.baseUrl() + "]";
  }
}
