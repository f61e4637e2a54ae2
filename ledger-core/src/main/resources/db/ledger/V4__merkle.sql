-- The RFC 9162 Merkle tree over the entry hashes: every perfect subtree of two or more leaves, written with the
-- entry that completes it (leaf_index), in the same transaction. Level 0, the leaves, are ledger_entry.entry_hash.
-- Node (level, node_index) covers leaves [node_index * 2^level, (node_index + 1) * 2^level).
CREATE TABLE merkle_node (
    level INTEGER NOT NULL,
    node_index BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL,
    leaf_index BIGINT NOT NULL,
    PRIMARY KEY (level, node_index)
);
CREATE INDEX merkle_node_leaf ON merkle_node (leaf_index, level);
