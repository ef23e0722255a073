package dev.chorus.inbox;

import dev.chorus.model.AccountId;

/**
 * What one sync or webhook ingestion did.
 *
 * @param accountId the account synced, or {@code null} for a webhook delivery
 * @param fetched interactions seen
 * @param added new items stored
 * @param duplicates items already stored (from an earlier poll or a webhook)
 * @param pages pages fetched (0 for a webhook)
 */
public record SyncResult(AccountId accountId, int fetched, int added, int duplicates, int pages) {}
