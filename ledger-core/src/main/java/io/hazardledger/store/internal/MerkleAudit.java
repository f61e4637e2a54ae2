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
 * subtrees) and compares every stored node, in the order the entries complete them, with a second cursor. The cursor
 * reads the nodes of a chunk of leaves a query (H2 copies a large result to a temporary file first).
 */
final class MerkleAudit implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private record Node(int level, long index, byte[] hash) {
    }

    /** A stored node, as merkle_node holds it. */
    private record StoredNode(int level, long index, String hash, long leaf) {
    }

    private final Deque<Node> stack = new ArrayDeque<>();
    private final PreparedStatement statement;
    private final long below;
    private final int chunk;
    /** The first leaf whose nodes are not read yet. */
    private long nextLeaf;
    private final ArrayDeque<StoredNode> read = new ArrayDeque<>();
    private boolean more;

    /** Checks the nodes completed below leaf {@code below}, reading those of {@code chunk} leaves a query. */
    MerkleAudit(Connection c, long below, int chunk) throws SQLException {
        statement = c.prepareStatement("SELECT level, node_index, hash, leaf_index FROM merkle_node "
                + "WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index, level");
        this.below = below;
        this.chunk = chunk;
        nextLeaf = Long.MIN_VALUE;
        advance();
    }

    /** The stored node at the cursor (while {@code more}). */
    private StoredNode stored() {
        return read.peekFirst();
    }

    /** Moves the cursor to the next stored node, reading the nodes of the next leaves when those read are used up. */
    private void advance() throws SQLException {
        read.pollFirst();
        while (read.isEmpty() && nextLeaf < below) {
            long from = nextLeaf;
            // the first query also reads any node stored below leaf 0, as one query over every leaf would
            long to = from == Long.MIN_VALUE ? Math.min(below, chunk) : Math.min(below, from + chunk);
            statement.setLong(1, from);
            statement.setLong(2, to);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    read.add(new StoredNode(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
                }
            }
            nextLeaf = to;
        }
        more = !read.isEmpty();
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
            if (!more || stored().level() != parent.level() || stored().index() != parent.index()
                    || stored().leaf() != leaf) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the Merkle node (" + parent.level()
                        + ", " + parent.index() + ") that this entry completes is not stored",
                        HEX.formatHex(parent.hash()),
                        more ? "node (" + stored().level() + ", " + stored().index() + ")" : "nothing");
            }
            if (!isHexOf(parent.hash(), stored().hash())) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the stored Merkle node ("
                        + parent.level() + ", " + parent.index() + ") differs from the one the entries give",
                        HEX.formatHex(parent.hash()), stored().hash());
            }
            advance();
            stack.push(parent);
        }
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /**
     * Whether {@code hex} is the lower-case hexadecimal of {@code bytes}, as stored nodes are written (compared in
     * place: formatting each computed node to compare it as text took a few per cent of a replay's in-order thread).
     */
    static boolean isHexOf(byte[] bytes, String hex) {
        if (hex == null || hex.length() != 2 * bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (hex.charAt(2 * i) != DIGITS[b >>> 4] || hex.charAt(2 * i + 1) != DIGITS[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads every stored node below leaf {@code below} as {@link #check} does, without checking anything: the reading's
     * share of a verification, for the benchmark harness.
     *
     * @return the nodes read
     */
    static long readAll(Connection c, long below, int chunk) throws SQLException {
        long nodes = 0;
        try (MerkleAudit audit = new MerkleAudit(c, below, chunk)) {
            while (audit.more) {
                nodes++;
                audit.advance();
            }
        }
        return nodes;
    }

    /**
     * The root (RFC 9162, section 2.1.1) of the tree over the leaves checked so far (at least one): the perfect
     * subtrees on the stack, the smallest (rightmost) hashed in first.
     */
    byte[] root() {
        java.util.Iterator<Node> fromTheRight = stack.iterator();
        byte[] root = fromTheRight.next().hash();
        while (fromTheRight.hasNext()) {
            root = MerkleHash.node(fromTheRight.next().hash(), root);
        }
        return root;
    }

    void finish() throws LedgerIntegrityException, SQLException {
        if (more) {
            throw new LedgerIntegrityException(stored().leaf(), "merkle-node-mismatch",
                    "a Merkle node is stored that no entry completes", "none",
                    "node (" + stored().level() + ", " + stored().index() + ")");
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
