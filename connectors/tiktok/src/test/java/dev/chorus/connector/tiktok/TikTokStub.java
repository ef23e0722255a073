package dev.chorus.connector.tiktok;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.chorus.connector.tck.PlatformStub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * TikTok as WireMock, in TikTok's own wire format (shared/platforms §1): every API answer in the
 * {@code {"data":…,"error":{"code":"ok","message":"","log_id":…}}} envelope, the request id only as
 * {@code log_id}, bearer tokens on {@code open.tiktokapis.com} calls and none on the upload URL, JSON
 * bodies as {@code application/json; charset=UTF-8}, the flat token response, 429 {@code
 * rate_limit_exceeded} without any rate-limit header, and {@code publicaly_available_post_id} (sic)
 * as an array of numbers.
 */
final class TikTokStub implements PlatformStub {

  static final String USERNAME = "chorus.test";
  static final String JSON = "application/json; charset=UTF-8";
  static final String UPLOAD_PATH = "/video/";
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final WireMockServer wireMock;
  private final Map<String, List<Supplier<MappingBuilder>>> arrangements = new ConcurrentHashMap<>();
  private final Map<String, List<StubMapping>> registered = new ConcurrentHashMap<>();
  private final List<String> videos = new ArrayList<>();
  private int counter;

  TikTokStub(WireMockServer wireMock) {
    this.wireMock = wireMock;
  }

  static String ok(String data, String logId) {
    return "{\"data\":" + data + ",\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"" + logId + "\"}}";
  }

