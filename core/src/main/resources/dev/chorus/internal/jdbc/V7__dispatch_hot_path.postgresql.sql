-- The dispatch hot path on PostgreSQL (issue 4, burst benchmark). Each dispatch updates its row
-- three times (claim, attempt marker, outcome). Version 1 indexed state in two indexes, so every
-- update touched all five indexes. Here:
-- * the claim indexes cover only the rows a claim looks for (PENDING by next attempt, CLAIMED by
--   lease expiry), so a row enters one of them at most and a finished row none;
-- * the series index covers only rows of a recurrence (one-off posts have no series);
-- * half of each page is left free (fill factor 50) so that an update that changes no indexed
--   column (the attempt marker) can be a heap-only tuple update, touching no index at all.
-- The fill factor applies to pages written from now on; VACUUM FULL rewrites existing ones.
ALTER TABLE chorus_dispatch SET (fillfactor = 50);
DROP INDEX chorus_dispatch_pending;
CREATE INDEX chorus_dispatch_pending ON chorus_dispatch (next_attempt_at) WHERE state = 'PENDING';
DROP INDEX chorus_dispatch_lease;
CREATE INDEX chorus_dispatch_lease ON chorus_dispatch (lease_expires_at) WHERE state = 'CLAIMED';
DROP INDEX chorus_dispatch_series;
CREATE INDEX chorus_dispatch_series ON chorus_dispatch (series, due_at) WHERE series IS NOT NULL;
