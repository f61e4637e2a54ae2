-- Supervision cadences (issue 9): per enterprise, the days it did what the plan says it must do so often. A
-- projection like the others (rebuilt by replay): kind REGISTERED (the day the enterprise was registered, the start
-- of its first period), LEADER_LED_INSPECTION (an InspectionStarted led by the principal, on the day it was
-- recorded) or EVACUATION_DRILL (EvacuationDrillHeld, on its heldOn), each with the entry that proves it.
CREATE TABLE cadence_record (
    enterprise_id VARCHAR(64) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    held_on DATE NOT NULL,
    ledger_index BIGINT NOT NULL PRIMARY KEY,
    entry_hash CHAR(64) NOT NULL
);
CREATE INDEX cadence_record_enterprise ON cadence_record (enterprise_id, kind, held_on);
-- a store with entries rebuilds its projections once, so that this one holds its past
INSERT INTO projection_rebuild (reason)
SELECT 'V13: supervision cadences' FROM ledger_head WHERE size > 0;
