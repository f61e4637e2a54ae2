package io.hazardledger.integrity.merkle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The known-answer vectors in {@code src/test/resources/vectors/merkle/} (see {@code derive.py} there). */
final class MerkleVectors {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MerkleVectors() {
    }

    record Leaf(long index, String data, String leafHash) {
    }

    record Node(int level, long index, String hash) {
    }

    record Root(long size, String hash) {
    }

    record Inclusion(String desc, long index, long size, List<String> proof) {
        @Override
        public String toString() {
            return "leaf " + index + " of " + size + (desc == null ? "" : ": " + desc);
        }
    }

    record Consistency(String desc, long size1, long size2, List<String> proof) {
        @Override
        public String toString() {
            return size1 + " to " + size2 + (desc == null ? "" : ": " + desc);
        }
    }

    /** rfc6962-tree.json: values copied from upstream. */
    record Tree(String desc, List<String> source, List<Leaf> leaves, List<Node> nodes, List<Root> roots,
                List<Inclusion> inclusion, List<Consistency> consistency) {
    }

    /** rfc6962-tree-derived.json: every proof of the 8-leaf tree. */
    record Derived(String desc, String source, List<Inclusion> inclusion, List<Consistency> consistency) {
    }

    record InclusionTamper(String name, String desc, long index, long size, String leafHash, List<String> proof,
                           String root, boolean wantErr) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ConsistencyTamper(String name, String desc, long size1, long size2, String root1, String root2,
                             List<String> proof, boolean wantErr) {
        @Override
        public String toString() {
            return name;
        }
    }

    record InclusionTamperFile(String desc, String source, List<InclusionTamper> cases) {
    }

    record ConsistencyTamperFile(String desc, String source, List<ConsistencyTamper> cases) {
    }

    static Tree tree() {
        return read("rfc6962-tree.json", Tree.class);
    }

    static Derived derived() {
        return read("rfc6962-tree-derived.json", Derived.class);
    }

    static InclusionTamperFile inclusionTampers() {
        return read("inclusion-tamper.json", InclusionTamperFile.class);
    }

    static ConsistencyTamperFile consistencyTampers() {
        return read("consistency-tamper.json", ConsistencyTamperFile.class);
    }

    /** The leaf hashes of the 8-leaf tree, as the vector file gives them. */
    static List<byte[]> leafHashes() {
        return tree().leaves().stream().map(l -> NaiveMerkle.unhex(l.leafHash())).toList();
    }

    private static <T> T read(String name, Class<T> type) {
        try (InputStream in = MerkleVectors.class.getResourceAsStream("/vectors/merkle/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vectors/merkle/" + name + " on the test class path");
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
