package dev.chorus.connector.x;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs WireMock with X API v2's own shapes: 201 {@code {"data":{"id",…}}} creates, RFC 7807
 * problem bodies, {@code x-rate-limit-*} headers with epoch resets, {@code x-transaction-id},
 * timelines with {@code meta.next_token}, and the OAuth token endpoint answering refreshes with a
 * rotated refresh token.
 */
final class XStub implements PlatformStub {

  static final String USER_ID = "2244994945";

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final ResponseQueue publishes;
  private final List<String> posts = new ArrayList<>();
  private StubMapping postsStub;

  XStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo("/2/tweets")));
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    posts.clear();
    postsStub = null;
    String canary = env.canarySecret();
    wireMock.stubFor(post(urlPathEqualTo("/2/oauth2/token")).willReturn(json(200, "tck-token",
        "{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + canary + "-rotated\","
            + "\"scope\":\"tweet.write users.read tweet.read media.write offline.access\","
            + "\"refresh_token\":\"" + canary + "-refresh-2\"}")));
  }

  @Override
  public void publishSucceeds(String externalId) {
    enqueuePublish(json(201, "tck-create-" + externalId,
        "{\"data\":{\"id\":\"" + externalId + "\",\"text\":\"ok\",\"edit_history_tweet_ids\":[\"" + externalId + "\"]}}")
        .withHeader("x-rate-limit-limit", "100")
        .withHeader("x-rate-limit-remaining", "99")
        .withHeader("x-rate-limit-reset", String.valueOf(env.clock().instant().plusSeconds(900).getEpochSecond()))
        .withHeader("x-app-limit-24hour-limit", "10000")
        .withHeader("x-app-limit-24hour-remaining", "9999")
        .withHeader("x-app-limit-24hour-reset", String.valueOf(env.clock().instant().plusSeconds(86_400).getEpochSecond())));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        enqueuePublish(json(401, requestId,
            "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}"));
        break;
      case PERMISSION_DENIED:
        enqueuePublish(json(403, requestId, "{\"title\":\"Forbidden\",\"type\":\"about:blank\",\"status\":403,"
            + "\"detail\":\"You are not permitted to perform this action.\"}"));
        break;
      case NOT_FOUND:
        enqueuePublish(json(404, requestId, "{\"errors\":[{\"resource_id\":\"1\",\"resource_type\":\"tweet\","
            + "\"title\":\"Not Found Error\",\"detail\":\"Could not find tweet with id: [1].\","
            + "\"type\":\"https://api.x.com/2/problems/resource-not-found\"}],\"title\":\"Not Found Error\","
            + "\"detail\":\"Could not find tweet with id: [1].\",\"type\":\"https://api.x.com/2/problems/resource-not-found\"}"));
        break;
      case CONTENT_REJECTED:
        enqueuePublish(json(400, requestId, "{\"errors\":[{\"parameters\":{\"text\":[\"x\"]},\"message\":\""
            + reason + "\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
            + "\"type\":\"https://api.x.com/2/problems/invalid-request\"}"));
        break;
      default:
        enqueuePublish(json(503, requestId,
            "{\"title\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503,\"detail\":\"Service Unavailable\"}"));
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    enqueuePublish(json(429, requestId,
        "{\"title\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429,\"detail\":\"Too Many Requests\"}")
        .withHeader("x-rate-limit-limit", "100")
        .withHeader("x-rate-limit-remaining", "0")
        .withHeader("x-rate-limit-reset", String.valueOf(resetAt.getEpochSecond())));
  }

  /** Each arrangement answers one call; the last keeps answering. */
  private void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    posts.add(0, "{\"id\":\"" + externalId + "\",\"text\":\"" + escape(text) + "\",\"created_at\":\""
        + createdAt + "\",\"edit_history_tweet_ids\":[\"" + externalId + "\"]}");
    if (postsStub != null) {
      wireMock.removeStubMapping(postsStub);
    }
    postsStub = wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/tweets")).willReturn(json(200,
        "tck-timeline", "{\"data\":[" + String.join(",", posts) + "],\"meta\":{\"result_count\":" + posts.size() + "}}")));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      List<String> items = new ArrayList<>();
      List<String> users = new ArrayList<>();
      for (int i = 0; i < perPage; i++) {
        String id = "18" + page + "0" + i;
        String author = "99" + i;
        boolean reply = i % 2 == 0;
        items.add("{\"id\":\"" + id + "\",\"text\":\"@tck hello " + page + "/" + i + "\",\"author_id\":\"" + author
            + "\",\"created_at\":\"" + env.clock().instant().minusSeconds(60L * page + i) + "\",\"conversation_id\":\"17\""
            + (reply ? ",\"in_reply_to_user_id\":\"" + USER_ID + "\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"17\"}]" : "")
            + "}");
        users.add("{\"id\":\"" + author + "\",\"name\":\"Fan " + i + "\",\"username\":\"fan" + i + "\"}");
      }
      String meta = "{\"result_count\":" + perPage + ",\"newest_id\":\"18" + page + "00\""
          + (page < pages ? ",\"next_token\":\"tok" + (page + 1) + "\"" : "") + "}";
      wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID + "/mentions"))
          .withQueryParam("pagination_token", page == 1 ? absent() : equalTo("tok" + page))
          .willReturn(json(200, "tck-mentions-" + page, "{\"data\":[" + String.join(",", items)
              + "],\"includes\":{\"users\":[" + String.join(",", users) + "]},\"meta\":" + meta + "}")));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < externalPostIds.size(); i++) {
      items.add("{\"id\":\"" + externalPostIds.get(i) + "\",\"text\":\"post " + i + "\",\"public_metrics\":"
          + "{\"retweet_count\":" + i + ",\"reply_count\":1,\"like_count\":" + (2 * i) + ",\"quote_count\":0,"
          + "\"bookmark_count\":3,\"impression_count\":" + (100 + i) + "}}");
    }
    // X returns what it knows of the ids asked; the connector keeps only those it asked for.
    wireMock.stubFor(get(urlPathEqualTo("/2/tweets"))
        .willReturn(json(200, "tck-metrics", "{\"data\":[" + String.join(",", items) + "]}")));
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo("/2/tweets"))).stream()
        .map(request -> request.queryParameter("ids").firstValue().split(",").length)
        .toList();
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(delete(urlPathEqualTo("/2/tweets/" + externalId))
        .willReturn(json(200, "tck-delete", "{\"data\":{\"deleted\":true}}")));
  }

  @Override
  public void replySucceeds(String externalId) {
    publishSucceeds(externalId);
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + USER_ID)).willReturn(json(200, "tck-user",
        "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"TCK\",\"username\":\"tck\",\"public_metrics\":{"
            + "\"followers_count\":" + followers + ",\"following_count\":10,\"tweet_count\":300,\"listed_count\":2,"
            + "\"like_count\":5}}}")));
  }

  @Override
  public void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    String query = switch (term.kind()) {
      case HASHTAG -> "#" + term.value();
      case MENTION -> "@" + term.value();
      case KEYWORD -> term.value();
    };
    for (int page = 1; page <= pages.size(); page++) {
      List<PublicPost> posts = pages.get(page - 1);
      String meta = "{\"result_count\":" + posts.size()
          + (page < pages.size() ? ",\"next_token\":\"b26v89c19zqg8o3f" + (page + 1) + "\"" : "") + "}";
      wireMock.stubFor(get(urlPathEqualTo("/2/tweets/search/recent"))
          .withQueryParam("query", equalTo(query))
          .withQueryParam("pagination_token", page == 1 ? absent() : equalTo("b26v89c19zqg8o3f" + page))
          .willReturn(json(200, "tck-search-" + page, "{\"data\":[" + tweets(posts) + "],\"includes\":{\"users\":["
              + users(posts) + "]},\"meta\":" + meta + "}")));
    }
  }

  @Override
  public void profile(PublicProfile profile) {
    StringBuilder metrics = new StringBuilder();
    profile.counter(Metric.FOLLOWERS).ifPresent(v -> metrics.append(",\"followers_count\":").append(v));
    profile.counter(Metric.FOLLOWING).ifPresent(v -> metrics.append(",\"following_count\":").append(v));
    profile.counter(Metric.POSTS).ifPresent(v -> metrics.append(",\"tweet_count\":").append(v));
    wireMock.stubFor(get(urlPathEqualTo("/2/users/by/username/" + profile.handle())).willReturn(json(200,
        "tck-user-by-name", "{\"data\":{\"id\":\"" + profile.externalId() + "\",\"username\":\"" + profile.handle()
            + "\",\"name\":\"" + escape(String.valueOf(profile.displayName())) + "\",\"description\":\""
            + escape(profile.description()) + "\""
            + (profile.createdAt() == null ? "" : ",\"created_at\":\"" + millis(profile.createdAt()) + "\"")
            + ",\"public_metrics\":{" + (metrics.length() == 0 ? "" : metrics.substring(1)) + "}}}")));
    // X may answer with more posts than asked (its minimum max_results is 5); here it sends them all.
    wireMock.stubFor(get(urlPathEqualTo("/2/users/" + profile.externalId() + "/tweets")).willReturn(json(200,
        "tck-user-tweets", "{\"data\":[" + tweets(profile.recentPosts()) + "],\"meta\":{\"result_count\":"
            + profile.recentPosts().size() + "}}")));
  }

  @Override
  public void noProfile(String handle) {
    wireMock.stubFor(get(urlPathEqualTo("/2/users/by/username/" + handle)).willReturn(json(200, "tck-no-user",
        "{\"errors\":[{\"value\":\"" + handle + "\",\"detail\":\"Could not find user with username: [" + handle
            + "].\",\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":\"username\","
            + "\"resource_id\":\"" + handle + "\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}]}")));
  }

  /** Posts as X renders them: public_metrics holds only the counters the post has. */
  static String tweets(List<PublicPost> posts) {
    List<String> items = new ArrayList<>();
    for (PublicPost post : posts) {
      List<String> metrics = new ArrayList<>();
      post.metric(Metric.LIKES).ifPresent(v -> metrics.add("\"like_count\":" + v));
      post.metric(Metric.SHARES).ifPresent(v -> metrics.add("\"retweet_count\":" + v));
      post.metric(Metric.COMMENTS).ifPresent(v -> metrics.add("\"reply_count\":" + v));
      post.metric(Metric.QUOTES).ifPresent(v -> metrics.add("\"quote_count\":" + v));
      post.metric(Metric.IMPRESSIONS).ifPresent(v -> metrics.add("\"impression_count\":" + v));
      items.add("{\"id\":\"" + post.externalId() + "\",\"text\":\"" + escape(post.text()) + "\",\"author_id\":\""
          + post.authorId() + "\",\"created_at\":\"" + millis(post.createdAt()) + "\""
          + (post.language() == null ? "" : ",\"lang\":\"" + post.language() + "\"")
          + ",\"edit_history_tweet_ids\":[\"" + post.externalId() + "\"],\"public_metrics\":{"
          + String.join(",", metrics) + "}}");
    }
    return String.join(",", items);
  }

  private static String users(List<PublicPost> posts) {
    return posts.stream().map(post -> "{\"id\":\"" + post.authorId() + "\",\"name\":\"" + post.authorHandle()
        + "\",\"username\":\"" + post.authorHandle() + "\"}").distinct().collect(java.util.stream.Collectors.joining(","));
  }

  /** X's creation times carry milliseconds: {@code 2024-01-15T10:30:00.000Z}. */
  static String millis(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(instant);
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static ResponseDefinitionBuilder json(int status, String requestId, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json")
        .withHeader("x-transaction-id", requestId)
        .withBody(body);
  }
}
