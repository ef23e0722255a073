package dev.chorus.schedule;

import dev.chorus.model.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Dispatches one claim took, with the store's clock at the claim: the database's clock for the
 * JDBC store, so lateness is judged the same way on every node whatever its own clock says.
 */
public record ClaimBatch(Instant now, List<DispatchRecord> dispatches) {

  public ClaimBatch {
    Checks.required("claimBatch.now", now);
    dispatches = Checks.list("claimBatch.dispatches", dispatches);
  }
}
