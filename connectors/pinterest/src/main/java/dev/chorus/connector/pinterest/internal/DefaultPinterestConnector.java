package dev.chorus.connector.pinterest.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Checkpoint;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ContentRejectedException;
import dev.chorus.connector.LimitChecks;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.PlatformUnavailableException;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.TransportException;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.CredentialSource;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.http.MediaReader;
import dev.chorus.connector.http.MultipartForm;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.connector.http.RuntimeLease;
import dev.chorus.connector.http.Sleeper;
import dev.chorus.connector.http.oauth.InMemoryTokenStore;
import dev.chorus.connector.http.oauth.ManagedCredentials;
import dev.chorus.connector.http.oauth.SeededCredentials;
import dev.chorus.connector.http.oauth.TokenStore;
import dev.chorus.connector.pinterest.Board;
import dev.chorus.connector.pinterest.BoardPrivacy;
import dev.chorus.connector.pinterest.PinAnalytics;
import dev.chorus.connector.pinterest.PinterestConnector;
import dev.chorus.connector.pinterest.PinterestConnectorProvider;
import dev.chorus.connector.pinterest.PinterestOAuth;
import dev.chorus.connector.pinterest.PinterestOptions;
import dev.chorus.model.MediaAsset;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.CountingRule;
import dev.chorus.text.TextRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Pinterest connector. An image pin is one {@code POST /v5/pins}; a video pin registers the
 * upload ({@code POST /v5/media}), sends the file to the returned upload URL as a multipart form with
 * every returned upload parameter, polls {@code GET /v5/media/{id}} until {@code succeeded}, and then
 * creates the pin with {@code video_id}. The media id and the pin id are recorded in the request's
 * {@link Checkpoint}, so a retry after "media uploaded but pin not created" reuses the media. Thread
 * safe: it keeps no state between calls beyond the runtime's.
 */
