package io.hazardledger.integrity.merkle;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.hazardledger.integrity.merkle.NaiveMerkle.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MerkleTree} against the naive RFC 9162 reference ({@link NaiveMerkle}) over random trees of 1..300 leaves,
 * and {@link Proofs} on honest and tampered proofs.
 *
 * <p>A tampered size is not always an error: an inclusion or consistency proof does not bind the tree size (the proof
 * of leaf 0 in a tree of 3 also checks as leaf 0 of a tree of 4, the third leaf standing for a subtree of two). The
 * wrong-size properties therefore say: verification succeeds exactly when the other size gives the proof the same
 * shape ({@link NaiveMerkle#inclusionShape}, {@link NaiveMerkle#consistencyShape}), and for a wrong index, a wrong
 * root, a changed bit, a missing or an extra element it always fails. Leaves are distinct, so no two subtrees hash
 * alike.
 */
class MerkleTreePropertiesTest {

    /** Random distinct leaves: leaf i = SHA-256(0x00 || i || random bytes), from a seed so that it shrinks. */
    record Tree(int size, long seed, List<byte[]> leaves, ListNodeSource nodes) {

        static Tree of(int size, long seed) {
            Random random = new Random(seed);
            List<byte[]> leaves = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte[] noise = new byte[random.nextInt(33)];
                random.nextBytes(noise);
                leaves.add(NaiveMerkle.leafHash(ByteBuffer.allocate(8 + noise.length).putLong(i).put(noise).array()));
            }
            return new Tree(size, seed, List.copyOf(leaves), new ListNodeSource(leaves));
        }

        MerkleTree merkle() {
            return new MerkleTree(nodes);
        }

        byte[] leaf(long i) {
            return leaves.get((int) i);
        }

        byte[] naiveRoot(int m) {
            return NaiveMerkle.mth(leaves.subList(0, m));
        }

        @Override
        public String toString() {
            return "Tree[size=" + size + ", seed=" + seed + "]";
        }
    }

    record WithIndex(Tree tree, int index) {
    }

    record WithSizes(Tree tree, int size1) {
    }

    /** A tree and 0 <= size1 <= size2 <= its size. */
    record Between(Tree tree, int size1, int size2) {
    }

    @Provide
    Arbitrary<Between> prefixPairs() {
        return trees().flatMap(t -> Arbitraries.integers().between(0, t.size()).flatMap(
                n -> Arbitraries.integers().between(0, n).map(m -> new Between(t, m, n))));
    }

    @Provide
    Arbitrary<Tree> trees() {
        return Combinators.combine(Arbitraries.integers().between(1, 300), Arbitraries.longs()).as(Tree::of);
    }

    @Provide
    Arbitrary<WithIndex> leaves() {
        return trees().flatMap(t -> Arbitraries.integers().between(0, t.size() - 1).map(i -> new WithIndex(t, i)));
    }

    /** A tree and a size1 in [0, size]. */
    @Provide
    Arbitrary<WithSizes> prefixes() {
        return trees().flatMap(t -> Arbitraries.integers().between(0, t.size()).map(m -> new WithSizes(t, m)));
    }

    /** A tree of at least 2 leaves and a size1 in [1, size - 1]: a proof with at least one element. */
    @Provide
    Arbitrary<WithSizes> properPrefixes() {
        return Combinators.combine(Arbitraries.integers().between(2, 300), Arbitraries.longs()).as(Tree::of)
                .flatMap(t -> Arbitraries.integers().between(1, t.size() - 1).map(m -> new WithSizes(t, m)));
    }

    // ---- MerkleTree equals the naive reference ----

    @Property(tries = 200)
    void root_isMTH(@ForAll("prefixes") WithSizes w) {
        Tree t = w.tree();
        assertThat(hex(t.merkle().root(t.size()))).isEqualTo(hex(t.naiveRoot(t.size())));
        // The root of a prefix reads only nodes inside the prefix.
        MerkleTree prefix = new MerkleTree(t.nodes().limitedTo(w.size1()));
        assertThat(hex(prefix.root(w.size1()))).isEqualTo(hex(t.naiveRoot(w.size1())));
    }

    @Property(tries = 200)
    void inclusionProof_isPATH(@ForAll("leaves") WithIndex w) {
        Tree t = w.tree();
        assertThat(hex(t.merkle().inclusionProof(w.index(), t.size())))
                .containsExactlyElementsOf(hex(NaiveMerkle.path(w.index(), t.leaves())));
    }

    @Property(tries = 200)
    void consistencyProof_isPROOF(@ForAll("prefixes") WithSizes w) {
        Tree t = w.tree();
        assertThat(hex(t.merkle().consistencyProof(w.size1(), t.size())))
                .containsExactlyElementsOf(hex(NaiveMerkle.proof(w.size1(), t.leaves())));
    }

    // ---- honest proofs verify ----

    @Property(tries = 100)
    void everyInclusionProof_verifies(@ForAll("trees") Tree t) {
        MerkleTree merkle = t.merkle();
        byte[] root = t.naiveRoot(t.size());
        for (int i = 0; i < t.size(); i++) {
            long index = i;
            List<byte[]> proof = merkle.inclusionProof(i, t.size());
            assertThat(proof).hasSize(NaiveMerkle.inclusionShape(i, t.size()).length());
            assertThatCode(() -> Proofs.verifyInclusion(index, t.size(), t.leaf(index), proof, root))
                    .as("leaf %d of %d", i, t.size()).doesNotThrowAnyException();
        }
    }

    /** The root an honest inclusion proof leads to is the tree's (RFC 6962's MTH), at every prefix size. */
    @Property(tries = 200)
    void rootFromInclusion_isTheRootOfThatSize(@ForAll("prefixes") WithSizes w) throws ProofException {
        Tree t = w.tree();
        int m = w.size1();
        if (m == 0) {
            return;
        }
        MerkleTree merkle = t.merkle();
        for (long index : new long[] {0, m / 2, m - 1}) {
            assertThat(hex(Proofs.rootFromInclusion(index, m, t.leaf(index), merkle.inclusionProof(index, m))))
                    .as("leaf %d of %d", index, m).isEqualTo(hex(t.naiveRoot(m)));
        }
    }

    @Property(tries = 100)
    void everyConsistencyProof_verifies(@ForAll("trees") Tree t) {
        MerkleTree merkle = t.merkle();
        byte[] root2 = t.naiveRoot(t.size());
        for (int m = 0; m <= t.size(); m++) {
            long size1 = m;
            byte[] root1 = merkle.root(m);
            List<byte[]> proof = merkle.consistencyProof(m, t.size());
            assertThatCode(() -> Proofs.verifyConsistency(size1, t.size(), root1, root2, proof))
                    .as("%d to %d", m, t.size()).doesNotThrowAnyException();
        }
    }

    @Property(tries = 200)
    void consistencyProof_verifiesBetweenAnyTwoPrefixes(@ForAll("prefixPairs") Between b) {
        Tree t = b.tree();
        byte[] root1 = t.naiveRoot(b.size1());
        byte[] root2 = t.naiveRoot(b.size2());
        // Read only nodes inside the first size2 leaves.
        List<byte[]> proof = new MerkleTree(t.nodes().limitedTo(b.size2())).consistencyProof(b.size1(), b.size2());
        assertThat(hex(proof))
                .containsExactlyElementsOf(hex(NaiveMerkle.proof(b.size1(), t.leaves().subList(0, b.size2()))));
        assertThatCode(() -> Proofs.verifyConsistency(b.size1(), b.size2(), root1, root2, proof))
                .doesNotThrowAnyException();
    }

    // ---- tampered inclusion proofs ----

    @Property(tries = 150)
    void tamperedInclusionProof_isRejected(@ForAll("leaves") WithIndex w, @ForAll long noise) {
        Tree t = w.tree();
        int n = t.size();
        long i = w.index();
        Random random = new Random(noise);
        List<byte[]> proof = t.merkle().inclusionProof(i, n);
        byte[] leaf = t.leaf(i);
        byte[] root = t.naiveRoot(n);
        assertThatCode(() -> Proofs.verifyInclusion(i, n, leaf, proof, root)).doesNotThrowAnyException();

        // One bit changed, in every element.
        for (int e = 0; e < proof.size(); e++) {
            int bit = random.nextInt(256);
            List<byte[]> bad = flipped(proof, e, bit);
            rejectInclusion(i, n, leaf, bad, root, "bit " + bit + " of element " + e);
        }
        // One element missing, each in turn.
        for (int e = 0; e < proof.size(); e++) {
            List<byte[]> bad = new ArrayList<>(proof);
            bad.remove(e);
            rejectInclusion(i, n, leaf, bad, root, "element " + e + " removed");
        }
        // One element more: a random hash, a copy of an element, the root, the leaf; anywhere.
        for (byte[] extra : extras(random, proof, root, leaf)) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = random.nextInt(proof.size() + 1);
            bad.add(at, extra);
            rejectInclusion(i, n, leaf, bad, root, "extra element at " + at);
            List<byte[]> appended = new ArrayList<>(proof);
            appended.add(extra);
            rejectInclusion(i, n, leaf, appended, root, "extra element appended");
        }
        // Every other index of the same tree.
        for (long j = 0; j < n; j++) {
            if (j != i) {
                rejectInclusion(j, n, leaf, proof, root, "index " + j);
            }
        }
        rejectInclusion(n, n, leaf, proof, root, "index = size");
        rejectInclusion(-1, n, leaf, proof, root, "index -1");
        // Wrong leaf, wrong root.
        if (n > 1) {
            rejectInclusion(i, n, t.leaf((i + 1) % n), proof, root, "the next leaf");
        }
        rejectInclusion(i, n, flipped(List.of(leaf), 0, random.nextInt(256)).get(0), proof, root, "leaf bit");
        rejectInclusion(i, n, leaf, proof, flipped(List.of(root), 0, random.nextInt(256)).get(0), "root bit");
        rejectInclusion(i, n, leaf, proof, MerkleHash.empty(), "empty root");
        if (n > 1) {   // in a tree of one leaf the root is the leaf
            rejectInclusion(i, n, root, proof, leaf, "leaf and root swapped");
        }
        int other = random.nextInt(n);
        rejectInclusion(i, n, leaf, proof, t.naiveRoot(other), "root of " + other);
    }

    @Property(tries = 150)
    void inclusionProof_checksAtAnotherSize_exactlyWhenItHasTheSameShape(@ForAll("leaves") WithIndex w) {
        Tree t = w.tree();
        int n = t.size();
        long i = w.index();
        List<byte[]> proof = t.merkle().inclusionProof(i, n);
        byte[] root = t.naiveRoot(n);
        String shape = NaiveMerkle.inclusionShape(i, n);
        int accepted = 0;
        for (long other = 0; other <= 2L * n + 2; other++) {
            if (other == n) {
                continue;
            }
            long size = other;
            if (i < other && NaiveMerkle.inclusionShape(i, other).equals(shape)) {
                accepted++;
                assertThatCode(() -> Proofs.verifyInclusion(i, size, t.leaf(i), proof, root))
                        .as("same shape %s at size %d", shape, other).doesNotThrowAnyException();
            } else {
                rejectInclusion(i, size, t.leaf(i), proof, root, "size " + other);
            }
        }
        rejectInclusion(i, Long.MAX_VALUE, t.leaf(i), proof, root, "size Long.MAX_VALUE");
        Statistics.label("other sizes with the same shape").collect(accepted == 0 ? "none" : "some");
    }

    // ---- tampered consistency proofs ----

    @Property(tries = 150)
    void tamperedConsistencyProof_isRejected(@ForAll("properPrefixes") WithSizes w, @ForAll long noise) {
        Tree t = w.tree();
        int n = t.size();
        int m = w.size1();
        Random random = new Random(noise);
        List<byte[]> proof = t.merkle().consistencyProof(m, n);
        byte[] root1 = t.naiveRoot(m);
        byte[] root2 = t.naiveRoot(n);
        assertThat(proof).isNotEmpty();
        assertThatCode(() -> Proofs.verifyConsistency(m, n, root1, root2, proof)).doesNotThrowAnyException();

        for (int e = 0; e < proof.size(); e++) {
            int bit = random.nextInt(256);
            rejectConsistency(m, n, root1, root2, flipped(proof, e, bit), "bit " + bit + " of element " + e);
        }
        for (int e = 0; e < proof.size(); e++) {
            List<byte[]> bad = new ArrayList<>(proof);
            bad.remove(e);
            rejectConsistency(m, n, root1, root2, bad, "element " + e + " removed");
        }
        for (byte[] extra : extras(random, proof, root1, root2)) {
            List<byte[]> bad = new ArrayList<>(proof);
            int at = random.nextInt(proof.size() + 1);
            bad.add(at, extra);
            rejectConsistency(m, n, root1, root2, bad, "extra element at " + at);
            List<byte[]> appended = new ArrayList<>(proof);
            appended.add(extra);
            rejectConsistency(m, n, root1, root2, appended, "extra element appended");
        }
        rejectConsistency(m, n, root1, root2, List.of(), "empty proof");
        rejectConsistency(m, n, root2, root1, proof, "roots swapped");
        rejectConsistency(m, n, flipped(List.of(root1), 0, random.nextInt(256)).get(0), root2, proof, "root1 bit");
        rejectConsistency(m, n, root1, flipped(List.of(root2), 0, random.nextInt(256)).get(0), proof, "root2 bit");
        rejectConsistency(m, n, t.naiveRoot(m - 1), root2, proof, "root1 of " + (m - 1));
        rejectConsistency(m, n, root1, t.naiveRoot(n - 1), proof, "root2 of " + (n - 1));
        rejectConsistency(m, n, root1, root1, proof, "root2 = root1");
        rejectConsistency(n, m, root2, root1, proof, "sizes swapped");
    }

    @Property(tries = 150)
    void consistencyProof_checksAtOtherSizes_exactlyWhenItHasTheSameShape(@ForAll("properPrefixes") WithSizes w) {
        Tree t = w.tree();
        int n = t.size();
        int m = w.size1();
        List<byte[]> proof = t.merkle().consistencyProof(m, n);
        byte[] root1 = t.naiveRoot(m);
        byte[] root2 = t.naiveRoot(n);
        String shape = NaiveMerkle.consistencyShape(m, n);
        int accepted = 0;
        // Every other size1 with the same size2, and every other size2 with the same size1.
        for (long other = -1; other <= n + 1; other++) {
            if (other != m) {
                accepted += checkOtherSizes(other, n, shape, root1, root2, proof);
            }
        }
        for (long other = m - 1; other <= 2L * n + 2; other++) {
            if (other != n) {
                accepted += checkOtherSizes(m, other, shape, root1, root2, proof);
            }
        }
        Statistics.label("other sizes with the same shape").collect(accepted == 0 ? "none" : "some");
    }

    private static int checkOtherSizes(long size1, long size2, String shape, byte[] root1, byte[] root2,
                                       List<byte[]> proof) {
        if (0 < size1 && size1 < size2 && NaiveMerkle.consistencyShape(size1, size2).equals(shape)) {
            assertThatCode(() -> Proofs.verifyConsistency(size1, size2, root1, root2, proof))
                    .as("same shape %s for %d to %d", shape, size1, size2).doesNotThrowAnyException();
            return 1;
        }
        rejectConsistency(size1, size2, root1, root2, proof, "sizes " + size1 + " to " + size2);
        return 0;
    }

    // ---- helpers ----

    private static void rejectInclusion(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root,
                                        String what) {
        assertThatThrownBy(() -> Proofs.verifyInclusion(index, size, leaf, proof, root))
                .as("inclusion of leaf %d in %d with %s", index, size, what)
                .isInstanceOf(ProofException.class);
    }

    private static void rejectConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof,
                                          String what) {
        assertThatThrownBy(() -> Proofs.verifyConsistency(size1, size2, root1, root2, proof))
                .as("consistency %d to %d with %s", size1, size2, what)
                .isInstanceOf(ProofException.class);
    }

    /** A copy of the proof with bit {@code bit} (0..255) of element {@code e} flipped. */
    private static List<byte[]> flipped(List<byte[]> proof, int e, int bit) {
        List<byte[]> out = new ArrayList<>(proof);
        byte[] element = proof.get(e).clone();
        element[bit / 8] ^= (byte) (1 << (bit % 8));
        out.set(e, element);
        return out;
    }

    private static List<byte[]> extras(Random random, List<byte[]> proof, byte[] a, byte[] b) {
        byte[] randomHash = new byte[32];
        random.nextBytes(randomHash);
        List<byte[]> extras = new ArrayList<>(List.of(randomHash, new byte[0], a, b));
        if (!proof.isEmpty()) {
            extras.add(proof.get(random.nextInt(proof.size())));
        }
        return extras;
    }
}
