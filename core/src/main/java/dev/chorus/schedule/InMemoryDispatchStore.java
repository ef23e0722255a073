package dev.chorus.schedule;

import dev.chorus.connector.PublishResult;
import dev.chorus.model.Checks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The default store: in memory, thread-safe, for one node. Due and expired dispatches are found
 * through ordered indexes (by next attempt and by lease expiry), so a claim never scans every
 * dispatch. Time comes from the injected clock.
 */
public final class InMemoryDispatchStore implements DispatchStore {

  private final Clock clock;
  private final Object lock = new Object();
  private final Map<DispatchKey, Row> rows = new HashMap<>();
  private final NavigableSet<Row> pending = new TreeSet<>(
      Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparingLong(r -> r.seq));
  private final NavigableSet<Row> leased = new TreeSet<>(
      Comparator.comparing((Row r) -> r.more.leaseExpiresAt).thenComparingLong(r -> r.seq));
  private final Map<String, NavigableSet<Instant>> series = new HashMap<>();
  private final Map<PauseScope, String> pauses = new LinkedHashMap<>();
  private long sequence;

  /** A store reading time from the clock. */
  public InMemoryDispatchStore(Clock clock) {
    this.clock = Checks.required("clock", clock);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public boolean schedule(DispatchRequest request) {
    Checks.required("request", request);
    synchronized (lock) {
      if (rows.containsKey(request.key())) {
        return false;
      }
      Row row = new Row(request, ++sequence);
      rows.put(request.key(), row);
      pending.add(row);
      if (request.series() != null) {
        series.computeIfAbsent(request.series(), s -> new TreeSet<>()).add(request.dueAt());
      }
      return true;
    }
  }

  @Override
  public Optional<DispatchRecord> find(DispatchKey key) {
    synchronized (lock) {
      Row row = rows.get(key);
      return row == null ? Optional.empty() : Optional.of(row.snapshot());
    }
  }

  @Override
  public ClaimBatch claim(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, false);
  }

  /** One lock for the claim and the markers; the records show the marker as it was before. */
  @Override
  public ClaimBatch claimAndStart(String owner, int limit, Duration lease) {
    return claim(owner, limit, lease, true);
  }

  private ClaimBatch claim(String owner, int limit, Duration lease, boolean start) {
    Checks.notBlank("owner", owner);
    synchronized (lock) {
      Instant now = clock.instant();
      List<Row> taken = new ArrayList<>();
      collect(pending.iterator(), r -> r.nextAttemptAt, now, limit, taken);
      collect(leased.iterator(), r -> r.more.leaseExpiresAt, now, limit, taken);
      List<DispatchRecord> result = new ArrayList<>(taken.size());
      for (Row row : taken) {
        unindex(row);
        row.state = DispatchState.CLAIMED;
        row.more().leaseOwner = owner;
        row.leaseToken++;
        row.more.leaseExpiresAt = now.plus(lease);
        index(row);
        result.add(row.snapshot());
        if (start && row.more.attemptStartedAt == null) {
          row.more.attemptStartedAt = now;
        }
      }
      if (result.isEmpty()) {
        Row next = pending.higher(Row.probe(now));
        return new ClaimBatch(now, result, next == null ? null : next.nextAttemptAt);
      }
      return new ClaimBatch(now, result);
    }
  }

  private void collect(Iterator<Row> it, java.util.function.Function<Row, Instant> time, Instant now,
      int limit, List<Row> into) {
    while (into.size() < limit && it.hasNext()) {
      Row row = it.next();
      if (time.apply(row).isAfter(now)) {
        return;
      }
      if (!paused(row.key)) {
        into.add(row);
      }
    }
  }

  private boolean paused(DispatchKey key) {
    for (PauseScope scope : pauses.keySet()) {
      if (scope.covers(key)) {
        return true;
      }
    }
    return false;
  }