public final class DefaultPinterestConnector implements PinterestConnector {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultPinterestConnector.class);
  private static final Platform PLATFORM = Platform.PINTEREST;
  private static final String JSON = "application/json; charset=UTF-8";

  /** The video's media id, recorded once the file reached the upload URL. */
  public static final String CP_MEDIA_ID = "pinterest.mediaId";
  /** {@code true} once Pinterest reported the recorded media {@code succeeded}. */
  public static final String CP_MEDIA_READY = "pinterest.mediaReady";
  /** A media id Pinterest reported {@code failed}; the next attempt uploads anew. */
  public static final String CP_FAILED_MEDIA_ID = "pinterest.failedMediaId";
  /** The pin id once created. */
  public static final String CP_PIN_ID = "pinterest.pinId";
  /** When the pin was created. */
  public static final String CP_PUBLISHED_AT = "pinterest.publishedAt";

  /** The analytics metrics read for posts. */
  static final List<String> METRIC_TYPES = List.of("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK");

  /** How many pages of the board's pins reconcile reads at most. */
  static final int RECONCILE_PAGES = 3;
  static final int RECONCILE_PAGE_SIZE = 25;

  private final Capabilities capabilities;
  private final PinterestSettings settings;
  private final PlatformHttp http;
  private final MediaReader opener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RuntimeLease lease;

  private DefaultPinterestConnector(Capabilities capabilities, PinterestSettings settings, PlatformHttp http,
      MediaReader opener, RuntimeLease lease) {
    this.capabilities = capabilities;
    this.settings = settings;
    this.http = http;
    this.opener = opener;
    this.clock = lease.runtime().clock();
    this.sleeper = lease.runtime().sleeper();
    this.lease = lease;
  }

  /** Wires a connector from the context's extensions (runtime, credentials or token store, media opener). */
  public static DefaultPinterestConnector create(Capabilities capabilities, PinterestSettings settings,
      ConnectorContext context) {
    RuntimeLease lease = RuntimeLease.from(context);
    HttpRuntime runtime = lease.runtime();
    CredentialSource credentials = context.extension(CredentialSource.class).orElseGet(() -> {
      TokenStore store = context.extension(TokenStore.class).orElseGet(InMemoryTokenStore::new);
      ManagedCredentials.Builder managed = ManagedCredentials.builder()
          .platform(PLATFORM).store(store).clock(runtime.clock());
      if (settings.canRefresh()) {
        // Only the refresh grant is used here, which sends no redirect URI.
        managed.refresher(PinterestOAuth.client(runtime, settings.baseUrl(), settings.clientId(),
            settings.clientSecret(), "urn:chorus:pinterest:refresh-only"));
      }
      ManagedCredentials built = managed.build();
      return settings.seedAccessToken().isPresent()
          ? new SeededCredentials(built, store, settings.accessToken(),
              Optional.ofNullable(settings.refreshToken())) : built;
    });
    PlatformHttp http = runtime.platform(PLATFORM)
        .baseUrl(settings.baseUrl())
        .rateLimits(PinterestErrors.rateLimits())
        .errors(PinterestErrors.INSTANCE)
        .requestIdHeader(PinterestErrors.REQUEST_ID_HEADER)
        .credentials(credentials)
        .build();
    return new DefaultPinterestConnector(capabilities, settings, http, MediaReader.from(context), lease);
  }

  @Override
  public Platform platform() {
    return PLATFORM;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  /** Whether the text is a board id as Pinterest's spec defines it ({@code ^\d+$}). */
  static boolean isBoardId(String text) {
    return text != null && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  @Override
  public ValidationResult validate(PublishRequest request) {
    List<Violation> found = new ArrayList<>(LimitChecks.check(PLATFORM, capabilities, request).violations());
    Map<String, String> options = request.options();
    List<MediaAsset> media = request.media();
    long videos = media.stream().filter(m -> m.kind() == MediaKind.VIDEO).count();
    long images = media.stream().filter(m -> m.kind() == MediaKind.IMAGE).count();
    for (String key : options.keySet()) {
      if (!PinterestOptions.ALL.contains(key)) {
        found.add(new Violation("options." + key, "options.unknown", PinterestOptions.ALL.toString(), key,
            "Pinterest has no option " + key + "; known options are " + PinterestOptions.ALL));
      }
    }
    String board = options.get(PinterestOptions.BOARD_ID);
    if (board == null && settings.defaultBoardId() == null) {
      found.add(new Violation("options." + PinterestOptions.BOARD_ID, "board.required", "a board id", "none",
          "a pin goes to a board: set the boardId option (or the connector's boardId setting)"));
    } else if (board != null && !isBoardId(board)) {
      found.add(new Violation("options." + PinterestOptions.BOARD_ID, "options.value", "digits", board,
          "boardId must be a numeric board id"));
    }
    String section = options.get(PinterestOptions.BOARD_SECTION_ID);
    if (section != null && !isBoardId(section)) {
      found.add(new Violation("options." + PinterestOptions.BOARD_SECTION_ID, "options.value", "digits", section,
          "boardSectionId must be a numeric board section id"));
    }
    String title = options.get(PinterestOptions.TITLE);
    if (title != null) {
      length(found, "options." + PinterestOptions.TITLE, "text.length", title, PinterestConnectorProvider.MAX_TITLE,
          "title");
    }
    if (request.link() != null) {
      String link = request.link().toString();
      length(found, "link", "link.length", link, PinterestConnectorProvider.MAX_LINK, "the link");
      if (!isHttp(request.link())) {
        found.add(new Violation("link", "link.scheme", "http(s) URL", schemeOf(request.link()),
            "a pin's destination link must be an http(s) URL"));
      }
    }
    for (int i = 0; i < media.size(); i++) {
      MediaAsset asset = media.get(i);
      if (asset.altText() != null) {
        length(found, "media[" + i + "].altText", "altText.length", asset.altText(),
            PinterestConnectorProvider.MAX_ALT_TEXT, "alt text");
      }
      if (asset.kind() == MediaKind.IMAGE && !isHttp(asset.source())
          && !PinterestConnectorProvider.BASE64_IMAGE_TYPES.contains(asset.mimeType())) {
        found.add(new Violation("media[" + i + "].mimeType", "media.mimeType",
            PinterestConnectorProvider.BASE64_IMAGE_TYPES.toString(), asset.mimeType(),
            "an image sent as bytes (not an http(s) URL) must be image/jpeg or image/png"));
      }
    }
    if (media.isEmpty()) {
      found.add(new Violation("media", "media.required", "1-" + PinterestConnectorProvider.MAX_IMAGES
          + " images or 1 video", "0", "a pin needs an image or a video; text alone cannot be pinned"));
    }
    if (videos > 0) {
      if (images > 1) {
        found.add(new Violation("media", "media.mixed", "one video and at most one cover image",
            videos + " videos, " + images + " images", "a video pin carries one video and at most one cover image"));
      }
      String url = options.get(PinterestOptions.COVER_IMAGE_URL);
      String frame = options.get(PinterestOptions.COVER_KEY_FRAME_TIME);
      if (url == null && frame == null && images == 0) {
        found.add(new Violation("media", "media.cover", "a cover", "none",
            "a video pin needs a cover: an image next to the video, coverImageUrl or coverKeyFrameTime"));
      }
      if (url != null && !isHttp(uriOrNull(url))) {
        found.add(new Violation("options." + PinterestOptions.COVER_IMAGE_URL, "options.value", "http(s) URL", url,
            "coverImageUrl must be an http(s) URL"));
      }
      if (frame != null && parseSeconds(frame) < 0) {
        found.add(new Violation("options." + PinterestOptions.COVER_KEY_FRAME_TIME, "options.value",
            ">= 0 (seconds)", frame, "coverKeyFrameTime must be a non-negative number of seconds"));
      }
      if (request.format() == PostFormat.CAROUSEL) {
        found.add(new Violation("format", "format.media", "images", "video",
            "a Pinterest CAROUSEL holds images; pin the video with the VIDEO or PIN format"));
      }
    } else if (request.format() == PostFormat.VIDEO && !media.isEmpty()) {
      found.add(new Violation("format", "format.media", "one video", images + " images",
          "the VIDEO format needs a video; pin images with the PIN or CAROUSEL format"));
    }
    return new ValidationResult(PLATFORM, found);
  }

  private static void length(List<Violation> found, String field, String rule, String text, int max, String what) {
    int count = TextRules.count(CountingRule.CODE_POINTS, text);
    if (count > max) {
      found.add(new Violation(field, rule, "<= " + max, String.valueOf(count),
          what + " is " + count + " characters, Pinterest allows " + max));
    }
  }

  private static double parseSeconds(String text) {
    try {
      double value = Double.parseDouble(text.trim());
      return Double.isFinite(value) ? value : -1;
    } catch (NumberFormatException bad) {
      return -1;
    }
  }

  private static URI uriOrNull(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException bad) {
      return null;
    }
  }

  private static boolean isHttp(URI uri) {
    String scheme = schemeOf(uri);
    return scheme.equals("https") || scheme.equals("http");
  }

  private static String schemeOf(URI uri) {
    return uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private String boardOf(PublishRequest request) {
    String board = request.options().get(PinterestOptions.BOARD_ID);
    return board != null ? board : settings.defaultBoardId();
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
    ObjectNode body = PinterestJson.object();
    String boardId = boardOf(request);
    body.put("board_id", boardId);
    String section = request.options().get(PinterestOptions.BOARD_SECTION_ID);
    if (section != null) {
      body.put("board_section_id", section);
    }
    String title = request.options().get(PinterestOptions.TITLE);
    if (title != null) {
      body.put("title", title);
    }
    if (!request.text().isEmpty()) {
      body.put("description", request.text());
    }
    if (request.link() != null) {
      body.put("link", request.link().toString());
    }
    request.media().stream().map(MediaAsset::altText).filter(a -> a != null).findFirst()
        .ifPresent(alt -> body.put("alt_text", alt));
    Optional<MediaAsset> video = request.media().stream().filter(m -> m.kind() == MediaKind.VIDEO).findFirst();
    if (video.isPresent()) {
      String mediaId = uploadedVideo(request, video.get());
      awaitMedia(request.account(), checkpoint, mediaId);
      body.set("media_source", videoSource(request, mediaId));
    } else {
      body.set("media_source", imageSource(request.media()));
    }
    ApiResponse response = http.execute(ApiRequest.post("/v5/pins")
        .account(request.account().credentials())
        .body(PinterestJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
        .rateLimitBucket("org_write")
        .build());
    String pinId = PinterestJson.text(response.json(), "id");
    if (pinId == null) {
      throw new PlatformUnavailableException(PLATFORM, response.status(), PinterestErrors.requestId(response),
          "the pin was created but the answer carries no id; reconcile before publishing again");
    }
    Instant at = clock.instant();
    checkpoint.put(CP_PUBLISHED_AT, at.toString());
    checkpoint.put(CP_PIN_ID, pinId);
    LOG.info("{} created pin {} on board {} for {} (request id {})", PLATFORM, pinId, boardId,
        request.account().id(), PinterestErrors.requestId(response));
    return PublishResult.of(pinId, pinUrl(pinId), at);
  }

  private static URI pinUrl(String pinId) {
    return URI.create("https://www.pinterest.com/pin/" + URLEncoder.encode(pinId, StandardCharsets.UTF_8) + "/");
  }

  private static Optional<PublishResult> recorded(Checkpoint checkpoint) {
    Optional<String> pinId = checkpoint.get(CP_PIN_ID);
    if (pinId.isEmpty()) {
      return Optional.empty();
    }
    Instant at = checkpoint.get(CP_PUBLISHED_AT).map(Instant::parse).orElseThrow();
    return Optional.of(PublishResult.of(pinId.get(), pinUrl(pinId.get()), at));
  }

  /** One image by URL or as base64, or several as {@code multiple_image_urls} or {@code multiple_image_base64}. */
  private ObjectNode imageSource(List<MediaAsset> images) {
    ObjectNode source = PinterestJson.object();
    boolean allUrls = images.stream().allMatch(m -> isHttp(m.source()));
    if (images.size() == 1) {
      MediaAsset image = images.get(0);
      if (allUrls) {
        source.put("source_type", "image_url");
        source.put("url", image.source().toString());
      } else {
        source.put("source_type", "image_base64");
        source.put("content_type", image.mimeType());
        source.put("data", base64(image, "media[0]"));
      }
      return source;
    }
    source.put("source_type", allUrls ? "multiple_image_urls" : "multiple_image_base64");
    ArrayNode items = source.putArray("items");
    for (int i = 0; i < images.size(); i++) {
      MediaAsset image = images.get(i);
      ObjectNode item = items.addObject();
      if (allUrls) {
        item.put("url", image.source().toString());
      } else {
        item.put("content_type", image.mimeType());
        item.put("data", base64(image, "media[" + i + "]"));
      }
    }
    return source;
  }

  private String base64(MediaAsset image, String field) {
    return Base64.getEncoder().encodeToString(read(image, field));
  }

  private byte[] read(MediaAsset asset, String field) {
    try (InputStream in = opener.open(asset).open()) {
      return in.readAllBytes();
    } catch (IOException unreadable) {
      throw new TransportException(PLATFORM, "reading " + field + " failed: " + unreadable.getClass().getSimpleName()
          + "; nothing was sent", false, unreadable);
    }
  }

  private ObjectNode videoSource(PublishRequest request, String mediaId) {
    ObjectNode source = PinterestJson.object();
    source.put("source_type", "video_id");
    source.put("media_id", mediaId);
    Map<String, String> options = request.options();
    Optional<MediaAsset> coverImage = request.media().stream().filter(m -> m.kind() == MediaKind.IMAGE).findFirst();
    if (options.containsKey(PinterestOptions.COVER_IMAGE_URL)) {
      source.put("cover_image_url", options.get(PinterestOptions.COVER_IMAGE_URL));
    } else if (coverImage.isPresent() && isHttp(coverImage.get().source())) {
      source.put("cover_image_url", coverImage.get().source().toString());
    } else if (coverImage.isPresent()) {
      source.put("cover_image_content_type", coverImage.get().mimeType());
      source.put("cover_image_data", base64(coverImage.get(), "cover"));
    } else {
      source.put("cover_image_key_frame_time", parseSeconds(options.get(PinterestOptions.COVER_KEY_FRAME_TIME)));
    }
    return source;
  }

  /**
   * The media id of the uploaded video: the checkpoint's when an earlier attempt uploaded it (and
   * Pinterest has not reported it failed), otherwise registered and uploaded now.
   */
  private String uploadedVideo(PublishRequest request, MediaAsset video) {
    Checkpoint checkpoint = request.checkpoint();
    Optional<String> recorded = checkpoint.get(CP_MEDIA_ID);
    if (recorded.isPresent() && !recorded.equals(checkpoint.get(CP_FAILED_MEDIA_ID))) {
      LOG.info("{} reusing uploaded media {} from the checkpoint", PLATFORM, recorded.get());
      return recorded.get();
    }
    ApiResponse registered = http.execute(ApiRequest.post("/v5/media")
        .account(request.account().credentials())
        .body(PinterestJson.write(PinterestJson.object().put("media_type", "video")).getBytes(StandardCharsets.UTF_8),
            JSON)
        .rateLimitBucket("org_write")
        .build());
    JsonNode json = registered.json();
    String mediaId = PinterestJson.text(json, "media_id");
    String uploadUrl = PinterestJson.text(json, "upload_url");
    if (mediaId == null || uploadUrl == null) {
      throw new PlatformUnavailableException(PLATFORM, registered.status(), PinterestErrors.requestId(registered),
          "the media registration answer lacks media_id or upload_url");
    }
    MultipartForm form = new MultipartForm();
    for (Map.Entry<String, JsonNode> field : json.path("upload_parameters").properties()) {
      String value = PinterestJson.text(json.path("upload_parameters"), field.getKey());
      form.field(field.getKey(), value == null ? "" : value);
    }
    form.file("file", fileName(video), video.mimeType(), read(video, "media[video]"));
    // The upload URL is the storage host's, not Pinterest's: no bearer token goes there.
    http.execute(ApiRequest.post(uploadUrl)
        .body(form.bytes(), form.contentType())
        .rateLimitBucket("media-upload")
        .build());
    checkpoint.put(CP_MEDIA_ID, mediaId);
    LOG.info("{} uploaded video as media {} (registration request id {})", PLATFORM, mediaId,
        PinterestErrors.requestId(registered));
    return mediaId;
  }

  private static String fileName(MediaAsset video) {
    URI source = video.source();
    String path = source.isOpaque() ? source.getSchemeSpecificPart() : source.getPath();
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      return "video";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Polls the media until Pinterest reports it {@code succeeded} (or {@code failed}, or time runs out). */
  private void awaitMedia(SocialAccount account, Checkpoint checkpoint, String mediaId) {
    if (checkpoint.get(CP_MEDIA_READY).equals(Optional.of(mediaId))) {
      return;
    }
    Instant deadline = clock.instant().plus(settings.mediaTimeout());
    while (true) {
      ApiResponse response = http.execute(ApiRequest.get("/v5/media/" + segment(mediaId))
          .account(account.credentials())
          .rateLimitBucket("org_read")
          .build());
      String status = PinterestJson.text(response.json(), "status");
      if ("succeeded".equals(status)) {
        checkpoint.put(CP_MEDIA_READY, mediaId);
        return;
      }
      if ("failed".equals(status)) {
        checkpoint.put(CP_FAILED_MEDIA_ID, mediaId);
        throw new ContentRejectedException(PLATFORM, response.status(), PinterestErrors.requestId(response),
            "Pinterest could not process the video (media " + mediaId + " failed); the next attempt uploads it again");
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new PlatformUnavailableException(PLATFORM, 0, PinterestErrors.requestId(response),
            "media " + mediaId + " is still " + status + " after " + settings.mediaTimeout()
                + "; no pin was created: publish again to resume polling");
      }
      try {
        sleeper.sleep(settings.pollInterval());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new TransportException(PLATFORM, "interrupted while waiting for media " + mediaId
            + "; no pin was created: publish again to resume polling", false, interrupted);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Delete and reconcile

  @Override
  public void delete(SocialAccount account, String externalId) {
    capabilities.require(PLATFORM, Capability.DELETE);
    if (externalId == null || externalId.isBlank()) {
      throw new InvalidValueException("externalId", externalId, "must not be blank");
    }
    http.execute(ApiRequest.delete("/v5/pins/" + segment(externalId))
        .account(account.credentials())
        .rateLimitBucket("org_write")
        .build());
    LOG.info("{} deleted pin {} for {}", PLATFORM, externalId, account.id());
  }

  /**
   * Looks in the board's newest pins (at most {@value #RECONCILE_PAGES} pages) for one created since
   * {@code attemptedAt} minus the skew whose description is the post's text and whose title is the
   * {@code title} option (when set).
   */
  @Override
  public Optional<PublishResult> reconcile(PublishRequest request, Instant attemptedAt) {
    capabilities.require(PLATFORM, Capability.RECONCILE);
    String boardId = boardOf(request);
    if (boardId == null) {
      throw new InvalidValueException("options." + PinterestOptions.BOARD_ID, null,
          "is required to look for the pin on its board");
    }
    String description = normalise(request.text());
    String title = normalise(request.options().get(PinterestOptions.TITLE));
    if (description.isEmpty() && title.isEmpty()) {
      return Optional.empty(); // nothing to recognise the pin by
    }
    Instant since = attemptedAt.minus(settings.reconcileSkew());
    String bookmark = null;
    for (int page = 0; page < RECONCILE_PAGES; page++) {
      ApiRequest.Builder list = ApiRequest.get("/v5/boards/" + segment(boardId) + "/pins")
          .query("page_size", String.valueOf(RECONCILE_PAGE_SIZE))
          .account(request.account().credentials())
          .rateLimitBucket("org_read");
      if (bookmark != null) {
        list.query("bookmark", bookmark);
      }
      JsonNode json = http.execute(list.build()).json();
      boolean older = false;
      for (JsonNode pin : json.path("items")) {
        Instant created = createdAt(PinterestJson.text(pin, "created_at"));
        if (created != null && created.isBefore(since)) {
          older = true;
          continue;
        }
        String id = PinterestJson.text(pin, "id");
        if (id != null && normalise(PinterestJson.text(pin, "description")).equals(description)
            && (title.isEmpty() || normalise(PinterestJson.text(pin, "title")).equals(title))) {
          Instant at = created != null ? created : clock.instant();
          request.checkpoint().put(CP_PUBLISHED_AT, at.toString());
          request.checkpoint().put(CP_PIN_ID, id);
          return Optional.of(PublishResult.of(id, pinUrl(id), at));
        }
      }
      bookmark = PinterestJson.text(json, "bookmark");
      if (older || bookmark == null) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Pinterest's {@code created_at} ({@code 2026-01-01T12:00:00}, UTC without an offset), or null. */
  static Instant createdAt(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException noLocal) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException unknown) {
        return null;
      }
    }
  }

  private static String normalise(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  // ---------------------------------------------------------------------------------------------
  // Boards

  @Override
  public Page<Board> boards(SocialAccount account, String bookmark, int pageSize) {
    if (pageSize < 1 || pageSize > MAX_BOARD_PAGE_SIZE) {
      throw new InvalidValueException("pageSize", pageSize, "must be between 1 and " + MAX_BOARD_PAGE_SIZE);
    }
    ApiRequest.Builder request = ApiRequest.get("/v5/boards")
        .query("page_size", String.valueOf(pageSize))
        .account(account.credentials())
        .rateLimitBucket("org_read");
    if (bookmark != null && !bookmark.isBlank()) {
      request.query("bookmark", bookmark);
    }
    JsonNode json = http.execute(request.build()).json();
    List<Board> boards = new ArrayList<>();
    for (JsonNode item : json.path("items")) {
      Board board = board(item);
      if (board != null) {
        boards.add(board);
      }
    }
    return new Page<>(boards, PinterestJson.text(json, "bookmark"));
  }

  @Override
  public Board createBoard(SocialAccount account, String name, String description, BoardPrivacy privacy) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("name", name, "must not be blank");
    }
    if (privacy == null) {
      throw new InvalidValueException("privacy", null, "is required");
    }
    ObjectNode body = PinterestJson.object().put("name", name);
    if (description != null && !description.isBlank()) {
      body.put("description", description);
    }
    body.put("privacy", privacy.name());
    ApiResponse response = http.execute(ApiRequest.post("/v5/boards")
        .account(account.credentials())
        .body(PinterestJson.write(body).getBytes(StandardCharsets.UTF_8), JSON)
        .rateLimitBucket("org_write")
        .build());
    Board board = board(response.json());
    if (board == null) {
      throw new PlatformUnavailableException(PLATFORM, response.status(), PinterestErrors.requestId(response),
          "the board was created but the answer carries no id");
    }
    LOG.info("{} created board {} for {}", PLATFORM, board.id(), account.id());
    return board;
  }

  private static Board board(JsonNode item) {
    String id = PinterestJson.text(item, "id");
    if (id == null) {
      return null;
    }
    String privacy = PinterestJson.text(item, "privacy");
    BoardPrivacy known = null;
    for (BoardPrivacy value : BoardPrivacy.values()) {
      if (value.name().equals(privacy)) {
        known = value;
      }
    }
    return new Board(id, PinterestJson.text(item, "name"), PinterestJson.text(item, "description"), known);
  }

  // ---------------------------------------------------------------------------------------------
  // Metrics

  /**
   * One analytics request per pin (Pinterest's pin analytics endpoint takes one pin), over the last
   * {@link PinterestConnectorProvider#ANALYTICS_MAX_DAYS} days: the summary's IMPRESSION, SAVE,
   * PIN_CLICK and OUTBOUND_CLICK. A pin Pinterest no longer knows gets no snapshot.
   */
  @Override
  public List<MetricSnapshot> fetchMetrics(SocialAccount account, List<String> externalPostIds) {
    capabilities.require(PLATFORM, Capability.POST_METRICS);
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(externalPostIds));
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || ids.get(i).isBlank()) {
        throw new InvalidValueException("externalPostIds[" + i + "]", ids.get(i), "must not be blank");
      }
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = today.minusDays(PinterestConnectorProvider.ANALYTICS_MAX_DAYS - 1L);
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (String id : ids) {
      JsonNode all;
      try {
        all = analytics(account, id, start, today);
      } catch (NotFoundException gone) {
        LOG.debug("{} pin {} is gone; no metrics", PLATFORM, id);
        continue;
      }
      JsonNode summary = all.path("summary_metrics");
      Map<Metric, Long> values = new LinkedHashMap<>();
      PinterestJson.counter(summary, "IMPRESSION").ifPresent(v -> values.put(Metric.IMPRESSIONS, v));
      PinterestJson.counter(summary, "SAVE").ifPresent(v -> values.put(Metric.SAVES, v));
      PinterestJson.counter(summary, "PIN_CLICK").ifPresent(v -> values.put(Metric.CLICKS, v));
      PinterestJson.counter(summary, "OUTBOUND_CLICK").ifPresent(v -> values.put(Metric.LINK_CLICKS, v));
      snapshots.add(new MetricSnapshot(PLATFORM, account.id(), id, clock.instant(), values));
    }
    return snapshots;
  }

  @Override
  public PinAnalytics pinAnalytics(SocialAccount account, String pinId, LocalDate startDate, LocalDate endDate) {
    if (pinId == null || pinId.isBlank()) {
      throw new InvalidValueException("pinId", pinId, "must not be blank");
    }
    if (startDate == null) {
      throw new InvalidValueException("startDate", null, "is required");
    }
    if (endDate == null) {
      throw new InvalidValueException("endDate", null, "is required");
    }
    if (endDate.isBefore(startDate)) {
      throw new InvalidValueException("endDate", endDate, "is before startDate " + startDate);
    }
    int max = PinterestConnectorProvider.ANALYTICS_MAX_DAYS;
    if (ChronoUnit.DAYS.between(startDate, endDate) > max) {
      throw new InvalidValueException("endDate", endDate, "is more than " + max + " days after startDate "
          + startDate + "; Pinterest serves at most " + max + " days per request: ask for shorter ranges");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (startDate.isBefore(today.minusDays(max))) {
      throw new InvalidValueException("startDate", startDate, "is more than " + max
          + " days in the past (today is " + today + " UTC); Pinterest serves no analytics that old");
    }
    JsonNode all = analytics(account, pinId, startDate, endDate);
    List<PinAnalytics.Day> days = new ArrayList<>();
    for (JsonNode day : all.path("daily_metrics")) {
      String date = PinterestJson.text(day, "date");
      if (date == null) {
        continue;
      }
      try {
        days.add(new PinAnalytics.Day(LocalDate.parse(date), PinterestJson.text(day, "data_status"),
            PinterestJson.counters(day.path("metrics"))));
      } catch (DateTimeParseException unknownDate) {
        LOG.debug("{} skipped a daily metric with date {}", PLATFORM, date);
      }
    }
    return new PinAnalytics(pinId, startDate, endDate, PinterestJson.counters(all.path("summary_metrics")), days,
        PinterestJson.counters(all.path("lifetime_metrics")));
  }

  /** The {@code all} object of the pin's analytics with NO_SPLIT. */
  private JsonNode analytics(SocialAccount account, String pinId, LocalDate start, LocalDate end) {
    JsonNode json = http.execute(ApiRequest.get("/v5/pins/" + segment(pinId) + "/analytics")
        .query("start_date", start.toString())
        .query("end_date", end.toString())
        .query("metric_types", String.join(",", METRIC_TYPES))
        .query("app_types", "ALL")
        .query("split_field", "NO_SPLIT")
        .account(account.credentials())
        .rateLimitBucket("org_analytics")
        .build()).json();
    return json.path("all");
  }

  @Override
  public MetricSnapshot fetchAccountMetrics(SocialAccount account) {
    capabilities.require(PLATFORM, Capability.ACCOUNT_METRICS);
    JsonNode user = http.execute(ApiRequest.get("/v5/user_account")
        .account(account.credentials())
        .rateLimitBucket("org_read")
        .build()).json();
    Map<Metric, Long> values = new LinkedHashMap<>();
    PinterestJson.counter(user, "follower_count").ifPresent(v -> values.put(Metric.FOLLOWERS, v));
    PinterestJson.counter(user, "following_count").ifPresent(v -> values.put(Metric.FOLLOWING, v));
    return new MetricSnapshot(PLATFORM, account.id(), null, clock.instant(), values);
  }

  // ---------------------------------------------------------------------------------------------

  /** An opaque id as one path segment. */
  private static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    lease.close();
  }

  @Override
  public String toString() {
    return "PinterestConnector[" + http + ", " + settings + "]";
  }
}
