package dev.chorus.schedule;

import dev.chorus.connector.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where dispatches live. Implementations are thread-safe and may be shared by many nodes (the JDBC
 * store on PostgreSQL). Every time decision (due, lease expiry) uses the store's own clock: the
 * injected clock in memory, the database's clock over JDBC.
 *
 * <p>Every write made on behalf of a claim carries the claim's fencing token and succeeds only
 * while that token is current and its lease has not lapsed; a node that lost its lease cannot
 * record anything.
 *
 * <p>Outbox: the overloads taking a list of events append those events to the store's outbox
 * together with the write they describe. A store with an outbox (the JDBC store) does both in one
 * transaction, so an event is in the outbox exactly when its state change is in the store: a crash
 * loses neither one without the other, and a write that is fenced out appends nothing. The
 * defaults here make the write and then append each event, which suits a store without an outbox
 * (whose {@link #appendOutbox} does nothing).
 */
public interface DispatchStore extends AutoCloseable {

  /** The store's clock now. */
  Instant now();

  /** Adds a PENDING dispatch; false (and no change) when the key already exists. */
  boolean schedule(DispatchRequest request);

  /**
   * Adds a PENDING dispatch and, when it was new, appends the events to the outbox with it; false
   * (no change, no event) when the key already exists.
   */
  default boolean schedule(DispatchRequest request, List<DispatchEvent> events) {
    boolean added = schedule(request);
    if (added) {
      events.forEach(this::appendOutbox);
    }
    return added;
  }

  /** The dispatch with the key. */
  Optional<DispatchRecord> find(DispatchKey key);

  /**
   * Claims up to {@code limit} dispatches: PENDING ones whose next attempt is due and CLAIMED ones
   * whose lease lapsed, earliest first, none in a paused scope. Each gets a new fencing token and a
   * lease of {@code lease} from the store's clock. A claim that takes nothing should say when the
   * next PENDING dispatch falls due ({@link ClaimBatch#nextDueAt()}), so an idle node wakes then;
   * a store that leaves it null is polled at the node's poll interval.
   */
  ClaimBatch claim(String owner, int limit, Duration lease);

  /**
   * Claims like {@link #claim} and records each claimed dispatch's attempt marker in the same write,
   * for a caller that calls the platform for every dispatch it claims at once (one write per
   * dispatch fewer than a claim followed by {@link #startAttempt}). The marker is durable before
   * this returns, so the never-twice argument of {@link #startAttempt} holds from the claim on: a
   * node that dies after this call leaves dispatches that the next owner reconciles first.
   *
   * <p>The returned records carry the attempt marker as it was <em>before</em> the claim
   * ({@code null} when no earlier attempt may have reached the platform), so the caller knows
   * whether to reconcile before calling; the store records the claim's time as the marker (the
   * built-in stores keep an earlier marker instead, so a later reconcile searches from the first
   * attempt). From the claim on, {@link #cancel} and {@link #reschedule} answer TOO_LATE
   * (the call is imminent), and a pause takes effect from the next claim. A caller that then does
   * not call the platform (missed, cancelled by the resolver, refused before sending) clears the
   * marker as usual through {@link #retry} or {@link #complete} with {@code outcomeUnknown} false.
   *
   * <p>The default claims, then starts an attempt on each claimed dispatch, gives back untouched
   * those it cannot start (a pause that came in between) and returns the rest.
   */
  default ClaimBatch claimAndStart(String owner, int limit, Duration lease) {
    ClaimBatch batch = claim(owner, limit, lease);
    List<DispatchRecord> started = new ArrayList<>(batch.dispatches().size());
    for (DispatchRecord d : batch.dispatches()) {
      if (startAttempt(d.key(), d.leaseToken(), d.version(), lease)) {
        started.add(d);
      } else {
        retry(d.key(), d.leaseToken(), Duration.ZERO, "paused before the attempt", false, d.attemptStartedAt() != null);
      }
    }
    return started.size() == batch.dispatches().size() ? batch : new ClaimBatch(batch.now(), started);
  }

  /** Extends the lease (a heartbeat); false when the token is no longer current or lapsed. */
  boolean renew(DispatchKey key, long token, Duration lease);

  /**
   * Records durably that an attempt is about to call the platform, and makes sure at least two
   * thirds of {@code lease} remain (a store may always extend it to the full lease). False
   * when the token is stale, the lease lapsed, the version changed (an edit or cancel won) or the
   * dispatch's scope is paused: the caller must then not call the platform.
   */
  boolean startAttempt(DispatchKey key, long token, long version, Duration lease);

  /** Replaces the recorded checkpoint and extends the lease; false when fenced out. */
  boolean saveCheckpoint(DispatchKey key, long token, Map<String, String> checkpoint, Duration lease);

  /**
   * Returns a claimed dispatch to PENDING, claimable after {@code delay}.
   *
   * @param error the reason, or {@code null}
   * @param failed whether this counts as a failed attempt
   * @param outcomeUnknown whether the attempt may have reached the platform: keeps the attempt
   *     marker so the next attempt reconciles first; otherwise it is cleared
   * @return false when fenced out
   */
  boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed, boolean outcomeUnknown);

  /**
   * {@link #retry(DispatchKey, long, Duration, String, boolean, boolean)} that also appends the
   * events to the outbox when (and only when) the retry is recorded.
   */
  default boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed,
      boolean outcomeUnknown, List<DispatchEvent> events) {
    boolean done = retry(key, token, delay, error, failed, outcomeUnknown);
    if (done) {
      events.forEach(this::appendOutbox);
    }
    return done;
  }

  /**
   * Records a final state. PUBLISHED needs the result; FAILED keeps the attempt marker only when
   * {@code outcomeUnknown}.
   *
   * @param result the platform's result for PUBLISHED, {@code null} otherwise
   * @param reason the reason for FAILED, MISSED or CANCELLED, or {@code null}
   * @return false when fenced out
   */
  boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
      boolean outcomeUnknown);

  /**
   * {@link #complete(DispatchKey, long, DispatchState, PublishResult, String, boolean)} that also
   * appends the events to the outbox when (and only when) the final state is recorded.
   */
  default boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
      boolean outcomeUnknown, List<DispatchEvent> events) {
    boolean done = complete(key, token, state, result, reason, outcomeUnknown);
    if (done) {
      events.forEach(this::appendOutbox);
    }
    return done;
  }

  /**
   * {@link #complete(DispatchKey, long, DispatchState, PublishResult, String, boolean, List)} that
   * may return before the write is durable: the future completes with the same answer once it is
   * (or exceptionally with a {@link DispatchStoreException}). Until then the dispatch stays CLAIMED
   * with its attempt marker, so a node dying meanwhile leaves it to be taken over and reconciled,
   * never published twice. The default writes at once and returns a completed future.
   */
  default CompletableFuture<Boolean> completeAsync(DispatchKey key, long token, DispatchState state,
      PublishResult result, String reason, boolean outcomeUnknown, List<DispatchEvent> events) {
    try {
      return CompletableFuture.completedFuture(complete(key, token, state, result, reason, outcomeUnknown, events));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Cancels a dispatch that no attempt may have reached the platform for; bumps its version and
   * token so a node holding it cannot start an attempt.
   */
  ChangeResult cancel(DispatchKey key);

  /**
   * Moves a dispatch (also used for an edit: same due time, new version) back to PENDING at the
   * due time with a fresh attempt count; bumps its version and token. TOO_LATE when published or
   * when an attempt may have reached the platform.
   */
  ChangeResult reschedule(DispatchKey key, Instant dueAt);

  /**
   * Whether another dispatch of the series with a later due time is also due at {@code now}, which
   * makes this one superseded.
   */
  boolean laterOccurrenceDue(String series, Instant dueAt, Instant now);

  /** Pauses the scope (idempotent); takes effect for the next claim and every attempt not yet started. */
  void pause(PauseScope scope, String reason);

  /** Pauses the scope and appends the events to the outbox with the pause. */
  default void pause(PauseScope scope, String reason, List<DispatchEvent> events) {
    pause(scope, reason);
    events.forEach(this::appendOutbox);
  }

  /** Lifts the pause of exactly this scope; false when it was not paused. */
  boolean resume(PauseScope scope);

  /** Lifts the pause of exactly this scope and, when it was paused, appends the events with it. */
  default boolean resume(PauseScope scope, List<DispatchEvent> events) {
    boolean resumed = resume(scope);
    if (resumed) {
      events.forEach(this::appendOutbox);
    }
    return resumed;
  }

  /** The current pauses and their reasons. */
  Map<PauseScope, String> pauses();

  /**
   * Appends an event that goes with no state change (a credential about to expire) to the store's
   * outbox, when it has one, in a transaction of its own; the default has none.
   */
  default void appendOutbox(DispatchEvent event) {}

  /** Releases what the store holds; the default holds nothing. */
  @Override
  default void close() {}
}
