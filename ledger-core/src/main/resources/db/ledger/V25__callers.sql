-- Who asked for each write: the person an application authenticated for it (an API token's), stored in the event's
-- metadata as ledgerCaller (docs/FORMAT.md section 1). The accountability trail keeps a row for every entry that is
-- signed or names a caller; a row of an unsigned entry has a caller and no statement. Each statement can run again.
ALTER TABLE signature_entry ADD COLUMN IF NOT EXISTS caller_id VARCHAR(64);
ALTER TABLE signature_entry ALTER COLUMN statement_hash DROP NOT NULL;
ALTER TABLE signature_entry ALTER COLUMN action DROP NOT NULL;
ALTER TABLE signature_entry ALTER COLUMN signer_id DROP NOT NULL;
ALTER TABLE signature_entry ALTER COLUMN key_id DROP NOT NULL;
ALTER TABLE signature_entry ALTER COLUMN claimed_at DROP NOT NULL;
ALTER TABLE signature_entry ALTER COLUMN mode DROP NOT NULL;
CREATE INDEX IF NOT EXISTS signature_entry_caller ON signature_entry (caller_id, ledger_index);
