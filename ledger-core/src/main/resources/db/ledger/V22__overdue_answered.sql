-- A due date is answered by a rectification submitted before its end whose verification passes (docs/FORMAT.md
-- section 8.1): a hazard awaiting the verification of such a submission, or verified, is not overdue. overdue_for is the
-- due date the ledger recorded the hazard overdue for (its latest RectificationOverdue since the last reopening),
-- which a submission made after the due date's end always follows: a hazard awaiting verification is overdue when
-- overdue_for is its due date.
ALTER TABLE hazard_view ADD COLUMN overdue_for DATE;
ALTER TABLE hazard_version ADD COLUMN overdue_for DATE;

-- a store with entries rebuilds its projections once: overdue_for from the past's overdue notices, and the weekly
-- report's facts of submissions, verifications and overdue notices
INSERT INTO projection_rebuild (reason)
SELECT 'V22: answered due dates' FROM ledger_head WHERE size > 0;
