package io.hazardledger.store.internal;

import io.hazardledger.integrity.merkle.RightEdge;
import io.hazardledger.integrity.merkle.NodeSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;

/** The stored Merkle tree: appends the perfect subtrees that each new leaf completes, and reads nodes back. */
final class MerkleNodes {

    private static final HexFormat HEX = HexFormat.of();

    private MerkleNodes() {
    }

    /** Inserts nodes that appends completed (see {@link #completed}). */
    static void insert(Connection c, List<Node> nodes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (?, ?, ?, ?)")) {
            for (Node node : nodes) {
                node.set(insert, 1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A stored node: its level and index in that level, its hash (hex) and the leaf whose append completed it. */
    record Node(int level, long index, String hash, long leaf) {
        /** Sets the node's four columns from parameter {@code k}; returns the next parameter. */
        int set(PreparedStatement ps, int k) throws SQLException {
            ps.setInt(k++, level);
            ps.setLong(k++, index);
            ps.setString(k++, hash);
            ps.setLong(k++, leaf);
            return k;
        }
    }

    /** The right edge of the stored tree of {@code size} leaves: its perfect subtrees' roots, read in one statement. */
    static RightEdge rightEdge(Connection c, long size) {
        List<Long> keys = new ArrayList<>();
        for (int level = 0; level < 63; level++) {
            if ((size >>> level & 1) == 1) {
                keys.add(key(level, (size >>> level) - 1));
            }
        }
        Map<Long, byte[]> nodes = readAll(c, keys);
        byte[][] subtrees = new byte[64][];
        for (Long key : keys) {
            subtrees[(int) (key & 63)] = nodes.get(key);
        }
        return RightEdge.of(size, subtrees);
    }

    /**
     * The nodes that appending leaves {@code edge.size() ..} with these hashes completes, to be stored; {@code edge}
     * grows by them.
     */
    static List<Node> completed(RightEdge edge, String[] hashes) {
        List<Node> out = new ArrayList<>();
        for (String hash : hashes) {
            long leaf = edge.size();
            edge.append(HEX.parseHex(hash), (level, index, node) -> out.add(new Node(level, index, HEX.formatHex(node), leaf)));
        }
        return out;
    }

    /** A node's key in maps and in {@link #readAll}: {@code (index << 6) | level}. */
    static long key(int level, long index) {
        return (index << 6) | level;
    }

    /**
     * Reads the nodes keyed {@code (index << 6) | level} in one statement: a UNION ALL of point reads, each by its
     * key (leaves from ledger_entry, interior nodes from merkle_node), so that every branch uses its index.
     *
     * @throws LedgerStorageException if one is not stored
     */
    static Map<Long, byte[]> readAll(Connection c, java.util.Collection<Long> keys) {
        Map<Long, byte[]> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (Long key : keys) {
            if (!sql.isEmpty()) {
                sql.append(" UNION ALL ");
            }
            sql.append((key & 63) == 0
                    ? "SELECT CAST(? AS BIGINT), entry_hash FROM ledger_entry WHERE ledger_index = ?"
                    : "SELECT CAST(? AS BIGINT), hash FROM merkle_node WHERE level = ? AND node_index = ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Long key : keys) {
                int level = (int) (key & 63);
                long index = key >>> 6;
                ps.setLong(p++, key);
                if (level == 0) {
                    ps.setLong(p++, index);
                } else {
                    ps.setInt(p++, level);
                    ps.setLong(p++, index);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), HEX.parseHex(rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("could not read the Merkle tree: " + e.getMessage(), e);
        }
        for (Long key : keys) {
            if (!out.containsKey(key)) {
                throw new LedgerStorageException("could not read the Merkle tree: node (" + (key & 63) + ", "
                        + (key >>> 6) + ") is not stored", null);
            }
        }
        return out;
    }

    /**
     * Nodes read on one connection, with its two prepared statements reused for every read of a proof (preparing one
     * per node cost more than the reads). Close it to close them: H2 reuses a statement's parsed form for the next
     * statement of the same text on the connection only once the earlier one is closed.
     */
    static StoredNodes source(Connection c) {
        return new StoredNodes(c);
    }

    /** See {@link #source}. */
    static final class StoredNodes implements NodeSource, AutoCloseable {
        private final Connection c;
        private PreparedStatement leaves;
        private PreparedStatement nodes;

        private StoredNodes(Connection c) {
            this.c = c;
        }

        @Override
        public byte[] node(int level, long index) {
            try {
                PreparedStatement ps;
                if (level == 0) {
                    if (leaves == null) {
                        leaves = c.prepareStatement("SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?");
                    }
                    ps = leaves;
                    ps.setLong(1, index);
                } else {
                    if (nodes == null) {
                        nodes = c.prepareStatement("SELECT hash FROM merkle_node WHERE level = ? AND node_index = ?");
                    }
                    ps = nodes;
                    ps.setInt(1, level);
                    ps.setLong(2, index);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("Merkle node (" + level + ", " + index + ") is not stored");
                    }
                    return HEX.parseHex(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new LedgerStorageException("could not read the Merkle tree: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (PreparedStatement a = leaves; PreparedStatement b = nodes) {
                // closed by the try
            } catch (SQLException e) {
                throw new LedgerStorageException("could not close the Merkle tree's statements: " + e.getMessage(), e);
            }
        }
    }
}
