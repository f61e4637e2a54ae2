package io.hazardledger.store.internal;

import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.merkle.MerkleHash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * Recomputes the Merkle tree from the entry hashes as verification scans them (a stack of at most 64 perfect
 * subtrees) and compares every stored node, in the order the entries complete them, with a second cursor.
 */
final class MerkleAudit implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private record Node(int level, long index, byte[] hash) {
    }

    private final Deque<Node> stack = new ArrayDeque<>();
    private final PreparedStatement statement;
    private final ResultSet stored;
    private boolean more;

    MerkleAudit(Connection c, long below) throws SQLException {
        statement = c.prepareStatement("SELECT level, node_index, hash, leaf_index FROM merkle_node "
                + "WHERE leaf_index < ? ORDER BY leaf_index, level");
        statement.setFetchSize(1000);
        statement.setLong(1, below);
        stored = statement.executeQuery();
        more = stored.next();
    }

    void check(long leaf, String leafHash) throws LedgerIntegrityException, SQLException {
        stack.push(new Node(0, leaf, HEX.parseHex(leafHash)));
        while (stack.size() >= 2) {
            Node right = stack.pop();
            Node left = stack.peek();
            if (left.level() != right.level()) {
                stack.push(right);
                break;
            }
            stack.pop();
            Node parent = new Node(right.level() + 1, right.index() >> 1, MerkleHash.node(left.hash(), right.hash()));
            String computed = HEX.formatHex(parent.hash());
            if (!more || stored.getInt(1) != parent.level() || stored.getLong(2) != parent.index()
                    || stored.getLong(4) != leaf) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the Merkle node (" + parent.level()
                        + ", " + parent.index() + ") that this entry completes is not stored", computed,
                        more ? "node (" + stored.getInt(1) + ", " + stored.getLong(2) + ")" : "nothing");
            }
            if (!computed.equals(stored.getString(3))) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the stored Merkle node ("
                        + parent.level() + ", " + parent.index() + ") differs from the one the entries give",
                        computed, stored.getString(3));
            }
            more = stored.next();
            stack.push(parent);
        }
    }

    void finish() throws LedgerIntegrityException, SQLException {
        if (more) {
            throw new LedgerIntegrityException(stored.getLong(4), "merkle-node-mismatch",
                    "a Merkle node is stored that no entry completes", "none",
                    "node (" + stored.getInt(1) + ", " + stored.getLong(2) + ")");
        }
    }

    @Override
    public void close() throws SQLException {
        stored.close();
        statement.close();
    }
}