  static String error(String code, String message, String logId) {
    return "{\"data\":{},\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"log_id\":\""
        + logId + "\"}}";
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** An authenticated API call. */
  static MappingBuilder api(MappingBuilder mapping) {
    return mapping.withHeader("Authorization", matching("Bearer .+"));
  }

  /** An authenticated POST with a JSON body, as TikTok asks for. */
  static MappingBuilder apiPost(String path) {
    return api(post(urlPathEqualTo(path))).withHeader("Content-Type", equalTo(JSON));
  }

  String logId() {
    return "2026030209300" + (++counter) + "CB9319E1FB30C1073F3";
  }

  String uploadUrl() {
    return "http://127.0.0.1:" + wireMock.port() + UPLOAD_PATH + "?upload_id=67890&upload_token=Xza123";
  }

  @Override
  public synchronized void reset() {
    wireMock.resetAll();
    arrangements.clear();
    registered.clear();
    videos.clear();
    tokenEndpoint("act.rotated-1", "rft.rotated-1");
    creatorInfo(List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"), false, false, false, 600);
    // UNCONFIRMED: what TikTok answers for a publish_id it does not know; we stub a 404.
    wireMock.stubFor(apiPost("/v2/post/publish/status/fetch/").atPriority(10)
        .willReturn(json(404, error("not_found", "publish_id not found", logId()))));
    wireMock.stubFor(put(urlPathEqualTo(UPLOAD_PATH)).atPriority(10).willReturn(aResponse().withStatus(206)));
    videoList();
  }

  /** The token endpoint answers refresh grants with a rotated pair (flat JSON, no envelope). */
  void tokenEndpoint(String accessToken, String refreshToken) {
    wireMock.stubFor(post(urlPathEqualTo("/v2/oauth/token/"))
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withRequestBody(matching(".*grant_type=refresh_token.*"))
        .willReturn(json(200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":86400,"
            + "\"open_id\":\"afd97af1-b87b-48b9-ac98-410aghda5344\",\"refresh_expires_in\":31536000,"
            + "\"refresh_token\":\"" + refreshToken + "\",\"scope\":\"user.info.basic,video.publish\","
            + "\"token_type\":\"Bearer\"}")));
  }

  /** What creator_info/query answers. */
  void creatorInfo(List<String> privacy, boolean commentDisabled, boolean duetDisabled, boolean stitchDisabled,
      int maxSeconds) {
    String options = String.join(",", privacy.stream().map(p -> "\"" + p + "\"").toList());
    wireMock.stubFor(apiPost("/v2/post/publish/creator_info/query/")
        .willReturn(json(200, ok("{\"creator_avatar_url\":\"https://lf16-tt4d.tiktokcdn.com/obj/a.jpeg\","
            + "\"creator_username\":\"" + USERNAME + "\",\"creator_nickname\":\"Chorus Test\","
            + "\"privacy_level_options\":[" + options + "],\"comment_disabled\":" + commentDisabled
            + ",\"duet_disabled\":" + duetDisabled + ",\"stitch_disabled\":" + stitchDisabled
            + ",\"max_video_post_duration_sec\":" + maxSeconds + "}", logId()))));
  }

  /** Arrangements of one operation answer one call each, in order; the last keeps answering. */
  synchronized void arrange(String operation, Supplier<MappingBuilder> mapping) {
    arrangements.computeIfAbsent(operation, k -> new ArrayList<>()).add(mapping);
    registered.getOrDefault(operation, List.of()).forEach(wireMock::removeStub);
    List<StubMapping> stubs = new ArrayList<>();
    List<Supplier<MappingBuilder>> all = arrangements.get(operation);
    for (int i = 0; i < all.size(); i++) {
      var builder = all.get(i).get().inScenario(operation)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : operation + "-" + i);
      stubs.add(wireMock.stubFor(i < all.size() - 1 ? builder.willSetStateTo(operation + "-" + (i + 1)) : builder));
    }
    registered.put(operation, stubs);
  }

  static MappingBuilder init() {
    return api(post(urlPathMatching("/v2/post/publish/(video|content)/init/"))).withHeader("Content-Type", equalTo(JSON));
  }

  /** The next init answers with this publish id (and the upload URL for a FILE_UPLOAD). */
  void initSucceeds(String publishId, boolean withUploadUrl) {
    String logId = logId();
    String data = "{\"publish_id\":\"" + publishId + "\""
        + (withUploadUrl ? ",\"upload_url\":\"" + uploadUrl() + "\"" : "") + "}";
    arrange("init", () -> init().willReturn(json(200, ok(data, logId))));
  }

  /** The next init fails with TikTok's error envelope. */
  void initFails(int status, String code, String message, String logId) {
    arrange("init", () -> init().willReturn(json(status, error(code, message, logId))));
  }

  /** The status fetch of the publish answers with these statuses in order; the last keeps answering. */
  void status(String publishId, String postId, String... statuses) {
    for (String status : statuses) {
      String logId = logId();
      String ids = postId == null || !status.equals("PUBLISH_COMPLETE") ? "[]"
          : postId.chars().allMatch(Character::isDigit) ? "[" + postId + "]"
          // The TCK's ids are not numeric; TikTok's are numbers.
          : "[\"" + postId + "\"]";
      String failReason = status.startsWith("FAILED:") ? status.substring(7) : "";
      String state = status.startsWith("FAILED:") ? "FAILED" : status;
      arrange("status " + publishId, () -> apiPost("/v2/post/publish/status/fetch/")
          .withRequestBody(matchingJsonPath("$.publish_id", equalTo(publishId)))
          .willReturn(json(200, ok("{\"status\":\"" + state + "\",\"fail_reason\":\"" + failReason
              + "\",\"publicaly_available_post_id\":" + ids + ",\"uploaded_bytes\":0,\"downloaded_bytes\":0}", logId))));
    }
  }

  @Override
  public void publishSucceeds(String externalId) {
    String publishId = "v_pub_url~v2." + (100000 + (++counter));
    initSucceeds(publishId, false);
    status(publishId, externalId, "PUBLISH_COMPLETE");
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        initFails(401, "access_token_invalid", "The access token is invalid or not found in the request.", requestId);
        break;
      case PERMISSION_DENIED:
        initFails(403, "unaudited_client_can_only_post_to_private_accounts",
            "Unaudited clients can only post to private accounts.", requestId);
        break;
      case NOT_FOUND:
        // UNCONFIRMED: TikTok documents no not-found code; a 404 is mapped by its status.
        initFails(404, "not_found", "Not found.", requestId);
        break;
      case CONTENT_REJECTED:
        initFails(400, "invalid_params", reason, requestId);
        break;
      default:
        initFails(500, "internal_error", "Something went wrong. Please try again later.", requestId);
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    // TikTok sends no rate-limit headers: the reset is not on the wire, the window slides over 60 s.
    initFails(429, "rate_limit_exceeded", "API rate limit exceeded, please retry later.", requestId);
  }

  @Override
  public synchronized void existingPost(String externalId, String text, Instant createdAt) {
    videos.add(0, "{\"id\":\"" + externalId + "\",\"title\":\"" + text + "\",\"create_time\":"
        + createdAt.getEpochSecond() + ",\"share_url\":\"https://www.tiktok.com/@" + USERNAME + "/video/"
        + externalId + "\"}");
    videoList();
  }

  private void videoList() {
    wireMock.stubFor(apiPost("/v2/video/list/").withQueryParam("fields", matching(".*create_time.*"))
        .willReturn(json(200, ok("{\"videos\":[" + String.join(",", videos) + "],\"cursor\":1643332803000,"
            + "\"has_more\":false}", logId()))));
  }

  @Override
  public void interactions(int pages, int perPage) {
    throw new UnsupportedOperationException("TikTok has no comments API");
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < externalPostIds.size(); i++) {
      items.add("{\"id\":\"" + externalPostIds.get(i) + "\",\"like_count\":" + (2 * i) + ",\"comment_count\":3,"
          + "\"share_count\":1" + (i % 2 == 0 ? ",\"view_count\":" + (100 + i) : "") + "}");
    }
    // TikTok answers with what it knows of the ids asked; the connector keeps only those it asked for.
    wireMock.stubFor(apiPost("/v2/video/query/").withQueryParam("fields", matching(".*like_count.*"))
        .willReturn(json(200, ok("{\"videos\":[" + String.join(",", items) + "],\"cursor\":0,\"has_more\":false}",
            logId()))));
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(postRequestedFor(urlPathEqualTo("/v2/video/query/"))).stream()
        .sorted(java.util.Comparator.comparing(r -> r.getLoggedDate()))
        .map(r -> MAPPER.readTree(r.getBodyAsString()).path("filters").path("video_ids").size())
        .toList();
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(api(get(urlPathEqualTo("/v2/user/info/"))).withQueryParam("fields", matching(".*follower_count.*"))
        .willReturn(json(200, ok("{\"user\":{\"open_id\":\"afd97af1-b87b-48b9-ac98-410aghda5344\","
            + "\"follower_count\":" + followers + ",\"following_count\":12,\"likes_count\":345,\"video_count\":7}}",
            logId()))));
  }

  @Override
  public boolean canArrange(dev.chorus.connector.Capability capability) {
    return capability != dev.chorus.connector.Capability.INTERACTIONS;
  }
}
