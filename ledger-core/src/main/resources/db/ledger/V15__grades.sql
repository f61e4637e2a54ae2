-- Supervision grades (issue 9). An enterprise's size class (EnterpriseRegistered.size, null when not stated: every
-- enterprise registered before this version), and each SupervisionGradeChanged entry by enterprise: a projection
-- like the others (rebuilt by replay). No rebuild is needed here: no entry before this version has a size or a grade.
ALTER TABLE enterprise_view ADD COLUMN size_class VARCHAR(16);
CREATE TABLE grade_record (
    ledger_index BIGINT NOT NULL PRIMARY KEY,
    enterprise_id VARCHAR(64) NOT NULL,
    grade CHAR(1) NOT NULL
);
CREATE INDEX grade_record_enterprise ON grade_record (enterprise_id, ledger_index);