  /** The row when the token is current and its lease has not lapsed. */
  private Row held(DispatchKey key, long token) {
    Row row = rows.get(key);
    if (row == null || row.state != DispatchState.CLAIMED || row.leaseToken != token
        || !row.more.leaseExpiresAt.isAfter(clock.instant())) {
      return null;
    }
    return row;
  }

  @Override
  public boolean renew(DispatchKey key, long token, Duration lease) {
    synchronized (lock) {
      Row row = held(key, token);
      if (row == null) {
        return false;
      }
      unindex(row);
      row.more.leaseExpiresAt = clock.instant().plus(lease);
      index(row);
      return true;
    }
  }

  @Override
  public boolean startAttempt(DispatchKey key, long token, long version, Duration lease) {
    synchronized (lock) {
      Row row = held(key, token);
      if (row == null || row.version != version || paused(key)) {
        return false;
      }
      unindex(row);
      Instant now = clock.instant();
      row.more.attemptStartedAt = now;
      row.more.leaseExpiresAt = now.plus(lease);
      index(row);
      return true;
    }
  }

  @Override
  public boolean saveCheckpoint(DispatchKey key, long token, Map<String, String> checkpoint, Duration lease) {
    synchronized (lock) {
      Row row = held(key, token);
      if (row == null) {
        return false;
      }
      unindex(row);
      row.more.checkpoint = Map.copyOf(checkpoint);
      row.more.leaseExpiresAt = clock.instant().plus(lease);
      index(row);
      return true;
    }
  }

