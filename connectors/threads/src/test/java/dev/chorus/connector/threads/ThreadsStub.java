package dev.chorus.connector.threads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.ResponseQueue;
import dev.chorus.connector.tck.TckEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs WireMock with the Threads API's shapes: containers ({@code {"id"}}) polled through {@code
 * status}/{@code error_message}, {@code threads_publish}, {@code threads_publishing_limit}, delete's
 * {@code {"success":true,"deleted_id"}}, Graph-style {@code {"error":{…,"fbtrace_id"}}} errors with
 * {@code x-fb-trace-id}, cursor paging, media insights ({@code values[]}) and user insights ({@code
 * total_value}). Threads documents no usage headers; the throttled answer carries Meta's {@code
 * X-Business-Use-Case-Usage} as the other Meta APIs do (UNCONFIRMED for Threads).
 */
final class ThreadsStub implements PlatformStub {

  static final String USER_ID = "25031478519868913";
  static final String V = "/v1.0";
  static final String CONTAINER = "17889615691921648";
  static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
      .withZone(ZoneOffset.UTC);

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final ResponseQueue publishes;
  private final List<String> posts = new ArrayList<>();
  private StubMapping postsStub;

  ThreadsStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
    this.publishes = new ResponseQueue(wireMock, "publish",
        () -> post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")));
  }

  static String graphTime(Instant at) {
    return GRAPH_TIME.format(at);
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    posts.clear();
    postsStub = null;
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("tck-container",
        "{\"id\":\"" + CONTAINER + "\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + CONTAINER)).withQueryParam("fields", equalTo("status,error_message"))
        .willReturn(ok("tck-status", "{\"status\":\"FINISHED\",\"id\":\"" + CONTAINER + "\"}")));
    wireMock.stubFor(get(urlPathMatching(V + "/[^/]+")).withQueryParam("fields", equalTo("id,permalink"))
        .willReturn(ok("tck-permalink", "{\"id\":\"1\",\"permalink\":\"https://www.threads.net/@tck/post/C1a2b3\"}")));
    quota(0, 250, 0, 1000);
  }

