package dev.chorus.connector.tiktok.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.AuthenticationExpiredException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.PermissionDeniedException;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.Sleeper;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.SeededCredentials;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.tiktok.TikTokConnectorProvider;
import dev.chorus.connector.tiktok.TikTokOAuth;
import dev.chorus.connector.tiktok.TikTokOptions;
import dev.chorus.media.MediaSource;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TikTok connector. A publish queries the creator's settings, initialises a Direct Post (video by
 * FILE_UPLOAD or PULL_FROM_URL, or photos by PULL_FROM_URL), uploads the video's chunks in order,
 * and polls the publish status until PUBLISH_COMPLETE or FAILED. Every step is recorded in the
 * request's {@link Checkpoint}, so a retry resumes at the first chunk not yet uploaded, or polls the
 * same {@code publish_id} again, instead of initialising a second post. Thread-safe: it keeps no
 * state between calls beyond the runtime's.
 */
public final class TikTokConnector implements Connector {

  private static final Logger LOG = LoggerFactory.getLogger(TikTokConnector.class);
  private static final Platform PLATFORM = Platform.TIKTOK;
  private static final String JSON = "application/json; charset=UTF-8";

  /** The {@code publish_id} of the current attempt. */
  public static final String CP_PUBLISH_ID = "tiktok.publishId";
  /** How the current attempt sends its media: {@code FILE_UPLOAD}, {@code PULL_FROM_URL} or {@code PHOTO}. */
  public static final String CP_SOURCE = "tiktok.source";
  /** The {@code upload_url} of a FILE_UPLOAD attempt. */
  public static final String CP_UPLOAD_URL = "tiktok.uploadUrl";
  /** The video size sent at init. */
  public static final String CP_VIDEO_SIZE = "tiktok.videoSize";
  /** The chunk size sent at init. */
  public static final String CP_CHUNK_SIZE = "tiktok.chunkSize";
  /** The chunk count sent at init. */
  public static final String CP_CHUNK_COUNT = "tiktok.chunkCount";
  /** How many chunks TikTok has acknowledged, in order. */
  public static final String CP_CHUNKS_UPLOADED = "tiktok.chunksUploaded";
  /** A {@code publish_id} TikTok reported FAILED; the next attempt initialises anew. */
  public static final String CP_FAILED_PUBLISH_ID = "tiktok.failedPublishId";
  /** The post id once the publish completed. */
  public static final String CP_POST_ID = "tiktok.postId";
  /** When the publish completed. */
  public static final String CP_PUBLISHED_AT = "tiktok.publishedAt";
  /** The creator's username, for the post's URL. */
  public static final String CP_USERNAME = "tiktok.username";

  static final String FILE_UPLOAD = "FILE_UPLOAD";
  static final String PULL_FROM_URL = "PULL_FROM_URL";
  static final String PHOTO = "PHOTO";

  /** How many pages of the video list reconcile reads at most. */
  static final int RECONCILE_PAGES = 3;

  /** The Display API's video title is at most this long; longer captions are compared by prefix. */
  static final int LISTED_TITLE_MAX = 150;

  private final Capabilities capabilities;
  private final TikTokSettings settings;
  private final PlatformHttp http;
  private final MediaReader opener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RuntimeLease lease;

