package dev.chorus.connector.tck;

import dev.chorus.connector.Capability;
import dev.chorus.connector.SearchTerm;
import dev.chorus.model.PublicPost;
import dev.chorus.model.PublicProfile;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a plugin author supplies so the TCK can arrange platform behaviour in their platform's own
 * wire format: usually by programming the WireMock server of the {@link TckEnvironment}, for a
 * simulated platform by configuring it directly. Each method arranges the next calls of the named
 * operation: arrangements of one operation apply in the order they were made, one call each, and
 * the last one made keeps applying to every further call (so a connector that retries a failure
 * meets the same failure again). {@link #reset()} clears every arrangement between rules.
 */
public interface PlatformStub {

  /** The kinds of failure every platform has and every connector must map to a typed error. */
  enum Failure {
    /** Maps to {@code AuthenticationExpiredException} (HTTP 401 or the platform's expired-token error). */
    AUTHENTICATION_EXPIRED,
    /** Maps to {@code PermissionDeniedException} (HTTP 403 or equivalent). */
    PERMISSION_DENIED,
    /** Maps to {@code NotFoundException}. */
    NOT_FOUND,
    /** Maps to {@code ContentRejectedException} carrying the platform's reason. */
    CONTENT_REJECTED,
    /** Maps to {@code PlatformUnavailableException} (HTTP 5xx). */
    UNAVAILABLE
  }

  /** Clears every arrangement and every recorded request. */
  void reset();

  /** The next publish succeeds and creates a post with this platform id. */
  void publishSucceeds(String externalId);

  /**
   * The next publish fails in this way. The platform's response carries {@code requestId} in the
   * header or body field where the platform sends its request id, and, for {@link
   * Failure#CONTENT_REJECTED}, {@code reason} as the platform's message.
   */
  void publishFails(Failure failure, String requestId, String reason);

  /**
   * The next publish is throttled: HTTP 429 (or the platform's equivalent) saying the limit resets
   * at {@code resetAt}, in the platform's own header form (Retry-After, reset epoch, ISO time, ...).
   */
  void publishRateLimited(Instant resetAt, String requestId);

  /** The platform already holds a post by the account with this id and text, created at the instant. */
  void existingPost(String externalId, String text, Instant createdAt);

  /**
   * Interactions arrive in {@code pages} pages of {@code perPage} items each, linked by the
   * platform's cursors; the last page has no next cursor. Every item has its own id and a kind the
   * connector declares.
   */
  void interactions(int pages, int perPage);

  /** Metrics exist for these post ids (the TCK asks for metrics of all of them, in batches). */
  void metricsFor(List<String> externalPostIds);

  /** How many requests reached the platform since the last {@link #reset()}. */
  int requestCount();

  /**
   * How many post ids each metrics request since the last {@link #reset()} asked for, in order.
   * Read from the recorded requests in the platform's own format.
   */
  List<Integer> metricsRequestSizes();

  /** The next delete of the post with this id succeeds. Optional: the delete rule is skipped without it. */
  default void deleteSucceeds(String externalId) {
    throw new UnsupportedOperationException("this stub does not arrange deletes");
  }

  /** The next reply succeeds and creates a reply with this id. Optional: the reply rule is skipped without it. */
  default void replySucceeds(String externalId) {
    throw new UnsupportedOperationException("this stub does not arrange replies");
  }

  /**
   * The account has this many followers. Optional: the account-metrics rule is skipped without it.
   */
  default void accountFollowers(long followers) {
    throw new UnsupportedOperationException("this stub does not arrange account metrics");
  }

  /**
   * The kinds of search term the platform can search; a connector must reject the others with an
   * {@code InvalidValueException} before any I/O. Defaults to every kind.
   */
  default Set<SearchTerm.Kind> searchableKinds() {
    return EnumSet.allOf(SearchTerm.Kind.class);
  }

  /**
   * A search for {@code term} finds these posts, page by page in the given order, the pages linked
   * by the platform's cursors (the last page has none). Each post is rendered in the platform's
   * format with its id, author id and handle, text and creation time; each counter it has goes in
   * the platform's field for that counter and every counter it lacks is left out of the response
   * (the TCK uses {@code LIKES}, {@code SHARES} and {@code COMMENTS}). Optional: the search rule is
   * skipped without it.
   */
  default void searchFinds(SearchTerm term, List<List<PublicPost>> pages) {
    throw new UnsupportedOperationException("this stub does not arrange searches");
  }

  /**
   * The platform holds this public profile (its counters rendered as in {@link #searchFinds}, a
   * counter it lacks left out) and its recent posts, newest first. The platform may answer with all
   * of those posts whatever number the connector asks for, so the connector keeps at most the number
   * it was asked for. Optional: the profile rule is skipped without it.
   */
  default void profile(PublicProfile profile) {
    throw new UnsupportedOperationException("this stub does not arrange profiles");
  }

  /** The platform has no profile with this handle and answers a lookup as the platform does (404). */
  default void noProfile(String handle) {
    throw new UnsupportedOperationException("this stub does not arrange profiles");
  }

  /**
   * The platform's spelling of a handle the TCK names in the profile rules ({@code tck_profiled},
   * {@code tck_nobody}), for platforms whose handles have a syntax of their own (a Bluesky handle is
   * a domain name and has no underscore). Defaults to the name itself.
   */
  default String handle(String name) {
    return name;
  }

  /** Whether this stub can arrange scenarios for the capability (defaults to all). */
  default boolean canArrange(Capability capability) {
    return true;
  }
}
