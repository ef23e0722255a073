package dev.chorus.connector.youtube.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.InteractionQuery;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.ReplyRequest;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RateLimitStrategy;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.SeededCredentials;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.youtube.YouTubeConnector;
import dev.chorus.connector.youtube.YouTubeOAuth;
import dev.chorus.connector.youtube.YouTubeOptions;
import dev.chorus.connector.youtube.YouTubeProvider;
import dev.chorus.connector.youtube.YouTubeQuota;
import dev.chorus.connector.youtube.internal.YouTubeWire.ResumeIncomplete;
import dev.chorus.media.MediaSource;
import dev.chorus.model.Checks;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaAsset;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The YouTube connector over {@code chorus-connector-http}. Thread-safe: its only mutable state is
 * the {@link YouTubeQuota}, which synchronises itself; an upload's progress lives in the request's
 * {@link Checkpoint}.
 */
public final class DefaultYouTubeConnector implements YouTubeConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultYouTubeConnector.class);
  private static final Platform PLATFORM = Platform.YOUTUBE;

  static final String API = "/youtube/v3";
  static final String UPLOAD = "/upload/youtube/v3/videos";

  /** Checkpoint keys: the session URI, the bytes the server confirmed, the total, the finished video. */
  public static final String CP_SESSION = "youtube.upload.session";
  /** The number of bytes the server has confirmed, as the last 308 or status query reported. */
  public static final String CP_OFFSET = "youtube.upload.offset";
  /** The file size the session was opened for. */
  public static final String CP_TOTAL = "youtube.upload.total";
  /** The id of the finished video. */
  public static final String CP_VIDEO_ID = "youtube.video.id";
  /** When the finished video is (or will be) published. */
  public static final String CP_VIDEO_AT = "youtube.video.at";

  /** Failed chunk or status requests in a row, without progress, before giving up. */
  static final int MAX_INTERRUPTIONS = 5;
  /** New sessions after expiry, per publish call. */
  static final int MAX_RESTARTS = 2;
  private static final Duration RECONCILE_SLACK = Duration.ofMinutes(5);
  private static final int TITLE_MAX = 100;
  private static final int TAGS_MAX = 500;
  private static final int COMMENT_PAGE_MAX = 100;
  private static final Pattern CATEGORY = Pattern.compile("\\d{1,4}");

  private final Clock clock;
  private final Capabilities declared;
  private final RuntimeLease lease;
  private final HttpRuntime runtime;
  private final PlatformHttp http;
  private final MediaReader opener;
  private final YouTubeQuota quota;
  private final long insertCost;
  private final int chunkSize;

  /** The title and description a request becomes. */
  record Snippet(String title, String description) {}

  /**
   * A connector for the configuration.
   *
   * @throws ConfigException when a numeric setting is out of range
   */
  public DefaultYouTubeConnector(ConnectorContext context, ConnectorConfig config, Capabilities declared) {
    this.clock = context.clock();
    this.declared = declared;
    List<String> problems = new ArrayList<>();
    long daily = config.longValue(YouTubeProvider.DAILY_QUOTA);
    if (daily < 1) {
      problems.add(YouTubeProvider.DAILY_QUOTA + ": must be at least 1, is " + daily);
    }
    this.insertCost = config.longValue(YouTubeProvider.VIDEOS_INSERT_COST);
    if (insertCost < 0) {
      problems.add(YouTubeProvider.VIDEOS_INSERT_COST + ": must not be negative, is " + insertCost);
    }
    long chunk = config.longValue(YouTubeProvider.UPLOAD_CHUNK_SIZE);
    if (chunk < YouTubeProvider.CHUNK_GRANULARITY || chunk % YouTubeProvider.CHUNK_GRANULARITY != 0
        || chunk > 64L * 1024 * 1024) {
      problems.add(YouTubeProvider.UPLOAD_CHUNK_SIZE + ": must be a multiple of 262144 up to 64 MiB, is " + chunk);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(PLATFORM.id(), problems);
    }
    this.chunkSize = (int) chunk;
    this.quota = context.extension(YouTubeQuota.class).orElseGet(() -> new YouTubeQuota(clock, daily));
    this.lease = RuntimeLease.from(context);
    this.runtime = lease.runtime();
    CredentialSource credentials = context.extension(CredentialSource.class)
        .orElseGet(() -> credentials(context, config, runtime));
    this.opener = MediaReader.from(context);
    this.http = runtime.platform(PLATFORM)
        .baseUrl(trimSlash(config.url(YouTubeProvider.BASE_URL).toString()))
        .rateLimits(RateLimitStrategy.none())
        .errors((platform, response) -> YouTubeWire.map(platform, response, clock, quota))
        .requestIdHeader(YouTubeWire.UPLOAD_ID_HEADER)
        .credentials(credentials)
        .build();
  }

  private static CredentialSource credentials(ConnectorContext context, ConnectorConfig config, HttpRuntime runtime) {
    TokenStore store = context.extension(TokenStore.class).orElseGet(InMemoryTokenStore::new);
    ManagedCredentials managed = ManagedCredentials.builder()
        .platform(PLATFORM)
        .store(store)
        .refresher(YouTubeOAuth.client(runtime, config.url(YouTubeProvider.AUTHORIZE_URL).toString(),
            config.url(YouTubeProvider.TOKEN_URL).toString(), config.string(YouTubeProvider.CLIENT_ID),
            config.secret(YouTubeProvider.CLIENT_SECRET), config.url(YouTubeProvider.REDIRECT_URI).toString()))
        .clock(runtime.clock())
        .build();
    Optional<dev.chorus.connector.Secret> access = config.optionalSecret(YouTubeProvider.ACCESS_TOKEN);
    if (access.isEmpty()) {
      return managed;
    }
    return new SeededCredentials(managed, store, access.get(), config.optionalSecret(YouTubeProvider.REFRESH_TOKEN));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public Platform platform() {
    return PLATFORM;
  }

  @Override
  public Capabilities capabilities() {
    return declared;
  }

  @Override
  public YouTubeQuota quota() {
    return quota;
  }

  // -----------------------------------------------------------------------------------------
  // Validation

  /** The title ({@code title} option, else the first line of the text) and the description (the text). */
  static Snippet snippet(PublishRequest request) {
    String option = request.options().get(YouTubeOptions.TITLE);
    String text = request.text();
    String title;
    if (option != null) {
      title = option.strip();
    } else {
      int end = text.indexOf('\n');
      title = (end < 0 ? text : text.substring(0, end)).strip();
    }
    return new Snippet(title, text);
  }

  static List<String> tags(Map<String, String> options) {
    String raw = options.get(YouTubeOptions.TAGS);
    List<String> tags = new ArrayList<>();
    if (raw == null) {
      return tags;
    }
    for (String tag : raw.split(",")) {
      String trimmed = tag.strip();
      if (!trimmed.isEmpty()) {
        tags.add(trimmed);
      }
    }
    return tags;
  }

  /** The length YouTube counts for tags: commas between them, and quotes around a tag with a space. */
  static int tagsLength(List<String> tags) {
    int length = Math.max(0, tags.size() - 1);
    for (String tag : tags) {
      length += tag.codePointCount(0, tag.length()) + (tag.indexOf(' ') >= 0 ? 2 : 0);
    }
    return length;
  }

  @Override
  public ValidationResult validate(PublishRequest request) {
    ValidationResult base = LimitChecks.check(PLATFORM, declared, request);
    List<Violation> more = new ArrayList<>();
    if (request.media().isEmpty()) {
      more.add(new Violation("media", "media.required", "1 video", "0",
          "a YouTube post is a video upload: attach one VIDEO"));
    }
    Snippet snippet = snippet(request);
    int titleLength = snippet.title().codePointCount(0, snippet.title().length());
    if (snippet.title().isEmpty()) {
      more.add(new Violation("options.title", "title.required", "1-" + TITLE_MAX + " characters", "empty",
          "a YouTube video needs a title: set the title option or start the text with a title line"));
    } else if (titleLength > TITLE_MAX) {
      more.add(new Violation("options.title", "title.length", "<= " + TITLE_MAX, String.valueOf(titleLength),
          "the title is " + titleLength + " characters, YouTube allows " + TITLE_MAX
              + (request.options().containsKey(YouTubeOptions.TITLE) ? "" : " (it is the text's first line; "
              + "set the title option)")));
    }
    if (angle(snippet.title())) {
      more.add(new Violation("options.title", "title.characters", "no < or >", snippet.title(),
          "YouTube does not allow < or > in a title"));
    }
    if (angle(snippet.description())) {
      more.add(new Violation("text", "text.characters", "no < or >", "contains < or >",
          "YouTube does not allow < or > in a description"));
    }
    for (Map.Entry<String, String> option : request.options().entrySet()) {
      option(option.getKey(), option.getValue(), more);
    }
    List<String> tags = tags(request.options());
    int tagsLength = tagsLength(tags);
    if (tagsLength > TAGS_MAX) {
      more.add(new Violation("options.tags", "tags.length", "<= " + TAGS_MAX, String.valueOf(tagsLength),
          "the tags count " + tagsLength + " characters as YouTube counts them (commas, and quotes around tags with"
              + " spaces), YouTube allows " + TAGS_MAX));
    }
    if (tags.stream().anyMatch(DefaultYouTubeConnector::angle)) {
      more.add(new Violation("options.tags", "tags.characters", "no < or >", "contains < or >",
          "YouTube does not allow < or > in tags"));
    }
    if (request.publishAt() != null) {
      String privacy = request.options().get(YouTubeOptions.PRIVACY_STATUS);
      if (privacy != null && !privacy.equals("private")) {
        more.add(new Violation("options.privacyStatus", "scheduling.privacy", "private", privacy,
            "YouTube schedules only private videos: with publishAt the video stays private until then, so "
                + "privacyStatus must be private or absent"));
      }
      Instant now = clock.instant();
      if (!request.publishAt().isAfter(now)) {
        more.add(new Violation("publishAt", "scheduling.past", "> " + now, request.publishAt().toString(),
            "publishAt is not in the future; YouTube would publish at once"));
      }
    }
    return base.and(more);
  }

  private static void option(String key, String value, List<Violation> found) {
    if (!YouTubeOptions.ALL.contains(key)) {
      found.add(new Violation("options." + key, "options.unknown", YouTubeOptions.ALL.toString(), key,
          "YouTube has no post option " + key));
    } else if (key.equals(YouTubeOptions.PRIVACY_STATUS) && !YouTubeOptions.PRIVACY_STATUSES.contains(value)) {
      found.add(new Violation("options.privacyStatus", "options.privacyStatus",
          YouTubeOptions.PRIVACY_STATUSES.toString(), value,
          "privacyStatus must be one of " + YouTubeOptions.PRIVACY_STATUSES + ", not " + value));
    } else if ((key.equals(YouTubeOptions.MADE_FOR_KIDS) || key.equals(YouTubeOptions.NOTIFY_SUBSCRIBERS))
        && !value.equals("true") && !value.equals("false")) {
      found.add(new Violation("options." + key, "options.boolean", "true|false", value,
          "option " + key + " must be true or false, not " + value));
    } else if (key.equals(YouTubeOptions.CATEGORY_ID) && !CATEGORY.matcher(value).matches()) {
      found.add(new Violation("options.categoryId", "options.categoryId", "a numeric category id", value,
          "categoryId must be a numeric YouTube category id such as 22, not " + value));
    }
  }

  private static boolean angle(String text) {
    return text.indexOf('<') >= 0 || text.indexOf('>') >= 0;
  }

  // -----------------------------------------------------------------------------------------
  // Publishing: the resumable upload protocol

  @Override
  public PublishResult publish(PublishRequest request) {
    declared.requireFor(PLATFORM, request);
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    Optional<String> done = checkpoint.get(CP_VIDEO_ID);
    if (done.isPresent()) {
      Instant at = YouTubeWire.instant(checkpoint.get(CP_VIDEO_AT).orElse(null));
      return PublishResult.of(done.get(), watchUrl(done.get()), at == null ? clock.instant() : at);
    }
    MediaAsset video = request.media().get(0);
    MediaSource source = opener.open(video);
    long total = source.length().orElse(video.byteSize() == null ? -1 : video.byteSize());
    if (total <= 0) {
      throw new InvalidValueException("media[0].byteSize", video.byteSize(),
          "must be known and positive for a resumable upload (the source does not say its length)");
    }
    JsonNode resource = upload(request, video, source, total);
    String id = YouTubeWire.text(resource, "id");
    if (id == null || id.isBlank()) {
      throw new TransportException(PLATFORM, 201, null,
          "YouTube finished the upload but its answer carries no video id; reconcile before trying again", true, null);
    }
    String uploadStatus = YouTubeWire.text(resource.path("status"), "uploadStatus");
    if ("rejected".equals(uploadStatus) || "failed".equals(uploadStatus)) {
      String why = YouTubeWire.text(resource.path("status"),
          "rejected".equals(uploadStatus) ? "rejectionReason" : "failureReason");
      throw new ContentRejectedException(PLATFORM, 201, null,
          "YouTube " + uploadStatus + " video " + id + (why == null ? "" : ": " + why));
    }
    Instant at = request.publishAt() != null ? request.publishAt()
        : Optional.ofNullable(YouTubeWire.instant(YouTubeWire.text(resource.path("snippet"), "publishedAt")))
            .orElse(clock.instant());
    checkpoint.put(CP_VIDEO_AT, at.toString());
    checkpoint.put(CP_VIDEO_ID, id);
    return PublishResult.of(id, watchUrl(id), at);
  }

  static URI watchUrl(String videoId) {
    return URI.create("https://www.youtube.com/watch?v=" + URLEncoder.encode(videoId, StandardCharsets.UTF_8));
  }

  /** Where an upload stands: finished (the video resource), at an offset, or without a session. */
  private record Position(JsonNode video, long offset, boolean expired) {
    static Position at(long offset) {
      return new Position(null, offset, false);
    }

    static final Position EXPIRED = new Position(null, 0, true);
  }

  private JsonNode upload(PublishRequest request, MediaAsset video, MediaSource source, long total) {
    Checkpoint checkpoint = request.checkpoint();
    CredentialsRef account = request.account().credentials();
    String session = checkpoint.get(CP_SESSION).orElse(null);
    if (session != null && !String.valueOf(total).equals(checkpoint.get(CP_TOTAL).orElse(null))) {
      LOG.info("youtube: the video's size changed since the recorded session; starting a new session");
      session = null;
    }
    Position position;
    if (session != null) {
      LOG.debug("youtube: resuming a recorded upload session (checkpoint says {} of {} bytes)",
          checkpoint.get(CP_OFFSET).orElse("0"), total);
      position = statusQuery(account, session, total);
    } else {
      position = Position.EXPIRED;
    }
    int restarts = 0;
    int interruptions = 0;
    while (true) {
      if (position.video() != null) {
        return position.video();
      }
      if (position.expired()) {
        if (session != null) {
          if (++restarts > MAX_RESTARTS) {
            throw new PlatformUnavailableException(PLATFORM, 404, null,
                "the upload session expired " + restarts + " times; giving up for now");
          }
          LOG.info("youtube: the upload session expired; starting a new one");
        }
        session = startSession(request, video, total);
        checkpoint.put(CP_TOTAL, String.valueOf(total));
        checkpoint.put(CP_OFFSET, "0");
        checkpoint.put(CP_SESSION, session);
        position = Position.at(0);
        continue;
      }
      long offset = position.offset();
      checkpoint.put(CP_OFFSET, String.valueOf(offset));
      try {
        Position next = sendChunk(account, session, source, video.mimeType(), offset, total);
        if (next.expired() || next.video() != null || next.offset() > offset) {
          interruptions = 0;
        }
        position = next;
      } catch (PlatformUnavailableException | TransportException interrupted) {
        if (++interruptions > MAX_INTERRUPTIONS) {
          throw interrupted;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(interruptions - 1, 5));
        LOG.info("youtube: upload interrupted at byte {} of {} ({}); asking for the position in {}", offset, total,
            interrupted.getClass().getSimpleName(), backoff);
        sleep(backoff);
        position = statusQueryAfterInterruption(account, session, total, interruptions);
      }
    }
  }

  private Position statusQueryAfterInterruption(CredentialsRef account, String session, long total, int interruptions) {
    int attempt = interruptions;
    while (true) {
      try {
        return statusQuery(account, session, total);
      } catch (PlatformUnavailableException | TransportException interrupted) {
        if (++attempt > MAX_INTERRUPTIONS) {
          throw interrupted;
        }
        sleep(Duration.ofSeconds(1L << Math.min(attempt - 1, 5)));
      }
    }
  }

  private void sleep(Duration duration) {
    try {
      runtime.sleeper().sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new TransportException(PLATFORM, "interrupted while waiting to resume the upload", false, interrupted);
    }
  }

  /** {@code POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status}: the session URI. */
  private String startSession(PublishRequest request, MediaAsset video, long total) {
    quota.reserve("videos.insert", insertCost);
    ApiRequest.Builder call = ApiRequest.post(UPLOAD)
        .account(request.account().credentials())
        .query("uploadType", "resumable")
        .query("part", "snippet,status")
        .header("X-Upload-Content-Length", String.valueOf(total))
        .header("X-Upload-Content-Type", video.mimeType())
        // An unused session creates no video, so repeating the start after a lost answer is safe.
        .retrySafe(true)
        .rateLimitBucket("videos.insert")
        .jsonBody(YouTubeWire.JSON.writeValueAsString(metadata(request)));
    if ("false".equals(request.options().get(YouTubeOptions.NOTIFY_SUBSCRIBERS))) {
      call.query("notifySubscribers", "false");
    }
    ApiResponse response = http.execute(call.build());
    String location = response.header("Location").orElse(null);
    if (location == null || !(location.startsWith("https://") || location.startsWith("http://"))) {
      throw new TransportException(PLATFORM, response.status(), response.requestId().orElse(null),
          "YouTube opened no upload session (no Location header)", false, null);
    }
    return location;
  }

  /** The video resource sent when the session starts: snippet and status. */
  static ObjectNode metadata(PublishRequest request) {
    Snippet snippet = snippet(request);
    ObjectNode body = YouTubeWire.JSON.createObjectNode();
    ObjectNode s = body.putObject("snippet");
    s.put("title", snippet.title());
    s.put("description", snippet.description());
    List<String> tags = tags(request.options());
    if (!tags.isEmpty()) {
      ArrayNode array = s.putArray("tags");
      tags.forEach(array::add);
    }
    s.put("categoryId", request.options().getOrDefault(YouTubeOptions.CATEGORY_ID, YouTubeOptions.DEFAULT_CATEGORY_ID));
    ObjectNode status = body.putObject("status");
    if (request.publishAt() != null) {
      // YouTube takes publishAt only on a private video; it turns public at that instant.
      status.put("privacyStatus", "private");
      status.put("publishAt", request.publishAt().truncatedTo(ChronoUnit.SECONDS).toString());
    } else {
      status.put("privacyStatus", request.options().getOrDefault(YouTubeOptions.PRIVACY_STATUS, "public"));
    }
    status.put("selfDeclaredMadeForKids",
        Boolean.parseBoolean(request.options().getOrDefault(YouTubeOptions.MADE_FOR_KIDS, "false")));
    return body;
  }

  /** {@code PUT {session}} with bytes {@code offset..} and {@code Content-Range: bytes first-last/total}. */
  private Position sendChunk(CredentialsRef account, String session, MediaSource source, String mime, long offset,
      long total) {
    int length = (int) Math.min(chunkSize, total - offset);
    byte[] bytes = read(source, offset, length, total);
    ApiRequest put = ApiRequest.put(session)
        .account(account)
        .header("Content-Range", "bytes " + offset + "-" + (offset + length - 1) + "/" + total)
        // Part of a failed chunk may have been stored: ask the server where it stands rather than resend.
        .retrySafe(false)
        .rateLimitBucket("upload")
        .body(bytes, mime)
        .build();
    return answer(() -> http.execute(put), total);
  }

  /** {@code PUT {session}} with no body and {@code Content-Range: bytes *}{@code /total}: where the upload stands. */
  private Position statusQuery(CredentialsRef account, String session, long total) {
    ApiRequest put = ApiRequest.put(session)
        .account(account)
        .header("Content-Range", "bytes */" + total)
        .rateLimitBucket("upload")
        .build();
    return answer(() -> http.execute(put), total);
  }

  private Position answer(java.util.function.Supplier<ApiResponse> call, long total) {
    try {
      ApiResponse response = call.get();
      return new Position(response.json(), total, false);
    } catch (ResumeIncomplete incomplete) {
      long confirmed;
      try {
        confirmed = YouTubeWire.confirmedBytes(incomplete.range());
      } catch (IllegalArgumentException malformed) {
        throw new TransportException(PLATFORM, 308, incomplete.requestId().orElse(null),
            "YouTube answered the upload with a Range header the connector cannot read", false, malformed);
      }
      if (confirmed > total) {
        throw new TransportException(PLATFORM, 308, incomplete.requestId().orElse(null),
            "YouTube reports " + confirmed + " bytes received of a " + total + "-byte video", false, null);
      }
      LOG.debug("youtube: server holds {} of {} bytes", confirmed, total);
      return Position.at(confirmed);
    } catch (NotFoundException expired) {
      return Position.EXPIRED;
    }
  }

  private static byte[] read(MediaSource source, long offset, int length, long total) {
    try (InputStream in = source.open()) {
      in.skipNBytes(offset);
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw new InvalidValueException("media[0].source", source.toString(),
            "ended before byte " + (offset + length) + " of the declared " + total);
      }
      return bytes;
    } catch (java.io.EOFException ended) {
      throw new InvalidValueException("media[0].source", source.toString(),
          "ended before byte " + offset + " of the declared " + total);
    } catch (IOException failure) {
      throw new InvalidValueException("media[0].source", source.toString(),
          "cannot be read for upload: " + failure.getClass().getSimpleName());
    }
  }

  // -----------------------------------------------------------------------------------------
  // Delete, reconcile, reply

  @Override
  public void delete(SocialAccount account, String externalId) {
    declared.require(PLATFORM, Capability.DELETE);
    Checks.notBlank("externalId", externalId);
    quota.reserve("videos.delete", YouTubeQuota.WRITE_COST);
    http.execute(ApiRequest.delete(API + "/videos").query("id", externalId)
        .account(account.credentials()).rateLimitBucket("api").build());
  }

  /**
   * Looks for the video among the channel's uploads: {@code channels.list} for the uploads playlist
   * and one page of {@code playlistItems.list}, 2 units, instead of {@code search.list} at 100. A
   * video matches when its title and description are the request's and it was added no earlier than
   * five minutes before the attempt.
   */
  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    declared.require(PLATFORM, Capability.RECONCILE);
    Checks.required("attemptedAt", attemptedAt);
    CredentialsRef account = request.account().credentials();
    quota.reserve("channels.list", YouTubeQuota.LIST_COST);
    JsonNode channels = http.execute(ApiRequest.get(API + "/channels").account(account)
        .query("part", "contentDetails").query("mine", "true").rateLimitBucket("api").build()).json();
    String uploads = YouTubeWire.text(channels.path("items").path(0).path("contentDetails").path("relatedPlaylists"),
        "uploads");
    if (uploads == null) {
      return Optional.empty();
    }
    quota.reserve("playlistItems.list", YouTubeQuota.LIST_COST);
    JsonNode items = http.execute(ApiRequest.get(API + "/playlistItems").account(account)
        .query("part", "snippet").query("playlistId", uploads).query("maxResults", "50")
        .rateLimitBucket("api").build()).json().path("items");
    Snippet wanted = snippet(request);
    Instant oldest = attemptedAt.minus(RECONCILE_SLACK);
    for (JsonNode item : items) {
      JsonNode snippet = item.path("snippet");
      String videoId = YouTubeWire.text(snippet.path("resourceId"), "videoId");
      Instant added = YouTubeWire.instant(YouTubeWire.text(snippet, "publishedAt"));
      if (videoId == null || (added != null && added.isBefore(oldest))) {
        continue;
      }
      if (wanted.title().equals(nullToEmpty(YouTubeWire.text(snippet, "title")).strip())
          && wanted.description().strip().equals(nullToEmpty(YouTubeWire.text(snippet, "description")).strip())) {
        Instant at = request.publishAt() != null ? request.publishAt() : added == null ? attemptedAt : added;
        return Optional.of(PublishResult.of(videoId, watchUrl(videoId), at));
      }
    }
    return Optional.empty();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  @Override
  public PublishResult reply(ReplyRequest request) {
    declared.require(PLATFORM, Capability.REPLY);
    quota.reserve("comments.insert", YouTubeQuota.WRITE_COST);
    ObjectNode body = YouTubeWire.JSON.createObjectNode();
    ObjectNode snippet = body.putObject("snippet");
    snippet.put("parentId", request.parentExternalId());
    snippet.put("textOriginal", request.text());
    ApiResponse response = http.execute(ApiRequest.post(API + "/comments").account(request.account().credentials())
        .query("part", "snippet").rateLimitBucket("api")
        .jsonBody(YouTubeWire.JSON.writeValueAsString(body)).build());
    JsonNode comment = response.json();
    String id = YouTubeWire.text(comment, "id");
    if (id == null || id.isBlank()) {
      throw new TransportException(PLATFORM, response.status(), response.requestId().orElse(null),
          "YouTube accepted the reply but its answer carries no id", true, null);
    }
    Instant at = YouTubeWire.instant(YouTubeWire.text(comment.path("snippet"), "publishedAt"));
    return PublishResult.of(id, null, at == null ? clock.instant() : at);
  }

  // -----------------------------------------------------------------------------------------
  // Metrics and interactions

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    declared.require(PLATFORM, Capability.POST_METRICS);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(Checks.list("externalPostIds", externalPostIds)));
    List<MetricSnapshot> snapshots = new ArrayList<>();
    int batch = declared.metricsBatchSize();
    for (int from = 0; from < ids.size(); from += batch) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + batch));
      quota.reserve("videos.list", YouTubeQuota.LIST_COST);
      JsonNode items = http.execute(ApiRequest.get(API + "/videos").account(account.credentials())
          .query("part", "statistics").query("id", String.join(",", chunk)).rateLimitBucket("api").build())
          .json().path("items");
      Instant now = clock.instant();
      Set<String> wanted = Set.copyOf(chunk);
      Map<String, MetricSnapshot> found = new HashMap<>();
      for (JsonNode item : items) {
        String id = YouTubeWire.text(item, "id");
        if (id == null || !wanted.contains(id)) {
          continue;
        }
        JsonNode statistics = item.path("statistics");
        Map<Metric, Long> values = new LinkedHashMap<>();
        put(values, Metric.VIDEO_VIEWS, YouTubeWire.count(statistics, "viewCount"));
        put(values, Metric.LIKES, YouTubeWire.count(statistics, "likeCount"));
        put(values, Metric.COMMENTS, YouTubeWire.count(statistics, "commentCount"));
        // favoriteCount is deprecated and always "0": reporting it would be a zero that means nothing.
        found.put(id, new MetricSnapshot(PLATFORM, account.id(), id, now, values));
      }
      chunk.stream().map(found::get).filter(java.util.Objects::nonNull).forEach(snapshots::add);
    }
    return snapshots;
  }

  private static void put(Map<Metric, Long> values, Metric metric, OptionalLong value) {
    value.ifPresent(v -> values.put(metric, v));
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    declared.require(PLATFORM, Capability.ACCOUNT_METRICS);
    quota.reserve("channels.list", YouTubeQuota.LIST_COST);
    ApiResponse response = http.execute(ApiRequest.get(API + "/channels").account(account.credentials())
        .query("part", "statistics").query("mine", "true").rateLimitBucket("api").build());
    JsonNode channel = response.json().path("items").path(0);
    if (channel.isMissingNode()) {
      throw new NotFoundException(PLATFORM, response.status(), response.requestId().orElse(null),
          "the connected Google account has no YouTube channel");
    }
    JsonNode statistics = channel.path("statistics");
    Map<Metric, Long> values = new LinkedHashMap<>();
    if (!statistics.path("hiddenSubscriberCount").asBoolean(false)) {
      put(values, Metric.FOLLOWERS, YouTubeWire.count(statistics, "subscriberCount"));
    }
    put(values, Metric.VIDEO_VIEWS, YouTubeWire.count(statistics, "viewCount"));
    return new MetricSnapshot(PLATFORM, account.id(), null, clock.instant(), values);
  }

  /**
   * One page of {@code commentThreads.list} over every video of the channel ({@code
   * allThreadsRelatedToChannelId}, newest first): each thread's top-level comment is a COMMENT and
   * the replies YouTube includes with it are REPLYs. The cursor is YouTube's {@code pageToken}.
   */
  @Override
  public Page<Interaction> fetchInteractions(SocialAccount account, InteractionQuery query) {
    declared.requireFor(PLATFORM, query);
    Set<InteractionKind> kinds = query.kinds().isEmpty() ? declared.interactionKinds() : query.kinds();
    quota.reserve("commentThreads.list", YouTubeQuota.LIST_COST);
    ApiRequest.Builder call = ApiRequest.get(API + "/commentThreads").account(account.credentials())
        .query("part", "snippet,replies")
        .query("allThreadsRelatedToChannelId", account.externalId())
        .query("maxResults", String.valueOf(Math.min(query.pageSize(), COMMENT_PAGE_MAX)))
        .query("order", "time")
        .query("textFormat", "plainText")
        .rateLimitBucket("api");
    if (query.cursor() != null) {
      call.query("pageToken", query.cursor());
    }
    JsonNode page = http.execute(call.build()).json();
    List<Interaction> items = new ArrayList<>();
    boolean older = false;
    for (JsonNode thread : page.path("items")) {
      JsonNode snippet = thread.path("snippet");
      String videoId = YouTubeWire.text(snippet, "videoId");
      JsonNode top = snippet.path("topLevelComment");
      Instant topAt = YouTubeWire.instant(YouTubeWire.text(top.path("snippet"), "publishedAt"));
      boolean topIsOld = query.since() != null && topAt != null && !topAt.isAfter(query.since());
      older |= topIsOld;
      if (kinds.contains(InteractionKind.COMMENT) && !topIsOld) {
        interaction(account, top, InteractionKind.COMMENT, videoId, null).ifPresent(items::add);
      }
      if (kinds.contains(InteractionKind.REPLY)) {
        for (JsonNode reply : thread.path("replies").path("comments")) {
          String parent = YouTubeWire.text(reply.path("snippet"), "parentId");
          interaction(account, reply, InteractionKind.REPLY, videoId,
              parent == null ? YouTubeWire.text(top, "id") : parent)
              .filter(i -> query.since() == null || i.createdAt().isAfter(query.since()))
              .ifPresent(items::add);
        }
      }
    }
    String next = older ? null : YouTubeWire.text(page, "nextPageToken");
    if (next != null && next.equals(query.cursor())) {
      next = null; // a server that repeats its cursor would page forever
    }
    return new Page<>(items, next);
  }

  private Optional<Interaction> interaction(SocialAccount account, JsonNode comment, InteractionKind kind,
      String videoId, String parent) {
    String id = YouTubeWire.text(comment, "id");
    JsonNode snippet = comment.path("snippet");
    String authorName = YouTubeWire.text(snippet, "authorDisplayName");
    String authorId = YouTubeWire.text(snippet.path("authorChannelId"), "value");
    Instant at = YouTubeWire.instant(YouTubeWire.text(snippet, "publishedAt"));
    if (id == null || id.isBlank() || at == null || authorId == null || authorId.isBlank()) {
      return Optional.empty();
    }
    String handle = authorName == null || authorName.isBlank() ? authorId : authorName;
    String text = YouTubeWire.text(snippet, "textOriginal");
    if (text == null) {
      text = nullToEmpty(YouTubeWire.text(snippet, "textDisplay"));
    }
    String video = videoId != null ? videoId : YouTubeWire.text(snippet, "videoId");
    URI url = video == null ? null : URI.create(watchUrl(video) + "&lc=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    return Optional.of(new Interaction(PLATFORM, account.id(), id, kind, video, parent, authorId, handle,
        authorName, text, at, url));
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "YouTubeConnector[" + http.baseUrl() + ", " + quota + "]";
  }
}
