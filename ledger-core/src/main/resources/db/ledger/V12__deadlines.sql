-- Durable deadlines (issue 9): db-scheduler's table, behind Axon's DbSchedulerDeadlineManager. A rectification's due
-- moment and each step of its escalation are rows here, in the ledger's own database, so they survive restarts and
-- are executed once however many server nodes poll (a row is picked under optimistic locking, and a node that dies
-- while executing is noticed by its missing heartbeats). Not a format: nothing here is part of the ledger's entries;
-- what a deadline does when it fires is a ledger entry like any other. The columns are db-scheduler's (16.x).
CREATE TABLE scheduled_tasks (
    task_name VARCHAR(100) NOT NULL,
    task_instance VARCHAR(200) NOT NULL,
    task_data bytea,
    execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
    picked BOOLEAN NOT NULL,
    picked_by VARCHAR(50),
    last_success TIMESTAMP WITH TIME ZONE,
    last_failure TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);

-- Hazards planned before this migration have no deadline row: the first start that migrates sets one for each open
-- hazard with a due date (Ledger: the deadline backfill), then deletes this row. A row set twice is harmless: a
-- deadline that finds its work done does nothing.
CREATE TABLE deadline_backfill (pending BOOLEAN NOT NULL);
INSERT INTO deadline_backfill (pending) VALUES (TRUE);
