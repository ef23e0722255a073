package dev.chorus.connector.mastodon.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Page;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.ApiResponse;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads of public statuses and accounts: hashtag timelines, full-text status search and account
 * lookup with the account's latest statuses. Counters are those the instance knows, which for
 * remote statuses and accounts may lag behind their home server.
 */
final class PublicReads {

  /** Most statuses per page of a timeline, of search and of an account's statuses. */
  static final int MAX_LIMIT = 40;
  /** Most recent posts a profile lookup returns: a Chorus bound (5 full pages of 40). */
  static final int MAX_RECENT_POSTS = 200;
  private static final int MAX_STATUS_PAGES = 10;
  private static final String BUCKET = "api";
  private static final Pattern ACCT = Pattern.compile("[A-Za-z0-9_]{1,30}(@[A-Za-z0-9.-]{1,253})?");
  private static final Pattern OFFSET = Pattern.compile("[0-9]{1,9}");

  private final PlatformHttp http;
  private final Clock clock;

  PublicReads(PlatformHttp http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** One page of statuses for a hashtag (tag timeline) or a keyword (v2 search). */
  Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    SearchTerm term = query.term();
    int limit = Math.min(MAX_LIMIT, query.pageSize());
    return switch (term.kind()) {
      case HASHTAG -> tagTimeline(account, query, limit);
      case KEYWORD -> keyword(account, query, limit);
      case MENTION -> throw new InvalidValueException("query.term.kind", term.kind(),
          "Mastodon has no search for mentions of a handle; search the handle as a KEYWORD, or read the "
              + "account's own mentions as interactions");
    };
  }

  private Page<PublicPost> tagTimeline(SocialAccount account, SearchQuery query, int limit) {
    ApiRequest.Builder call = ApiRequest.get("/api/v1/timelines/tag/" + segment(query.term().value()))
        .account(account.credentials()).rateLimitBucket(BUCKET).query("limit", String.valueOf(limit));
    if (query.cursor() != null) {
      call.query("max_id", query.cursor());
    }
    ApiResponse response = http.execute(call.build());
    Instant now = clock.instant();
    List<PublicPost> posts = new ArrayList<>();
    boolean older = false;
    JsonNode statuses = response.json();
    for (JsonNode status : statuses) {
      PublicPost post = post(status, now);
      if (post == null) {
        continue;
      }
      if (query.since() != null && post.createdAt().isBefore(query.since())) {
        older = true; // the timeline is newest first: every later page is older still
      } else if (query.until() == null || post.createdAt().isBefore(query.until())) {
        posts.add(post);
      }
    }
    String next = older || statuses.isEmpty() ? null : MastodonWire.nextMaxId(response.header("Link").orElse(null));
    return new Page<>(newestFirst(posts), next == null || next.equals(query.cursor()) ? null : next);
  }

  private Page<PublicPost> keyword(SocialAccount account, SearchQuery query, int limit) {
    int offset = 0;
    if (query.cursor() != null) {
      if (!OFFSET.matcher(query.cursor()).matches()) {
        throw new InvalidValueException("query.cursor", query.cursor(), "is not a cursor of a Mastodon keyword search");
      }
      offset = Integer.parseInt(query.cursor());
    }
    ApiRequest.Builder call = ApiRequest.get("/api/v2/search")
        .account(account.credentials()).rateLimitBucket(BUCKET)
        .query("q", query.term().value()).query("type", "statuses").query("resolve", "false")
        .query("limit", String.valueOf(limit));
    if (offset > 0) {
      call.query("offset", String.valueOf(offset));
    }
    JsonNode statuses = http.execute(call.build()).json().path("statuses");
    Instant now = clock.instant();
    List<PublicPost> posts = new ArrayList<>();
    for (JsonNode status : statuses) {
      PublicPost post = post(status, now);
      if (post != null && (query.since() == null || !post.createdAt().isBefore(query.since()))
          && (query.until() == null || post.createdAt().isBefore(query.until()))) {
        posts.add(post);
      }
    }
    // a short page is the last one: the server found no more
    String next = statuses.size() < limit ? null : String.valueOf(offset + statuses.size());
    return new Page<>(newestFirst(posts), next);
  }

