package dev.chorus.connector.bluesky.internal;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.NotFoundException;
import dev.chorus.connector.Page;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.http.ApiRequest;
import dev.chorus.connector.http.PlatformHttp;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import dev.chorus.model.SocialAccount;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads of other accounts' public posts and profiles through the app view: {@code
 * app.bsky.feed.searchPosts}, {@code app.bsky.actor.getProfile} and {@code
 * app.bsky.feed.getAuthorFeed}. Stateless besides what it is given.
 */
final class PublicReads {

  /** Bounds of {@code limit} of searchPosts and getAuthorFeed (lexicons: 1–100). */
  static final int MAX_LIMIT = 100;
  /** Most recent posts a profile lookup returns: a Chorus bound (5 full pages of the author feed). */
  static final int MAX_RECENT_POSTS = 500;
  /** Author-feed pages read for one lookup: reposts and pins are skipped, so a page may give fewer. */
  private static final int MAX_FEED_PAGES = 10;
  private static final String INVALID_HANDLE = "handle.invalid";
  private static final Pattern HANDLE = Pattern.compile(
      "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern DID = Pattern.compile("did:[a-z]+:[a-zA-Z0-9._:%-]{1,2048}");

  private final PlatformHttp api;
  private final Supplier<String> ownDid;
  private final Clock clock;

  PublicReads(PlatformHttp api, Supplier<String> ownDid, Clock clock) {
    this.api = api;
    this.ownDid = ownDid;
    this.clock = clock;
  }

  /** One page of {@code searchPosts}, newest first ({@code sort=latest}). */
  Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    SearchTerm term = query.term();
    ApiRequest.Builder call = ApiRequest.get("/xrpc/app.bsky.feed.searchPosts")
        .account(account.credentials()).rateLimitBucket("read")
        .query("sort", "latest")
        .query("limit", String.valueOf(Math.min(MAX_LIMIT, query.pageSize())));
    switch (term.kind()) {
      case KEYWORD -> call.query("q", term.value());
      case HASHTAG -> call.query("q", "#" + term.value()).query("tag", term.value());
      case MENTION -> call.query("q", "@" + term.value()).query("mentions", checkedActor("query.term.value",
          term.value()));
    }
    if (query.since() != null) {
      call.query("since", BlueskyConnector.DATETIME.format(query.since()));
    }
    if (query.until() != null) {
      call.query("until", BlueskyConnector.DATETIME.format(query.until()));
    }
    if (query.cursor() != null) {
      call.query("cursor", query.cursor());
    }
    String did = ownDid.get();
    Instant now = clock.instant();
    JsonNode json = api.execute(call.build()).json();
    List<PublicPost> posts = new ArrayList<>();
    for (JsonNode view : json.path("posts")) {
      PublicPost post = post(view, did, now);
      // the app view filters by sortAt, which may differ from createdAt: keep the contract exact
      if (post != null && inWindow(post.createdAt(), query.since(), query.until())) {
        posts.add(post);
      }
    }
    posts.sort(Comparator.comparing(PublicPost::createdAt).reversed());
    String next = BskyJson.text(json, "cursor");
    if (json.path("posts").isEmpty() || (next != null && next.equals(query.cursor()))) {
      next = null;
    }
    return new Page<>(posts, next);
  }

  private static boolean inWindow(Instant at, Instant since, Instant until) {
    return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
  }

  /** The profile from {@code getProfile} and its latest own posts from {@code getAuthorFeed}. */
  PublicProfile lookupProfile(SocialAccount account, String handle, int recentPosts) {
    String actor = checkedActor("handle", handle);
    if (recentPosts < 0 || recentPosts > MAX_RECENT_POSTS) {
      throw new InvalidValueException("recentPosts", recentPosts, "must be 0-" + MAX_RECENT_POSTS);
    }
    JsonNode profile = api.execute(ApiRequest.get("/xrpc/app.bsky.actor.getProfile")
        .account(account.credentials()).rateLimitBucket("read").query("actor", actor).build()).json();
    String profileDid = BskyJson.text(profile, "did");
    if (profileDid == null) {
      throw new NotFoundException(Platform.BLUESKY, 200, null, "Bluesky returned no profile for " + actor);
    }
    Instant now = clock.instant();
    Map<Metric, Long> counters = new LinkedHashMap<>();
    put(counters, Metric.FOLLOWERS, BskyJson.count(profile, "followersCount"));
    put(counters, Metric.FOLLOWING, BskyJson.count(profile, "followsCount"));
    put(counters, Metric.POSTS, BskyJson.count(profile, "postsCount"));
    String shownHandle = BskyJson.text(profile, "handle");
    if (shownHandle == null || INVALID_HANDLE.equals(shownHandle)) {
      shownHandle = profileDid;
    }
    String description = BskyJson.text(profile, "description");
    return new PublicProfile(Platform.BLUESKY, profileDid, shownHandle, BskyJson.text(profile, "displayName"),
        description, instant(BskyJson.text(profile, "createdAt")), now, counters,
        recentPosts == 0 ? List.of() : authorFeed(account, profileDid, recentPosts, now));
  }

