-- The dispatch table on PostgreSQL without its surrogate primary key index (issue 10, the peer
-- comparison). No query looks a dispatch up by id there: writes find it by its natural key (the
-- unique constraint chorus_dispatch_key), and the claim updates the rows it locked by their
-- physical position within one statement. State changes are never heap-only updates (the state is
-- in the claim indexes' predicates), so each one inserted an entry into every index whose
-- predicate the new row meets: dropping this index saves one such insert per claim and per
-- outcome. The id column stays (with its default) for compatibility; the natural key becomes the
-- replica identity.
ALTER TABLE chorus_dispatch DROP CONSTRAINT chorus_dispatch_pkey;
ALTER TABLE chorus_dispatch REPLICA IDENTITY USING INDEX chorus_dispatch_key;
