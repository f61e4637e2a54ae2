-- The latest verified mark: a note signed with the ledger's checkpoint key saying that every entry below tree_size
-- verified, signatures included, and that they make root_hash (docs/FORMAT.md, verified marks). Written by a replay.
CREATE TABLE verified_mark (
    tree_size BIGINT NOT NULL,
    root_hash VARCHAR(64) NOT NULL,
    note VARCHAR(4000) NOT NULL,
    PRIMARY KEY (tree_size)
);