  /** The account has used {@code used} of {@code total} posts and {@code replies} of {@code replyTotal} replies. */
  void quota(int used, int total, int replies, int replyTotal) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads_publishing_limit")).willReturn(ok("tck-quota",
        "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":" + total
            + ",\"quota_duration\":86400},\"reply_quota_usage\":" + replies + ",\"reply_config\":{\"quota_total\":"
            + replyTotal + ",\"quota_duration\":86400}}]}")));
  }

  @Override
  public void publishSucceeds(String externalId) {
    enqueuePublish(ok("tck-publish-" + externalId, "{\"id\":\"" + externalId + "\"}"));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"Error validating access token: Session has "
            + "expired on Tuesday, 01-Dec-25 06:00:00 PST. The current time is Tuesday, 01-Dec-25 06:07:02 PST.\","
            + "\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"" + requestId + "\"}}"));
        break;
      case PERMISSION_DENIED:
        enqueuePublish(error(403, requestId, "{\"error\":{\"message\":\"(#200) The user hasn't authorized the "
            + "application to perform this action\",\"type\":\"OAuthException\",\"code\":200,\"fbtrace_id\":\""
            + requestId + "\"}}"));
        break;
      case NOT_FOUND:
        enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"Unsupported post request. Object with ID '"
            + USER_ID + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
            + "operation.\",\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\""
            + requestId + "\"}}"));
        break;
      case CONTENT_REJECTED:
        enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"(#100) " + reason + "\",\"type\":"
            + "\"OAuthException\",\"code\":100,\"fbtrace_id\":\"" + requestId + "\"}}"));
        break;
      default:
        enqueuePublish(error(500, requestId, "{\"error\":{\"message\":\"An unexpected error has occurred. Please "
            + "retry your request later.\",\"type\":\"OAuthException\",\"is_transient\":true,\"code\":2,"
            + "\"fbtrace_id\":\"" + requestId + "\"}}"));
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    long minutes = Math.max(1, (Duration.between(env.clock().instant(), resetAt).getSeconds() + 59) / 60);
    enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"(#4) Application request limit reached\","
        + "\"type\":\"OAuthException\",\"is_transient\":true,\"code\":4,\"fbtrace_id\":\"" + requestId + "\"}}")
        .withHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"threads\",\"call_count\":100,"
            + "\"total_cputime\":20,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutes + "}]}"));
  }

  private void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    posts.add(0, "{\"id\":\"" + externalId + "\",\"media_type\":\"TEXT_POST\",\"text\":\"" + escape(text)
        + "\",\"timestamp\":\"" + graphTime(createdAt) + "\",\"permalink\":\"https://www.threads.net/@tck/post/"
        + externalId + "\"}");
    if (postsStub != null) {
      wireMock.removeStubMapping(postsStub);
    }
    postsStub = wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads")).willReturn(ok("tck-threads",
        "{\"data\":[" + String.join(",", posts) + "],\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\"a\"}}}")));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      String postId = "1801" + page;
      String paging = "{\"cursors\":{\"before\":\"c" + page + "\",\"after\":\"c" + (page + 1) + "\"}"
          + (page < pages ? ",\"next\":\"https://graph.threads.net/v1.0/" + USER_ID + "/threads?after=c" + (page + 1)
              + "\"" : "") + "}";
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads"))
          .withQueryParam("after", page == 1 ? absent() : equalTo("c" + page))
          .willReturn(ok("tck-threads-" + page, "{\"data\":[{\"id\":\"" + postId + "\",\"timestamp\":\""
              + graphTime(env.clock().instant().minusSeconds(3600L * page)) + "\"}],\"paging\":" + paging + "}")));
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < perPage; i++) {
        String id = "1802" + page + "0" + i;
        String parent = i == 0 ? postId : "1802" + page + "00";
        replies.add("{\"id\":\"" + id + "\",\"text\":\"Nice " + page + "/" + i + "\",\"username\":\"fan" + i
            + "\",\"timestamp\":\"" + graphTime(env.clock().instant().minusSeconds(60L * page + i))
            + "\",\"permalink\":\"https://www.threads.net/@fan" + i + "/post/R" + id + "\",\"replied_to\":{\"id\":\""
            + parent + "\"},\"is_reply_owned_by_me\":false}");
      }
      // One reply by the account itself, which the connector leaves out of the inbox.
      replies.add("{\"id\":\"1803" + page + "\",\"text\":\"thanks all\",\"username\":\"tck\",\"timestamp\":\""
          + graphTime(env.clock().instant().minusSeconds(10)) + "\",\"replied_to\":{\"id\":\"" + postId
          + "\"},\"is_reply_owned_by_me\":true}");
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + postId + "/conversation")).willReturn(ok("tck-conv-" + page,
          "{\"data\":[" + String.join(",", replies) + "],\"paging\":{\"cursors\":{\"before\":\"x\",\"after\":\"y\"}}}")));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    for (int i = 0; i < externalPostIds.size(); i++) {
      String id = externalPostIds.get(i);
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + id + "/insights")).willReturn(ok("tck-insights-" + i,
          "{\"data\":[" + insight(id, "views", 300 + i) + "," + insight(id, "likes", 8) + ","
              + insight(id, "replies", 2) + "," + insight(id, "reposts", 1) + "," + insight(id, "quotes", 0) + ","
              + insight(id, "shares", 3) + "]}")));
    }
  }

  static String insight(String id, String name, long value) {
    return "{\"name\":\"" + name + "\",\"period\":\"lifetime\",\"values\":[{\"value\":" + value + "}],"
        + "\"title\":\"" + name + "\",\"description\":\"…\",\"id\":\"" + id + "/insights/" + name + "/lifetime\"}";
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    // One post per insights request: each /{media-id}/insights call asks for one post.
    return wireMock.findAll(getRequestedFor(urlPathMatching(V + "/[^/]+/insights"))).stream()
        .map(request -> 1)
        .toList();
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(delete(urlPathEqualTo(V + "/" + externalId)).willReturn(ok("tck-delete",
        "{\"success\":true,\"deleted_id\":\"" + externalId + "\"}")));
  }

  @Override
  public void replySucceeds(String externalId) {
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads")).withQueryParam("reply_to_id",
        equalTo("tck-parent-1")).willReturn(ok("tck-reply-container", "{\"id\":\"17889615691921700\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/17889615691921700")).willReturn(ok("tck-reply-status",
        "{\"status\":\"FINISHED\",\"id\":\"17889615691921700\"}")));
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/threads_publish")).withQueryParam("creation_id",
        equalTo("17889615691921700")).willReturn(ok("tck-reply", "{\"id\":\"" + externalId + "\"}")));
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/threads_insights")).willReturn(ok("tck-user-insights",
        "{\"data\":[{\"name\":\"followers_count\",\"period\":\"day\",\"title\":\"followers_count\","
            + "\"description\":\"…\",\"total_value\":{\"value\":" + followers + "},\"id\":\"" + USER_ID
            + "/insights/followers_count/day\"}]}")));
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** A 200 with Meta's trace id header. */
  static ResponseDefinitionBuilder ok(String traceId, String body) {
    return aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withHeader("x-fb-trace-id", traceId)
        .withBody(body);
  }

  /** An error in Graph's shape; Meta sends {@code WWW-Authenticate} on OAuth errors. */
  static ResponseDefinitionBuilder error(int status, String traceId, String body) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withHeader("x-fb-trace-id", traceId)
        .withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_request\"")
        .withBody(body);
  }
}
