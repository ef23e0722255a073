package dev.chorus.connector.sandbox;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Page;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public side of the simulated platform: profiles of other accounts and the posts anyone can
 * see. Not thread-safe; {@link SandboxPlatform} guards it with its lock.
 */
final class PublicWorld {

  private static final Pattern HASHTAG = Pattern.compile("#(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern MENTION = Pattern.compile("@(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
  /** Newest first; ties by id so that cursors are stable. */
  private static final Comparator<PublicPost> NEWEST_FIRST =
      Comparator.comparing(PublicPost::createdAt).reversed().thenComparing(PublicPost::externalId);

  private final Map<String, PublicProfile> profiles = new LinkedHashMap<>();
  private final List<PublicPost> posts = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  void clear() {
    profiles.clear();
    posts.clear();
    ids.clear();
  }

  void addPost(PublicPost post) {
    if (!ids.add(post.externalId())) {
      throw new InvalidValueException("post.externalId", post.externalId(), "is already taken");
    }
    posts.add(post);
  }

  void addProfile(PublicProfile profile) {
    String key = key(profile.handle());
    if (profiles.containsKey(key)) {
      throw new InvalidValueException("profile.handle", profile.handle(), "is already taken");
    }
    profiles.put(key, profile);
  }

  /** One page of matching posts, newest first, after the cursor, as read at {@code now}. */
  Page<PublicPost> search(SearchQuery query, int maxPageSize, Instant now) {
    PublicPost after = query.cursor() == null ? null : decode(query.cursor());
    List<PublicPost> matching = posts.stream()
        .filter(post -> matches(query.term(), post.text()))
        .filter(post -> query.since() == null || !post.createdAt().isBefore(query.since()))
        .filter(post -> query.until() == null || post.createdAt().isBefore(query.until()))
        .filter(post -> after == null || NEWEST_FIRST.compare(post, after) > 0)
        .sorted(NEWEST_FIRST)
        .toList();
    int size = Math.min(Math.min(query.pageSize(), maxPageSize), matching.size());
    List<PublicPost> items = matching.subList(0, size).stream().map(post -> at(post, now)).toList();
    String next = matching.size() > size ? encode(items.get(size - 1)) : null;
    return new Page<>(items, next);
  }

  /** The profile with its latest {@code recentPosts} posts, newest first, as read at {@code now}. */
  Optional<PublicProfile> profile(String handle, int recentPosts, Instant now) {
    PublicProfile profile = profiles.get(key(handle));
    if (profile == null) {
      return Optional.empty();
    }
    List<PublicPost> latest = posts.stream()
        .filter(post -> key(post.authorHandle()).equals(key(profile.handle())))
        .sorted(NEWEST_FIRST)
        .limit(recentPosts)
        .map(post -> at(post, now))
        .toList();
    return Optional.of(new PublicProfile(profile.platform(), profile.externalId(), profile.handle(),
        profile.displayName(), profile.description(), profile.createdAt(), now, profile.counters(), latest));
  }

  static boolean matches(SearchTerm term, String text) {
    return switch (term.kind()) {
      case KEYWORD -> text.toLowerCase(Locale.ROOT).contains(term.value().toLowerCase(Locale.ROOT));
      case HASHTAG -> anyToken(HASHTAG.matcher(text), term.value());
      case MENTION -> anyToken(MENTION.matcher(text), term.value());
    };
  }

  private static boolean anyToken(Matcher matcher, String value) {
    while (matcher.find()) {
      if (matcher.group(1).equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  private static PublicPost at(PublicPost post, Instant now) {
    return new PublicPost(post.platform(), post.externalId(), post.authorId(), post.authorHandle(), post.text(),
        post.createdAt(), post.language(), post.url(), now, post.metrics());
  }

  private PublicPost decode(String cursor) {
    int colon = cursor.indexOf(':');
    String id = colon < 0 ? null : cursor.substring(colon + 1);
    PublicPost last = posts.stream().filter(post -> post.externalId().equals(id)).findFirst().orElse(null);
    if (!cursor.startsWith("pub:") || last == null) {
      throw new InvalidValueException("query.cursor", cursor, "is not a cursor this sandbox issued");
    }
    return last;
  }

  private static String encode(PublicPost last) {
    return "pub:" + last.externalId();
  }

  private static String key(String handle) {
    return handle.toLowerCase(Locale.ROOT);
  }
}