  private List<PublicPost> authorFeed(SocialAccount account, String actor, int wanted, Instant now) {
    String did = ownDid.get();
    List<PublicPost> posts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String cursor = null;
    for (int page = 0; page < MAX_FEED_PAGES && posts.size() < wanted; page++) {
      ApiRequest.Builder call = ApiRequest.get("/xrpc/app.bsky.feed.getAuthorFeed")
          .account(account.credentials()).rateLimitBucket("read")
          .query("actor", actor).query("filter", "posts_no_replies")
          .query("limit", String.valueOf(Math.min(MAX_LIMIT, wanted - posts.size())));
      if (cursor != null) {
        call.query("cursor", cursor);
      }
      JsonNode json = api.execute(call.build()).json();
      for (JsonNode item : json.path("feed")) {
        // reposts (reasonRepost) and pinned posts (reasonPin) carry a reason: not the author's latest own posts
        if (item.path("reason").isObject() || posts.size() >= wanted) {
          continue;
        }
        PublicPost post = post(item.path("post"), did, now);
        if (post != null && post.authorId().equals(actor) && seen.add(post.externalId())) {
          posts.add(post);
        }
      }
      String next = BskyJson.text(json, "cursor");
      if (next == null || next.equals(cursor) || json.path("feed").isEmpty()) {
        break;
      }
      cursor = next;
    }
    posts.sort(Comparator.comparing(PublicPost::createdAt).reversed());
    return posts;
  }

  /** A postView as a public post, or null when it lacks what a post needs. */
  private static PublicPost post(JsonNode view, String ownDid, Instant now) {
    String uri = BskyJson.text(view, "uri");
    JsonNode author = view.path("author");
    String authorDid = BskyJson.text(author, "did");
    if (uri == null || authorDid == null || !uri.startsWith("at://")) {
      return null;
    }
    JsonNode record = view.path("record");
    Instant createdAt = instant(BskyJson.text(record, "createdAt"));
    if (createdAt == null) {
      createdAt = instant(BskyJson.text(view, "indexedAt"));
    }
    if (createdAt == null) {
      return null;
    }
    String handle = BskyJson.text(author, "handle");
    if (handle == null || INVALID_HANDLE.equals(handle)) {
      handle = authorDid;
    }
    URI url;
    try {
      url = URI.create("https://bsky.app/profile/" + handle + "/post/" + PostIds.rkey(uri));
    } catch (InvalidValueException | IllegalArgumentException notAPost) {
      return null;
    }
    JsonNode langs = record.path("langs");
    String language = langs.isArray() && !langs.isEmpty() && langs.get(0).isString()
        ? langs.get(0).stringValue() : null;
    JsonNode text = record.path("text");
    Map<Metric, Long> metrics = new LinkedHashMap<>();
    put(metrics, Metric.LIKES, BskyJson.count(view, "likeCount"));
    put(metrics, Metric.SHARES, BskyJson.count(view, "repostCount"));
    put(metrics, Metric.COMMENTS, BskyJson.count(view, "replyCount"));
    put(metrics, Metric.QUOTES, BskyJson.count(view, "quoteCount"));
    return new PublicPost(Platform.BLUESKY, PostIds.externalId(uri, ownDid), authorDid, handle,
        text.isString() ? text.stringValue() : "", createdAt, language, url, now, metrics);
  }

  /** A handle (domain syntax) or a DID, before any I/O; a leading {@code @} is dropped. */
  static String checkedActor(String field, String value) {
    String actor = value == null ? "" : value.strip();
    if (actor.startsWith("@")) {
      actor = actor.substring(1);
    }
    if (!(actor.length() <= 253 && HANDLE.matcher(actor).matches()) && !DID.matcher(actor).matches()) {
      throw new InvalidValueException(field, value, "is neither a Bluesky handle (name.example.com) nor a DID");
    }
    return actor;
  }

  private static void put(Map<Metric, Long> values, Metric metric, Long value) {
    BlueskyConnector.put(values, metric, value);
  }

  private static Instant instant(String text) {
    return BlueskyConnector.instant(text);
  }
}
