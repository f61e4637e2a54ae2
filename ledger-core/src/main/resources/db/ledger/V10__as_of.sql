-- Questions "as of" an earlier ledger position (docs/FORMAT.md has none of this: projections are not a format).
--
-- Every state a hazard's register row has been in, one row per state: the state made by the entry last_index,
-- valid until the entry valid_to replaced it (9223372036854775807 while it is the current state). The register as
-- the ledger stood at size S is the versions with last_index < S <= valid_to; the current register stays in
-- hazard_view, whose queries are tuned on their own. The versions are not written by the commits: they catch up from
-- the committed entries (HazardVersions), and hazard_version_head.next_index is the first entry not folded in yet.
CREATE TABLE hazard_version (
    hazard_id VARCHAR(64) NOT NULL,
    enterprise_id VARCHAR(64) NOT NULL,
    level VARCHAR(16) NOT NULL,
    source VARCHAR(32) NOT NULL,
    status VARCHAR(32) NOT NULL,
    criterion_ref VARCHAR(200),
    category VARCHAR(100) NOT NULL,
    location VARCHAR(200) NOT NULL,
    description VARCHAR(4000) NOT NULL,
    found_at VARCHAR(40) NOT NULL,
    reported_by VARCHAR(64) NOT NULL,
    reported_at VARCHAR(40) NOT NULL,
    owner_id VARCHAR(64),
    due_date DATE,
    funding VARCHAR(32),
    submissions INTEGER NOT NULL,
    last_submitted_by VARCHAR(64),
    last_verifier_id VARCHAR(64),
    extensions INTEGER NOT NULL,
    reopenings INTEGER NOT NULL,
    closed_at VARCHAR(40),
    first_index BIGINT NOT NULL,
    last_index BIGINT NOT NULL,
    last_entry_hash VARCHAR(64) NOT NULL,
    valid_to BIGINT NOT NULL,
    PRIMARY KEY (hazard_id, last_index)
);
CREATE TABLE hazard_version_head (
    id INTEGER NOT NULL,
    next_index BIGINT NOT NULL,
    PRIMARY KEY (id),
    CHECK (id = 1)
);
INSERT INTO hazard_version_head (id, next_index) VALUES (1, 0);
-- Pages in ledger order (first_index), after the equality filters the register is asked by, as V8 has them for
-- hazard_view; the interval columns follow, so that a version outside the position is passed over in the index.
CREATE INDEX hazard_version_order ON hazard_version (first_index, last_index, valid_to);
CREATE INDEX hazard_version_enterprise ON hazard_version (enterprise_id, first_index, last_index, valid_to);
CREATE INDEX hazard_version_enterprise_status ON hazard_version (enterprise_id, status, first_index, last_index, valid_to);
CREATE INDEX hazard_version_status ON hazard_version (status, first_index, last_index, valid_to);
CREATE INDEX hazard_version_open_major ON hazard_version (level, status, last_index, valid_to, enterprise_id, due_date);

-- When an enterprise entered the ledger (the register as of S lists only those registered before S).
ALTER TABLE enterprise_view ADD COLUMN first_index BIGINT;
-- When a key's revocation entered the ledger: a trail as of S judges signatures by the revocations made before S.
ALTER TABLE signer_key ADD COLUMN revoked_index BIGINT;

-- Projections that a new column or table must be rebuilt for. A ledger opened on a store with rows here replays
-- every projection from its entries (after verifying them) and then empties it; a store with no entries needs none.
CREATE TABLE projection_rebuild (
    reason VARCHAR(200) NOT NULL,
    PRIMARY KEY (reason)
);
INSERT INTO projection_rebuild (reason)
SELECT 'V10: enterprise and revocation indexes' FROM ledger_head WHERE size > 0;
