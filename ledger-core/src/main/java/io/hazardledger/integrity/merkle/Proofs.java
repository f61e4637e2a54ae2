package io.hazardledger.integrity.merkle;

import java.security.MessageDigest;
import java.util.List;

/** Checks RFC 9162 proofs (sections 2.1.3.2 and 2.1.4.2). Each check returns normally or throws. */
public final class Proofs {

    private Proofs() {
    }

    /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} whose root is {@code root}. */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofException {
        byte[] r = rootFromInclusion(index, size, leafHash, proof, root);
        if (!MessageDigest.isEqual(r, root)) {
            throw new ProofException("the inclusion proof does not lead to the root", root, r);
        }
    }

    /**
     * The root of the tree of {@code size} that an inclusion proof of {@code leafHash} as leaf {@code index} leads to
     * (RFC 9162 section 2.1.3.2 without its last comparison): for a verifier that then compares it with a root it
     * trusts, such as a signed checkpoint's.
     *
     * @throws ProofException if the index is not below the size, or the proof's length does not fit the tree
     */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof)
            throws ProofException {
        byte[] root = rootFromInclusion(index, size, leafHash, proof, null);
        return root == leafHash ? leafHash.clone() : root;   // a tree of one leaf: the caller's array is not handed back
    }

    private static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofException {
        if (index < 0 || index >= size) {
            throw new ProofException("leaf index " + index + " is not below the tree size " + size, null, null);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofException("the inclusion proof is longer than the tree is deep", root, null);
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the inclusion proof is shorter than the tree is deep", root, r);
        }
        return r;
    }

    /** Checks that the tree of {@code size1} with {@code root1} is a prefix of the tree of {@code size2} with {@code root2}. */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
            throws ProofException {
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("a consistency proof needs 0 <= size1 <= size2, got " + size1 + " and " + size2,
                    null, null);
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new ProofException("trees of equal size need an empty proof", null, null);
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("trees of equal size must have equal roots", root1, root2);
            }
            return;
        }
        if (size1 == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("a consistency proof from the empty tree is empty", null, null);
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new ProofException("the consistency proof is empty", null, null);
        }
        List<byte[]> path = proof;
        if (Long.bitCount(size1) == 1) {
            path = new java.util.ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                throw new ProofException("the consistency proof is too long", root2, null);
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofException("the consistency proof is too short", root2, sr);
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new ProofException("the consistency proof does not lead to the first root", root1, fr);
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new ProofException("the consistency proof does not lead to the second root", root2, sr);
        }
    }
}
