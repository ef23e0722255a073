package dev.chorus.connector.tck.acme;

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
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.ResponseQueue;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.model.Metric;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Arranges acme's behaviour on the TCK's WireMock server in acme's wire format. */
final class AcmeStub implements PlatformStub {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final ResponseQueue publishes;
  private final ArrayNode posts = JSON.createArrayNode();
  private StubMapping postsStub;

  AcmeStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo("/v1/posts")));
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    posts.removeAll();
    postsStub = null;
  }

  @Override
  public void publishSucceeds(String externalId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", externalId);
    body.put("created_at", env.clock().instant().toString());
    enqueuePublish(json(201, "acme-req-ok", body));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    int status;
    String code;
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        status = 401;
        code = "token_expired";
        break;
      case PERMISSION_DENIED:
        status = 403;
        code = "forbidden";
        break;
      case NOT_FOUND:
        status = 404;
        code = "not_found";
        break;
      case CONTENT_REJECTED:
        status = 422;
        code = "rejected";
        break;
      default:
        status = 503;
        code = "unavailable";
        break;
    }
    enqueuePublish(json(status, requestId, error(code, reason)));
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    long seconds = Math.max(0, Duration.between(env.clock().instant(), resetAt).getSeconds());
    enqueuePublish(json(429, requestId, error("throttled", "slow down"))
        .withHeader("Retry-After", String.valueOf(seconds)));
  }

  /** Re-registers the publish sequence: each arrangement answers one call, the last keeps answering. */
  private void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    ObjectNode post = posts.addObject();
    post.put("id", externalId);
    post.put("text", text);
    post.put("created_at", createdAt.toString());
    if (postsStub != null) {
      wireMock.removeStubMapping(postsStub);
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("posts", posts.deepCopy());
    postsStub = wireMock.stubFor(get(urlPathEqualTo("/v1/posts")).willReturn(json(200, "acme-req-posts", body)));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode items = body.putArray("items");
      for (int i = 0; i < perPage; i++) {
        ObjectNode item = items.addObject();
        item.put("id", "cmt-" + page + "-" + i);
        item.put("post_id", "post-1");
        item.put("author", "fan" + i);
        item.put("text", "comment " + i + " on page " + page);
        item.put("created_at", env.clock().instant().minusSeconds(60L * page + i).toString());
      }
      if (page < pages) {
        body.put("next", "c" + (page + 1));
      } else {
        body.putNull("next");
      }
      var request = get(urlPathEqualTo("/v1/comments"))
          .withQueryParam("cursor", page == 1 ? absent() : equalTo("c" + page));
      wireMock.stubFor(request.willReturn(json(200, "acme-req-comments-" + page, body)));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    // Acme answers with every post it knows; the connector keeps the ones it asked for.
    ObjectNode body = JSON.createObjectNode();
    ArrayNode metrics = body.putArray("metrics");
    for (int i = 0; i < externalPostIds.size(); i++) {
      ObjectNode entry = metrics.addObject();
      entry.put("id", externalPostIds.get(i));
      entry.put("impressions", 100L + i);
      entry.put("likes", i);
    }
    wireMock.stubFor(get(urlPathEqualTo("/v1/metrics")).willReturn(json(200, "acme-req-metrics", body)));
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(delete(urlPathEqualTo("/v1/posts/" + externalId))
        .willReturn(aResponse().withStatus(204).withHeader(AcmeConnector.REQUEST_ID, "acme-req-delete")));
  }

  @Override
  public void replySucceeds(String externalId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", externalId);
    body.put("created_at", env.clock().instant().toString());
    wireMock.stubFor(post(urlPathEqualTo("/v1/replies")).willReturn(json(201, "acme-req-reply", body)));
  }

  @Override
  public void accountFollowers(long followers) {
    ObjectNode body = JSON.createObjectNode();
    body.put("followers", followers);
    wireMock.stubFor(get(urlPathEqualTo("/v1/me")).willReturn(json(200, "acme-req-me", body)));
  }

  @Override
  public Set<SearchTerm.Kind> searchableKinds() {
    return EnumSet.of(SearchTerm.Kind.KEYWORD, SearchTerm.Kind.HASHTAG);
  }

  @Override
  public void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    for (int page = 1; page <= pages.size(); page++) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode items = body.putArray("posts");
      pages.get(page - 1).forEach(post -> render(items.addObject(), post));
      if (page < pages.size()) {
        body.put("next", "s" + (page + 1));
      } else {
        body.putNull("next");
      }
      var request = get(urlPathEqualTo("/v1/search")).withQueryParam("q", equalTo(term.toString()))
          .withQueryParam("cursor", page == 1 ? absent() : equalTo("s" + page));
      wireMock.stubFor(request.willReturn(json(200, "acme-req-search-" + page, body)));
    }
  }

  @Override
  public void profile(PublicProfile profile) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", profile.externalId());
    body.put("handle", profile.handle());
    body.put("name", profile.displayName());
    body.put("bio", profile.description());
    if (profile.createdAt() != null) {
      body.put("created_at", profile.createdAt().toString());
    }
    profile.counter(Metric.FOLLOWERS).ifPresent(value -> body.put("followers", value));
    profile.counter(Metric.FOLLOWING).ifPresent(value -> body.put("following", value));
    profile.counter(Metric.POSTS).ifPresent(value -> body.put("posts_count", value));
    ArrayNode items = body.putArray("posts");
    profile.recentPosts().forEach(post -> render(items.addObject(), post));
    wireMock.stubFor(get(urlPathEqualTo("/v1/profiles/" + profile.handle()))
        .willReturn(json(200, "acme-req-profile", body)));
  }

  @Override
  public void noProfile(String handle) {
    wireMock.stubFor(get(urlPathEqualTo("/v1/profiles/" + handle))
        .willReturn(json(404, "acme-req-no-profile", error("not_found", "no such profile"))));
  }

  private static void render(ObjectNode node, PublicPost post) {
    node.put("id", post.externalId());
    node.put("author_id", post.authorId());
    node.put("author", post.authorHandle());
    node.put("text", post.text());
    node.put("created_at", post.createdAt().toString());
    post.metric(Metric.LIKES).ifPresent(value -> node.put("likes", value));
    post.metric(Metric.SHARES).ifPresent(value -> node.put("shares", value));
    post.metric(Metric.COMMENTS).ifPresent(value -> node.put("comments", value));
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo("/v1/metrics"))).stream()
        .map(request -> request.queryParameter("ids").firstValue().split(",").length)
        .toList();
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return body;
  }

  private static ResponseDefinitionBuilder json(int status, String requestId, ObjectNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader(AcmeConnector.REQUEST_ID, requestId)
        .withBody(JSON.writeValueAsString(body));
  }
}
