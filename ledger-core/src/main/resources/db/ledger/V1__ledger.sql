-- Axon's event tables, as PostgresEventTableFactory creates them (the DDL runs on H2 2.x and PostgreSQL), under
-- names of the ledger's own so that an application that embeds the ledger and also uses Axon keeps its own tables.
CREATE TABLE ledger_domain_event (
    global_index BIGSERIAL NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    type VARCHAR(255),
    event_identifier VARCHAR(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision VARCHAR(255),
    payload_type VARCHAR(255) NOT NULL,
    time_stamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    UNIQUE (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

CREATE TABLE ledger_snapshot (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    meta_data bytea,
    payload bytea NOT NULL,
    payload_revision VARCHAR(255),
    payload_type VARCHAR(255) NOT NULL,
    time_stamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);

-- Axon's token store, for tracking processors.
CREATE TABLE ledger_token (
    processor_name VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token bytea,
    token_type VARCHAR(255),
    timestamp VARCHAR(255),
    owner VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- The hash chain: one row per event, in one gap-free order. entry holds the exact bytes that were hashed
-- (RFC 8785 canonical JSON); entry_hash = lowercase hex SHA-256(0x00 || entry). See docs/FORMAT.md.
CREATE TABLE ledger_entry (
    ledger_index BIGINT NOT NULL,
    event_id VARCHAR(255) NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    event_type VARCHAR(255) NOT NULL,
    entry_hash VARCHAR(64) NOT NULL,
    entry bytea NOT NULL,
    PRIMARY KEY (ledger_index),
    UNIQUE (event_id)
);
CREATE INDEX ledger_entry_aggregate ON ledger_entry (aggregate_id, ledger_index);

-- The chain head: a single row, locked by every append so that one writer appends at a time.
CREATE TABLE ledger_head (
    id INTEGER NOT NULL,
    size BIGINT NOT NULL,
    head_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (id),
    CHECK (id = 1)
);
INSERT INTO ledger_head (id, size, head_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Projections (rebuildable from the ledger).
CREATE TABLE enterprise_view (
    enterprise_id VARCHAR(64) NOT NULL,
    name VARCHAR(200) NOT NULL,
    sector VARCHAR(100) NOT NULL,
    high_risk BOOLEAN NOT NULL,
    principal_id VARCHAR(64),
    PRIMARY KEY (enterprise_id)
);

CREATE TABLE person_view (
    person_id VARCHAR(64) NOT NULL,
    name VARCHAR(100) NOT NULL,
    enterprise_id VARCHAR(64),
    roles VARCHAR(400) NOT NULL,
    PRIMARY KEY (person_id)
);
CREATE INDEX person_view_enterprise ON person_view (enterprise_id);

CREATE TABLE hazard_view (
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
    PRIMARY KEY (hazard_id)
);
CREATE INDEX hazard_view_enterprise ON hazard_view (enterprise_id, status);
CREATE INDEX hazard_view_status ON hazard_view (status, due_date);
