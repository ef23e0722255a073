package dev.chorus.inbox;

import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * Where incremental sync of one account stands.
 *
 * @param since the newest creation time seen so far, or {@code null} before the first sync
 * @param pageCursor the platform cursor of the next page of an interrupted walk, or {@code null}
 */
public record SyncCursor(AccountId accountId, Instant since, String pageCursor, Instant syncedAt) {

  /** Checks the values. */
  public SyncCursor {
    Checks.required("cursor.accountId", accountId);
    Checks.blankToNull("cursor.pageCursor", pageCursor);
    Checks.required("cursor.syncedAt", syncedAt);
  }
}