  private TikTokConnector(Capabilities capabilities, TikTokSettings settings, PlatformHttp http, MediaReader opener,
      RuntimeLease lease) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.http = http;
    this.opener = opener;
    this.clock = lease.runtime().clock();
    this.sleeper = lease.runtime().sleeper();
    this.lease = lease;
  }

  /** Wires a connector from the context's extensions (runtime, credentials or token store, media opener). */
  public static TikTokConnector create(Capabilities capabilities, TikTokSettings settings, ConnectorContext context) {
    RuntimeLease lease = RuntimeLease.from(context);
    HttpRuntime runtime = lease.runtime();
    CredentialSource credentials = context.extension(CredentialSource.class).orElseGet(() -> {
      TokenStore store = context.extension(TokenStore.class).orElseGet(InMemoryTokenStore::new);
      ManagedCredentials.Builder managed = ManagedCredentials.builder()
          .platform(PLATFORM).store(store).clock(runtime.clock());
      if (settings.canRefresh()) {
        managed.refresher(new TikTokOAuth(runtime, settings.baseUrl(), settings.clientKey(), settings.clientSecret()));
      }
      ManagedCredentials built = managed.build();
      return settings.seedAccessToken()
          .<CredentialSource>map(seed -> new SeededCredentials(built, store, seed,
              Optional.ofNullable(settings.refreshToken())))
          .orElse(built);
    });
    PlatformHttp http = runtime.platform(PLATFORM)
        .baseUrl(settings.baseUrl())
        .rateLimits(TikTokErrors.rateLimits())
        .errors(TikTokErrors.INSTANCE)
        .credentials(credentials)
        .build();
    MediaReader opener = MediaReader.from(context);
    return new TikTokConnector(capabilities, settings, http, opener, lease);
  }

  @Override
  public Platform platform() {
    return PLATFORM;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    ValidationResult base = LimitChecks.check(PLATFORM, capabilities, request);
    List<Violation> kept = new ArrayList<>(base.violations());
    List<Violation> more = new ArrayList<>();
    List<MediaAsset> media = request.media();
    long videos = media.stream().filter(m -> m.kind() == MediaKind.VIDEO).count();
    long images = media.stream().filter(m -> m.kind() == MediaKind.IMAGE).count();
    boolean photoPost = videos == 0 && images > 0;
    Map<String, String> options = request.options();
    if (media.isEmpty()) {
      more.add(new Violation("media", "media.required", "1 video or 1-" + TikTokConnectorProvider.MAX_PHOTOS
          + " photos", "0", "a TikTok post needs one video or photos; text alone cannot be posted"));
    }
    if (videos > 0 && images > 0) {
      more.add(new Violation("media", "media.mixed", "one video or photos", videos + " videos, " + images + " images",
          "a TikTok post carries one video or photos, not both"));
    }
    if (request.format() == PostFormat.CAROUSEL && videos > 0) {
      more.add(new Violation("format", "format.media", "photos", "video",
          "a TikTok CAROUSEL is a photo post; post the video with the VIDEO or FEED format"));
    }
    if (request.format() == PostFormat.VIDEO && videos == 0 && !media.isEmpty()) {
      more.add(new Violation("format", "format.media", "one video", images + " images",
          "the VIDEO format needs a video; post photos with the CAROUSEL or FEED format"));
    }
    for (String key : options.keySet()) {
      if (!TikTokOptions.ALL.contains(key)) {
        more.add(new Violation("options." + key, "options.unknown", TikTokOptions.ALL.toString(), key,
            "TikTok has no option " + key + "; known options are " + TikTokOptions.ALL));
      }
    }
    String privacy = options.get(TikTokOptions.PRIVACY_LEVEL);
    if (privacy != null && !TikTokSettings.PRIVACY_LEVELS.contains(privacy)) {
      more.add(new Violation("options." + TikTokOptions.PRIVACY_LEVEL, "options.value",
          TikTokSettings.PRIVACY_LEVELS.toString(), privacy, "privacyLevel must be one of "
              + TikTokSettings.PRIVACY_LEVELS));
    }
    for (String key : List.of(TikTokOptions.DISABLE_COMMENT, TikTokOptions.DISABLE_DUET, TikTokOptions.DISABLE_STITCH,
        TikTokOptions.BRAND_CONTENT, TikTokOptions.BRAND_ORGANIC, TikTokOptions.AIGC, TikTokOptions.AUTO_ADD_MUSIC)) {
      String value = options.get(key);
      if (value != null && !value.equals("true") && !value.equals("false")) {
        more.add(new Violation("options." + key, "options.value", "true or false", value, key + " must be true or false"));
      }
    }
    String cover = options.get(TikTokOptions.VIDEO_COVER_TIMESTAMP_MS);
    if (cover != null && parseLong(cover) < 0) {
      more.add(new Violation("options." + TikTokOptions.VIDEO_COVER_TIMESTAMP_MS, "options.value",
          ">= 0 (milliseconds)", cover, "videoCoverTimestampMs must be a non-negative number of milliseconds"));
    }
    if (photoPost) {
      // A photo post's text is its description, which TikTok allows up to 4,000 units (a request in
      // the VIDEO format is held to the video caption's limit; it is reported as mis-formatted too).
      if (request.format() != PostFormat.VIDEO) {
        kept.removeIf(v -> v.field().equals("text") && v.rule().equals("text.length"));
      }
      int length = request.text().length();
      if (request.format() != PostFormat.VIDEO && length > TikTokConnectorProvider.MAX_PHOTO_DESCRIPTION) {
        more.add(new Violation("text", "text.length", "<= " + TikTokConnectorProvider.MAX_PHOTO_DESCRIPTION,
            String.valueOf(length), "text is " + length + " UTF-16 units, a TikTok photo description allows "
                + TikTokConnectorProvider.MAX_PHOTO_DESCRIPTION));
      }
      String title = options.get(TikTokOptions.PHOTO_TITLE);
      if (title != null && title.length() > TikTokConnectorProvider.MAX_PHOTO_TITLE) {
        more.add(new Violation("options." + TikTokOptions.PHOTO_TITLE, "text.length",
            "<= " + TikTokConnectorProvider.MAX_PHOTO_TITLE, String.valueOf(title.length()),
            "photoTitle is " + title.length() + " UTF-16 units, TikTok allows " + TikTokConnectorProvider.MAX_PHOTO_TITLE));
      }
      for (int i = 0; i < media.size(); i++) {
        if (!isHttp(media.get(i).source())) {
          more.add(new Violation("media[" + i + "].source", "media.source", "https URL", schemeOf(media.get(i).source()),
              "TikTok pulls photos from a verified https URL (PULL_FROM_URL only); upload the file somewhere first"));
        }
      }
      String index = options.get(TikTokOptions.PHOTO_COVER_INDEX);
      if (index != null && (parseLong(index) < 0 || parseLong(index) >= media.size())) {
        more.add(new Violation("options." + TikTokOptions.PHOTO_COVER_INDEX, "options.value",
            "0.." + (media.size() - 1), index, "photoCoverIndex must name one of the " + media.size() + " photos"));
      }
    } else if (videos == 1) {
      String source = options.get(TikTokOptions.SOURCE);
      if (source != null && !source.equals(FILE_UPLOAD) && !source.equals(PULL_FROM_URL)) {
        more.add(new Violation("options." + TikTokOptions.SOURCE, "options.value", FILE_UPLOAD + " or " + PULL_FROM_URL,
            source, "source must be FILE_UPLOAD or PULL_FROM_URL"));
      } else if (PULL_FROM_URL.equals(videoSource(request)) && !isHttp(videoOf(request).source())) {
        more.add(new Violation("media[0].source", "media.source", "https URL", schemeOf(videoOf(request).source()),
            "PULL_FROM_URL needs an https URL on a domain verified for the app"));
      }
    }
    kept.addAll(more);
    return new ValidationResult(PLATFORM, kept);
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException bad) {
      return -1;
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = schemeOf(uri);
    return scheme.equals("https") || scheme.equals("http");
  }

  private static String schemeOf(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static MediaAsset videoOf(PublishRequest request) {
    return request.media().stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst().orElseThrow();
  }

  private static String videoSource(PublishRequest request) {
    String explicit = request.options().get(TikTokOptions.SOURCE);
    if (explicit != null) {
      return explicit;
    }
    return isHttp(videoOf(request).source()) ? PULL_FROM_URL : FILE_UPLOAD;
  }

  private static boolean photoPost(PublishRequest request) {
    return request.media().stream().noneMatch(m -> m.kind() == MediaKind.VIDEO);
  }

  // ---------------------------------------------------------------------------------------------
  // Publish

  @Override
  public PublishResult publish(PublishRequest request) {
    capabilities.requireFor(PLATFORM, request);
    validate(request).orThrow();
    Checkpoint checkpoint = request.checkpoint();
    Optional<PublishResult> done = recorded(checkpoint);
    if (done.isPresent()) {
      return done.get();
    }
    String publishId = activePublishId(checkpoint).orElse(null);
    if (publishId == null) {
      publishId = initialise(request);
    } else {
      LOG.info("{} resuming publish {} from the checkpoint", PLATFORM, publishId);
    }
    if (FILE_UPLOAD.equals(checkpoint.get(CP_SOURCE).orElse(""))) {
      uploadRemainingChunks(request, checkpoint);
    }
    return awaitPublished(request.account(), checkpoint, publishId);
  }

  private static Optional<PublishResult> recorded(Checkpoint checkpoint) {
    Optional<String> postId = checkpoint.get(CP_POST_ID);
    if (postId.isEmpty()) {
      return Optional.empty();
    }
    Instant at = checkpoint.get(CP_PUBLISHED_AT).map(Instant::parse).orElseThrow();
    return Optional.of(PublishResult.of(postId.get(), url(checkpoint, postId.get()), at));
  }

  private static Optional<String> activePublishId(Checkpoint checkpoint) {
    Optional<String> id = checkpoint.get(CP_PUBLISH_ID);
    if (id.isPresent() && id.equals(checkpoint.get(CP_FAILED_PUBLISH_ID))) {
      return Optional.empty();
    }
    return id;
  }

  /** Queries the creator, sends the init call and records the new publish id and upload plan. */
  private String initialise(PublishRequest request) {
    SocialAccount account = request.account();
    Checkpoint checkpoint = request.checkpoint();
    CreatorInfo creator = creatorInfo(account);
    boolean photo = photoPost(request);
    ObjectNode postInfo = postInfo(request, creator, photo);
    ObjectNode body = TikTokJson.object();
    String path;
    String source;
    ChunkPlan plan = null;
    if (photo) {
      path = "/v2/post/publish/content/init/";
      source = PHOTO;
      body.put("media_type", "PHOTO");
      body.put("post_mode", "DIRECT_POST");
      body.set("post_info", postInfo);
      ObjectNode sourceInfo = body.putObject("source_info");
      sourceInfo.put("source", PULL_FROM_URL);
      sourceInfo.put("photo_cover_index", (int) Math.max(0,
          parseLong(request.options().getOrDefault(TikTokOptions.PHOTO_COVER_INDEX, "0"))));
      ArrayNode images = sourceInfo.putArray("photo_images");
      request.media().forEach(m -> images.add(m.source().toString()));
    } else {
      path = "/v2/post/publish/video/init/";
      MediaAsset video = videoOf(request);
      checkDuration(video, creator);
      source = videoSource(request);
      body.set("post_info", postInfo);
      ObjectNode sourceInfo = body.putObject("source_info");
      sourceInfo.put("source", source);
      if (source.equals(PULL_FROM_URL)) {
        sourceInfo.put("video_url", video.source().toString());
      } else {
        plan = ChunkPlan.of(videoSize(video), settings.chunkBytes());
        sourceInfo.put("video_size", plan.videoSize());
        sourceInfo.put("chunk_size", plan.chunkSize());
        sourceInfo.put("total_chunk_count", plan.chunkCount());
      }
    }
    JsonNode data = call(ApiRequest.post(path)
        .account(account.credentials())
        .body(TikTokJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
        .rateLimitBucket("post-init")
        .build());
    String publishId = TikTokJson.text(data, "publish_id");
    if (publishId == null) {
      throw new PlatformUnavailableException(PLATFORM, 200, null, "the init answer carries no publish_id");
    }
    if (creator.username() != null) {
      checkpoint.put(CP_USERNAME, creator.username());
    }
    checkpoint.put(CP_SOURCE, source);
    if (plan != null) {
      String uploadUrl = TikTokJson.text(data, "upload_url");
      if (uploadUrl == null) {
        throw new PlatformUnavailableException(PLATFORM, 200, null,
            "the FILE_UPLOAD init answer carries no upload_url (publish " + publishId + ")");
      }
      checkpoint.put(CP_UPLOAD_URL, uploadUrl);
      checkpoint.put(CP_VIDEO_SIZE, String.valueOf(plan.videoSize()));
      checkpoint.put(CP_CHUNK_SIZE, String.valueOf(plan.chunkSize()));
      checkpoint.put(CP_CHUNK_COUNT, String.valueOf(plan.chunkCount()));
      checkpoint.put(CP_CHUNKS_UPLOADED, "0");
    }
    // Recorded last: a publish id in the checkpoint means everything the resume needs is there too.
    checkpoint.put(CP_PUBLISH_ID, publishId);
    LOG.info("{} initialised {} publish {} for {}", PLATFORM, source, publishId, account.id());
    return publishId;
  }

  private ObjectNode postInfo(PublishRequest request, CreatorInfo creator, boolean photo) {
    Map<String, String> options = request.options();
    ObjectNode info = TikTokJson.object();
    if (photo) {
      String title = options.get(TikTokOptions.PHOTO_TITLE);
      if (title != null) {
        info.put("title", title);
      }
      info.put("description", request.text());
    } else {
      info.put("title", request.text());
    }
    info.put("privacy_level", privacyLevel(options.get(TikTokOptions.PRIVACY_LEVEL), creator));
    info.put("disable_comment", disabled(options, TikTokOptions.DISABLE_COMMENT, creator.commentDisabled(), "comments"));
    if (photo) {
      info.put("auto_add_music", !"false".equals(options.get(TikTokOptions.AUTO_ADD_MUSIC)));
    } else {
      info.put("disable_duet", disabled(options, TikTokOptions.DISABLE_DUET, creator.duetDisabled(), "duets"));
      info.put("disable_stitch", disabled(options, TikTokOptions.DISABLE_STITCH, creator.stitchDisabled(), "stitches"));
      String cover = options.get(TikTokOptions.VIDEO_COVER_TIMESTAMP_MS);
      if (cover != null) {
        info.put("video_cover_timestamp_ms", parseLong(cover));
      }
      info.put("is_aigc", "true".equals(options.get(TikTokOptions.AIGC)));
    }
    info.put("brand_content_toggle", "true".equals(options.get(TikTokOptions.BRAND_CONTENT)));
    info.put("brand_organic_toggle", "true".equals(options.get(TikTokOptions.BRAND_ORGANIC)));
    return info;
  }

  /**
   * The requested level when the creator offers it; else the configured default lowered to the most
   * open level the creator offers, never a more open one.
   */
  private String privacyLevel(String requested, CreatorInfo creator) {
    List<String> offered = creator.privacyLevelOptions();
    if (requested != null) {
      if (!offered.contains(requested)) {
        throw new InvalidValueException("options." + TikTokOptions.PRIVACY_LEVEL, requested,
            "is not offered to this creator now; TikTok offers " + offered);
      }
      return requested;
    }
    List<String> levels = TikTokSettings.PRIVACY_LEVELS;
    for (int i = levels.indexOf(settings.privacyLevel()); i < levels.size(); i++) {
      if (offered.contains(levels.get(i))) {
        return levels.get(i);
      }
    }
    throw new InvalidValueException(TikTokSettings.PRIVACY_LEVEL, settings.privacyLevel(),
        "neither it nor a more private level is offered to this creator; TikTok offers " + offered);
  }

  private static boolean disabled(Map<String, String> options, String key, boolean creatorDisabled, String what) {
    String requested = options.get(key);
    if (creatorDisabled) {
      if ("false".equals(requested)) {
        throw new InvalidValueException("options." + key, requested,
            "cannot be false: the creator has " + what + " turned off in their TikTok settings");
      }
      return true;
    }
    return "true".equals(requested);
  }

  private static void checkDuration(MediaAsset video, CreatorInfo creator) {
    Duration max = creator.maxVideoDuration();
    if (max != null && video.duration() != null && video.duration().compareTo(max) > 0) {
      throw new InvalidValueException("media[0].duration", video.duration(),
          "is longer than the " + max.toSeconds() + " s this creator may post (max_video_post_duration_sec)");
    }
  }

  private long videoSize(MediaAsset video) {
    OptionalLong length = opener.open(video).length();
    if (length.isPresent()) {
      return length.getAsLong();
    }
    if (video.byteSize() != null) {
      return video.byteSize();
    }
    throw new InvalidValueException("media[0].byteSize", null,
        "is unknown; FILE_UPLOAD must declare the video size before sending it");
  }

  private CreatorInfo creatorInfo(SocialAccount account) {
    JsonNode data = call(ApiRequest.post("/v2/post/publish/creator_info/query/")
        .account(account.credentials())
        .body(new byte[0], JSON)
        .retrySafe(true)
        .rateLimitBucket("creator-info")
        .build());
    CreatorInfo info = CreatorInfo.from(data);
    if (info.privacyLevelOptions().isEmpty()) {
      // TikTok always lists at least one level; without any, the answer is damaged, not the request.
      throw new PlatformUnavailableException(PLATFORM, 200, null, "the creator_info answer carries no privacy_level_options");
    }
    return info;
  }

  /** PUTs every chunk not yet acknowledged, in order, recording each one as TikTok accepts it. */
  private void uploadRemainingChunks(PublishRequest request, Checkpoint checkpoint) {
    ChunkPlan plan = new ChunkPlan(
        Long.parseLong(checkpoint.get(CP_VIDEO_SIZE).orElseThrow()),
        Long.parseLong(checkpoint.get(CP_CHUNK_SIZE).orElseThrow()),
        Integer.parseInt(checkpoint.get(CP_CHUNK_COUNT).orElseThrow()));
    int uploaded = Integer.parseInt(checkpoint.get(CP_CHUNKS_UPLOADED).orElse("0"));
    if (uploaded >= plan.chunkCount()) {
      return;
    }
    String uploadUrl = checkpoint.get(CP_UPLOAD_URL).orElseThrow();
    MediaAsset video = videoOf(request);
    MediaSource source = opener.open(video);
    try (InputStream in = source.open()) {
      in.skipNBytes(plan.first(uploaded));
      for (int i = uploaded; i < plan.chunkCount(); i++) {
        byte[] chunk = in.readNBytes((int) plan.length(i));
        if (chunk.length != plan.length(i)) {
          throw new InvalidValueException("media[0]", chunk.length,
              "the video ended early: chunk " + (i + 1) + " needs " + plan.length(i) + " bytes");
        }
        http.execute(ApiRequest.put(uploadUrl)
            .header("Content-Range", plan.contentRange(i))
            .body(chunk, video.mimeType())
            .rateLimitBucket("upload")
            .build());
        checkpoint.put(CP_CHUNKS_UPLOADED, String.valueOf(i + 1));
        LOG.debug("{} uploaded chunk {}/{} of publish {}", PLATFORM, i + 1, plan.chunkCount(),
            checkpoint.get(CP_PUBLISH_ID).orElse("-"));
      }
    } catch (IOException unreadable) {
      throw new TransportException(PLATFORM, "reading the video for upload failed: "
          + unreadable.getClass().getSimpleName() + "; nothing more was sent", false, unreadable);
    }
  }

  /** Polls the status of the publish until it completes, fails or the status timeout passes. */
  private PublishResult awaitPublished(SocialAccount account, Checkpoint checkpoint, String publishId) {
    Instant deadline = clock.instant().plus(settings.statusTimeout());
    while (true) {
      JsonNode data = fetchStatus(account, publishId);
      String status = TikTokJson.text(data, "status");
      if ("PUBLISH_COMPLETE".equals(status) || "SEND_TO_USER_INBOX".equals(status)) {
        return complete(checkpoint, publishId, data);
      }
      if ("FAILED".equals(status)) {
        checkpoint.put(CP_FAILED_PUBLISH_ID, publishId);
        throw failed(publishId, TikTokJson.text(data, "fail_reason"));
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new TransportException(PLATFORM, "publish " + publishId + " is still " + status + " after "
            + settings.statusTimeout() + "; it may yet appear: publish again to resume polling, or reconcile", true,
            null);
      }
      try {
        sleeper.sleep(settings.pollInterval());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new TransportException(PLATFORM, "interrupted while waiting for publish " + publishId
            + "; publish again to resume polling", true, interrupted);
      }
    }
  }

  private JsonNode fetchStatus(SocialAccount account, String publishId) {
    ObjectNode body = TikTokJson.object().put("publish_id", publishId);
    return call(ApiRequest.post("/v2/post/publish/status/fetch/")
        .account(account.credentials())
        .body(TikTokJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
        .retrySafe(true)
        .rateLimitBucket("status-fetch")
        .build());
  }

  private PublishResult complete(Checkpoint checkpoint, String publishId, JsonNode data) {
    String postId = null;
    for (JsonNode id : data.path("publicaly_available_post_id")) {
      postId = TikTokJson.text(id);
      if (postId != null) {
        break;
      }
    }
    // Private posts (and posts still in moderation) may never get a public id; keep the publish id.
    String externalId = postId != null ? postId : publishId;
    Instant at = clock.instant();
    checkpoint.put(CP_PUBLISHED_AT, at.toString());
    checkpoint.put(CP_POST_ID, externalId);
    LOG.info("{} publish {} complete as {}", PLATFORM, publishId, externalId);
    return PublishResult.of(externalId, postId == null ? null : url(checkpoint, postId), at);
  }

  private static URI url(Checkpoint checkpoint, String postId) {
    Optional<String> username = checkpoint.get(CP_USERNAME);
    if (username.isEmpty() || !postId.chars().allMatch(Character::isDigit)) {
      return null;
    }
    String kind = PHOTO.equals(checkpoint.get(CP_SOURCE).orElse("")) ? "photo" : "video";
    return URI.create("https://www.tiktok.com/@" + username.get() + "/" + kind + "/" + postId);
  }

  private ConnectorException failed(String publishId, String reason) {
    String why = reason == null ? "no fail_reason given" : reason;
    String message = "publish " + publishId + " FAILED: " + why;
    if (TikTokErrors.dailyCap(why)) {
      return new RateLimitedException(PLATFORM, 200, null, TikTokErrors.dailyCapLiftsAt(clock.instant()),
          "daily posting cap reached, not retrying before the next day: " + message);
    }
    if (TikTokErrors.DENIED_CODES.contains(why)) {
      return new PermissionDeniedException(PLATFORM, 200, null, message);
    }
    if (why.equals("auth_removed")) {
      return new AuthenticationExpiredException(PLATFORM, 200, null, message + "; reconnect the account");
    }
    if (why.equals("internal")) {
      return new PlatformUnavailableException(PLATFORM, 200, null, message);
    }
    return new ContentRejectedException(PLATFORM, 200, null, message);
  }

  // ---------------------------------------------------------------------------------------------
  // Reconcile

  /**
   * Asks TikTok about the attempt: by the checkpoint's {@code publish_id} through the status fetch
   * (polling while it is still processing); when there is none, or TikTok no longer knows it, in the
   * creator's newest videos for one created since {@code attemptedAt} minus the skew whose title is
   * the caption.
   */
  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(PLATFORM, Capability.RECONCILE);
    Checkpoint checkpoint = request.checkpoint();
    Optional<String> publishId = activePublishId(checkpoint);
    if (publishId.isPresent()) {
      try {
        return Optional.of(awaitPublished(request.account(), checkpoint, publishId.get()));
      } catch (NotFoundException unknown) {
        LOG.info("{} does not know publish {}; looking in the video list", PLATFORM, publishId.get());
      } catch (ConnectorException failed) {
        if (checkpoint.get(CP_FAILED_PUBLISH_ID).equals(publishId)) {
          return Optional.empty(); // TikTok reported the attempt FAILED: there is no post.
        }
        throw failed;
      }
    } else if (checkpoint.get(CP_FAILED_PUBLISH_ID).isPresent() && checkpoint.get(CP_PUBLISH_ID).isPresent()) {
      return Optional.empty();
    }
    return findInVideoList(request, attemptedAt);
  }

  private Optional<PublishResult> findInVideoList(PublishRequest request, Instant attemptedAt) {
    String caption = normalise(request.text());
    if (caption.isEmpty()) {
      return Optional.empty(); // nothing to recognise the post by
    }
    long since = attemptedAt.minus(settings.reconcileSkew()).getEpochSecond();
    Long cursor = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      ObjectNode body = TikTokJson.object().put("max_count", 20);
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      JsonNode data = call(ApiRequest.post("/v2/video/list/")
          .query("fields", "id,title,video_description,create_time,share_url")
          .account(request.account().credentials())
          .body(TikTokJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
          .retrySafe(true)
          .rateLimitBucket("video-list")
          .build());
      boolean older = false;
      for (JsonNode video : data.path("videos")) {
        long created = video.path("create_time").asLong(0);
        if (created < since) {
          older = true;
          continue;
        }
        if (matches(caption, TikTokJson.text(video, "title")) || matches(caption, TikTokJson.text(video, "video_description"))) {
          String id = TikTokJson.text(video, "id");
          if (id != null) {
            String shareUrl = TikTokJson.text(video, "share_url");
            Instant at = Instant.ofEpochSecond(created);
            request.checkpoint().put(CP_PUBLISHED_AT, at.toString());
            request.checkpoint().put(CP_POST_ID, id);
            return Optional.of(PublishResult.of(id, shareUrl == null ? null : URI.create(shareUrl), at));
          }
        }
      }
      JsonNode next = data.path("cursor");
      if (older || !data.path("has_more").asBoolean(false) || !next.isIntegralNumber()) {
        break;
      }
      cursor = next.asLong();
    }
    return Optional.empty();
  }

  private static boolean matches(String caption, String listed) {
    if (listed == null) {
      return false;
    }
    String text = normalise(listed);
    if (text.isEmpty()) {
      return false;
    }
    // The Display API cuts titles at 150 characters; a longer caption matches by its beginning.
    return text.equals(caption) || (text.length() >= LISTED_TITLE_MAX - 3 && caption.startsWith(text));
  }

  private static String normalise(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics

  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    capabilities.require(PLATFORM, Capability.POST_METRICS);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(externalPostIds));
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || ids.get(i).isBlank()) {
        throw new InvalidValueException("externalPostIds[" + i + "]", ids.get(i), "must not be blank");
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    int batch = capabilities.metricsBatchSize();
    for (int from = 0; from < ids.size(); from += batch) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + batch));
      ObjectNode body = TikTokJson.object();
      ArrayNode videoIds = body.putObject("filters").putArray("video_ids");
      chunk.forEach(videoIds::add);
      JsonNode data = call(ApiRequest.post("/v2/video/query/")
          .query("fields", "id,like_count,comment_count,share_count,view_count")
          .account(account.credentials())
          .body(TikTokJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
          .retrySafe(true)
          .rateLimitBucket("video-query")
          .build());
      Set<String> asked = Set.copyOf(chunk);
      Instant now = clock.instant();
      for (JsonNode video : data.path("videos")) {
        String id = TikTokJson.text(video, "id");
        if (id == null || !asked.contains(id)) {
          continue;
        }
        Map<Metric, Long> values = new LinkedHashMap<>();
        put(values, Metric.LIKES, TikTokJson.counter(video, "like_count"));
        put(values, Metric.COMMENTS, TikTokJson.counter(video, "comment_count"));
        put(values, Metric.SHARES, TikTokJson.counter(video, "share_count"));
        put(values, Metric.VIDEO_VIEWS, TikTokJson.counter(video, "view_count"));
        snapshots.add(new MetricSnapshot(PLATFORM, account.id(), id, now, values));
      }
    }
    return snapshots;
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(PLATFORM, Capability.ACCOUNT_METRICS);
    JsonNode data = call(ApiRequest.get("/v2/user/info/")
        .query("fields", "open_id,follower_count,following_count,likes_count,video_count")
        .account(account.credentials())
        .rateLimitBucket("user-info")
        .build());
    JsonNode user = data.path("user");
    Map<Metric, Long> values = new LinkedHashMap<>();
    put(values, Metric.FOLLOWERS, TikTokJson.counter(user, "follower_count"));
    put(values, Metric.FOLLOWING, TikTokJson.counter(user, "following_count"));
    put(values, TikTokOptions.TOTAL_LIKES, TikTokJson.counter(user, "likes_count"));
    put(values, TikTokOptions.VIDEOS, TikTokJson.counter(user, "video_count"));
    return new MetricSnapshot(PLATFORM, account.id(), null, clock.instant(), values);
  }

  private static void put(Map<Metric, Long> values, Metric metric, OptionalLong value) {
    value.ifPresent(v -> values.put(metric, v));
  }

  // ---------------------------------------------------------------------------------------------

  /** Executes the call and returns the envelope's {@code data}, failing when {@code error.code} is not "ok". */
  private JsonNode call(ApiRequest request) {
    ApiResponse response = http.execute(request);
    Optional<ConnectorException> failure = TikTokErrors.INSTANCE.failureOf(PLATFORM, response);
    if (failure.isPresent()) {
      throw failure.get();
    }
    return response.json().path("data");
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "TikTokConnector[" + http + ", " + settings + "]";
  }
}