  /** The account found by {@code /api/v1/accounts/lookup} and its latest own statuses. */
  PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    String acct = handle == null ? "" : handle.strip();
    if (acct.startsWith("@")) {
      acct = acct.substring(1);
    }
    if (!ACCT.matcher(acct).matches()) {
      throw new InvalidValueException("handle", handle, "is not a Mastodon handle (user or user@instance.example)");
    }
    if (recentPosts < 0 || recentPosts > MAX_RECENT_POSTS) {
      throw new InvalidValueException("recentPosts", recentPosts, "must be 0-" + MAX_RECENT_POSTS);
    }
    // an unknown acct is 404 {"error":"Record not found"}: NotFoundException through the error mapping
    JsonNode found = http.execute(ApiRequest.get("/api/v1/accounts/lookup")
        .account(account.credentials()).rateLimitBucket(BUCKET).query("acct", acct).build()).json();
    Instant now = clock.instant();
    String id = MastodonWire.text(found, "id");
    String shown = MastodonWire.text(found, "acct");
    Map<Metric, Long> counters = new LinkedHashMap<>();
    put(counters, Metric.FOLLOWERS, MastodonWire.count(found, "followers_count"));
    put(counters, Metric.FOLLOWING, MastodonWire.count(found, "following_count"));
    put(counters, Metric.POSTS, MastodonWire.count(found, "statuses_count"));
    return new PublicProfile(Platform.MASTODON, id, shown == null || shown.isBlank() ? acct : shown,
        MastodonWire.text(found, "display_name"), MastodonWire.plainText(MastodonWire.text(found, "note")),
        MastodonWire.instant(MastodonWire.text(found, "created_at")), now, counters,
        recentPosts == 0 || id == null ? List.of() : statuses(account, id, recentPosts, now));
  }

  private List<PublicPost> statuses(SocialAccount account, String id, int wanted, Instant now) {
    List<PublicPost> posts = new ArrayList<>();
    String maxId = null;
    for (int page = 0; page < MAX_STATUS_PAGES && posts.size() < wanted; page++) {
      ApiRequest.Builder call = ApiRequest.get("/api/v1/accounts/" + segment(id) + "/statuses")
          .account(account.credentials()).rateLimitBucket(BUCKET)
          .query("limit", String.valueOf(Math.min(MAX_LIMIT, wanted - posts.size())))
          .query("exclude_replies", "true").query("exclude_reblogs", "true");
      if (maxId != null) {
        call.query("max_id", maxId);
      }
      ApiResponse response = http.execute(call.build());
      JsonNode statuses = response.json();
      for (JsonNode status : statuses) {
        PublicPost post = post(status, now);
        if (post != null && posts.size() < wanted) {
          posts.add(post);
        }
      }
      String next = MastodonWire.nextMaxId(response.header("Link").orElse(null));
      if (statuses.isEmpty() || next == null || next.equals(maxId)) {
        break;
      }
      maxId = next;
    }
    return newestFirst(posts);
  }

  /** A status as a public post, or null for a reblog or a status missing what a post needs. */
  private static PublicPost post(JsonNode status, Instant now) {
    if (status.path("reblog").isObject()) {
      return null;
    }
    String id = MastodonWire.text(status, "id");
    JsonNode author = status.path("account");
    String authorId = MastodonWire.text(author, "id");
    String acct = MastodonWire.text(author, "acct");
    Instant created = MastodonWire.instant(MastodonWire.text(status, "created_at"));
    if (id == null || authorId == null || acct == null || acct.isBlank() || created == null) {
      return null;
    }
    String url = MastodonWire.text(status, "url");
    Map<Metric, Long> metrics = new LinkedHashMap<>();
    put(metrics, Metric.LIKES, MastodonWire.count(status, "favourites_count"));
    put(metrics, Metric.SHARES, MastodonWire.count(status, "reblogs_count"));
    put(metrics, Metric.COMMENTS, MastodonWire.count(status, "replies_count"));
    put(metrics, Metric.QUOTES, MastodonWire.count(status, "quotes_count"));
    return new PublicPost(Platform.MASTODON, id, authorId, acct,
        MastodonWire.plainText(MastodonWire.text(status, "content")), created,
        MastodonWire.text(status, "language"),
        MastodonWire.uri(url != null ? url : MastodonWire.text(status, "uri")), now, metrics);
  }

  private static List<PublicPost> newestFirst(List<PublicPost> posts) {
    posts.sort(Comparator.comparing(PublicPost::createdAt).reversed());
    return posts;
  }

  private static void put(Map<Metric, Long> values, Metric metric, Long value) {
    DefaultMastodonConnector.put(values, metric, value);
  }

  private static String segment(String value) {
    return DefaultMastodonConnector.segment(value);
  }
}
