package io.hazardledger.integrity.merkle;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.integrity.merkle.MerkleKnownAnswerTest.EMPTY_ROOT;
import static io.hazardledger.integrity.merkle.MerkleKnownAnswerTest.LEAVES;
import static io.hazardledger.integrity.merkle.MerkleKnownAnswerTest.ROOTS;
import static io.hazardledger.integrity.merkle.NaiveMerkle.hex;
import static io.hazardledger.integrity.merkle.NaiveMerkle.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The empty tree, the tree of one leaf, trivial consistency proofs, arguments out of range, and huge sizes. */
class MerkleEdgeCasesTest {

    /** A store that must not be read. */
    private static final NodeSource NO_READS = (level, index) -> {
        throw new AssertionError("unexpected read of node (" + level + ", " + index + ")");
    };

    private static final MerkleTree KAT = new MerkleTree(new ListNodeSource(unhex(LEAVES)));

    private static byte[] root(int size) {
        return unhex(ROOTS.get(size));
    }

    // ---- the empty tree ----

    @Test
    void emptyTree_rootIsTheSha256OfNothing_withoutReads() {
        // printf '' | sha256sum
        assertThat(hex(new MerkleTree(NO_READS).root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .isEqualTo(EMPTY_ROOT)
                .isEqualTo(hex(NaiveMerkle.sha256()))
                .isEqualTo(hex(MerkleHash.empty()));
        assertThat(new MerkleTree(NO_READS).consistencyProof(0, 0)).isEmpty();
        assertThatCode(() -> Proofs.verifyConsistency(0, 0, root(0), root(0), List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> Proofs.verifyConsistency(0, 0, root(0), root(1), List.of()))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 0, root(0), List.of(), root(0)))
                .isInstanceOf(ProofException.class);
    }

    // ---- the tree of one leaf ----

    @Test
    void sizeOne_rootIsTheLeafHash_andTheProofsAreEmpty() {
        byte[] leaf = unhex(LEAVES.get(0));
        MerkleTree one = new MerkleTree(new ListNodeSource(List.of(leaf)));
        assertThat(one.root(1)).isEqualTo(leaf);
        assertThat(one.inclusionProof(0, 1)).isEmpty();
        assertThat(one.consistencyProof(0, 1)).isEmpty();
        assertThat(one.consistencyProof(1, 1)).isEmpty();
        assertThatCode(() -> Proofs.verifyInclusion(0, 1, leaf, List.of(), leaf)).doesNotThrowAnyException();
        assertThatCode(() -> Proofs.verifyConsistency(1, 1, leaf, leaf, List.of())).doesNotThrowAnyException();
        assertThatCode(() -> Proofs.verifyConsistency(0, 1, root(0), leaf, List.of())).doesNotThrowAnyException();

        byte[] other = unhex(LEAVES.get(1));
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 1, other, List.of(), leaf))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 1, leaf, List.of(other), leaf))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(0, 1, leaf, List.of(), other))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyInclusion(1, 1, leaf, List.of(), leaf))
                .isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> Proofs.verifyConsistency(1, 1, leaf, other, List.of()))
                .isInstanceOf(ProofException.class);
    }

    // ---- trivial consistency proofs ----

    @Test
    void consistencyFromZero_isEmpty_andVerifies() {
        for (int n = 0; n <= 8; n++) {
            int size2 = n;
            assertThat(new MerkleTree(NO_READS).consistencyProof(0, n)).as("0 to %d", n).isEmpty();
            assertThatCode(() -> Proofs.verifyConsistency(0, size2, root(0), root(size2), List.of()))
                    .as("0 to %d", n).doesNotThrowAnyException();
            assertThatThrownBy(() -> Proofs.verifyConsistency(0, size2, root(0), root(size2), List.of(root(0))))
                    .as("0 to %d with an element", n).isInstanceOf(ProofException.class);
        }
    }

    /**
     * From size 0 the first root is not looked at (transparency-dev/merkle VerifyConsistency and
     * certificate-transparency-go accept {0, 1, "don't care", "don't care", []} too): a caller that needs it to be the
     * empty-tree root must check that itself.
     */
    @Test
    void consistencyFromZero_doesNotCheckTheFirstRoot_asUpstream() {
        assertThatCode(() -> Proofs.verifyConsistency(0, 8, root(5), root(8), List.of())).doesNotThrowAnyException();
        assertThatCode(() -> Proofs.verifyConsistency(0, 8, new byte[0], new byte[0], List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void consistencyFromNToN_isEmpty_andNeedsEqualRoots() {
        for (int n = 0; n <= 8; n++) {
            int size = n;
            assertThat(new MerkleTree(NO_READS).consistencyProof(n, n)).as("%d to %d", n, n).isEmpty();
            assertThat(KAT.consistencyProof(n, n)).isEmpty();
            assertThatCode(() -> Proofs.verifyConsistency(size, size, root(size), root(size), List.of()))
                    .doesNotThrowAnyException();
            byte[] other = root((size + 1) % 9);
            assertThatThrownBy(() -> Proofs.verifyConsistency(size, size, root(size), other, List.of()))
                    .isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Proofs.verifyConsistency(size, size, root(size), root(size),
                    List.of(root(size)))).isInstanceOf(ProofException.class);
        }
    }

    // ---- arguments out of range ----

    @Test
    void merkleTree_proofsOutOfRange_throwIllegalArgument_withoutReads() {
        MerkleTree tree = new MerkleTree(NO_READS);
        long[][] inclusion = {{-1, 1}, {0, 0}, {1, 1}, {8, 8}, {9, 8}, {0, -1}, {-1, -1}, {Long.MIN_VALUE, 8},
                {Long.MAX_VALUE, 8}, {Long.MAX_VALUE, Long.MAX_VALUE}};
        for (long[] a : inclusion) {
            assertThatThrownBy(() -> tree.inclusionProof(a[0], a[1])).as("inclusionProof(%d, %d)", a[0], a[1])
                    .isInstanceOf(IllegalArgumentException.class);
        }
        long[][] consistency = {{-1, 8}, {9, 8}, {1, 0}, {0, -1}, {-1, -1}, {Long.MIN_VALUE, 0}, {Long.MAX_VALUE, 8},
                {Long.MIN_VALUE, Long.MIN_VALUE}};
        for (long[] a : consistency) {
            assertThatThrownBy(() -> tree.consistencyProof(a[0], a[1])).as("consistencyProof(%d, %d)", a[0], a[1])
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void merkleTree_rootOfANegativeSize_throwsIllegalArgument_withoutReads() {
        MerkleTree tree = new MerkleTree(NO_READS);
        for (long size : new long[] {-1, -2, -8, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> tree.root(size)).as("root(%d)", size)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void proofs_argumentsOutOfRange_throwProofException() {
        byte[] leaf = unhex(LEAVES.get(0));
        List<byte[]> proof = KAT.inclusionProof(0, 8);
        long[][] inclusion = {{-1, 8}, {8, 8}, {9, 8}, {0, 0}, {1, 0}, {0, -1}, {-1, -1}, {Long.MIN_VALUE, 8},
                {Long.MAX_VALUE, 8}, {Long.MIN_VALUE, Long.MIN_VALUE}};
        for (long[] a : inclusion) {
            assertThatThrownBy(() -> Proofs.verifyInclusion(a[0], a[1], leaf, proof, root(8)))
                    .as("verifyInclusion(%d, %d)", a[0], a[1]).isInstanceOf(ProofException.class);
        }
        List<byte[]> consistency = KAT.consistencyProof(6, 8);
        long[][] sizes = {{-1, 8}, {9, 8}, {1, 0}, {0, -1}, {-1, -1}, {Long.MIN_VALUE, 0}, {Long.MAX_VALUE, 8},
                {Long.MIN_VALUE, Long.MIN_VALUE}, {8, 6}};
        for (long[] a : sizes) {
            assertThatThrownBy(() -> Proofs.verifyConsistency(a[0], a[1], root(6), root(8), consistency))
                    .as("verifyConsistency(%d, %d)", a[0], a[1]).isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> Proofs.verifyConsistency(a[0], a[1], root(6), root(8), List.of()))
                    .as("verifyConsistency(%d, %d) with an empty proof", a[0], a[1])
                    .isInstanceOf(ProofException.class);
        }
    }

    // ---- huge trees ----

    /**
     * A consistent tree of any size without storing it: leaf i is the leaf hash of (i mod 16), so a perfect subtree of
     * 16 or more leaves depends only on its level, and smaller ones on their index mod 16 (at most 64 x 16 hashes,
     * computed lazily).
     */
    static final class PeriodicNodes implements NodeSource {
        private final long size;
        private final byte[][][] memo = new byte[63][16][];
        long reads;

        PeriodicNodes(long size) {
            this.size = size;
        }

        static byte[] leaf(long index) {
            return NaiveMerkle.leafHash(new byte[] {(byte) (index % 16)});
        }

        @Override
        public byte[] node(int level, long index) {
            if (level < 0 || level >= 63 || index < 0 || index >= (size >>> level)) {
                throw new AssertionError("node (" + level + ", " + index + ") is not a complete subtree of " + size);
            }
            reads++;
            return hash(level, index);
        }

        private byte[] hash(int level, long index) {
            int slot = level >= 4 ? 0 : (int) (index % (16 >> level));
            if (memo[level][slot] == null) {
                memo[level][slot] = level == 0 ? leaf(slot)
                        : NaiveMerkle.node(hash(level - 1, 2L * slot), hash(level - 1, 2L * slot + 1));
            }
            return memo[level][slot];
        }
    }

    @Test
    void hugeTrees_proofsVerify_withLogarithmicReads() {
        long[] sizes = {Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62, (1L << 62) + 1, (1L << 40) + 12345, 3};
        for (long n : sizes) {
            PeriodicNodes nodes = new PeriodicNodes(n);
            MerkleTree tree = new MerkleTree(nodes);
            byte[] root = tree.root(n);
            assertThat(nodes.reads).isEqualTo(Long.bitCount(n));
            for (long i : new long[] {0, 1, n / 3, n / 2, n - 2, n - 1, Long.highestOneBit(n - 1) - 1}) {
                nodes.reads = 0;
                List<byte[]> proof = tree.inclusionProof(i, n);
                assertThat(nodes.reads).as("reads for leaf %d of %d", i, n).isLessThanOrEqualTo(2L * 63);
                assertThat(proof).hasSize(NaiveMerkle.inclusionShape(i, n).length());
                assertThatCode(() -> Proofs.verifyInclusion(i, n, PeriodicNodes.leaf(i), proof, root))
                        .as("leaf %d of %d", i, n).doesNotThrowAnyException();
            }
            for (long m : new long[] {1, 2, 3, n / 3, n / 2, n - 1, Long.highestOneBit(n - 1) + 1}) {
                byte[] root1 = tree.root(m);
                nodes.reads = 0;
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertThat(nodes.reads).as("reads for %d to %d", m, n).isLessThanOrEqualTo(2L * 63 + 1);
                assertThatCode(() -> Proofs.verifyConsistency(m, n, root1, root, proof))
                        .as("%d to %d", m, n).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void periodicNodes_isATrueMerkleTree() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            leaves.add(PeriodicNodes.leaf(i));
        }
        for (int n = 1; n <= 100; n++) {
            assertThat(hex(new MerkleTree(new PeriodicNodes(n)).root(n))).as("root(%d)", n)
                    .isEqualTo(hex(NaiveMerkle.mth(leaves.subList(0, n))));
        }
    }
}