  @Override
  public boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed,
      boolean outcomeUnknown) {
    synchronized (lock) {
      Row row = held(key, token);
      if (row == null) {
        return false;
      }
      unindex(row);
      row.state = DispatchState.PENDING;
      row.nextAttemptAt = clock.instant().plus(delay);
      row.more.lastError = error;
      if (failed) {
        row.attempts++;
      }
      if (!outcomeUnknown) {
        row.more.attemptStartedAt = null;
      }
      row.more.leaseOwner = null;
      row.more.leaseExpiresAt = null;
      index(row);
      return true;
    }
  }

  @Override
  public boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result,
      String reason, boolean outcomeUnknown) {
    if (!state.terminal()) {
      throw new dev.chorus.InvalidValueException("state", state, "must be a final state");
    }
    synchronized (lock) {
      Row row = held(key, token);
      if (row == null) {
        return false;
      }
      unindex(row);
      row.state = state;
      row.more.lastError = reason;
      if (result != null) {
        row.more.externalId = result.externalId();
        row.more.url = result.url();
      }
      if (state == DispatchState.FAILED) {
        row.attempts++;
      }
      if (state != DispatchState.PUBLISHED && !outcomeUnknown) {
        row.more.attemptStartedAt = null;
      }
      row.more.leaseOwner = null;
      row.more.leaseExpiresAt = null;
      return true;
    }
  }

  @Override
  public ChangeResult cancel(DispatchKey key) {
    synchronized (lock) {
      Row row = rows.get(key);
      if (row == null) {
        return ChangeResult.NOT_FOUND;
      }
      if (!changeable(row)) {
        return ChangeResult.TOO_LATE;
      }
      unindex(row);
      row.state = DispatchState.CANCELLED;
      bump(row);
      return ChangeResult.APPLIED;
    }
  }

  @Override
  public ChangeResult reschedule(DispatchKey key, Instant dueAt) {
    Checks.required("dueAt", dueAt);
    synchronized (lock) {
      Row row = rows.get(key);
      if (row == null) {
        return ChangeResult.NOT_FOUND;
      }
      if (!changeable(row)) {
        return ChangeResult.TOO_LATE;
      }
      unindex(row);
      if (row.series != null) {
        NavigableSet<Instant> dues = series.get(row.series);
        dues.remove(row.dueAt);
        dues.add(dueAt);
      }
      row.dueAt = dueAt;
      row.nextAttemptAt = dueAt;
      row.attempts = 0;
      if (row.more != null) {
        row.more.lastError = null;
      }
      row.state = DispatchState.PENDING;
      bump(row);
      index(row);
      return ChangeResult.APPLIED;
    }
  }

  private static boolean changeable(Row row) {
    return row.state != DispatchState.PUBLISHED && (row.more == null || row.more.attemptStartedAt == null);
  }

  private static void bump(Row row) {
    row.version++;
    row.leaseToken++;
    if (row.more != null) {
      row.more.leaseOwner = null;
      row.more.leaseExpiresAt = null;
    }
  }

  @Override
  public boolean laterOccurrenceDue(String seriesId, Instant dueAt, Instant now) {
    synchronized (lock) {
      NavigableSet<Instant> dues = series.get(seriesId);
      if (dues == null) {
        return false;
      }
      Instant next = dues.higher(dueAt);
      return next != null && !next.isAfter(now);
    }
  }

  @Override
  public void pause(PauseScope scope, String reason) {
    Checks.required("scope", scope);
    synchronized (lock) {
      pauses.put(scope, reason == null ? "" : reason);
    }
  }

  @Override
  public boolean resume(PauseScope scope) {
    synchronized (lock) {
      return pauses.remove(scope) != null;
    }
  }

  @Override
  public Map<PauseScope, String> pauses() {
    synchronized (lock) {
      return Map.copyOf(pauses);
    }
  }

  private void unindex(Row row) {
    if (row.state == DispatchState.PENDING) {
      pending.remove(row);
    } else if (row.state == DispatchState.CLAIMED) {
      leased.remove(row);
    }
  }

  private void index(Row row) {
    if (row.state == DispatchState.PENDING) {
      pending.add(row);
    } else if (row.state == DispatchState.CLAIMED) {
      leased.add(row);
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "InMemoryDispatchStore[" + rows.size() + " dispatches, " + pending.size() + " pending]";
    }
  }

  /**
   * One dispatch. A scheduled row that was never claimed holds only what scheduling wrote; the lease,
   * attempt and outcome fields live in {@link More}, created on the first claim, which keeps a row
   * that waits at 64 bytes instead of 88.
   */
  private static final class Row {
    final DispatchKey key;
    final String series;
    final long seq;
    Instant dueAt;
    DispatchState state = DispatchState.PENDING;
    long version;
    int attempts;
    Instant nextAttemptAt;
    long leaseToken;
    More more;

    Row(DispatchRequest request, long seq) {
      this.key = request.key();
      this.series = request.series();
      this.seq = seq;
      this.dueAt = request.dueAt();
      this.nextAttemptAt = request.dueAt();
    }

    private Row(Instant nextAttemptAt) {
      this.key = null;
      this.series = null;
      this.seq = Long.MAX_VALUE;
      this.nextAttemptAt = nextAttemptAt;
    }

    /** Orders after every pending row due at or before {@code at}: {@code pending.higher} of it is the next due. */
    static Row probe(Instant at) {
      return new Row(at);
    }

    More more() {
      if (more == null) {
        more = new More();
      }
      return more;
    }

    DispatchRecord snapshot() {
      if (more == null) {
        return new DispatchRecord(key, dueAt, series, state, version, attempts, nextAttemptAt, null, leaseToken,
            null, null, Map.of(), null, null, null);
      }
      return new DispatchRecord(key, dueAt, series, state, version, attempts, nextAttemptAt, more.leaseOwner,
          leaseToken, more.leaseExpiresAt, more.attemptStartedAt, more.checkpoint, more.lastError, more.externalId,
          more.url);
    }
  }

  /** What a row gains once claimed: lease, attempt marker, checkpoint and outcome. */
  private static final class More {
    String leaseOwner;
    Instant leaseExpiresAt;
    Instant attemptStartedAt;
    Map<String, String> checkpoint = Map.of();
    String lastError;
    String externalId;
    URI url;
  }
}
