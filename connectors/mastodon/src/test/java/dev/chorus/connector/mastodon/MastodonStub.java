package dev.chorus.connector.mastodon;

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
import dev.chorus.model.Metric;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Programs WireMock with Mastodon's real request and response shapes: statuses, ScheduledStatus,
 * media attachments, notifications with Link headers, {@code {"error": "..."}} bodies, {@code
 * X-Request-Id} and the {@code X-RateLimit-*} headers with an ISO-8601 reset.
 */
final class MastodonStub implements PlatformStub {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ACCOUNT_ID = "109";
  private static final DateTimeFormatter RESET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final WireMockServer wireMock;
  private final Clock clock;
  private final ResponseQueue publishes;
  private final ArrayNode statuses = JSON.createArrayNode();
  private StubMapping statusesStub;

  MastodonStub(WireMockServer wireMock, Clock clock) {
    this.wireMock = wireMock;
    this.publishes = new ResponseQueue(wireMock, "publish", () -> post(urlPathEqualTo("/api/v1/statuses")));
    this.clock = clock;
  }

  @Override
  public void reset() {
    wireMock.resetAll();
    publishes.forget();
    statuses.removeAll();
    statusesStub = null;
    instance(instanceBody(500, 23, 4));
  }

  /** Serves {@code GET /api/v2/instance} with the body. */
  void instance(ObjectNode body) {
    wireMock.stubFor(get(urlPathEqualTo("/api/v2/instance")).willReturn(json(200, "req-instance", body)));
  }

  /** An Instance entity (v2) with the configuration block the connector reads. */
  static ObjectNode instanceBody(int maxCharacters, int urlWeight, int maxMedia) {
    ObjectNode root = JSON.createObjectNode();
    root.put("domain", "mastodon.example");
    root.put("title", "Example");
    root.put("version", "4.4.0");
    root.putObject("usage").putObject("users").put("active_month", 123);
    ObjectNode configuration = root.putObject("configuration");
    configuration.putObject("urls").put("streaming", "wss://mastodon.example");
    configuration.putObject("accounts").put("max_featured_tags", 10);
    ObjectNode statuses = configuration.putObject("statuses");
    statuses.put("max_characters", maxCharacters);
    statuses.put("max_media_attachments", maxMedia);
    statuses.put("characters_reserved_per_url", urlWeight);
    ObjectNode media = configuration.putObject("media_attachments");
    media.put("description_limit", 1500);
    media.put("image_size_limit", 16_777_216);
    media.put("image_matrix_limit", 33_177_600);
    media.put("video_size_limit", 103_809_024);
    media.put("video_frame_rate_limit", 120);
    media.put("video_matrix_limit", 8_294_400);
    ArrayNode types = media.putArray("supported_mime_types");
    for (String type : List.of("image/jpeg", "image/png", "image/gif", "image/heic", "image/heif", "image/webp",
        "image/avif", "video/webm", "video/mp4", "video/quicktime", "video/ogg", "audio/mpeg")) {
      types.add(type);
    }
    ObjectNode polls = configuration.putObject("polls");
    polls.put("max_options", 4);
    polls.put("max_characters_per_option", 50);
    polls.put("min_expiration", 300);
    polls.put("max_expiration", 2_629_746);
    return root;
  }

  @Override
  public void publishSucceeds(String externalId) {
    enqueuePublish(json(200, "req-status-" + externalId, status(externalId, "test content", clock.instant()))
        .withHeader("X-RateLimit-Limit", "300")
        .withHeader("X-RateLimit-Remaining", "299")
        .withHeader("X-RateLimit-Reset", RESET.format(clock.instant().plus(Duration.ofMinutes(5)))));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        enqueuePublish(json(401, requestId, error("The access token is invalid")));
        break;
      case PERMISSION_DENIED:
        enqueuePublish(json(403, requestId, error("This action is not allowed")));
        break;
      case NOT_FOUND:
        enqueuePublish(json(404, requestId, error("Record not found")));
        break;
      case CONTENT_REJECTED:
        enqueuePublish(json(422, requestId, error("Validation failed: " + reason)));
        break;
      default:
        enqueuePublish(json(503, requestId, error("Service Unavailable")));
        break;
    }
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    enqueuePublish(json(429, requestId, error("Too many requests"))
        .withHeader("X-RateLimit-Limit", "300")
        .withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", RESET.format(resetAt)));
  }

  /** Queues a raw response for the next {@code POST /api/v1/statuses}. */
  void enqueuePublish(ResponseDefinitionBuilder response) {
    publishes.add(response);
  }

