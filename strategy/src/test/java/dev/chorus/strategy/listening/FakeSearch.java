package dev.chorus.strategy.listening;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.Limits;
import dev.chorus.connector.Page;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.connector.TextLimit;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.SocialAccount;
import dev.chorus.text.CountingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector whose search serves fixed pages per term (cursor "p2", "p3" … between them), records
 * every query, and can throw a rate limit on one page.
 */
final class FakeSearch implements Connector {

  private final Platform platform;
  private final boolean declaresSearch;
  private final Map<SearchTerm, List<List<PublicPost>>> pages = new HashMap<>();
  final List<SearchQuery> queries = new ArrayList<>();
  private SearchTerm limitedTerm;
  private int limitedPage;
  private Instant retryAt;
  private SearchTerm.Kind unsearchable;
  private RuntimeException failure;

  FakeSearch(Platform platform, boolean declaresSearch) {
    this.platform = platform;
    this.declaresSearch = declaresSearch;
  }

  /** The term's results, one list per page. */
  @SafeVarargs
  final FakeSearch pages(SearchTerm term, List<PublicPost>... pageItems) {
    pages.put(term, List.of(pageItems));
    return this;
  }

  /** The {@code page}-th page (1-based) of the term fails with a rate limit that resets at {@code at}. */
  FakeSearch rateLimitAt(SearchTerm term, int page, Instant at) {
    this.limitedTerm = term;
    this.limitedPage = page;
    this.retryAt = at;
    return this;
  }

  /** Searches of this kind fail before any I/O, as the SPI asks of a kind the platform cannot search. */
  FakeSearch cannotSearch(SearchTerm.Kind kind) {
    this.unsearchable = kind;
    return this;
  }

  /** Every search fails with this exception. */
  FakeSearch failWith(RuntimeException e) {
    this.failure = e;
    return this;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public Capabilities capabilities() {
    Capabilities.Builder b = Capabilities.builder(Limits.builder(TextLimit.of(300, CountingRule.GRAPHEMES)).build());
    return declaresSearch ? b.features(Capability.SEARCH).build() : b.build();
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    throw new UnsupportedOperationException("this fake only searches");
  }

  @Override
  public Page<PublicPost> search(SocialAccount account, SearchQuery query) {
    if (query.term().kind() == unsearchable) {
      throw new InvalidValueException("query.term.kind", unsearchable, "cannot be searched on " + platform.id());
    }
    queries.add(query);
    if (failure != null) {
      throw failure;
    }
    int index = query.cursor() == null ? 0 : Integer.parseInt(query.cursor().substring(1)) - 1;
    if (query.term().equals(limitedTerm) && index + 1 == limitedPage) {
      throw new RateLimitedException(platform, 429, "req-429", retryAt, "search quota used up");
    }
    List<List<PublicPost>> all = pages.getOrDefault(query.term(), List.of(List.of()));
    String next = index + 1 < all.size() ? "p" + (index + 2) : null;
    return new Page<>(all.get(index), next);
  }
}
