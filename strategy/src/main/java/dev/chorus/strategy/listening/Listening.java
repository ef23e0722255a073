package dev.chorus.strategy.listening;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Capability;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorException;
import dev.chorus.connector.Page;
import dev.chorus.connector.RateLimitedException;
import dev.chorus.connector.SearchQuery;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.PublicPost;
import dev.chorus.model.SocialAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches every tracked term on every source that declares {@link Capability#SEARCH}, page by page,
 * over the window that ends at the injected clock's now. Posts are kept once per (platform, post id)
 * with every term that found them; posts outside the window are dropped even when a platform ignores
 * the time bounds. A source without search is skipped with a reason; a rate limit or other platform
 * failure stops only that source's pass and is reported in its {@link PlatformPass}. Immutable and
 * thread-safe when its connectors are.
 */
public final class Listening {

  private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

  /** A connector and the account whose credentials authorise its searches. */
  public record Source(Connector connector, SocialAccount account) {
    /** Validates. */
    public Source {
      Checks.required("source.connector", connector);
      Checks.required("source.account", account);
    }
  }

  private record Key(Platform platform, String externalId) {}

  private final Clock clock;
  private final List<Source> sources;
  private final int pageSize;
  private final int maxPages;

  private Listening(Builder b) {
    this.clock = b.clock;
    this.sources = List.copyOf(b.sources);
    this.pageSize = b.pageSize;
    this.maxPages = b.maxPages;
  }

  /** A builder: no sources yet, pages of 50, at most 10 pages per term and source. */
  public static Builder builder(Clock clock) {
    return new Builder(clock);
  }

  /**
   * Listens for the terms over the last {@code lookback}, ending now on the clock.
   *
   * @throws InvalidValueException when there is no term or the lookback is not positive
   */
  public ListeningResult listen(List<SearchTerm> terms, Duration lookback) {
    List<SearchTerm> tracked = List.copyOf(new LinkedHashSet<>(Checks.list("terms", terms)));
    if (tracked.isEmpty()) {
      throw new InvalidValueException("terms", terms, "needs at least one term");
    }
    Checks.required("lookback", lookback);
    if (lookback.isNegative() || lookback.isZero()) {
      throw new InvalidValueException("lookback", lookback, "must be positive");
    }
    Instant until = clock.instant();
    Instant since = until.minus(lookback);
    Map<Key, PublicPost> posts = new LinkedHashMap<>();
    Map<Key, Set<SearchTerm>> found = new LinkedHashMap<>();
    List<PlatformPass> passes = new ArrayList<>();
    for (Source source : sources) {
      passes.add(pass(source, tracked, since, until, posts, found));
    }
    List<HeardPost> heard = new ArrayList<>();
    posts.forEach((key, post) -> heard.add(new HeardPost(post, found.get(key))));
    heard.sort(Comparator.comparing((HeardPost h) -> h.post().createdAt())
        .thenComparing(h -> h.post().platform().id())
        .thenComparing(h -> h.post().externalId()));
    return new ListeningResult(since, until, tracked, heard, passes);
  }

  private PlatformPass pass(Source source, List<SearchTerm> terms, Instant since, Instant until,
      Map<Key, PublicPost> posts, Map<Key, Set<SearchTerm>> found) {
    Connector connector = source.connector();
    Platform platform = connector.platform();
    if (!connector.capabilities().supports(Capability.SEARCH)) {
      return new PlatformPass(platform, source.account(), PassStatus.SKIPPED,
          platform.id() + " does not declare " + Capability.SEARCH, null, 0, 0, List.of());
    }
    int[] pages = {0};
    int read = 0;
    List<String> unsearchable = new ArrayList<>();
    for (SearchTerm term : terms) {
      SearchQuery first = new SearchQuery(term, since, until, null, pageSize);
      try {
        Iterable<PublicPost> all = Page.iterate(cursor -> {
          Page<PublicPost> page = connector.search(source.account(), first.next(cursor));
          pages[0]++;
          return page;
        }, maxPages);
        for (PublicPost post : all) {
          if (post.createdAt().isBefore(since) || !post.createdAt().isBefore(until)) {
            continue;
          }
          read++;
          Key key = new Key(post.platform(), post.externalId());
          posts.putIfAbsent(key, post);
          found.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(term);
        }
      } catch (InvalidValueException e) {
        if (!"query.term.kind".equals(e.field())) {
          throw e;
        }
        unsearchable.add(term + ": " + e.getMessage());
      } catch (RateLimitedException e) {
        LOG.warn("Listening on {} stopped at term {}: rate limited until {}", platform.id(), term,
            e.retryAt().map(Instant::toString).orElse("unknown"));
        return new PlatformPass(platform, source.account(), PassStatus.RATE_LIMITED,
            "rate limited while searching " + term + ": " + e.getMessage(), e.retryAt().orElse(null), pages[0], read,
            unsearchable);
      } catch (ConnectorException e) {
        LOG.warn("Listening on {} stopped at term {}: {}", platform.id(), term, e.getMessage());
        return new PlatformPass(platform, source.account(), PassStatus.FAILED,
            "failed while searching " + term + ": " + e.getMessage(), null, pages[0], read, unsearchable);
      }
    }
    return new PlatformPass(platform, source.account(), PassStatus.COMPLETE, "", null, pages[0], read, unsearchable);
  }

  /** Builds a {@link Listening}. */
  public static final class Builder {
    private final Clock clock;
    private final List<Source> sources = new ArrayList<>();
    private int pageSize = 50;
    private int maxPages = 10;

    private Builder(Clock clock) {
      this.clock = Checks.required("clock", clock);
    }

    /** Adds a source: the connector searches on behalf of the account. */
    public Builder source(Connector connector, SocialAccount account) {
      sources.add(new Source(connector, account));
      return this;
    }

    /** Posts asked for per page, 1–1000; 50 by default. */
    public Builder pageSize(int size) {
      if (size < 1 || size > 1000) {
        throw new InvalidValueException("pageSize", size, "must be 1-1000");
      }
      this.pageSize = size;
      return this;
    }

    /** The most pages read per term and source; 10 by default. */
    public Builder maxPages(int pages) {
      if (pages < 1) {
        throw new InvalidValueException("maxPages", pages, "must be at least 1");
      }
      this.maxPages = pages;
      return this;
    }

    /** The listening, with the sources added so far. */
    public Listening build() {
      return new Listening(this);
    }
  }
}
