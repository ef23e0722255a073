package dev.chorus.connector.pinterest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.ResponseQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pinterest API v5 as WireMock, in Pinterest's own wire format (shared/platforms §2): bearer tokens
 * on {@code /v5} calls and none on the upload URL, the request id only in the {@code
 * x-pinterest-rid} header, errors as {@code {"code":<int>,"message":"…"}} (the 401 with {@code
 * "status":"failure"} as captured), 201 Pin objects with {@code created_at} in UTC without an
 * offset, {@code {"items":[…],"bookmark":…}} lists, the media registration with {@code
 * upload_url}/{@code upload_parameters}, the S3-style 204 upload, and pin analytics keyed by
 * {@code "all"}. Numeric error codes other than 2 are UNCONFIRMED; the connector types by status.
 */
final class PinterestStub implements PlatformStub {

  static final String BOARD_ID = "549755885175";
  static final String UPLOAD_PATH = "/pinterest-media-upload/";
  static final String CLIENT_ID = "1484357";
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final WireMockServer wireMock;
  private final Clock clock;
  private final Map<String, ResponseQueue> queues = new ConcurrentHashMap<>();
  private final List<ObjectNode> boardPins = new ArrayList<>();
  private int counter;

  PinterestStub(WireMockServer wireMock, Clock clock) {
    this.wireMock = wireMock;
    this.clock = clock;
  }

