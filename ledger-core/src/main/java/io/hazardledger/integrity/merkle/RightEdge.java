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

    /** Appends the leaf hash ({@code SHA-256(0x00 || entry)}) of the next leaf. */
    public void append(byte[] leafHash) {
        byte[] node = leafHash;
        int level = 0;
        while ((size >>> level & 1) == 1) {
            node = MerkleHash.node(subtrees[level], node);
            subtrees[level] = null;
            level++;
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
