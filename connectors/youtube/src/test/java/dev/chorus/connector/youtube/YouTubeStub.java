package dev.chorus.connector.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.ResponseQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Programs WireMock with the YouTube Data API v3 wire format: the resumable upload (a {@code 200}
 * with the session in {@code Location}, {@code 308} with {@code Range}, {@code 201} with the video
 * resource), list responses with {@code kind}, {@code etag}, {@code pageInfo} and counters as
 * strings, comment threads with {@code nextPageToken}, Google's {@code {"error":{...}}} bodies,
 * {@code X-GUploader-UploadID} on upload answers and the OAuth token endpoint.
 */
final class YouTubeStub implements PlatformStub {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String CHANNEL_ID = "UCtck0000000000000000000";
  static final String UPLOADS = "UUtck0000000000000000000";
  static final String UPLOAD_PATH = "/upload/youtube/v3/videos";

  private final WireMockServer wireMock;
  private final Clock clock;
  private final ResponseQueue publishes;
  private final ArrayNode uploads = JSON.createArrayNode();
  private StubMapping uploadsStub;
  private int sessions;

  YouTubeStub(WireMockServer wireMock, Clock clock) {
    this.wireMock = wireMock;
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo(UPLOAD_PATH))
        .withQueryParam("uploadType", equalTo("resumable"))
        .withQueryParam("part", equalTo("snippet,status")));
    this.clock = clock;
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    uploads.removeAll();
    uploadsStub = null;
    tokenEndpoint();
  }

  /** Google's token endpoint answers a refresh grant; the answer carries no new refresh token. */
  void tokenEndpoint() {
    wireMock.stubFor(post(urlPathEqualTo("/token"))
        .withRequestBody(matching(".*grant_type=refresh_token.*"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody("{\"access_token\":\"ya29.refreshed-for-tests\",\"expires_in\":3599,"
                + "\"scope\":\"https://www.googleapis.com/auth/youtube.upload "
                + "https://www.googleapis.com/auth/youtube.force-ssl\",\"token_type\":\"Bearer\"}")));
  }

  String sessionUrl(String uploadId) {
    return wireMock.baseUrl() + UPLOAD_PATH + "?uploadType=resumable&part=snippet,status&upload_id=" + uploadId;
  }

  /** A session start answer: 200, empty body, the session URI in Location. */
  ResponseDefinitionBuilder sessionStarted(String uploadId) {
    return aResponse().withStatus(200)
        .withHeader("Location", sessionUrl(uploadId))
        .withHeader("X-GUploader-UploadID", uploadId)
        .withHeader("Content-Length", "0");
  }

  @Override
  public void publishSucceeds(String externalId) {
    String uploadId = "tck-upload-" + (++sessions) + "-" + externalId;
    enqueuePublish(sessionStarted(uploadId));
    wireMock.stubFor(put(urlPathEqualTo(UPLOAD_PATH)).withQueryParam("upload_id", equalTo(uploadId))
        .willReturn(uploadJson(201, uploadId, video(externalId, "TCK video", "TCK video", clock.instant(), null))));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        enqueuePublish(uploadJson(401, requestId, error(401, "Request had invalid authentication credentials.",
            "Invalid Credentials", "global", "authError", "UNAUTHENTICATED")));
        break;
      case PERMISSION_DENIED:
        enqueuePublish(uploadJson(403, requestId, error(403, "The request is not properly authorized.",
            "The request is not properly authorized.", "youtube.header", "forbidden", "PERMISSION_DENIED")));
        break;
      case NOT_FOUND:
        enqueuePublish(uploadJson(404, requestId, error(404, "The channel could not be found.",
            "The channel could not be found.", "youtube.video", "channelNotFound", "NOT_FOUND")));
        break;
      case CONTENT_REJECTED:
        enqueuePublish(uploadJson(400, requestId, error(400, "The request metadata is invalid: " + reason,
            "The request metadata is invalid: " + reason, "youtube.video", "invalidVideoMetadata",
            "INVALID_ARGUMENT")));
        break;
      default:
        enqueuePublish(uploadJson(503, requestId, error(503, "The service is currently unavailable.",
            "The service is currently unavailable.", "global", "backendError", "UNAVAILABLE")));
        break;
    }
  }

  /**
   * A short-term limit: 429 with {@code RATE_LIMIT_EXCEEDED} and a {@code Retry-After} in seconds.
   * (The daily quota's 403 {@code quotaExceeded} has no reset header; its reset is Pacific midnight.)
   */
  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    long seconds = Math.max(1, Duration.between(clock.instant(), resetAt).toSeconds());
    enqueuePublish(uploadJson(429, requestId, error(429, "Resource has been exhausted (e.g. check quota).",
        "Resource has been exhausted (e.g. check quota).", "usageLimits", "rateLimitExceeded",
        "RESOURCE_EXHAUSTED")).withHeader("Retry-After", String.valueOf(seconds)));
  }

  /** Queues a raw answer for the next session start. */
  void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    channelsContentDetails();
    int end = text.indexOf('\n');
    String title = (end < 0 ? text : text.substring(0, end)).strip();
    ObjectNode item = uploads.addObject();
    item.put("kind", "youtube#playlistItem");
    item.put("etag", "etag-" + externalId);
    item.put("id", "UEx" + externalId);
    ObjectNode snippet = item.putObject("snippet");
    snippet.put("publishedAt", createdAt.toString());
    snippet.put("channelId", CHANNEL_ID);
    snippet.put("title", title);
    snippet.put("description", text);
    snippet.put("channelTitle", "TCK channel");
    snippet.put("playlistId", UPLOADS);
    snippet.put("position", uploads.size() - 1);
    ObjectNode resource = snippet.putObject("resourceId");
    resource.put("kind", "youtube#video");
    resource.put("videoId", externalId);
    if (uploadsStub != null) {
      wireMock.removeStubMapping(uploadsStub);
    }
    ObjectNode page = list("youtube#playlistItemListResponse", uploads.deepCopy());
    uploadsStub = wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/playlistItems"))
        .withQueryParam("playlistId", equalTo(UPLOADS)).willReturn(json(200, page)));
  }

  /** {@code channels.list?part=contentDetails&mine=true}: the uploads playlist. */
  void channelsContentDetails() {
    ObjectNode channel = JSON.createObjectNode();
    channel.put("kind", "youtube#channel");
    channel.put("etag", "etag-channel");
    channel.put("id", CHANNEL_ID);
    channel.putObject("contentDetails").putObject("relatedPlaylists").put("likes", "").put("uploads", UPLOADS);
    ArrayNode items = JSON.createArrayNode();
    items.add(channel);
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).withQueryParam("part", equalTo("contentDetails"))
        .withQueryParam("mine", equalTo("true")).willReturn(json(200, list("youtube#channelListResponse", items))));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      ArrayNode items = JSON.createArrayNode();
      for (int i = 0; i < perPage; i++) {
        String threadId = "Ugz-thread-" + page + "-" + i;
        items.add(thread(threadId, "vid-" + page, "comment " + page + "." + i,
            clock.instant().minusSeconds(60L * page + i), List.of()));
      }
      ObjectNode body = list("youtube#commentThreadListResponse", items);
      if (page < pages) {
        body.put("nextPageToken", "QURTSl9pM" + (page + 1));
      }
      wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/commentThreads"))
          .withQueryParam("allThreadsRelatedToChannelId", equalTo(CHANNEL_ID))
          .withQueryParam("pageToken", page == 1 ? absent() : equalTo("QURTSl9pM" + page))
          .willReturn(json(200, body)));
    }
  }

  /** A commentThread resource with its top-level comment and the given replies. */
  static ObjectNode thread(String threadId, String videoId, String text, Instant at, List<ObjectNode> replies) {
    ObjectNode thread = JSON.createObjectNode();
    thread.put("kind", "youtube#commentThread");
    thread.put("etag", "etag-" + threadId);
    thread.put("id", threadId);
    ObjectNode snippet = thread.putObject("snippet");
    snippet.put("channelId", CHANNEL_ID);
    snippet.put("videoId", videoId);
    snippet.set("topLevelComment", comment(threadId, videoId, null, text, at, "UCfan" + threadId.length()));
    snippet.put("canReply", true);
    snippet.put("totalReplyCount", replies.size());
    snippet.put("isPublic", true);
    if (!replies.isEmpty()) {
      ArrayNode comments = thread.putObject("replies").putArray("comments");
      replies.forEach(comments::add);
    }
    return thread;
  }

  /** A comment resource. */
  static ObjectNode comment(String id, String videoId, String parentId, String text, Instant at, String author) {
    ObjectNode comment = JSON.createObjectNode();
    comment.put("kind", "youtube#comment");
    comment.put("etag", "etag-" + id);
    comment.put("id", id);
    ObjectNode snippet = comment.putObject("snippet");
    snippet.put("channelId", CHANNEL_ID);
    snippet.put("videoId", videoId);
    snippet.put("textDisplay", text);
    snippet.put("textOriginal", text);
    if (parentId != null) {
      snippet.put("parentId", parentId);
    }
    snippet.put("authorDisplayName", "@" + author.toLowerCase(java.util.Locale.ROOT));
    snippet.put("authorProfileImageUrl", "https://yt3.ggpht.example/" + author);
    snippet.put("authorChannelUrl", "http://www.youtube.com/@" + author);
    snippet.putObject("authorChannelId").put("value", author);
    snippet.put("canRate", true);
    snippet.put("viewerRating", "none");
    snippet.put("likeCount", 0);
    snippet.put("publishedAt", at.toString());
    snippet.put("updatedAt", at.toString());
    return comment;
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    ArrayNode items = JSON.createArrayNode();
    for (int i = 0; i < externalPostIds.size(); i++) {
      ObjectNode item = items.addObject();
      item.put("kind", "youtube#video");
      item.put("etag", "etag-" + i);
      item.put("id", externalPostIds.get(i));
      ObjectNode statistics = item.putObject("statistics");
      statistics.put("viewCount", String.valueOf(100 * i));
      statistics.put("likeCount", String.valueOf(10 * i));
      statistics.put("favoriteCount", "0");
      statistics.put("commentCount", String.valueOf(i));
    }
    // A static answer with every video; the connector keeps those it asked for.
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/videos"))
        .willReturn(json(200, list("youtube#videoListResponse", items))));
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(delete(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo(externalId))
        .willReturn(aResponse().withStatus(204)));
  }

  @Override
  public void replySucceeds(String externalId) {
    ObjectNode reply = comment(externalId, "vid-1", "tck-parent-1", "TCK reply", clock.instant(), "UCtck");
    wireMock.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).withQueryParam("part", equalTo("snippet"))
        .willReturn(json(200, reply)));
  }

  @Override
  public void accountFollowers(long followers) {
    accountStatistics(String.valueOf(followers), false);
  }

  /** {@code channels.list?part=statistics&mine=true} with counters as strings. */
  void accountStatistics(String subscribers, boolean hidden) {
    ObjectNode channel = JSON.createObjectNode();
    channel.put("kind", "youtube#channel");
    channel.put("etag", "etag-channel");
    channel.put("id", CHANNEL_ID);
    ObjectNode statistics = channel.putObject("statistics");
    statistics.put("viewCount", "123456");
    if (subscribers != null) {
      statistics.put("subscriberCount", subscribers);
    }
    statistics.put("hiddenSubscriberCount", hidden);
    statistics.put("videoCount", "42");
    ArrayNode items = JSON.createArrayNode();
    items.add(channel);
    wireMock.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).withQueryParam("part", equalTo("statistics"))
        .withQueryParam("mine", equalTo("true")).willReturn(json(200, list("youtube#channelListResponse", items))));
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/videos"))).stream()
        .map(request -> {
          String ids = request.queryParameter("id").isPresent() ? request.queryParameter("id").firstValue() : "";
          return ids.isEmpty() ? 0 : ids.split(",").length;
        })
        .toList();
  }

  /** The video resource the final upload answer carries. */
  static ObjectNode video(String id, String title, String description, Instant at, Instant publishAt) {
    ObjectNode video = JSON.createObjectNode();
    video.put("kind", "youtube#video");
    video.put("etag", "etag-" + id);
    video.put("id", id);
    ObjectNode snippet = video.putObject("snippet");
    snippet.put("publishedAt", at.toString());
    snippet.put("channelId", CHANNEL_ID);
    snippet.put("title", title);
    snippet.put("description", description);
    snippet.putObject("thumbnails").putObject("default").put("url", "https://i.ytimg.example/vi/" + id + "/default.jpg");
    snippet.put("channelTitle", "TCK channel");
    snippet.put("categoryId", "22");
    snippet.put("liveBroadcastContent", "none");
    ObjectNode status = video.putObject("status");
    status.put("uploadStatus", "uploaded");
    status.put("privacyStatus", publishAt == null ? "public" : "private");
    if (publishAt != null) {
      status.put("publishAt", publishAt.toString());
    }
    status.put("license", "youtube");
    status.put("embeddable", true);
    status.put("publicStatsViewable", true);
    status.put("madeForKids", false);
    status.put("selfDeclaredMadeForKids", false);
    return video;
  }

  /** A list response envelope. */
  static ObjectNode list(String kind, ArrayNode items) {
    ObjectNode body = JSON.createObjectNode();
    body.put("kind", kind);
    body.put("etag", "etag-list");
    body.putObject("pageInfo").put("totalResults", items.size()).put("resultsPerPage", items.size());
    body.set("items", items);
    return body;
  }

  /** Google's error body. */
  static ObjectNode error(int code, String message, String itemMessage, String domain, String reason, String status) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode item = error.putArray("errors").addObject();
    item.put("message", itemMessage);
    item.put("domain", domain);
    item.put("reason", reason);
    error.put("status", status);
    return body;
  }

  /** A JSON answer of the Data API (which sends no request id header). */
  static ResponseDefinitionBuilder json(int status, JsonNode body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(JSON.writeValueAsString(body));
  }

  /** A JSON answer of the upload server, which names the upload in {@code X-GUploader-UploadID}. */
  static ResponseDefinitionBuilder uploadJson(int status, String uploadId, JsonNode body) {
    return json(status, body).withHeader("X-GUploader-UploadID", uploadId);
  }
}
