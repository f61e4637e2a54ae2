-- weekly_report.note: the kept report's hash signed with the log's checkpoint keys (a C2SP signed note, docs/FORMAT.md
-- section 17), so that a document and SHA-256 replaced together in the table are not served as the kept report. A row
-- kept before this version has none: its week is computed again from the ledger when asked.
ALTER TABLE weekly_report ADD COLUMN note VARCHAR(4000);
