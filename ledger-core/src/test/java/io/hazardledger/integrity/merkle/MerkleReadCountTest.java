package io.hazardledger.integrity.merkle;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NodeSource reads of {@link MerkleTree} proofs for trees up to 2^20 leaves, from a source that synthesises each node
 * as SHA-256(level || index) and stores nothing.
 *
 * <p>Each proof element is the hash of a leaf range [s, s + len); with only perfect subtrees stored it takes at least
 * popcount(len) reads, and the ranges of one proof are disjoint. The test asserts that MerkleTree reads exactly that
 * minimum, and that this stays within 2 * ceil(log2 n) (so well inside c * log2(n)^2). It prints the maximum per size.
 */
@org.junit.jupiter.api.Tag("store-independent")   // not run again on PostgreSQL (.ci/run)
class MerkleReadCountTest {

    private static final int MAX_LOG = 20;
    /** Every index is tried up to this size; above it, sampled indices plus the worst index found by the model. */
    private static final long EXHAUSTIVE = 1 << 10;

    /** Synthesises node (level, index) as SHA-256(level || index); only complete subtrees of the first size leaves. */
    static final class SyntheticNodes implements NodeSource {
        private final long size;
        long reads;

        SyntheticNodes(long size) {
            this.size = size;
        }

        @Override
        public byte[] node(int level, long index) {
            if (level < 0 || level >= 63 || index < 0 || index >= (size >>> level)) {
                throw new AssertionError("node (" + level + ", " + index + ") is not a complete subtree of " + size);
            }
            reads++;
            return NaiveMerkle.sha256(ByteBuffer.allocate(12).putInt(level).putLong(index).array());
        }
    }

    /** The fewest reads PATH(m, D[n]) can take: the sum of popcount(range length) over its elements. */
    static long minimumInclusionReads(long m, long n) {
        return NaiveMerkle.inclusionRanges(m, n).stream().mapToLong(r -> Long.bitCount(r[1])).sum();
    }

    static long minimumConsistencyReads(long m, long n) {
        return NaiveMerkle.consistencyRanges(m, n).stream().mapToLong(r -> Long.bitCount(r[1])).sum();
    }

    /** The same sums without allocation, to find the worst index of a large tree. */
    static long fastInclusionReads(long m, long n) {
        long reads = 0;
        while (n > 1) {
            long k = Long.highestOneBit(n - 1);
            if (m < k) {
                reads += Long.bitCount(n - k);
                n = k;
            } else {
                reads++;
                m -= k;
                n -= k;
            }
        }
        return reads;
    }

    static long fastConsistencyReads(long m, long n) {
        if (m == 0 || m == n) {
            return 0;
        }
        long reads = 0;
        boolean complete = true;
        while (m != n) {
            long k = Long.highestOneBit(n - 1);
            if (m <= k) {
                reads += Long.bitCount(n - k);
                n = k;
            } else {
                reads++;
                m -= k;
                n -= k;
                complete = false;
            }
        }
        return complete ? reads : reads + Long.bitCount(n);
    }

    static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    record Row(long size, long worstIndex, long inclusionMax, int inclusionLength, long worstSize1,
               long consistencyMax, int consistencyLength, long tried) {
    }

    @Test
    void reads_areTheMinimum_andWithinTwiceLog2() {
        TreeSet<Long> sizes = new TreeSet<>();
        for (long n = 1; n <= 64; n++) {
            sizes.add(n);
        }
        for (int k = 1; k <= MAX_LOG; k++) {
            sizes.add((1L << k) - 1);
            sizes.add(1L << k);
            sizes.add((1L << k) + 1);
        }
        Random random = new Random(20);
        for (int j = 0; j < 4; j++) {
            sizes.add((1L << (MAX_LOG - 1)) + 1 + random.nextInt(1 << (MAX_LOG - 1)));
        }

        List<Row> rows = new ArrayList<>();
        for (long n : sizes) {
            rows.add(measure(n, random));
        }

        System.out.println("MerkleTree NodeSource reads (max over the indices tried; bound 2*ceil(log2 n))");
        System.out.println(String.format("%9s %6s | %8s %9s %6s | %9s %9s %6s | %5s", "size", "tried", "incl.max",
                "at index", "len", "cons.max", "at size1", "len", "bound"));
        for (Row r : rows) {
            if (r.size() > 64 || Long.bitCount(r.size()) == 1 || r.size() % 8 == 7) {
                System.out.println(String.format("%9d %6d | %8d %9d %6d | %9d %9d %6d | %5d", r.size(), r.tried(),
                        r.inclusionMax(), r.worstIndex(), r.inclusionLength(), r.consistencyMax(), r.worstSize1(),
                        r.consistencyLength(), 2 * ceilLog2(r.size())));
            }
        }
        Row biggest = rows.stream().filter(r -> r.size() == (1L << MAX_LOG) - 1).findFirst().orElseThrow();
        assertThat(biggest.inclusionMax()).isEqualTo(2L * (MAX_LOG - 1));
        assertThat(biggest.consistencyMax()).isEqualTo(2L * (MAX_LOG - 1) + 1);
    }

