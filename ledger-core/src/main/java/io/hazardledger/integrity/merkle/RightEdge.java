package io.hazardledger.integrity.merkle;

/**
 * The right edge of a tree that grows one leaf at a time: the hashes of its perfect subtrees, one for each bit set in
 * its size (the largest on the left), which is all a streaming verifier keeps to compute MTH of every prefix
 * (RFC 9162 section 2.1.1) in memory of O(log n).
 */
public final class RightEdge {

    /** {@code subtrees[l]}: the perfect subtree of 2^l leaves, present exactly when bit l of {@link #size} is set. */
    private final byte[][] subtrees = new byte[Long.SIZE][];
    private long size;

    /** An empty tree's right edge. */
    public RightEdge() {
    }

    /**
     * The right edge of a tree of {@code size} leaves, from its perfect subtrees: {@code subtrees[l]} for each bit l set
     * in {@code size} (the others are ignored).
     *
     * @throws IllegalArgumentException if one of those is missing or not 32 bytes
     */
    public static RightEdge of(long size, byte[][] subtrees) {
        RightEdge edge = new RightEdge();
        for (int level = 0; level < Long.SIZE; level++) {
            if ((size >>> level & 1) == 1) {
                if (level >= subtrees.length || subtrees[level] == null || subtrees[level].length != 32) {
                    throw new IllegalArgumentException("no 32-byte subtree at level " + level + " for size " + size);
                }
                edge.subtrees[level] = subtrees[level].clone();
            }
        }
        edge.size = size;
        return edge;
    }

    /** A copy that grows on its own. */
    public RightEdge copy() {
        RightEdge copy = new RightEdge();
        System.arraycopy(subtrees, 0, copy.subtrees, 0, subtrees.length);   // the hashes themselves are never changed
        copy.size = size;
        return copy;
    }

    /** Told of each interior node an append completes: its level (1 and up), its index in that level, its hash. */
    @FunctionalInterface
    public interface CompletedNode {
        void completed(int level, long index, byte[] hash);
    }

    /** Appends the leaf hash ({@code SHA-256(0x00 || entry)}) of the next leaf. */
    public void append(byte[] leafHash) {
        append(leafHash, null);
    }

    /** Appends the leaf hash of the next leaf, telling {@code completed} (if not null) of each node it completes. */
    public void append(byte[] leafHash, CompletedNode completed) {
        byte[] node = leafHash;
        int level = 0;
        while ((size >>> level & 1) == 1) {
            node = MerkleHash.node(subtrees[level], node);
            subtrees[level] = null;
            level++;
            if (completed != null) {
                completed.completed(level, size >>> level, node);
            }
        }
        subtrees[level] = node;
        size++;
    }

    /** How many leaves were appended. */
    public long size() {
        return size;
    }

    /** MTH of the leaves appended so far (the empty tree's hash when there are none). */
    public byte[] root() {
        byte[] root = null;
        for (int level = 0; level < Long.SIZE; level++) {
            if ((size >>> level & 1) == 1) {
                root = root == null ? subtrees[level] : MerkleHash.node(subtrees[level], root);
            }
        }
        return root == null ? MerkleHash.empty() : root;
    }
}
