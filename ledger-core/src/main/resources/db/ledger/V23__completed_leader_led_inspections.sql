-- A leader-led inspection counts for its cadence once it is complete (docs/FORMAT.md section 19): signed off by its
-- inspector and co-signed by every co-signer its checklist names; it counts on the day the entry that completed it
-- was recorded, which proves it. Until then an inspection that was only started counted, on the day it was started.
-- cadence_inspection holds the leader-led inspections: their enterprise, and how many co-signers they name.
CREATE TABLE cadence_inspection (
    inspection_id VARCHAR(64) NOT NULL PRIMARY KEY,
    enterprise_id VARCHAR(64) NOT NULL,
    co_signers INTEGER NOT NULL
);

-- a store with entries rebuilds its projections once: the cadence records of its leader-led inspections from the
-- entries that completed them
INSERT INTO projection_rebuild (reason)
SELECT 'V23: leader-led inspections count once complete' FROM ledger_head WHERE size > 0;
