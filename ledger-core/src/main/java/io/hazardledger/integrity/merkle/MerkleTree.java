package io.hazardledger.integrity.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 section 2.1 over stored perfect subtrees: the hash of any range the algorithms need is one stored node
 * when the range is a perfect aligned subtree, and otherwise its left perfect part and its (recursively) right part.
 */
public final class MerkleTree {

    private final NodeSource nodes;

    public MerkleTree(NodeSource nodes) {
        this.nodes = nodes;
    }

    /** MTH(D[0:size]): the root hash of the tree of the first {@code size} leaves. */
    public byte[] root(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative, got " + size);
        }
        return size == 0 ? MerkleHash.empty() : hash(0, size);
    }

    /** PATH(index, D[0:size]) of RFC 9162 2.1.3.1, leaf side first. */
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not below the tree size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** PROOF(from, D[0:to]) of RFC 9162 2.1.4.1. */
    public List<byte[]> consistencyProof(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("a consistency proof needs 0 <= from <= to, got " + from + " and " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, proof);
        }
        return proof;
    }

    /** MTH(D[start:start+n]) for the ranges the algorithms visit (n >= 1). */
    byte[] hash(long start, long n) {
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = split(n);
        return MerkleHash.node(hash(start, k), hash(start + k, n - k));
    }

    private void path(long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(hash(start + k, n - k));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(hash(start, k));
        }
    }

    private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
        if (m == n) {
            if (!complete) {
                out.add(hash(start, n));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, k, complete, out);
            out.add(hash(start + k, n - k));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(hash(start, k));
        }
    }

    /** The largest power of two smaller than {@code n} (n >= 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }
}
