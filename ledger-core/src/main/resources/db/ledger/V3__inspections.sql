-- Checklist inspections (a projection of the inspection events and of hazards that cite an item).
CREATE TABLE inspection_view (
    inspection_id VARCHAR(64) NOT NULL,
    enterprise_id VARCHAR(64) NOT NULL,
    checklist VARCHAR(200) NOT NULL,
    inspector_id VARCHAR(64) NOT NULL,
    leader_id VARCHAR(64),
    leader_led BOOLEAN NOT NULL,
    status VARCHAR(16) NOT NULL,
    first_index BIGINT NOT NULL,
    last_index BIGINT NOT NULL,
    PRIMARY KEY (inspection_id)
);
CREATE INDEX inspection_view_enterprise ON inspection_view (enterprise_id);

CREATE TABLE inspection_item (
    inspection_id VARCHAR(64) NOT NULL,
    item_no VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    criterion_ref VARCHAR(200),
    description VARCHAR(2000) NOT NULL,
    result VARCHAR(16),
    remarks VARCHAR(4000),
    hazard_id VARCHAR(64),
    PRIMARY KEY (inspection_id, item_no)
);

CREATE TABLE inspection_cosigner (
    inspection_id VARCHAR(64) NOT NULL,
    person_id VARCHAR(64) NOT NULL,
    role VARCHAR(32) NOT NULL,
    signed_index BIGINT,
    PRIMARY KEY (inspection_id, person_id)
);
