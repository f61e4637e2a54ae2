-- Whistleblowers (issue 9). whistleblower_report and whistleblower_access are projections like the others (rebuilt
-- by replay): the reports without their identities, and every reveal or shredding of one. whistleblower_key is not a
-- projection: the wrapped data keys of sealed identities, kept beside the ledger so that deleting one (shredding)
-- leaves the chain intact; written and deleted in the transaction of the entry that files or shreds.
CREATE TABLE whistleblower_report (
    report_id VARCHAR(64) NOT NULL PRIMARY KEY,
    enterprise_id VARCHAR(64) NOT NULL,
    location VARCHAR(200) NOT NULL,
    description VARCHAR(4000) NOT NULL,
    identity_state VARCHAR(16) NOT NULL,
    commitment CHAR(64),
    filed_index BIGINT NOT NULL,
    filed_entry_hash CHAR(64) NOT NULL,
    filed_at VARCHAR(40) NOT NULL,
    hazard_id VARCHAR(64),
    linked_index BIGINT,
    reveals INT NOT NULL
);
CREATE INDEX whistleblower_report_enterprise ON whistleblower_report (enterprise_id, filed_index);
CREATE INDEX whistleblower_report_hazard ON whistleblower_report (hazard_id);
CREATE TABLE whistleblower_access (
    ledger_index BIGINT NOT NULL PRIMARY KEY,
    entry_hash CHAR(64) NOT NULL,
    report_id VARCHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    person_id VARCHAR(64) NOT NULL,
    reason VARCHAR(2000) NOT NULL,
    recorded_at VARCHAR(40) NOT NULL
);
CREATE INDEX whistleblower_access_report ON whistleblower_access (report_id, ledger_index);
CREATE INDEX whistleblower_access_person ON whistleblower_access (person_id, ledger_index);
CREATE TABLE whistleblower_key (
    report_id VARCHAR(64) NOT NULL PRIMARY KEY,
    key_id VARCHAR(64) NOT NULL,
    wrapped_key bytea NOT NULL
);
