package dev.chorus.connector.instagram;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * Programs WireMock with the Graph API's own shapes for an Instagram professional account: containers
 * ({@code {"id"}}) polled through {@code status_code}, {@code media_publish}, {@code content_publishing_limit},
 * {@code {"error":{"code",…,"fbtrace_id"}}} errors with {@code x-fb-trace-id}, the JSON usage
 * headers ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage}), cursor paging and insights.
 */
final class InstagramStub implements PlatformStub {

  static final String USER_ID = "17841400008460056";
  static final String V = "/v21.0";
  static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
      .withZone(ZoneOffset.UTC);

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final ResponseQueue publishes;
  private final List<String> posts = new ArrayList<>();
  private StubMapping postsStub;

  InstagramStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo(V + "/" + USER_ID + "/media_publish")));
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
    wireMock.stubFor(post(urlPathEqualTo(V + "/" + USER_ID + "/media")).willReturn(ok("tck-container",
        "{\"id\":\"17889455560051444\"}")));
    wireMock.stubFor(get(urlPathEqualTo(V + "/17889455560051444")).willReturn(ok("tck-status",
        "{\"status_code\":\"FINISHED\",\"id\":\"17889455560051444\"}")));
    quota(2, 100);
  }

  /** The account has published {@code used} of {@code total} posts in the rolling 24 hours. */
  void quota(int used, int total) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/content_publishing_limit")).willReturn(ok("tck-quota",
        "{\"data\":[{\"quota_usage\":" + used + ",\"config\":{\"quota_total\":" + total
            + ",\"quota_duration\":86400}}]}")));
  }

  @Override
  public void publishSucceeds(String externalId) {
    enqueuePublish(ok("tck-create-" + externalId, "{\"id\":\"" + externalId + "\"}"));
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
    enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"(#80002) There have been too many calls to this Instagram account.\",\"type\":"
        + "\"OAuthException\",\"code\":80002,\"fbtrace_id\":\"" + requestId + "\"}}")
        .withHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"instagram\",\"call_count\":100,"
            + "\"total_cputime\":20,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutes + "}]}"));
  }

  private void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    posts.add(0, "{\"id\":\"" + externalId + "\",\"caption\":\"" + escape(text) + "\",\"timestamp\":\""
        + graphTime(createdAt) + "\",\"permalink\":\"https://www.instagram.com/p/" + externalId
        + "/\",\"media_product_type\":\"FEED\"}");
    if (postsStub != null) {
      wireMock.removeStubMapping(postsStub);
    }
    postsStub = wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/media")).willReturn(ok("tck-media",
        "{\"data\":[" + String.join(",", posts) + "],\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\"a\"}}}")));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      List<String> comments = new ArrayList<>();
      for (int i = 0; i < perPage / 2; i++) {
        String id = "1787" + page + "0" + i;
        comments.add("{\"id\":\"" + id + "\",\"text\":\"Nice " + page + "/" + i + "\",\"timestamp\":\""
            + graphTime(env.clock().instant().minusSeconds(60L * page + i)) + "\",\"username\":\"fan" + i + "\","
            + "\"from\":{\"id\":\"9" + i + "\",\"username\":\"fan" + i + "\"},\"replies\":{\"data\":[{\"id\":\"1788"
            + page + "0" + i + "\",\"text\":\"@fan" + i + " thanks\",\"timestamp\":\""
            + graphTime(env.clock().instant().minusSeconds(30L * page + i)) + "\",\"username\":\"tck\"}]}}");
      }
      String paging = "{\"cursors\":{\"before\":\"c" + page + "\",\"after\":\"c" + (page + 1) + "\"}"
          + (page < pages ? ",\"next\":\"https://graph.facebook.com/v21.0/" + USER_ID + "/media?after=c" + (page + 1)
              + "\"" : "") + "}";
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID + "/media"))
          .withQueryParam("after", page == 1 ? absent() : equalTo("c" + page))
          .willReturn(ok("tck-comments-" + page, "{\"data\":[{\"id\":\"1792" + page + "\",\"comments\":{\"data\":["
              + String.join(",", comments) + "]}}],\"paging\":" + paging + "}")));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    for (int i = 0; i < externalPostIds.size(); i++) {
      String id = externalPostIds.get(i);
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + id + "/insights")).willReturn(ok("tck-insights-" + i,
          "{\"data\":[" + insight(id, "views", 300 + i) + "," + insight(id, "reach", 100 + i) + ","
              + insight(id, "likes", 8) + "," + insight(id, "comments", 2) + "," + insight(id, "saved", 1) + ","
              + insight(id, "shares", 0) + "]}")));
    }
  }

  static String insight(String id, String name, long value) {
    return "{\"name\":\"" + name + "\",\"period\":\"lifetime\",\"values\":[{\"value\":" + value + "}],"
        + "\"title\":\"" + name + "\",\"description\":\"…\",\"id\":\"" + id + "/insights/" + name + "/lifetime\"}";
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    // One media per insights request: each /{media-id}/insights call asks for one post.
    return wireMock.findAll(getRequestedFor(urlPathMatching(V + "/[^/]+/insights"))).stream()
        .map(request -> 1)
        .toList();
  }

  @Override
  public void replySucceeds(String externalId) {
    wireMock.stubFor(post(urlPathEqualTo(V + "/tck-parent-1/replies"))
        .willReturn(ok("tck-reply", "{\"id\":\"" + externalId + "\"}")));
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + USER_ID)).willReturn(ok("tck-page",
        "{\"id\":\"" + USER_ID + "\",\"username\":\"tck\",\"followers_count\":" + followers
            + ",\"follows_count\":12,\"media_count\":340}")));
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** A 200 with Meta's headers: the trace id and low usage figures. */
  static ResponseDefinitionBuilder ok(String traceId, String body) {
    return aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withHeader("x-fb-trace-id", traceId)
        .withHeader("X-App-Usage", "{\"call_count\":3,\"total_time\":2,\"total_cputime\":1}")
        .withHeader("X-Business-Use-Case-Usage", "{\"" + USER_ID + "\":[{\"type\":\"instagram\",\"call_count\":4,"
            + "\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}")
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
