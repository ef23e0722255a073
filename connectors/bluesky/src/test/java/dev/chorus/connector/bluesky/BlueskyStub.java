package dev.chorus.connector.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.ResponseQueue;
import dev.chorus.model.Metric;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bluesky's XRPC endpoints on WireMock, in the PDS's own wire format: session JSON, strong refs,
 * {@code {"error","message"}} bodies, {@code RateLimit-*} headers (epoch-second reset) and
 * {@code Retry-After}. Used by the TCK and by the connector's own tests.
 */
final class BlueskyStub implements PlatformStub {

  static final String DID = "did:plc:tcktester7n2ohd5q";
  static final String HANDLE = "tck.bsky.social";
  static final String ACCESS_1 = "eyJhbGciOiJFUzI1NksifQ.access-one.sig";
  static final String REFRESH_1 = "eyJhbGciOiJFUzI1NksifQ.refresh-one.sig";
  static final String ACCESS_2 = "eyJhbGciOiJFUzI1NksifQ.access-two.sig";
  static final String REFRESH_2 = "eyJhbGciOiJFUzI1NksifQ.refresh-two.sig";
  static final String REQUEST_ID = "x-request-id";

  static final String CREATE_SESSION = "/xrpc/com.atproto.server.createSession";
  static final String REFRESH_SESSION = "/xrpc/com.atproto.server.refreshSession";
  static final String CREATE_RECORD = "/xrpc/com.atproto.repo.createRecord";
  static final String DELETE_RECORD = "/xrpc/com.atproto.repo.deleteRecord";
  static final String LIST_RECORDS = "/xrpc/com.atproto.repo.listRecords";
  static final String UPLOAD_BLOB = "/xrpc/com.atproto.repo.uploadBlob";
  static final String RESOLVE_HANDLE = "/xrpc/com.atproto.identity.resolveHandle";
  static final String GET_POSTS = "/xrpc/app.bsky.feed.getPosts";
  static final String GET_PROFILE = "/xrpc/app.bsky.actor.getProfile";
  static final String NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications";
  static final String SEARCH_POSTS = "/xrpc/app.bsky.feed.searchPosts";
  static final String AUTHOR_FEED = "/xrpc/app.bsky.feed.getAuthorFeed";
  /** The app view's datetime form: UTC with milliseconds. */
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final WireMockServer wireMock;
  private final Clock clock;
  private final ResponseQueue publishes;
  private final ArrayNode records = JSON.createArrayNode();
  private StubMapping recordsStub;
  private int cidCounter;

  BlueskyStub(WireMockServer wireMock, Clock clock) {
    this.wireMock = wireMock;
    this.publishes = new ResponseQueue(wireMock, "createRecord", () -> post(urlPathEqualTo(CREATE_RECORD)));
    this.clock = clock;
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    records.removeAll();
    recordsStub = null;
    wireMock.stubFor(post(urlPathEqualTo(CREATE_SESSION))
        .willReturn(json(200, "req-session", session(ACCESS_1, REFRESH_1))));
    wireMock.stubFor(post(urlPathEqualTo(REFRESH_SESSION))
        .willReturn(json(200, "req-refresh", session(ACCESS_2, REFRESH_2))));
  }

  static ObjectNode session(String access, String refresh) {
    ObjectNode body = JSON.createObjectNode();
    body.put("did", DID);
    body.put("handle", HANDLE);
    body.put("email", "tck@example.com");
    body.put("emailConfirmed", true);
    body.put("accessJwt", access);
    body.put("refreshJwt", refresh);
    body.put("active", true);
    return body;
  }

  static String uri(String rkey) {
    return "at://" + DID + "/app.bsky.feed.post/" + rkey;
  }

  String nextCid() {
    cidCounter++;
    return "bafyreig" + String.format("%052d", cidCounter).replace('0', 'a');
  }

  ObjectNode created(String rkey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("uri", uri(rkey));
    body.put("cid", nextCid());
    ObjectNode commit = body.putObject("commit");
    commit.put("cid", "bafyreicommit" + cidCounter);
    commit.put("rev", "3l6ove" + cidCounter);
    body.put("validationStatus", "valid");
    return body;
  }

