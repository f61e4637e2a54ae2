package io.hazardledger.bench;

import io.hazardledger.integrity.merkle.MerkleHash;
import io.hazardledger.integrity.merkle.MerkleTree;
import io.hazardledger.integrity.merkle.NodeSource;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.merkle.RightEdge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Merkle work of one entry and of one proof, in memory (no database): appending a leaf to the right edge (what
 * the writer and the bundle verifier do per entry), building an inclusion and a consistency proof from stored
 * perfect subtrees (what a proof request costs without the reads) and checking each, in a tree of 1,000,000 leaves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class MerkleBenchmark {

    /** The tree's size (the smoke run uses a small one). */
    @Param({"1000000"})
    public long size;

    private final Map<Long, byte[]> nodes = new HashMap<>();
    private MerkleTree tree;
    private RightEdge edge;
    private byte[] leaf;
    private long index;
    private long from;
    private byte[] root;
    private byte[] fromRoot;
    private List<byte[]> inclusion;
    private List<byte[]> consistency;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // every perfect subtree of the first leaves, as the store keeps them
        RightEdge builder = new RightEdge();
        byte[][] left = new byte[64][];
        for (long i = 0; i < size; i++) {
            byte[] hash = MerkleHash.node(ByteBuffer.allocate(8).putLong(i).array(), new byte[0]);
            nodes.put(key(0, i), hash);
            builder.append(hash);
            long idx = i;
            int level = 0;
            byte[] current = hash;
            while ((idx & 1) == 1) {
                current = MerkleHash.node(left[level], current);
                level++;
                idx >>= 1;
                nodes.put(key(level, idx), current);
            }
            left[level] = current;
        }
        NodeSource source = (level, i) -> nodes.get(key(level, i));
        tree = new MerkleTree(source);
        root = tree.root(size);
        if (!java.util.Arrays.equals(root, builder.root())) {
            throw new IllegalStateException("the stored subtrees and the right edge disagree");
        }
        index = size * 123 / 1000 + 1;
        from = size * 654 / 1000 + 3;
        leaf = nodes.get(key(0, index));
        inclusion = tree.inclusionProof(index, size);
        consistency = tree.consistencyProof(from, size);
        fromRoot = tree.root(from);
        // what is measured must be the success path
        Proofs.verifyInclusion(index, size, leaf, inclusion, root);
        Proofs.verifyConsistency(from, size, fromRoot, root, consistency);
        edge = new RightEdge();
    }

    private static long key(int level, long i) {
        return (i << 6) | level;
    }

    @Benchmark
    public RightEdge appendLeaf() {
        edge.append(leaf);
        return edge;
    }

    @Benchmark
    public List<byte[]> buildInclusionProof() {
        return tree.inclusionProof(index, size);
    }

    @Benchmark
    public List<byte[]> buildConsistencyProof() {
        return tree.consistencyProof(from, size);
    }

    @Benchmark
    public void checkInclusionProof() throws Exception {
        Proofs.verifyInclusion(index, size, leaf, inclusion, root);
    }

    @Benchmark
    public void checkConsistencyProof() throws Exception {
        Proofs.verifyConsistency(from, size, fromRoot, root, consistency);
    }
}
