package dev.chorus.connector.linkedin;

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
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.chorus.connector.tck.PlatformStub;
import dev.chorus.connector.tck.TckEnvironment;
import dev.chorus.text.LinkedInText;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * LinkedIn as WireMock, in LinkedIn's own wire format: versioned {@code /rest} endpoints that answer
 * only with {@code LinkedIn-Version}, {@code X-Restli-Protocol-Version: 2.0.0} and a bearer token;
 * created ids in {@code x-restli-id}; request ids in {@code x-li-uuid}; error bodies with {@code
 * status}/{@code serviceErrorCode}/{@code code}/{@code message}; 429 without rate-limit headers.
 */
final class LinkedInStub implements PlatformStub {

  static final String ORG = "urn:li:organization:2414183";
  static final String REQUEST_ID = "x-li-uuid";

  private final TckEnvironment env;
  private final WireMockServer wireMock;
  private final Map<String, List<Supplier<MappingBuilder>>> arrangements = new ConcurrentHashMap<>();
  private final Map<String, List<StubMapping>> registered = new ConcurrentHashMap<>();
  private final List<String> posts = new ArrayList<>();
  private int counter;

  LinkedInStub(TckEnvironment env) {
    this.env = env;
    this.wireMock = env.wireMock();
  }

  /** A versioned API request as LinkedIn accepts it. */
  static MappingBuilder rest(MappingBuilder mapping) {
    return mapping.withHeader("LinkedIn-Version", matching("20\\d{4}"))
        .withHeader("X-Restli-Protocol-Version", equalTo("2.0.0"))
        .withHeader("Authorization", matching("Bearer .+"));
  }

  static String encode(String urn) {
    return URLEncoder.encode(urn, StandardCharsets.UTF_8);
  }

  private String nextRequestId() {
    return "li-" + (++counter);
  }

  @Override
  public synchronized void reset() {
    wireMock.resetAll();
    arrangements.clear();
    registered.clear();
    posts.clear();
    tokenEndpoint();
  }

  /** The OAuth token endpoint answers refresh grants with a new access token. */
  void tokenEndpoint() {
    wireMock.stubFor(post(urlPathEqualTo("/oauth/v2/accessToken"))
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withRequestBody(matching(".*grant_type=refresh_token.*"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"AQX-refreshed-token\",\"expires_in\":5184000,"
                + "\"refresh_token\":\"AQW-rotated-refresh\",\"refresh_token_expires_in\":31536000,"
                + "\"scope\":\"openid,profile,w_member_social\"}")));
  }

  /** Arrangements of one operation answer one call each, in order; the last keeps answering. */
  private synchronized void arrange(String operation, Supplier<MappingBuilder> mapping) {
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

  private static MappingBuilder createPost() {
    return rest(post(urlPathEqualTo("/rest/posts")))
        .withHeader("Content-Type", matching("application/json.*"));
  }

  @Override
  public void publishSucceeds(String externalId) {
    String requestId = nextRequestId();
    arrange("publish", () -> createPost().willReturn(aResponse().withStatus(201)
        .withHeader("x-restli-id", externalId).withHeader(REQUEST_ID, requestId)));
  }

  @Override
  public void publishFails(Failure failure, String requestId, String reason) {
    ResponseDefinitionBuilder response = error(failure, requestId, reason);
    arrange("publish", () -> createPost().willReturn(response));
  }

  static ResponseDefinitionBuilder error(Failure failure, String requestId, String reason) {
    int status;
    String body;
    switch (failure) {
      case AUTHENTICATION_EXPIRED:
        status = 401;
        body = "{\"serviceErrorCode\":65600,\"message\":\"Invalid access token\",\"status\":401}";
        break;
      case PERMISSION_DENIED:
        status = 403;
        body = "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\","
            + "\"message\":\"Not enough permissions to access: partnerApiPostsExternal.CREATE.20260101\"}";
        break;
      case NOT_FOUND:
        status = 404;
        body = "{\"status\":404,\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Not Found\"}";
        break;
      case CONTENT_REJECTED:
        status = 422;
        body = "{\"message\":\"ERROR :: /commentary :: " + reason + "\\n\",\"status\":422}";
        break;
      default:
        status = 503;
        body = "{\"status\":503,\"message\":\"Service Unavailable\"}";
        break;
    }
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader(REQUEST_ID, requestId).withBody(body);
  }

  @Override
  public void publishRateLimited(Instant resetAt, String requestId) {
    // LinkedIn documents no rate-limit headers; a reset this close can only be said with Retry-After.
    long seconds = Math.max(0, Duration.between(env.clock().instant(), resetAt).toSeconds());
    arrange("publish", () -> createPost().willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader(REQUEST_ID, requestId)
        .withHeader("Retry-After", String.valueOf(seconds))
        .withBody("{\"serviceErrorCode\":101,\"message\":\"Resource level throttle limit for calls to this "
            + "resource is reached.\",\"status\":429}")));
  }

