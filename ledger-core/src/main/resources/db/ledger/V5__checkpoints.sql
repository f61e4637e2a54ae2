-- Signed checkpoints (C2SP tlog-checkpoint in a signed note), all kept; one per tree size.
CREATE TABLE checkpoint (
    tree_size BIGINT NOT NULL,
    root_hash VARCHAR(64) NOT NULL,
    note VARCHAR(4000) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (tree_size)
);
