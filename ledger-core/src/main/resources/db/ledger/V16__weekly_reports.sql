-- Weekly reports (issue 9), computed from a projection instead of a fold of every entry.
--
-- weekly_fact: the few facts of the ledger that a weekly report counts, one row per entry that carries one, keyed by
-- the entry's index, so that the report for a ledger of size N reads the rows with ledger_index < N and nothing else.
-- kind: E an enterprise registered (subject_id, name), R a hazard reported (subject_id, enterprise_id, hazard_level,
-- source, found_at), D a due date set by a plan or an extension (due_date), C a close-out (recorded_at), O a
-- reopening. Instants as the ledger writes them (ISO-8601, exact to the nanosecond). A projection like the others:
-- written in the transaction of its entry, rebuilt by replay.
CREATE TABLE weekly_fact (
    ledger_index BIGINT NOT NULL PRIMARY KEY,
    kind CHAR(1) NOT NULL,
    subject_id VARCHAR(64) NOT NULL,
    enterprise_id VARCHAR(64),
    name VARCHAR(200),
    hazard_level VARCHAR(16),
    source VARCHAR(32),
    found_at VARCHAR(40),
    due_date DATE,
    recorded_at VARCHAR(40)
);

-- weekly_report: the report of each ended week as the server made it on its schedule (the end of each Thursday in the
-- park's zone), written once and never changed: the JSON document's bytes (docs/FORMAT.md section 17), their SHA-256
-- (hex), the ledger size it counts and the size of the signed checkpoint it names. Not a projection: a replay keeps it.
CREATE TABLE weekly_report (
    week DATE NOT NULL PRIMARY KEY,
    at_size BIGINT NOT NULL,
    checkpoint_size BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    document bytea NOT NULL,
    made_at VARCHAR(40) NOT NULL
);

-- recorded_time_block: the recorded times (the events' time_stamp) of each full block of 16,384 entries, block k
-- holding entries [16384 k, 16384 (k + 1)) as big-endian 64-bit nanoseconds since the epoch: what a process reads at
-- its first question as of a time (or a week's report) instead of joining every entry with its event. Filled by
-- whichever process reads the times first; derived from entries that never change, so never rebuilt.
CREATE TABLE recorded_time_block (
    block BIGINT NOT NULL PRIMARY KEY,
    nanos bytea NOT NULL
);

-- a store with entries rebuilds its projections once, so that weekly_fact holds its past
INSERT INTO projection_rebuild (reason)
SELECT 'V16: weekly report facts' FROM ledger_head WHERE size > 0;
