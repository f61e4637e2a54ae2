-- Grade entries (SupervisionGradeChanged) state the flag rules' parameters, flagParameters (docs/FORMAT.md sections 8
-- and 19). No table changes: the version marks a store whose entries a version that reads schema 23 or before would
-- fail to read (an unknown member), so that such a version refuses the store before it reads anything.
COMMENT ON TABLE ledger_entry IS 'the ledger''s entries, hash-chained in ledger_index order (docs/FORMAT.md)';
