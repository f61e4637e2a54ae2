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
 * subtrees) and compares every stored node, in the order the entries complete them, with a second cursor. The
 * subtrees that lie within a run of consecutive leaves can be hashed ahead, on other threads ({@link #ahead}). The cursor
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

    /**
     * What {@link #check} computes for one leaf that needs no other leaf's hash outside a range of consecutive ones:
     * the leaf's hash parsed, and the nodes it completes whose leaves all lie in that range (lowest level first), each
     * hashed and in hex; computed ahead, on any thread (see {@link #ahead}).
     */
    record Ahead(long leaf, byte[] leafHash, byte[][] nodes, String[] nodesHex) {
    }

    private static final byte[][] NO_NODES = new byte[0][];
    private static final String[] NO_HEX = new String[0];

    /**
     * {@link Ahead} for the entries {@code [from, to)} of {@code entries}, on any thread: the Merkle subtrees that lie
     * wholly among those entries' leaves, built as {@link #check} builds them (two nodes are joined only when they
     * are siblings, so leaves out of order or missing only leave more to {@link #check}).
     */
    static Ahead[] ahead(java.util.List<EntryRow> entries, int from, int to) {
        Ahead[] ahead = new Ahead[to - from];
        Deque<Node> local = new ArrayDeque<>();
        for (int k = from; k < to; k++) {
            EntryRow entry = entries.get(k);
            byte[] leafHash;
            try {
                leafHash = HEX.parseHex(entry.entryHash());
            } catch (IllegalArgumentException notHex) {
                // check fails this entry (its hash is not the hash of its bytes) before it reaches the tree
                local.clear();
                ahead[k - from] = null;
                continue;
            }
            local.push(new Node(0, entry.index(), leafHash));
            java.util.List<byte[]> nodes = null;
            while (local.size() >= 2) {
                Node right = local.pop();
                Node left = local.peek();
                if (left.level() != right.level() || (left.index() & 1) != 0 || left.index() + 1 != right.index()) {
                    local.push(right);
                    break;
                }
                local.pop();
                Node parent = new Node(right.level() + 1, right.index() >> 1, MerkleHash.node(left.hash(), right.hash()));
                if (nodes == null) {
                    nodes = new java.util.ArrayList<>(4);
                }
                nodes.add(parent.hash());
                local.push(parent);
            }
            if (nodes == null) {
                ahead[k - from] = new Ahead(entry.index(), leafHash, NO_NODES, NO_HEX);
            } else {
                byte[][] hashes = nodes.toArray(byte[][]::new);
                String[] hex = new String[hashes.length];
                for (int i = 0; i < hashes.length; i++) {
                    hex[i] = HEX.formatHex(hashes[i]);
                }
                ahead[k - from] = new Ahead(entry.index(), leafHash, hashes, hex);
            }
        }
        return ahead;
    }

    void check(long leaf, String leafHash) throws LedgerIntegrityException, SQLException {
        check(leaf, leafHash, null);
    }

    /**
     * Adds the leaf and checks every stored node it completes; with what {@link #ahead} computed for it (used only
     * when computed for this leaf), the nodes it holds are not computed again.
     */
    void check(long leaf, String leafHash, Ahead ahead) throws LedgerIntegrityException, SQLException {
        if (ahead != null && ahead.leaf() != leaf) {
            ahead = null;
        }
        stack.push(new Node(0, leaf, ahead != null ? ahead.leafHash() : HEX.parseHex(leafHash)));
        while (stack.size() >= 2) {
            Node right = stack.pop();
            Node left = stack.peek();
            if (left.level() != right.level()) {
                stack.push(right);
                break;
            }
            stack.pop();
            int level = right.level() + 1;
            // the nodes ahead are those of the leaf's completed subtrees from the lowest up: level L at L - 1
            boolean known = ahead != null && level <= ahead.nodes().length;
            Node parent = new Node(level, right.index() >> 1,
                    known ? ahead.nodes()[level - 1] : MerkleHash.node(left.hash(), right.hash()));
            String computed = known ? ahead.nodesHex()[level - 1] : HEX.formatHex(parent.hash());
            if (!more || stored().level() != parent.level() || stored().index() != parent.index()
                    || stored().leaf() != leaf) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the Merkle node (" + parent.level()
                        + ", " + parent.index() + ") that this entry completes is not stored", computed,
                        more ? "node (" + stored().level() + ", " + stored().index() + ")" : "nothing");
            }
            if (!computed.equals(stored().hash())) {
                throw new LedgerIntegrityException(leaf, "merkle-node-mismatch", "the stored Merkle node ("
                        + parent.level() + ", " + parent.index() + ") differs from the one the entries give",
                        computed, stored().hash());
            }
            advance();
            stack.push(parent);
        }
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