  @Override
  public void publishSucceeds(String externalId) {
    enqueuePublish(json(200, "req-create-" + externalId, created(externalId)));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        enqueuePublish(json(400, requestId, error("ExpiredToken", "Token has expired")));
        break;
      case PERMISSION_DENIED:
        enqueuePublish(json(400, requestId, error("AccountTakedown", "Account has been taken down")));
        break;
      case NOT_FOUND:
        enqueuePublish(json(400, requestId, error("RepoNotFound", "Could not find repo: " + DID)));
        break;
      case CONTENT_REJECTED:
        enqueuePublish(json(400, requestId, error("InvalidRequest", reason)));
        break;
      default:
        enqueuePublish(json(502, requestId, error("UpstreamFailure", "Upstream Failure")));
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    long seconds = Math.max(0, Duration.between(clock.instant(), resetAt).getSeconds());
    enqueuePublish(json(429, requestId, error("RateLimitExceeded", "Rate Limit Exceeded"))
        .withHeader("RateLimit-Limit", "5000")
        .withHeader("RateLimit-Remaining", "0")
        .withHeader("RateLimit-Reset", String.valueOf(resetAt.getEpochSecond()))
        .withHeader("RateLimit-Policy", "5000;w=3600")
        .withHeader("Retry-After", String.valueOf(seconds)));
  }

  /** Forgets every createRecord arrangement and restarts the sequence. */
  void restartPublishes() {
    publishes.clear();
    wireMock.resetScenarios();
  }

  /** Each arrangement answers one createRecord call; the last keeps answering. */
  void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("uri", uri(externalId));
    entry.put("cid", nextCid());
    ObjectNode value = entry.putObject("value");
    value.put("$type", "app.bsky.feed.post");
    value.put("text", text);
    value.put("createdAt", createdAt.toString());
    value.putArray("langs").add("en");
    records.insert(0, entry);
    if (recordsStub != null) {
      wireMock.removeStubMapping(recordsStub);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("cursor", "3zzzzz");
    body.set("records", records.deepCopy());
    recordsStub = wireMock.stubFor(get(urlPathEqualTo(LIST_RECORDS))
        .withQueryParam("repo", equalTo(DID))
        .withQueryParam("collection", equalTo("app.bsky.feed.post"))
        .willReturn(json(200, "req-list", body)));
  }

  @Override
  public void interactions(int pages, int perPage) {
    for (int page = 1; page <= pages; page++) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode items = body.putArray("notifications");
      for (int i = 0; i < perPage; i++) {
        String reason = i % 2 == 0 ? "reply" : "mention";
        String author = "did:plc:fan" + page + i;
        ObjectNode n = items.addObject();
        n.put("uri", "at://" + author + "/app.bsky.feed.post/3kn" + page + "x" + i);
        n.put("cid", nextCid());
        ObjectNode who = n.putObject("author");
        who.put("did", author);
        who.put("handle", "fan" + page + i + ".bsky.social");
        who.put("displayName", "Fan " + page + i);
        who.putObject("viewer").put("muted", false);
        n.put("reason", reason);
        ObjectNode record = n.putObject("record");
        record.put("$type", "app.bsky.feed.post");
        record.put("text", reason + " " + i + " on page " + page + " @" + HANDLE);
        String at = clock.instant().minusSeconds(60L * page + i).toString();
        record.put("createdAt", at);
        if (reason.equals("reply")) {
          n.put("reasonSubject", uri("3kpost1"));
          ObjectNode reply = record.putObject("reply");
          reply.putObject("root").put("uri", uri("3kpost1")).put("cid", "bafyreiroot");
          reply.putObject("parent").put("uri", uri("3kpost1")).put("cid", "bafyreiroot");
        }
        n.put("isRead", false);
        n.put("indexedAt", at);
        n.putArray("labels");
      }
      if (page < pages) {
        body.put("cursor", "cursor-" + (page + 1));
      }
      body.put("seenAt", clock.instant().minusSeconds(3600).toString());
      body.put("priority", false);
      wireMock.stubFor(get(urlPathEqualTo(NOTIFICATIONS))
          .withQueryParam("cursor", page == 1 ? absent() : equalTo("cursor-" + page))
          .willReturn(json(200, "req-notifications-" + page, body)));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode posts = body.putArray("posts");
    for (int i = 0; i < externalPostIds.size(); i++) {
      ObjectNode view = postView(externalPostIds.get(i), "post " + i);
      view.put("likeCount", 10 + i);
      view.put("repostCount", i);
      view.put("replyCount", 2);
      view.put("quoteCount", 1);
      view.put("bookmarkCount", 3);
      posts.add(view);
    }
    wireMock.stubFor(get(urlPathEqualTo(GET_POSTS)).willReturn(json(200, "req-posts", body)));
  }

