package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Dispatches one claim took, with the store's clock at the claim: the database's clock for the
 * JDBC store, so lateness is judged the same way on every node whatever its own clock says.
 *
 * @param now the store's clock at the claim
 * @param dispatches what the claim took, earliest first
 * @param nextDueAt when the claim took nothing: the earliest instant after {@code now} at which a
 *     pending dispatch falls due, so an idle node can wake then instead of a poll interval later;
 *     {@code null} when none is pending or the store does not say
 */
public record ClaimBatch(Instant now, List<DispatchRecord> dispatches, Instant nextDueAt) {

  public ClaimBatch {
    Checks.required("claimBatch.now", now);
    dispatches = Checks.list("claimBatch.dispatches", dispatches);
    if (nextDueAt != null && !nextDueAt.isAfter(now)) {
      throw new InvalidValueException("claimBatch.nextDueAt", nextDueAt,
          "must be after claimBatch.now (" + now + ")");
    }
  }

  /** A claim that does not say when the next dispatch falls due. */
  public ClaimBatch(Instant now, List<DispatchRecord> dispatches) {
    this(now, dispatches, null);
  }

  /** {@link #nextDueAt()}, if the store said. */
  public Optional<Instant> nextDue() {
    return Optional.ofNullable(nextDueAt);
  }
}
