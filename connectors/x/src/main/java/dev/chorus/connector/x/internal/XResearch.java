package dev.chorus.connector.x.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Public research on X: recent search ({@code GET /2/tweets/search/recent}) and public profiles
 * ({@code GET /2/users/by/username/:username} plus {@code GET /2/users/:id/tweets}). Counters X
 * leaves out of {@code public_metrics} stay absent.
 */
final class XResearch {

  /** X usernames: 1 to 15 letters, digits or underscores. */
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");
  /** The query length of self-serve access to recent search. */
  static final int MAX_QUERY_LENGTH = 512;
  private static final String TWEET_FIELDS = "created_at,lang,public_metrics,author_id";

  private final PlatformHttp http;
  private final Clock clock;

  XResearch(PlatformHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    Checks.required("account", account);
    Checks.required("query", query);
    String q = query(query.term());
    ApiRequest.Builder call = ApiRequest.get("/2/tweets/search/recent")
        .query("query", q)
        .query("max_results", String.valueOf(Math.max(10, Math.min(100, query.pageSize()))))
        .query("tweet.fields", TWEET_FIELDS)
        .query("expansions", "author_id")
        .query("user.fields", "username")
        .account(account.credentials())
        .rateLimitBucket("GET /2/tweets/search/recent");
    if (query.since() != null) {
      // start_time is inclusive at second granularity: round down so nothing at or after since is lost
      call.query("start_time", rfc3339(query.since().truncatedTo(ChronoUnit.SECONDS)));
    }
    if (query.until() != null) {
      // end_time is exclusive: round up so nothing before until is lost
      Instant until = query.until().truncatedTo(ChronoUnit.SECONDS);
      call.query("end_time", rfc3339(until.equals(query.until()) ? until : until.plusSeconds(1)));
    }
    if (query.cursor() != null) {
      call.query("pagination_token", query.cursor());
    }
    JsonNode json = http.execute(call.build()).json();
    Map<String, String> usernames = new HashMap<>();
    for (JsonNode user : json.path("includes").path("users")) {
      String id = XJson.text(user, "id");
      String username = XJson.text(user, "username");
      if (id != null && username != null) {
        usernames.put(id, username);
      }
    }
    Instant now = clock.instant();
    List<PublicPost> posts = new ArrayList<>();
    for (JsonNode post : json.path("data")) {
      PublicPost found = publicPost(post, usernames.get(XJson.text(post, "author_id")), now);
      if (found != null && within(found.createdAt(), query)) {
        posts.add(found);
      }
    }
    return new Page<>(posts, XJson.text(json.path("meta"), "next_token"));
  }

  private static boolean within(Instant createdAt, SearchQuery query) {
    return (query.since() == null || !createdAt.isBefore(query.since()))
        && (query.until() == null || createdAt.isBefore(query.until()));
  }

  /** The recent-search query for the term: {@code #tag}, {@code @handle}, a word, or a quoted phrase. */
  static String query(SearchTerm term) {
    String q = switch (term.kind()) {
      case HASHTAG -> "#" + term.value();
      case MENTION -> {
        if (!USERNAME.matcher(term.value()).matches()) {
          throw new InvalidValueException("query.term.value", term.value(),
              "an X handle has 1 to 15 letters, digits or underscores");
        }
        yield "@" + term.value();
      }
      case KEYWORD -> term.value().chars().anyMatch(Character::isWhitespace)
          ? "\"" + term.value().replace("\"", "") + "\""
          : term.value();
    };
    if (q.length() > MAX_QUERY_LENGTH) {
      throw new InvalidValueException("query.term.value", term.value(),
          "X recent search takes queries of at most " + MAX_QUERY_LENGTH + " characters");
    }
    return q;
  }

  PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    Checks.required("account", account);
    Checks.notBlank("handle", handle);
    String username = handle.strip().startsWith("@") ? handle.strip().substring(1) : handle.strip();
    if (!USERNAME.matcher(username).matches()) {
      throw new InvalidValueException("handle", handle, "an X handle has 1 to 15 letters, digits or underscores");
    }
    if (recentPosts < 0 || recentPosts > 100) {
      throw new InvalidValueException("recentPosts", recentPosts, "must be 0-100 (X pages user posts by up to 100)");
    }
    ApiResponse response = http.execute(ApiRequest.get("/2/users/by/username/" + encode(username))
        .query("user.fields", "public_metrics,created_at,description")
        .account(account.credentials())
        .rateLimitBucket("GET /2/users/by/username/:username").build());
    JsonNode user = response.json().path("data");
    String id = XJson.text(user, "id");
    if (!user.isObject() || id == null) {
      // X answers an unknown username with 200, no data and a resource-not-found error
      throw new NotFoundException(Platform.X, 404, response.requestId().orElse(null),
          "X has no user @" + username + ": " + XErrors.message(response));
    }
    String actual = XJson.text(user, "username") == null ? username : XJson.text(user, "username");
    Instant now = clock.instant();
    List<PublicPost> posts = new ArrayList<>();
    if (recentPosts > 0) {
      JsonNode json = http.execute(ApiRequest.get("/2/users/" + encode(id) + "/tweets")
          .query("max_results", String.valueOf(Math.max(5, recentPosts)))
          .query("exclude", "retweets,replies")
          .query("tweet.fields", TWEET_FIELDS)
          .account(account.credentials())
          .rateLimitBucket("GET /2/users/:id/tweets").build()).json();
      for (JsonNode post : json.path("data")) {
        PublicPost found = publicPost(post, actual, now);
        if (found != null && posts.size() < recentPosts) {
          posts.add(found);
        }
      }
    }
    JsonNode metrics = user.path("public_metrics");
    Map<Metric, Long> counters = new LinkedHashMap<>();
    XJson.counter(metrics, "followers_count").ifPresent(value -> counters.put(Metric.FOLLOWERS, value));
    XJson.counter(metrics, "following_count").ifPresent(value -> counters.put(Metric.FOLLOWING, value));
    XJson.counter(metrics, "tweet_count").ifPresent(value -> counters.put(Metric.POSTS, value));
    return new PublicProfile(Platform.X, id, actual, XJson.text(user, "name"), XJson.text(user, "description"),
        XJson.instant(user, "created_at"), now, counters, posts);
  }

  /** The post with its public counters, or {@code null} when X sent no id, author or creation time. */
  private static PublicPost publicPost(JsonNode post, String username, Instant now) {
    String id = XJson.text(post, "id");
    String authorId = XJson.text(post, "author_id");
    Instant createdAt = XJson.instant(post, "created_at");
    if (id == null || authorId == null || createdAt == null) {
      return null;
    }
    JsonNode metrics = post.path("public_metrics");
    Map<Metric, Long> counters = new LinkedHashMap<>();
    XJson.counter(metrics, "like_count").ifPresent(value -> counters.put(Metric.LIKES, value));
    XJson.counter(metrics, "retweet_count").ifPresent(value -> counters.put(Metric.SHARES, value));
    XJson.counter(metrics, "reply_count").ifPresent(value -> counters.put(Metric.COMMENTS, value));
    XJson.counter(metrics, "quote_count").ifPresent(value -> counters.put(Metric.QUOTES, value));
    XJson.counter(metrics, "impression_count").ifPresent(value -> counters.put(Metric.IMPRESSIONS, value));
    String lang = XJson.text(post, "lang");
    URI url = username == null
        ? URI.create("https://x.com/i/web/status/" + encode(id))
        : URI.create("https://x.com/" + encode(username) + "/status/" + encode(id));
    String text = XJson.text(post, "text");
    return new PublicPost(Platform.X, id, authorId, username == null ? authorId : username,
        text == null ? "" : text, createdAt, "und".equals(lang) ? null : lang, url, now, counters);
  }

  private static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