  ObjectNode postView(String rkey, String text) {
    ObjectNode view = JSON.createObjectNode();
    view.put("uri", uri(rkey));
    view.put("cid", nextCid());
    ObjectNode author = view.putObject("author");
    author.put("did", DID);
    author.put("handle", HANDLE);
    ObjectNode record = view.putObject("record");
    record.put("$type", "app.bsky.feed.post");
    record.put("text", text);
    record.put("createdAt", clock.instant().minusSeconds(7200).toString());
    view.put("indexedAt", clock.instant().minusSeconds(7200).toString());
    view.putObject("viewer");
    view.putArray("labels");
    return view;
  }

  @Override
  public void deleteSucceeds(String externalId) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode commit = body.putObject("commit");
    commit.put("cid", "bafyreidelete");
    commit.put("rev", "3l6ovedel");
    wireMock.stubFor(post(urlPathEqualTo(DELETE_RECORD))
        .withRequestBody(matchingJsonPath("$.rkey", equalTo(externalId)))
        .withRequestBody(matchingJsonPath("$.repo", equalTo(DID)))
        .withRequestBody(matchingJsonPath("$.collection", equalTo("app.bsky.feed.post")))
        .willReturn(json(200, "req-delete", body)));
  }

  @Override
  public void replySucceeds(String externalId) {
    // The connector reads the parent to learn its cid and thread root.
    ObjectNode body = JSON.createObjectNode();
    body.putArray("posts").add(postView("tck-parent-1", "the parent"));
    wireMock.stubFor(get(urlPathEqualTo(GET_POSTS))
        .withQueryParam("uris", equalTo(uri("tck-parent-1")))
        .willReturn(json(200, "req-parent", body)));
    enqueuePublish(json(200, "req-reply", created(externalId)));
  }

  @Override
  public void accountFollowers(long followers) {
    ObjectNode body = JSON.createObjectNode();
    body.put("did", DID);
    body.put("handle", HANDLE);
    body.put("displayName", "TCK");
    body.put("followersCount", followers);
    body.put("followsCount", 12);
    body.put("postsCount", 345);
    body.put("indexedAt", clock.instant().toString());
    wireMock.stubFor(get(urlPathEqualTo(GET_PROFILE)).withQueryParam("actor", equalTo(DID))
        .willReturn(json(200, "req-profile", body)));
  }

  /** A Bluesky handle is a domain name: {@code tck_profiled} becomes {@code tck-profiled.bsky.social}. */
  @Override
  public String handle(String name) {
    return name.replace('_', '-') + ".bsky.social";
  }

  /**
   * {@code searchPosts} pages linked by an opaque {@code cursor} (the app view sends the offset of
   * the next page); a hashtag term is asked for with {@code tag}, a mention with {@code mentions}.
   * Bluesky searches every kind of term, so {@link #searchableKinds()} keeps its default.
   */
  @Override
  public void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    int offset = 0;
    for (int page = 0; page < pages.size(); page++) {
      ObjectNode body = JSON.createObjectNode();
      offset += pages.get(page).size();
      if (page < pages.size() - 1) {
        body.put("cursor", String.valueOf(offset));
      }
      body.put("hitsTotal", pages.stream().mapToInt(List::size).sum());
      ArrayNode posts = body.putArray("posts");
      pages.get(page).forEach(found -> posts.add(publicPostView(found)));
      var request = get(urlPathEqualTo(SEARCH_POSTS)).withQueryParam("sort", equalTo("latest"))
          .withQueryParam("cursor", page == 0 ? absent() : equalTo(String.valueOf(offset - pages.get(page).size())));
      if (term.kind() == SearchTerm.Kind.HASHTAG) {
        request = request.withQueryParam("tag", equalTo(term.value()));
      }
      wireMock.stubFor(request.willReturn(json(200, "req-search-" + (page + 1), body)));
    }
  }

  /**
   * {@code getProfile} answers the profileViewDetailed; {@code getAuthorFeed} answers every recent
   * post as a feedViewPost, whatever limit was asked for.
   */
  @Override
  public void profile(PublicProfile profile) {
    ObjectNode view = JSON.createObjectNode();
    view.put("did", profile.externalId());
    view.put("handle", profile.handle());
    view.put("displayName", profile.displayName());
    view.put("description", profile.description());
    counter(view, "followersCount", profile.counters(), Metric.FOLLOWERS);
    counter(view, "followsCount", profile.counters(), Metric.FOLLOWING);
    counter(view, "postsCount", profile.counters(), Metric.POSTS);
    view.put("createdAt", DATETIME.format(profile.createdAt()));
    view.put("indexedAt", DATETIME.format(profile.createdAt()));
    view.putObject("viewer").put("muted", false);
    view.putArray("labels");
    wireMock.stubFor(get(urlPathEqualTo(GET_PROFILE)).withQueryParam("actor", equalTo(profile.handle()))
        .willReturn(json(200, "req-profile-" + profile.handle(), view)));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode feed = body.putArray("feed");
    profile.recentPosts().forEach(recent -> feed.addObject().set("post", publicPostView(recent)));
    wireMock.stubFor(get(urlPathEqualTo(AUTHOR_FEED)).withQueryParam("actor", equalTo(profile.externalId()))
        .willReturn(json(200, "req-author-feed", body)));
  }

  /** The app view answers an unknown actor with HTTP 400 {@code InvalidRequest} "Profile not found". */
  @Override
  public void noProfile(String handle) {
    wireMock.stubFor(get(urlPathEqualTo(GET_PROFILE)).withQueryParam("actor", equalTo(handle))
        .willReturn(json(400, "req-profile-missing", error("InvalidRequest", "Profile not found"))));
  }

  /**
   * A postView of someone's post with only the counters it has. The TCK names posts by bare record
   * keys, which the connector reports for records in the signed-in account's repository (others'
   * posts get their full AT URI), so the record sits at {@code at://DID/app.bsky.feed.post/<id>}.
   */
  private ObjectNode publicPostView(PublicPost post) {
    ObjectNode view = JSON.createObjectNode();
    view.put("uri", uri(post.externalId()));
    view.put("cid", nextCid());
    ObjectNode author = view.putObject("author");
    author.put("did", post.authorId());
    author.put("handle", post.authorHandle());
    author.putArray("labels");
    ObjectNode record = view.putObject("record");
    record.put("$type", "app.bsky.feed.post");
    record.put("text", post.text());
    record.put("createdAt", DATETIME.format(post.createdAt()));
    counter(view, "likeCount", post.metrics(), Metric.LIKES);
    counter(view, "repostCount", post.metrics(), Metric.SHARES);
    counter(view, "replyCount", post.metrics(), Metric.COMMENTS);
    view.put("indexedAt", DATETIME.format(post.createdAt()));
    view.putObject("viewer");
    view.putArray("labels");
    return view;
  }

  /** Sets the field to the counter, or leaves it out when the counter is absent. */
  private static void counter(ObjectNode node, String field, Map<Metric, Long> counters, Metric metric) {
    Long value = counters.get(metric);
    if (value != null) {
      node.put(field, value);
    }
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo(GET_POSTS))).stream()
        .map(request -> request.queryParameter("uris").values().size())
        .toList();
  }

  static ObjectNode error(String name, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", name);
    body.put("message", message);
    return body;
  }

  /** A JSON response with the PDS's rate-limit headers of a healthy bucket and a request id. */
  static ResponseDefinitionBuilder json(int status, String requestId, ObjectNode body) {
    ResponseDefinitionBuilder response = aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader(REQUEST_ID, requestId)
        .withBody(JSON.writeValueAsString(body));
    if (status != 429) {
      response = response
          .withHeader("RateLimit-Limit", "3000")
          .withHeader("RateLimit-Remaining", "2999")
          .withHeader("RateLimit-Reset", "1767225600")
          .withHeader("RateLimit-Policy", "3000;w=300");
    }
    return response;
  }
}
