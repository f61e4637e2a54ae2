-- Registered keys (a projection of KeyRegistered / KeyRevoked).
CREATE TABLE signer_key (
    key_id VARCHAR(64) NOT NULL,
    person_id VARCHAR(64) NOT NULL,
    algorithm VARCHAR(16) NOT NULL,
    public_key VARCHAR(400) NOT NULL,
    valid_from VARCHAR(40) NOT NULL,
    revoked_at VARCHAR(40),
    revoke_reason VARCHAR(2000),
    registered_by VARCHAR(64) NOT NULL,
    PRIMARY KEY (key_id)
);
CREATE INDEX signer_key_person ON signer_key (person_id);

-- One row per ledger entry whose event carries a signed statement: the accountability trail.
CREATE TABLE signature_entry (
    ledger_index BIGINT NOT NULL,
    statement_hash VARCHAR(64) NOT NULL,
    action VARCHAR(64) NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    signer_id VARCHAR(64) NOT NULL,
    key_id VARCHAR(64) NOT NULL,
    claimed_at VARCHAR(40) NOT NULL,
    recorded_at VARCHAR(40) NOT NULL,
    mode VARCHAR(16) NOT NULL,
    PRIMARY KEY (ledger_index)
);
CREATE INDEX signature_entry_signer ON signature_entry (signer_id, ledger_index);
CREATE INDEX signature_entry_statement ON signature_entry (statement_hash);
