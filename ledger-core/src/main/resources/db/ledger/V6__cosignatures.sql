-- Witness cosignatures (C2SP tlog-cosignature v1) of checkpoints, as received and verified.
CREATE TABLE checkpoint_cosignature (
    tree_size BIGINT NOT NULL,
    witness VARCHAR(200) NOT NULL,
    signature_line VARCHAR(400) NOT NULL,
    cosigned_at BIGINT NOT NULL,
    received_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (tree_size, witness)
);