  @Override
  public synchronized void existingPost(String externalId, String text, Instant createdAt) {
    long at = createdAt.toEpochMilli();
    posts.add("{\"id\":\"" + externalId + "\",\"author\":\"" + ORG + "\",\"commentary\":" + json(LinkedInText.escape(text))
        + ",\"visibility\":\"PUBLIC\",\"distribution\":{\"feedDistribution\":\"MAIN_FEED\",\"targetEntities\":[],"
        + "\"thirdPartyDistributionChannels\":[]},\"lifecycleState\":\"PUBLISHED\",\"isReshareDisabledByAuthor\":false,"
        + "\"createdAt\":" + at + ",\"publishedAt\":" + at + ",\"lastModifiedAt\":" + at
        + ",\"lifecycleStateInfo\":{\"isEditedByAuthor\":false},\"isReshareDisabledByAuthor\":false}");
    postsFinder();
  }

  private void postsFinder() {
    String body = "{\"paging\":{\"start\":0,\"count\":" + posts.size() + ",\"links\":[]},\"elements\":["
        + String.join(",", posts) + "]}";
    wireMock.stubFor(rest(get(urlPathEqualTo("/rest/posts"))).withQueryParam("q", equalTo("author"))
        .withQueryParam("author", equalTo(ORG))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader(REQUEST_ID, nextRequestId()).withBody(body)));
  }

  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  @Override
  public void interactions(int pages, int perPage) {
    String post = "urn:li:share:7000000000000000001";
    String activity = "urn:li:activity:7000000000000000001";
    existingPost(post, "a post with comments", env.clock().instant().minusSeconds(3600));
    int total = pages * perPage;
    for (int page = 0; page < pages; page++) {
      List<String> elements = new ArrayList<>();
      for (int i = 0; i < perPage; i++) {
        long id = 7100000000000000000L + page * perPage + i;
        long time = env.clock().instant().minusSeconds(60L * (total - page * perPage - i)).toEpochMilli();
        elements.add("{\"$URN\":\"urn:li:comment:(" + activity + "," + id + ")\",\"id\":\"" + id + "\","
            + "\"actor\":\"urn:li:person:zLqTygBP" + i + "\",\"agent\":\"urn:li:person:zLqTygBP" + i + "\","
            + "\"object\":\"" + activity + "\",\"message\":{\"text\":\"comment " + id + "\",\"attributes\":[]},"
            + "\"created\":{\"actor\":\"urn:li:person:zLqTygBP" + i + "\",\"time\":" + time + "},"
            + "\"lastModified\":{\"actor\":\"urn:li:person:zLqTygBP" + i + "\",\"time\":" + time + "},"
            + "\"likesSummary\":{\"selectedLikes\":[],\"aggregatedTotalLikes\":0,\"likedByCurrentUser\":false,"
            + "\"totalLikes\":0},\"commentsSummary\":{\"selectedComments\":[],\"aggregatedTotalComments\":0,"
            + "\"totalFirstLevelComments\":0}}");
      }
      wireMock.stubFor(rest(get(urlPathEqualTo("/rest/socialActions/" + encode(post) + "/comments")))
          .withQueryParam("start", equalTo(String.valueOf(page * perPage)))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
              .withHeader(REQUEST_ID, nextRequestId())
              .withBody("{\"paging\":{\"start\":" + page * perPage + ",\"count\":" + perPage + ",\"total\":" + total
                  + ",\"links\":[]},\"elements\":[" + String.join(",", elements) + "]}")));
    }
  }

  @Override
  public void metricsFor(List<String> externalPostIds) {
    List<String> elements = new ArrayList<>();
    int n = 0;
    for (String id : externalPostIds) {
      n++;
      String key = id.startsWith("urn:li:ugcPost:") ? "ugcPost" : "share";
      elements.add("{\"organizationalEntity\":\"" + ORG + "\",\"" + key + "\":\"" + id + "\","
          + "\"totalShareStatistics\":{\"uniqueImpressionsCount\":" + (400 + n) + ",\"shareCount\":2,"
          + "\"engagement\":0.074,\"clickCount\":30,\"likeCount\":" + (10 + n) + ",\"impressionCount\":" + (650 + n)
          + ",\"commentCount\":1}}");
    }
    // One answer holds every post; the connector keeps only the ones it asked for.
    wireMock.stubFor(rest(get(urlPathEqualTo("/rest/organizationalEntityShareStatistics")))
        .withQueryParam("q", equalTo("organizationalEntity"))
        .withQueryParam("organizationalEntity", equalTo(ORG))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader(REQUEST_ID, nextRequestId())
            .withBody("{\"paging\":{\"count\":10,\"start\":0,\"links\":[]},\"elements\":["
                + String.join(",", elements) + "]}")));
  }

  @Override
  public int requestCount() {
    return wireMock.countRequestsMatching(RequestPatternBuilder.allRequests().build()).getCount();
  }

  @Override
  public List<Integer> metricsRequestSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (LoggedRequest request : wireMock.findAll(getRequestedFor(urlPathEqualTo("/rest/organizationalEntityShareStatistics")))) {
      sizes.add(listSize(request.getUrl(), "shares") + listSize(request.getUrl(), "ugcPosts"));
    }
    return sizes;
  }

  /** Items of a Rest.li {@code name=List(a,b)} query parameter, read from the raw URL. */
  static int listSize(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return 0;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      if (pair.startsWith(name + "=")) {
        String value = URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        if (value.startsWith("List(") && value.endsWith(")")) {
          String inner = value.substring(5, value.length() - 1);
          return inner.isEmpty() ? 0 : inner.split(",").length;
        }
      }
    }
    return 0;
  }

  @Override
  public void deleteSucceeds(String externalId) {
    wireMock.stubFor(rest(delete(urlPathEqualTo("/rest/posts/" + encode(externalId))))
        .willReturn(aResponse().withStatus(204).withHeader(REQUEST_ID, nextRequestId())));
  }

  @Override
  public void replySucceeds(String externalId) {
    wireMock.stubFor(rest(post(urlPathMatching("/rest/socialActions/[^/]+/comments")))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withHeader("x-restli-id", encode(externalId)).withHeader(REQUEST_ID, nextRequestId())
            .withBody("{\"$URN\":\"" + externalId + "\",\"id\":\"7100000000000000999\",\"actor\":\"" + ORG + "\","
                + "\"object\":\"urn:li:activity:7000000000000000001\",\"message\":{\"text\":\"TCK reply\"},"
                + "\"created\":{\"actor\":\"" + ORG + "\",\"time\":" + env.clock().millis() + "}}")));
  }

  @Override
  public void accountFollowers(long followers) {
    wireMock.stubFor(rest(get(urlPathEqualTo("/rest/networkSizes/" + encode(ORG))))
        .withQueryParam("edgeType", equalTo("COMPANY_FOLLOWED_BY_MEMBER"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withHeader(REQUEST_ID, nextRequestId()).withBody("{\"firstDegreeSize\":" + followers + "}")));
  }

}