  @Override
  public void existingPost(String externalId, String text, Instant createdAt) {
    statuses.add(status(externalId, text, createdAt));
    if (statusesStub != null) {
      wireMock.removeStubMapping(statusesStub);
    }
    statusesStub = wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/" + ACCOUNT_ID + "/statuses"))
        .willReturn(json(200, "req-account-statuses", statuses.deepCopy())));
  }

  @Override
  public void interactions(int pages, int perPage) {
    String base = wireMock.baseUrl();
    for (int page = 1; page <= pages; page++) {
      ArrayNode body = JSON.createArrayNode();
      long newest = 900_000L - page * 100L;
      for (int i = 0; i < perPage; i++) {
        long id = newest - i;
        ObjectNode notification = body.addObject();
        notification.put("id", String.valueOf(id));
        notification.put("type", "mention");
        Instant at = clock.instant().minusSeconds(60L * page + i);
        notification.put("created_at", at.toString());
        notification.set("account", account("2" + i, "fan" + i + "@remote.example"));
        ObjectNode status = status("77" + id, "@tck hello " + id, at);
        status.set("account", account("2" + i, "fan" + i + "@remote.example"));
        if (i % 2 == 1) {
          status.put("in_reply_to_id", "555");
          status.put("in_reply_to_account_id", ACCOUNT_ID);
        }
        notification.set("status", status);
        notification.putNull("report");
      }
      ResponseDefinitionBuilder response = json(200, "req-notifications-" + page, body);
      long oldest = newest - perPage + 1;
      String prev = "<" + base + "/api/v1/notifications?min_id=" + newest + "&types[]=mention>; rel=\"prev\"";
      if (page < pages) {
        response = response.withHeader("Link", "<" + base + "/api/v1/notifications?max_id=" + oldest
            + "&types[]=mention>; rel=\"next\", " + prev);
      } else {
        response = response.withHeader("Link", prev);
      }
      var request = get(urlPathEqualTo("/api/v1/notifications"))
          .withQueryParam("max_id", page == 1 ? absent() : equalTo(String.valueOf(newest + 100 - perPage + 1)));
      wireMock.stubFor(request.willReturn(response));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    // A static answer with every status; the connector keeps those it asked for.
    ArrayNode body = JSON.createArrayNode();
    for (int i = 0; i < externalPostIds.size(); i++) {
      ObjectNode status = status(externalPostIds.get(i), "post " + i, clock.instant().minusSeconds(3600));
      status.put("replies_count", i);
      status.put("reblogs_count", 2 * i);
      status.put("favourites_count", 3 * i);
      body.add(status);
    }
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/statuses")).willReturn(json(200, "req-statuses", body)));
  }

  @Override
  public void deleteSucceeds(String externalId) {
    ObjectNode deleted = status(externalId, "deleted", clock.instant());
    deleted.put("text", "deleted");
    wireMock.stubFor(delete(urlPathEqualTo("/api/v1/statuses/" + externalId))
        .willReturn(json(200, "req-delete", deleted)));
  }

  @Override
  public void replySucceeds(String externalId) {
    ObjectNode reply = status(externalId, "TCK reply", clock.instant());
    reply.put("in_reply_to_id", "tck-parent-1");
    enqueuePublish(json(200, "req-reply", reply));
  }

  @Override
  public void accountFollowers(long followers) {
    ObjectNode me = account(ACCOUNT_ID, "tck");
    me.put("followers_count", followers);
    me.put("following_count", 12);
    me.put("statuses_count", 40);
    me.putObject("source").put("privacy", "public");
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/verify_credentials")).willReturn(json(200, "req-me", me)));
  }

  /** Mastodon searches hashtags (tag timeline) and keywords (v2 search), not mentions of a handle. */
  @Override
  public Set<SearchTerm.Kind> searchableKinds() {
    return EnumSet.of(SearchTerm.Kind.HASHTAG, SearchTerm.Kind.KEYWORD);
  }

  /**
   * A hashtag's pages come from {@code GET /api/v1/timelines/tag/:hashtag} linked by a {@code Link}
   * header whose {@code rel="next"} carries {@code max_id} = the page's oldest status id; a keyword's
   * from {@code GET /api/v2/search?type=statuses} paged by {@code offset}.
   */
  @Override
  public void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    String base = wireMock.baseUrl();
    int offset = 0;
    String maxId = null;
    for (int page = 0; page < pages.size(); page++) {
      List<PublicPost> posts = pages.get(page);
      ArrayNode statuses = JSON.createArrayNode();
      posts.forEach(found -> statuses.add(publicStatus(found)));
      String requestId = "req-search-" + (page + 1);
      if (term.kind() == SearchTerm.Kind.HASHTAG) {
        String path = "/api/v1/timelines/tag/" + term.value();
        ResponseDefinitionBuilder response = json(200, requestId, statuses);
        String oldest = posts.get(posts.size() - 1).externalId();
        if (page < pages.size() - 1) {
          response = response.withHeader("Link", "<" + base + path + "?max_id=" + oldest + ">; rel=\"next\", <"
              + base + path + "?min_id=" + posts.get(0).externalId() + ">; rel=\"prev\"");
        }
        wireMock.stubFor(get(urlPathEqualTo(path))
            .withQueryParam("max_id", maxId == null ? absent() : equalTo(maxId)).willReturn(response));
        maxId = oldest;
      } else {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("accounts");
        body.set("statuses", statuses);
        body.putArray("hashtags");
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/search"))
            .withQueryParam("q", equalTo(term.value())).withQueryParam("type", equalTo("statuses"))
            .withQueryParam("offset", offset == 0 ? absent() : equalTo(String.valueOf(offset)))
            .willReturn(json(200, requestId, body)));
        offset += posts.size();
      }
    }
  }

  /**
   * {@code GET /api/v1/accounts/lookup?acct=} answers the Account entity; {@code GET
   * /api/v1/accounts/:id/statuses} answers every recent status, whatever limit was asked for.
   */
  @Override
  public void profile(PublicProfile profile) {
    ObjectNode found = account(profile.externalId(), profile.handle());
    found.put("display_name", profile.displayName());
    found.put("note", "<p>" + profile.description() + "</p>");
    found.put("url", "https://mastodon.example/@" + profile.handle());
    found.put("created_at", profile.createdAt().toString());
    counter(found, "followers_count", profile.counters(), Metric.FOLLOWERS);
    counter(found, "following_count", profile.counters(), Metric.FOLLOWING);
    counter(found, "statuses_count", profile.counters(), Metric.POSTS);
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/lookup")).withQueryParam("acct", equalTo(profile.handle()))
        .willReturn(json(200, "req-lookup", found)));
    ArrayNode statuses = JSON.createArrayNode();
    profile.recentPosts().forEach(recent -> statuses.add(publicStatus(recent)));
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/" + profile.externalId() + "/statuses"))
        .willReturn(json(200, "req-account-statuses", statuses)));
  }

  /** An unknown acct: 404 {@code {"error":"Record not found"}}. */
  @Override
  public void noProfile(String handle) {
    wireMock.stubFor(get(urlPathEqualTo("/api/v1/accounts/lookup")).withQueryParam("acct", equalTo(handle))
        .willReturn(json(404, "req-lookup-missing", error("Record not found"))));
  }

  /** Someone's public status: its author, text and time, and only the counters the post has. */
  private static ObjectNode publicStatus(PublicPost post) {
    ObjectNode status = status(post.externalId(), post.text(), post.createdAt());
    status.set("account", account(post.authorId(), post.authorHandle()));
    status.put("url", "https://mastodon.example/@" + post.authorHandle() + "/" + post.externalId());
    counter(status, "favourites_count", post.metrics(), Metric.LIKES);
    counter(status, "reblogs_count", post.metrics(), Metric.SHARES);
    counter(status, "replies_count", post.metrics(), Metric.COMMENTS);
    return status;
  }

  /** Sets the field to the counter, or leaves it out when the counter is absent. */
  private static void counter(ObjectNode node, String field, Map<Metric, Long> counters, Metric metric) {
    Long value = counters.get(metric);
    if (value == null) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  @Override
  public int requestCount() {
    return wireMock.getAllServeEvents().size();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    return wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/statuses"))).stream()
        .map(request -> idParameters(request.getUrl()).size())
        .toList();
  }

  /** The {@code id[]} values of a request URL, decoded. */
  static List<String> idParameters(String url) {
    List<String> ids = new ArrayList<>();
    int query = url.indexOf('?');
    if (query < 0) {
      return ids;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (name.equals("id[]") && eq >= 0) {
        ids.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return ids;
  }

  /** A Status entity as Mastodon renders it. */
  static ObjectNode status(String id, String text, Instant createdAt) {
    ObjectNode status = JSON.createObjectNode();
    status.put("id", id);
    status.put("created_at", createdAt.toString());
    status.putNull("in_reply_to_id");
    status.putNull("in_reply_to_account_id");
    status.put("sensitive", false);
    status.put("spoiler_text", "");
    status.put("visibility", "public");
    status.put("language", "en");
    status.put("uri", "https://mastodon.example/users/tck/statuses/" + id);
    status.put("url", "https://mastodon.example/@tck/" + id);
    status.put("replies_count", 0);
    status.put("reblogs_count", 0);
    status.put("favourites_count", 0);
    status.put("content", "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\n", "<br />") + "</p>");
    status.putNull("reblog");
    status.putObject("application").put("name", "chorus").putNull("website");
    status.set("account", account(ACCOUNT_ID, "tck"));
    status.putArray("media_attachments");
    status.putArray("mentions");
    status.putArray("tags");
    status.putArray("emojis");
    status.putNull("card");
    status.putNull("poll");
    return status;
  }

  static ObjectNode account(String id, String acct) {
    ObjectNode account = JSON.createObjectNode();
    account.put("id", id);
    account.put("username", acct.contains("@") ? acct.substring(0, acct.indexOf('@')) : acct);
    account.put("acct", acct);
    account.put("display_name", "Name of " + acct);
    return account;
  }

  static ObjectNode error(String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return body;
  }

  static ResponseDefinitionBuilder json(int status, String requestId, tools.jackson.databind.JsonNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-Request-Id", requestId)
        .withBody(JSON.writeValueAsString(body));
  }

  static String resetHeader(Instant at) {
    return RESET.format(at);
  }
}
