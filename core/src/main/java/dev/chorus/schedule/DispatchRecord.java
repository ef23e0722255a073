package dev.chorus.schedule;

import dev.chorus.model.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One dispatch as a store holds it.
 *
 * @param series the series of a recurring post, or {@code null}
 * @param version bumped by every cancel and reschedule (an edit), so a claim taken before the
 *     change cannot start an attempt after it
 * @param attempts failed attempts so far
 * @param nextAttemptAt when a PENDING dispatch becomes claimable
 * @param leaseOwner the node holding a CLAIMED dispatch, or {@code null}
 * @param leaseToken the fencing token: bumped by every claim and every change; an outcome is only
 *     recorded with the current token
 * @param leaseExpiresAt when the lease of a CLAIMED dispatch lapses, or {@code null}
 * @param attemptStartedAt set durably before the connector is called and cleared only when the
 *     platform surely has no post, so a later attempt reconciles first; {@code null} otherwise
 * @param checkpoint what a multi-step publish recorded so far
 * @param lastError the last failure's reason, or {@code null}
 * @param externalId the platform's id once published, or {@code null}
 * @param url the post's link once published, or {@code null}
 */
public record DispatchRecord(
    DispatchKey key,
    Instant dueAt,
    String series,
    DispatchState state,
    long version,
    int attempts,
    Instant nextAttemptAt,
    String leaseOwner,
    long leaseToken,
    Instant leaseExpiresAt,
    Instant attemptStartedAt,
    Map<String, String> checkpoint,
    String lastError,
    String externalId,
    URI url) {

  public DispatchRecord {
    Checks.required("dispatch.key", key);
    Checks.required("dispatch.dueAt", dueAt);
    Checks.required("dispatch.state", state);
    Checks.required("dispatch.nextAttemptAt", nextAttemptAt);
    checkpoint = Checks.map("dispatch.checkpoint", checkpoint);
  }

  /** The idempotency key every attempt sends. */
  public String idempotencyKey() {
    return key.idempotencyKey();
  }

  /** The series, if recurring. */
  public Optional<String> seriesId() {
    return Optional.ofNullable(series);
  }
}