  static ResponseDefinitionBuilder json(int status, String body, String requestId) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-pinterest-rid", requestId).withBody(body);
  }

  static String error(int code, String message) {
    return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("code", code).put("message", message));
  }

  /** An authenticated API call. */
  static MappingBuilder api(MappingBuilder mapping) {
    return mapping.withHeader("Authorization", matching("Bearer .+"));
  }

  /** An authenticated POST with a JSON body. */
  static MappingBuilder apiPost(String path) {
    return api(post(urlPathEqualTo(path))).withHeader("Content-Type", matching("application/json.*"));
  }

  String rid() {
    return "7f3c1b2a9d" + (++counter);
  }

  String uploadUrl() {
    return "http://127.0.0.1:" + wireMock.port() + UPLOAD_PATH;
  }

  static String createdAt(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
  }

  @Override
  public synchronized void reset() {
    wireMock.resetAll();
    queues.clear();
    boardPins.clear();
    tokenEndpoint("pina_rotated-1", "pinr_rotated-1");
    wireMock.stubFor(post(urlPathEqualTo(UPLOAD_PATH)).atPriority(10)
        .withHeader("Content-Type", matching("multipart/form-data; boundary=.+"))
        .willReturn(aResponse().withStatus(204)));
    boardPinsList();
  }

  /** The token endpoint answers refresh grants (HTTP Basic client authentication) with a new pair. */
  void tokenEndpoint(String accessToken, String refreshToken) {
    wireMock.stubFor(post(urlPathEqualTo("/v5/oauth/token"))
        .withHeader("Authorization", matching("Basic .+"))
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withRequestBody(matching(".*grant_type=refresh_token.*"))
        .willReturn(json(200, "{\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"" + refreshToken
            + "\",\"response_type\":\"refresh_token\",\"token_type\":\"bearer\",\"expires_in\":2592000,"
            + "\"refresh_token_expires_in\":5184000,\"refresh_token_expires_at\":1767225600,"
            + "\"scope\":\"boards:read,boards:write,pins:read,pins:write,user_accounts:read\"}", rid())));
  }

  /** Responses arranged for one operation answer one call each, in order; the last keeps answering. */
  synchronized void arrange(String operation, Supplier<MappingBuilder> request, ResponseDefinitionBuilder response) {
    queues.computeIfAbsent(operation, k -> new ResponseQueue(wireMock, operation, request)).add(response);
  }

  /** A Pin object as {@code POST /v5/pins} and the lists return it. */
  static ObjectNode pin(String id, String title, String description, Instant createdAt) {
    ObjectNode pin = MAPPER.createObjectNode();
    pin.put("id", id);
    pin.put("created_at", createdAt(createdAt));
    pin.put("link", "https://example.com/article");
    pin.put("title", title);
    pin.put("description", description);
    pin.put("dominant_color", "#6E7874");
    pin.put("alt_text", (String) null);
    pin.put("board_id", BOARD_ID);
    pin.putNull("board_section_id");
    pin.putObject("board_owner").put("username", "chorustest");
    ObjectNode media = pin.putObject("media");
    media.put("media_type", "image");
    media.putObject("images").putObject("150x150").put("width", 150).put("height", 150)
        .put("url", "https://i.pinimg.com/150x150/aa/bb/cc.jpg");
    pin.put("is_owner", true);
    pin.put("is_standard", true);
    pin.put("has_been_promoted", false);
    pin.putNull("parent_pin_id");
    pin.put("creative_type", "REGULAR");
    return pin;
  }

  static MappingBuilder createPin() {
    return apiPost("/v5/pins");
  }

  /** The next pin create answers 201 with this id. */
  void pinCreated(String id) {
    String body = MAPPER.writeValueAsString(pin(id, "", "", clock.instant()));
    String rid = rid();
    arrange("pin", PinterestStub::createPin, json(201, body, rid));
  }

  /** The next pin create fails with this status and error body. */
  void pinFails(int status, String body, String requestId, Map<String, String> headers) {
    ResponseDefinitionBuilder response = json(status, body, requestId);
    headers.forEach(response::withHeader);
    arrange("pin", PinterestStub::createPin, response);
  }

  @Override
  public void publishSucceeds(String externalId) {
    pinCreated(externalId);
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        pinFails(401, "{\"code\":2,\"message\":\"Authentication failed.\",\"status\":\"failure\"}", requestId, Map.of());
        break;
      case PERMISSION_DENIED:
        pinFails(403, error(29, "You are not permitted to access that resource."), requestId, Map.of());
        break;
      case NOT_FOUND:
        pinFails(404, error(40, "Board not found."), requestId, Map.of());
        break;
      case CONTENT_REJECTED:
        pinFails(400, error(1, reason), requestId, Map.of());
        break;
      default:
        pinFails(500, error(8, "Something went wrong on our end. Sorry about that."), requestId, Map.of());
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    long seconds = Math.max(0, (Duration.between(clock.instant(), resetAt).toMillis() + 999) / 1000);
    pinFails(429, error(429, "You have exceeded your rate limit. Try again later."), requestId,
        Map.of("Retry-After", String.valueOf(seconds)));
  }

  @Override
  public synchronized void existingPost(String externalId, String text, Instant createdAt) {
    boardPins.add(0, pin(externalId, "", text, createdAt));
    boardPinsList();
  }

  private void boardPinsList() {
    ObjectNode page = MAPPER.createObjectNode();
    ArrayNode items = page.putArray("items");
    boardPins.forEach(items::add);
    page.putNull("bookmark");
    wireMock.stubFor(api(get(urlPathEqualTo("/v5/boards/" + BOARD_ID + "/pins")))
        .willReturn(json(200, MAPPER.writeValueAsString(page), rid())));
  }

  @Override
  public void interactions(int pages, int perPage) {
    throw new UnsupportedOperationException("Pinterest v5 has no comments API");
  }

  /** The analytics answer of a pin: the given summary metrics, split NO_SPLIT under "all". */
  static String analytics(Map<String, Long> summary) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode all = root.putObject("all");
    ObjectNode day = all.putArray("daily_metrics").addObject();
    day.put("date", "2026-01-01");
    day.put("data_status", "READY");
    ObjectNode dayMetrics = day.putObject("metrics");
    ObjectNode sum = all.putObject("summary_metrics");
    summary.forEach((k, v) -> {
      dayMetrics.put(k, v);
      sum.put(k, v);
    });
    all.putObject("lifetime_metrics").put("TOTAL_COMMENTS", 10).put("TOTAL_REACTIONS", 12);
    return MAPPER.writeValueAsString(root);
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    for (int i = 0; i < externalPostIds.size(); i++) {
      Map<String, Long> summary = i % 2 == 0
          ? Map.of("IMPRESSION", 240L + i, "SAVE", 20L, "PIN_CLICK", 37L, "OUTBOUND_CLICK", 20L)
          : Map.of("IMPRESSION", 100L + i, "SAVE", 3L);
      wireMock.stubFor(api(get(urlPathEqualTo("/v5/pins/" + externalPostIds.get(i) + "/analytics")))
          .withQueryParam("metric_types", matching(".*IMPRESSION.*"))
          .willReturn(json(200, analytics(summary), rid())));
    }
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    // The pin analytics endpoint names one pin in its path: each request asks for one.
    return wireMock.findAll(getRequestedFor(urlPathMatching("/v5/pins/[^/]+/analytics"))).stream()
        .map(r -> 1).toList();
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(api(delete(urlPathEqualTo("/v5/pins/" + externalId)))
        .willReturn(aResponse().withStatus(204).withHeader("x-pinterest-rid", rid())));
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(api(get(urlPathEqualTo("/v5/user_account")))
        .willReturn(json(200, "{\"account_type\":\"BUSINESS\",\"profile_image\":\"https://i.pinimg.com/p.jpg\","
            + "\"website_url\":\"https://example.com\",\"username\":\"chorustest\",\"about\":\"\","
            + "\"business_name\":\"Chorus\",\"board_count\":3,\"pin_count\":42,\"follower_count\":" + followers
            + ",\"following_count\":12,\"monthly_views\":9000}", rid())));
  }

  @Override
  public boolean canArrange(dev.chorus.connector.Capability capability) {
    return capability != dev.chorus.connector.Capability.INTERACTIONS
        && capability != dev.chorus.connector.Capability.REPLY;
  }

  /** Registration of a video upload answers with this media id, the upload URL and S3 form fields. */
  void mediaRegistered(String mediaId) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("media_id", mediaId);
    body.put("media_type", "video");
    body.put("upload_url", uploadUrl());
    ObjectNode params = body.putObject("upload_parameters");
    params.put("x-amz-date", "20220127T185143Z");
    params.put("x-amz-signature", "fcd6b0f1");
    params.put("x-amz-security-token", "IQoJb3JpZ2luX2Vj");
    params.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    params.put("key", "uploads/11/aa/22/3:video:" + mediaId);
    params.put("policy", "eyJleHBpcmF0aW9uIjoi");
    params.put("x-amz-credential", "ASIAEXAMPLE/20220127/us-east-1/s3/aws4_request");
    params.put("Content-Type", "multipart/form-data");
    String rid = rid();
    arrange("media", () -> apiPost("/v5/media"), json(201, MAPPER.writeValueAsString(body), rid));
  }

  /** The media's status reads answer these statuses in order; the last keeps answering. */
  void mediaStatus(String mediaId, String... statuses) {
    for (String status : statuses) {
      String rid = rid();
      arrange("media " + mediaId, () -> api(get(urlPathEqualTo("/v5/media/" + mediaId))),
          json(200, "{\"media_id\":\"" + mediaId + "\",\"media_type\":\"video\",\"status\":\""
              + status + "\"}", rid));
    }
  }

  /** Account boards in pages of the given sizes, linked by bookmarks. */
  void boards(int... pageSizes) {
    int n = 0;
    for (int p = 0; p < pageSizes.length; p++) {
      ObjectNode page = MAPPER.createObjectNode();
      ArrayNode items = page.putArray("items");
      for (int i = 0; i < pageSizes[p]; i++, n++) {
        ObjectNode board = items.addObject();
        board.put("id", String.valueOf(549755885000L + n));
        board.put("created_at", "2026-01-01T12:00:00");
        board.put("board_pins_modified_at", "2026-01-02T12:00:00");
        board.put("name", "Board " + n);
        board.put("description", n % 2 == 0 ? "Recipes " + n : "");
        board.put("collaborator_count", 0);
        board.put("pin_count", 3);
        board.put("follower_count", 1);
        board.putObject("media").put("image_cover_url", "https://i.pinimg.com/c.jpg");
        board.putObject("owner").put("username", "chorustest");
        board.put("privacy", n % 3 == 0 ? "PUBLIC" : n % 3 == 1 ? "SECRET" : "PROTECTED");
      }
      if (p < pageSizes.length - 1) {
        page.put("bookmark", "bm-" + (p + 1));
      } else {
        page.putNull("bookmark");
      }
      MappingBuilder mapping = api(get(urlPathEqualTo("/v5/boards")));
      mapping = p == 0 ? mapping.withQueryParam("bookmark", com.github.tomakehurst.wiremock.client.WireMock.absent())
          : mapping.withQueryParam("bookmark", equalTo("bm-" + p));
      wireMock.stubFor(mapping.willReturn(json(200, MAPPER.writeValueAsString(page), rid())));
    }
  }
}
