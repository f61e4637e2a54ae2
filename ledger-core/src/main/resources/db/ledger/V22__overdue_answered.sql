-- A due date is answered by a rectification submitted before its end whose verification passes (docs/FORMAT.md
-- section 8.1): a hazard awaiting the verification of such a submission, or verified, is not overdue. submitted_on is
-- the day, in the park's time zone, on which the hazard's latest submission was recorded (null before its first and
-- after a reopening): one awaiting verification is overdue when that day is after its due date.
ALTER TABLE hazard_view ADD COLUMN submitted_on DATE;
ALTER TABLE hazard_version ADD COLUMN submitted_on DATE;

-- a store with entries rebuilds its projections once: submitted_on from the past's submissions, and the weekly
-- report's facts of submissions (kind S, recorded_at) and verifications (P passed, F failed)
INSERT INTO projection_rebuild (reason)
SELECT 'V22: answered due dates' FROM ledger_head WHERE size > 0;