    private static Row measure(long n, Random random) {
        // The model's worst indices, over every index.
        long worstIndex = 0;
        long worstSize1 = 0;
        for (long i = 0; i < n; i++) {
            if (fastInclusionReads(i, n) > fastInclusionReads(worstIndex, n)) {
                worstIndex = i;
            }
        }
        for (long m = 0; m <= n; m++) {
            if (fastConsistencyReads(m, n) > fastConsistencyReads(worstSize1, n)) {
                worstSize1 = m;
            }
        }

        TreeSet<Long> indices = new TreeSet<>();
        TreeSet<Long> size1s = new TreeSet<>();
        if (n <= EXHAUSTIVE) {
            for (long i = 0; i <= n; i++) {
                indices.add(i);
                size1s.add(i);
            }
        } else {
            long k = Long.highestOneBit(n - 1);
            for (long i : new long[] {0, 1, 2, 3, 5, k - 1, k, k + 1, n / 2, n - 3, n - 2, n - 1, n}) {
                indices.add(i);
                size1s.add(i);
            }
            for (int j = 0; j < 200; j++) {
                indices.add((long) random.nextInt((int) n));
                size1s.add((long) random.nextInt((int) n + 1));
            }
            indices.add(worstIndex);
            size1s.add(worstSize1);
        }
        indices.remove(n);

        SyntheticNodes nodes = new SyntheticNodes(n);
        MerkleTree tree = new MerkleTree(nodes);
        long bound = 2L * ceilLog2(n);

        tree.root(n);
        assertThat(nodes.reads).as("root(%d)", n).isEqualTo(Long.bitCount(n));

        long inclusionMax = -1;
        long inclusionAt = -1;
        int inclusionLength = 0;
        for (long i : indices) {
            nodes.reads = 0;
            List<byte[]> proof = tree.inclusionProof(i, n);
            long reads = nodes.reads;
            assertThat(proof).hasSize(NaiveMerkle.inclusionRanges(i, n).size());
            assertThat(reads).as("reads for leaf %d of %d", i, n)
                    .isEqualTo(minimumInclusionReads(i, n))
                    .isEqualTo(fastInclusionReads(i, n))
                    .isLessThanOrEqualTo(Math.max(1, bound));
            if (reads > inclusionMax) {
                inclusionMax = reads;
                inclusionAt = i;
            }
            inclusionLength = Math.max(inclusionLength, proof.size());
        }
        assertThat(inclusionMax).as("worst inclusion of %d seen", n).isEqualTo(fastInclusionReads(worstIndex, n));

        long consistencyMax = -1;
        long consistencyAt = -1;
        int consistencyLength = 0;
        for (long m : size1s) {
            nodes.reads = 0;
            List<byte[]> proof = tree.consistencyProof(m, n);
            long reads = nodes.reads;
            assertThat(proof).hasSize(NaiveMerkle.consistencyRanges(m, n).size());
            assertThat(reads).as("reads for %d to %d", m, n)
                    .isEqualTo(minimumConsistencyReads(m, n))
                    .isEqualTo(fastConsistencyReads(m, n))
                    .isLessThanOrEqualTo(bound);
            if (reads > consistencyMax) {
                consistencyMax = reads;
                consistencyAt = m;
            }
            consistencyLength = Math.max(consistencyLength, proof.size());
        }
        assertThat(consistencyMax).as("worst consistency of %d seen", n)
                .isEqualTo(fastConsistencyReads(worstSize1, n));
        assertThat((double) Math.max(inclusionMax, consistencyMax)).as("c * log2(n)^2 with c = 2 for %d", n)
                .isLessThanOrEqualTo(2 * Math.pow(Math.max(1, ceilLog2(n)), 2));
        return new Row(n, inclusionAt, inclusionMax, inclusionLength, consistencyAt, consistencyMax,
                consistencyLength, indices.size() + size1s.size());
    }
}
