-- RFC 3161 timestamps of checkpoints: the DER TimeStampToken over SHA-256 of the checkpoint's signed note (as the
-- log signed it, without witness cosignatures), from the configured timestamp authority.
CREATE TABLE checkpoint_timestamp (
    tree_size BIGINT NOT NULL,
    token bytea NOT NULL,
    gen_time VARCHAR(40) NOT NULL,
    PRIMARY KEY (tree_size)
);
