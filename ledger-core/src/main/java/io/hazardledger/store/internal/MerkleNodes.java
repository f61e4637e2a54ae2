package io.hazardledger.store.internal;

import io.hazardledger.integrity.merkle.MerkleHash;
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

    /**
     * Writes the nodes completed by appending leaves {@code first .. first + hashes.length - 1}; {@code before} is the
     * hash of leaf {@code first - 1} (unused when {@code first} is 0).
     */
    static void append(Connection c, long first, String before, String[] hashes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO merkle_node (level, node_index, hash, leaf_index) VALUES (?, ?, ?, ?)")) {
            for (Node node : completed(c, first, before, hashes)) {
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

    /** The nodes that appending leaves {@code first .. first + hashes.length - 1} completes, to be stored. */
    static List<Node> completed(Connection c, long first, String before, String[] hashes) throws SQLException {
        Map<Long, byte[]> batch = new HashMap<>();
        List<Node> out = new ArrayList<>();
        for (int n = 0; n < hashes.length; n++) {
            long leaf = first + n;
            byte[] current = HEX.parseHex(hashes[n]);
            long index = leaf;
            int level = 0;
            while ((index & 1) == 1) {
                byte[] left = level == 0
                        ? HEX.parseHex(n == 0 ? before : hashes[n - 1])
                        : batch.containsKey(key(level, index - 1)) ? batch.get(key(level, index - 1))
                        : read(c, level, index - 1);
                current = MerkleHash.node(left, current);
                level++;
                index >>= 1;
                batch.put(key(level, index), current);
                out.add(new Node(level, index, HEX.formatHex(current), leaf));
            }
        }
        return out;
    }

    /** A node's key in maps and in {@link #readAll}: {@code (index << 6) | level}. */
    static long key(int level, long index) {
        return (index << 6) | level;
    }

    static byte[] read(Connection c, int level, long index) throws SQLException {
        String sql = level == 0 ? "SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?"
                : "SELECT hash FROM merkle_node WHERE level = ? AND node_index = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (level == 0) {
                ps.setLong(1, index);
            } else {
                ps.setInt(1, level);
                ps.setLong(2, index);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Merkle node (" + level + ", " + index + ") is not stored");
                }
                return HEX.parseHex(rs.getString(1));
            }
        }
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
     * per node cost more than the reads).
     */
    static NodeSource source(Connection c) {
        PreparedStatement[] statements = new PreparedStatement[2];
        return (level, index) -> {
            try {
                int which = level == 0 ? 0 : 1;
                if (statements[which] == null) {
                    statements[which] = c.prepareStatement(level == 0
                            ? "SELECT entry_hash FROM ledger_entry WHERE ledger_index = ?"
                            : "SELECT hash FROM merkle_node WHERE level = ? AND node_index = ?");
                }
                PreparedStatement ps = statements[which];
                if (level == 0) {
                    ps.setLong(1, index);
                } else {
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
        };
    }
}
