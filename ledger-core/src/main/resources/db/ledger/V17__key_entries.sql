-- ledger_key_entry: the index of every entry whose event is a KeyRegistered or a KeyRevoked, written with the entry, in
-- the same transaction (not a projection: a replay does not rebuild it). Verification reads the key history through
-- it instead of scanning every entry for its event_type (ledger_entry has no index on it, and one would cost every
-- write), and checks it entry by entry as it does the event_type column: an index missing from it, or one of another
-- event, is a break at that index (key-index-mismatch, docs/FORMAT.md section 6).
CREATE TABLE ledger_key_entry (
    ledger_index BIGINT NOT NULL PRIMARY KEY
);

-- the key entries of a store written before this table
INSERT INTO ledger_key_entry (ledger_index)
SELECT ledger_index FROM ledger_entry WHERE event_type IN ('KeyRegistered', 'KeyRevoked');
