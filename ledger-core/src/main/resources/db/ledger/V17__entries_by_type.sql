-- The key history (KeyRegistered and KeyRevoked entries) is read before every verify and replay: through this index
-- instead of a scan of every entry (a tenth of a replay at a million entries). The verify's own scan confirms that
-- the history was read from exactly the key events among the entries, so a damaged index cannot go unnoticed.
CREATE INDEX ledger_entry_type ON ledger_entry (event_type, ledger_index);
