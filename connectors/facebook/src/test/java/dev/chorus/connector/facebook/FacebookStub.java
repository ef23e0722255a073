package dev.chorus.connector.facebook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

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
 * Programs WireMock with the Graph API's own shapes for a Facebook Page: {@code {"id"}} creates,
 * {@code {"error":{"code",…,"fbtrace_id"}}} errors with {@code x-fb-trace-id}, the JSON usage
 * headers ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage} keyed by the Page id), {@code
 * /me/accounts} handing out the Page token, cursor paging and multi-id reads.
 */
final class FacebookStub implements PlatformStub {

  static final String PAGE_ID = "104321987654";
  static final String V = "/v21.0";
  static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
      .withZone(ZoneOffset.UTC);

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final ResponseQueue publishes;
  private final List<String> posts = new ArrayList<>();
  private StubMapping postsStub;

  FacebookStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")));
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
    wireMock.stubFor(get(urlPathEqualTo(V + "/me/accounts")).willReturn(ok("tck-accounts",
        "{\"data\":[{\"id\":\"99\",\"name\":\"Other\",\"access_token\":\"other-page-token\"},{\"id\":\"" + PAGE_ID
            + "\",\"name\":\"TCK Page\",\"access_token\":\"" + env.canarySecret() + "-page\"}],"
            + "\"paging\":{\"cursors\":{\"before\":\"QVFIa\",\"after\":\"QVFIb\"}}}")));
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
            + PAGE_ID + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
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
    enqueuePublish(error(400, requestId, "{\"error\":{\"message\":\"(#32) Page request limit reached\",\"type\":"
        + "\"OAuthException\",\"code\":32,\"fbtrace_id\":\"" + requestId + "\"}}")
        .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":100,"
            + "\"total_cputime\":20,\"total_time\":20,\"estimated_time_to_regain_access\":" + minutes + "}]}"));
  }

  private void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    posts.add(0, "{\"id\":\"" + externalId + "\",\"message\":\"" + escape(text) + "\",\"created_time\":\""
        + graphTime(createdAt) + "\",\"permalink_url\":\"https://www.facebook.com/" + externalId + "\"}");
    if (postsStub != null) {
      wireMock.removeStubMapping(postsStub);
    }
    postsStub = wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/feed")).willReturn(ok("tck-feed",
        "{\"data\":[" + String.join(",", posts) + "],\"paging\":{\"cursors\":{\"before\":\"b\",\"after\":\"a\"}}}")));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      List<String> comments = new ArrayList<>();
      for (int i = 0; i < perPage; i++) {
        comments.add("{\"id\":\"" + PAGE_ID + "_5" + page + "_" + i + "\",\"message\":\"Nice " + page + "/" + i
            + "\",\"from\":{\"id\":\"77" + i + "\",\"name\":\"Fan " + i + "\"},\"created_time\":\""
            + graphTime(env.clock().instant().minusSeconds(60L * page + i)) + "\"}");
      }
      String paging = "{\"cursors\":{\"before\":\"c" + page + "\",\"after\":\"c" + (page + 1) + "\"}"
          + (page < pages ? ",\"next\":\"https://graph.facebook.com/v21.0/" + PAGE_ID + "/feed?after=c" + (page + 1)
              + "\"" : "") + "}";
      wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID + "/feed"))
          .withQueryParam("after", page == 1 ? absent() : equalTo("c" + page))
          .willReturn(ok("tck-comments-" + page, "{\"data\":[{\"id\":\"" + PAGE_ID + "_5" + page + "\","
              + "\"comments\":{\"data\":[" + String.join(",", comments) + "],\"paging\":{\"cursors\":{\"before\":"
              + "\"x\",\"after\":\"y\"}}}}],\"paging\":" + paging + "}")));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < externalPostIds.size(); i++) {
      String id = externalPostIds.get(i);
      items.add("\"" + id + "\":{\"id\":\"" + id + "\",\"shares\":{\"count\":" + i + "},"
          + "\"reactions\":{\"data\":[],\"summary\":{\"total_count\":" + (2 * i) + ",\"viewer_reaction\":\"NONE\"}},"
          + "\"comments\":{\"data\":[],\"summary\":{\"order\":\"ranked\",\"total_count\":1,\"can_comment\":true}},"
          + "\"insights\":{\"data\":[" + insight(id, "post_media_view", 100 + i) + ","
          + insight(id, "post_total_media_view_unique", 80 + i) + "," + insight(id, "post_clicks", 3) + "]}}");
    }
    wireMock.stubFor(get(urlPathEqualTo(V + "/"))
        .willReturn(ok("tck-metrics", "{" + String.join(",", items) + "}")));
  }

  static String insight(String id, String name, long value) {
    return "{\"name\":\"" + name + "\",\"period\":\"lifetime\",\"values\":[{\"value\":" + value + "}],"
        + "\"title\":\"" + name + "\",\"description\":\"…\",\"id\":\"" + id + "/insights/" + name + "/lifetime\"}";
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo(V + "/"))).stream()
        .map(request -> request.queryParameter("ids").firstValue().split(",").length)
        .toList();
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(delete(urlPathEqualTo(V + "/" + externalId)).willReturn(ok("tck-delete", "{\"success\":true}")));
  }

  @Override
  public void replySucceeds(String externalId) {
    wireMock.stubFor(post(urlPathEqualTo(V + "/tck-parent-1/comments"))
        .willReturn(ok("tck-reply", "{\"id\":\"" + externalId + "\"}")));
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(get(urlPathEqualTo(V + "/" + PAGE_ID)).willReturn(ok("tck-page",
        "{\"id\":\"" + PAGE_ID + "\",\"followers_count\":" + followers + ",\"fan_count\":4000}")));
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
        .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE_ID + "\":[{\"type\":\"pages\",\"call_count\":4,"
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
