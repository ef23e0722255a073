package dev.chorus.schedule;

import dev.chorus.connector.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Every scenario again on a store that implements only the abstract operations of {@link
 * DispatchStore} (as a third-party store might), so the default {@link
 * DispatchStore#claimAndStart} — a claim, then an attempt started on each — is what the
 * background loop and the scenarios use.
 */
class DefaultClaimAndStartTest extends InMemoryDispatchTest {

  @Override
  DispatchStore newStore() {
    return new Minimal(super.newStore());
  }

  /** Forwards the abstract operations only. */
  private record Minimal(DispatchStore delegate) implements DispatchStore {

    @Override
    public Instant now() {
      return delegate.now();
    }

    @Override
    public boolean schedule(DispatchRequest request) {
      return delegate.schedule(request);
    }

    @Override
    public Optional<DispatchRecord> find(DispatchKey key) {
      return delegate.find(key);
    }

    @Override
    public ClaimBatch claim(String owner, int limit, Duration lease) {
      return delegate.claim(owner, limit, lease);
    }

    @Override
    public boolean renew(DispatchKey key, long token, Duration lease) {
      return delegate.renew(key, token, lease);
    }

    @Override
    public boolean startAttempt(DispatchKey key, long token, long version, Duration lease) {
      return delegate.startAttempt(key, token, version, lease);
    }

    @Override
    public boolean saveCheckpoint(DispatchKey key, long token, Map<String, String> checkpoint, Duration lease) {
      return delegate.saveCheckpoint(key, token, checkpoint, lease);
    }

    @Override
    public boolean retry(DispatchKey key, long token, Duration delay, String error, boolean failed,
        boolean outcomeUnknown) {
      return delegate.retry(key, token, delay, error, failed, outcomeUnknown);
    }

    @Override
    public boolean complete(DispatchKey key, long token, DispatchState state, PublishResult result, String reason,
        boolean outcomeUnknown) {
      return delegate.complete(key, token, state, result, reason, outcomeUnknown);
    }

    @Override
    public ChangeResult cancel(DispatchKey key) {
      return delegate.cancel(key);
    }

    @Override
    public ChangeResult reschedule(DispatchKey key, Instant dueAt) {
      return delegate.reschedule(key, dueAt);
    }

    @Override
    public boolean laterOccurrenceDue(String series, Instant dueAt, Instant now) {
      return delegate.laterOccurrenceDue(series, dueAt, now);
    }

    @Override
    public void pause(PauseScope scope, String reason) {
      delegate.pause(scope, reason);
    }

    @Override
    public boolean resume(PauseScope scope) {
      return delegate.resume(scope);
    }

    @Override
    public Map<PauseScope, String> pauses() {
      return delegate.pauses();
    }
  }
}
