package io.hazardledger.integrity.merkle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hazardledger.integrity.merkle.NaiveMerkle.hex;
import static io.hazardledger.integrity.merkle.NaiveMerkle.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The RFC 6962 / Certificate Transparency test tree of 8 leaves (vectors/merkle/rfc6962-tree.json, copied from
 * transparency-dev/merkle and google/certificate-transparency-go): the constants below, the vector file, the naive
 * reference, {@link MerkleTree} and {@link Proofs} must all agree.
 *
 * <p>Each constant has a bash command that reproduces it ({@code printf '\x00'} needs bash's printf; {@code xxd} is in
 * vim-common).
 */
class MerkleKnownAnswerTest {

    // printf '' | sha256sum
    static final String EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // Leaf hashes SHA-256(0x00 || data) of the leaf inputs "", 00, 10, 2021, 3031, 40414243, 5051525354555657,
    // 606162636465666768696a6b6c6d6e6f (hex).
    // printf '\x00' | sha256sum
    static final String LEAF_0 = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
    // printf '\x00\x00' | sha256sum
    static final String LEAF_1 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
    // printf '\x00\x10' | sha256sum
    static final String LEAF_2 = "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7";
    // printf '\x00\x20\x21' | sha256sum
    static final String LEAF_3 = "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7";
    // printf '\x00\x30\x31' | sha256sum
    static final String LEAF_4 = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
    // echo 0040414243 | xxd -r -p | sha256sum
    static final String LEAF_5 = "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658";
    // echo 005051525354555657 | xxd -r -p | sha256sum
    static final String LEAF_6 = "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f";
    // echo 00606162636465666768696a6b6c6d6e6f | xxd -r -p | sha256sum
    static final String LEAF_7 = "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1";

    // Perfect subtrees NODE_level_index = SHA-256(0x01 || left child || right child).
    // { printf '\x01'; echo 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 | xxd -r -p; } | sha256sum
    static final String NODE_1_0 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
    // { printf '\x01'; echo 0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe707506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7 | xxd -r -p; } | sha256sum
    static final String NODE_1_1 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    // { printf '\x01'; echo bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658 | xxd -r -p; } | sha256sum
    static final String NODE_1_2 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
    // { printf '\x01'; echo b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1 | xxd -r -p; } | sha256sum
    static final String NODE_1_3 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    // { printf '\x01'; echo fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c1255f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e | xxd -r -p; } | sha256sum
    static final String NODE_2_0 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
    // { printf '\x01'; echo 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6aca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 | xxd -r -p; } | sha256sum
    static final String NODE_2_1 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
    // { printf '\x01'; echo d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b76b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4 | xxd -r -p; } | sha256sum
    static final String NODE_3_0 = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";

    // MTH(D[4:7]), the right part of the tree of 7 (not a perfect subtree, so not stored).
    // { printf '\x01'; echo 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6ab08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f | xxd -r -p; } | sha256sum
    static final String RANGE_4_7 = "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e";

    // Roots of the trees of sizes 1..8 (ROOT_1, ROOT_2, ROOT_4 and ROOT_8 are perfect subtrees).
    static final String ROOT_1 = LEAF_0;
    static final String ROOT_2 = NODE_1_0;
    // { printf '\x01'; echo fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c1250298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7 | xxd -r -p; } | sha256sum
    static final String ROOT_3 = "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77";
    static final String ROOT_4 = NODE_2_0;
    // { printf '\x01'; echo d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b | xxd -r -p; } | sha256sum
    static final String ROOT_5 = "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4";
    // { printf '\x01'; echo d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b70ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a | xxd -r -p; } | sha256sum
    static final String ROOT_6 = "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef";
    // { printf '\x01'; echo d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e | xxd -r -p; } | sha256sum
    static final String ROOT_7 = "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c";
    static final String ROOT_8 = NODE_3_0;

    static final List<String> LEAF_DATA = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");
    static final List<String> LEAVES = List.of(LEAF_0, LEAF_1, LEAF_2, LEAF_3, LEAF_4, LEAF_5, LEAF_6, LEAF_7);
    static final List<String> ROOTS = List.of(EMPTY_ROOT, ROOT_1, ROOT_2, ROOT_3, ROOT_4, ROOT_5, ROOT_6, ROOT_7,
            ROOT_8);

    private static final MerkleVectors.Tree TREE = MerkleVectors.tree();

    /** A node source that only knows the perfect-subtree hashes listed upstream (the file's "nodes"). */
    private static NodeSource upstreamNodes(long size) {
        Map<String, byte[]> byId = new HashMap<>();
        for (MerkleVectors.Node n : TREE.nodes()) {
            byId.put(n.level() + "/" + n.index(), unhex(n.hash()));
        }
        return (level, index) -> {
            if (level < 0 || level >= 63 || index < 0 || index >= (size >>> level)) {
                throw new AssertionError("node (" + level + ", " + index + ") is outside the tree of " + size);
            }
            byte[] hash = byId.get(level + "/" + index);
            if (hash == null) {
                throw new AssertionError("node (" + level + ", " + index + ") is not in the vector file");
            }
            return hash.clone();
        };
    }

    private static List<byte[]> leaves() {
        return LEAVES.stream().map(NaiveMerkle::unhex).toList();
    }

    private static byte[] jdkSha256(byte[]... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            sha.update(part);
        }
        return sha.digest();
    }

    @Test
    void constants_areTheVectorFileValues() {
        assertThat(TREE.source()).anyMatch(s -> s.contains("transparency-dev/merkle"));
        assertThat(TREE.leaves()).extracting(MerkleVectors.Leaf::data).containsExactlyElementsOf(LEAF_DATA);
        assertThat(TREE.leaves()).extracting(MerkleVectors.Leaf::leafHash).containsExactlyElementsOf(LEAVES);
        assertThat(TREE.roots()).extracting(MerkleVectors.Root::size).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(TREE.roots()).extracting(MerkleVectors.Root::hash).containsExactlyElementsOf(ROOTS);
        Map<String, String> nodes = new HashMap<>();
        TREE.nodes().forEach(n -> nodes.put(n.level() + "/" + n.index(), n.hash()));
        assertThat(nodes).hasSize(15)
                .containsEntry("1/0", NODE_1_0).containsEntry("1/1", NODE_1_1)
                .containsEntry("1/2", NODE_1_2).containsEntry("1/3", NODE_1_3)
                .containsEntry("2/0", NODE_2_0).containsEntry("2/1", NODE_2_1)
                .containsEntry("3/0", NODE_3_0);
        for (int i = 0; i < 8; i++) {
            assertThat(nodes).containsEntry("0/" + i, LEAVES.get(i));
        }
    }

    @Test
    void constants_recomputedWithTheJdkAlone() throws Exception {
        assertThat(hex(jdkSha256())).isEqualTo(EMPTY_ROOT);
        for (int i = 0; i < 8; i++) {
            assertThat(hex(jdkSha256(new byte[] {0x00}, unhex(LEAF_DATA.get(i))))).as("leaf %d", i)
                    .isEqualTo(LEAVES.get(i));
        }
        byte[] one = {0x01};
        assertThat(hex(jdkSha256(one, unhex(LEAF_0), unhex(LEAF_1)))).isEqualTo(NODE_1_0);
        assertThat(hex(jdkSha256(one, unhex(LEAF_2), unhex(LEAF_3)))).isEqualTo(NODE_1_1);
        assertThat(hex(jdkSha256(one, unhex(LEAF_4), unhex(LEAF_5)))).isEqualTo(NODE_1_2);
        assertThat(hex(jdkSha256(one, unhex(LEAF_6), unhex(LEAF_7)))).isEqualTo(NODE_1_3);
        assertThat(hex(jdkSha256(one, unhex(NODE_1_0), unhex(NODE_1_1)))).isEqualTo(NODE_2_0);
        assertThat(hex(jdkSha256(one, unhex(NODE_1_2), unhex(NODE_1_3)))).isEqualTo(NODE_2_1);
        assertThat(hex(jdkSha256(one, unhex(NODE_2_0), unhex(NODE_2_1)))).isEqualTo(NODE_3_0);
        assertThat(hex(jdkSha256(one, unhex(NODE_1_2), unhex(LEAF_6)))).isEqualTo(RANGE_4_7);
        assertThat(hex(jdkSha256(one, unhex(NODE_1_0), unhex(LEAF_2)))).isEqualTo(ROOT_3);
        assertThat(hex(jdkSha256(one, unhex(NODE_2_0), unhex(LEAF_4)))).isEqualTo(ROOT_5);
        assertThat(hex(jdkSha256(one, unhex(NODE_2_0), unhex(NODE_1_2)))).isEqualTo(ROOT_6);
        assertThat(hex(jdkSha256(one, unhex(NODE_2_0), unhex(RANGE_4_7)))).isEqualTo(ROOT_7);
    }

    @Test
    void merkleHash_givesTheConstants() {
        assertThat(hex(MerkleHash.empty())).isEqualTo(EMPTY_ROOT);
        assertThat(hex(MerkleHash.node(unhex(LEAF_0), unhex(LEAF_1)))).isEqualTo(NODE_1_0);
        assertThat(hex(MerkleHash.node(unhex(NODE_2_0), unhex(RANGE_4_7)))).isEqualTo(ROOT_7);
    }

    @Test
    void naiveReference_givesTheUpstreamLeavesNodesAndRoots() {
        for (int i = 0; i < 8; i++) {
            assertThat(hex(NaiveMerkle.leafHash(unhex(LEAF_DATA.get(i))))).isEqualTo(LEAVES.get(i));
        }
        ListNodeSource source = new ListNodeSource(leaves());
        for (MerkleVectors.Node n : TREE.nodes()) {
            assertThat(hex(source.node(n.level(), n.index()))).as("node %d/%d", n.level(), n.index())
                    .isEqualTo(n.hash());
        }
        for (int size = 0; size <= 8; size++) {
            assertThat(hex(NaiveMerkle.mth(leaves().subList(0, size)))).as("MTH(D[%d])", size)
                    .isEqualTo(ROOTS.get(size));
        }
    }

    @Test
    void merkleTree_givesTheUpstreamRoots_fromTheUpstreamNodes() {
        for (int size = 0; size <= 8; size++) {
            assertThat(hex(new MerkleTree(upstreamNodes(size)).root(size))).as("root(%d)", size)
                    .isEqualTo(ROOTS.get(size));
            // A store that holds more leaves than the tree asked for.
            assertThat(hex(new MerkleTree(upstreamNodes(8)).root(size))).isEqualTo(ROOTS.get(size));
        }
    }

    static Stream<MerkleVectors.Inclusion> upstreamInclusion() {
        return TREE.inclusion().stream();
    }

    static Stream<MerkleVectors.Consistency> upstreamConsistency() {
        return TREE.consistency().stream();
    }

    static Stream<MerkleVectors.Inclusion> derivedInclusion() {
        return MerkleVectors.derived().inclusion().stream();
    }

    static Stream<MerkleVectors.Consistency> derivedConsistency() {
        return MerkleVectors.derived().consistency().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"upstreamInclusion", "derivedInclusion"})
    void inclusionProof_isTheKnownOne_andVerifies(MerkleVectors.Inclusion v) {
        List<String> got = hex(new MerkleTree(upstreamNodes(v.size())).inclusionProof(v.index(), v.size()));
        assertThat(got).containsExactlyElementsOf(v.proof());
        assertThat(hex(NaiveMerkle.path((int) v.index(), leaves().subList(0, (int) v.size()))))
                .containsExactlyElementsOf(v.proof());
        assertThatCode(() -> Proofs.verifyInclusion(v.index(), v.size(), unhex(LEAVES.get((int) v.index())),
                unhex(v.proof()), unhex(ROOTS.get((int) v.size())))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"upstreamConsistency", "derivedConsistency"})
    void consistencyProof_isTheKnownOne_andVerifies(MerkleVectors.Consistency v) {
        List<String> got = hex(new MerkleTree(upstreamNodes(v.size2())).consistencyProof(v.size1(), v.size2()));
        assertThat(got).containsExactlyElementsOf(v.proof());
        assertThat(hex(NaiveMerkle.proof((int) v.size1(), leaves().subList(0, (int) v.size2()))))
                .containsExactlyElementsOf(v.proof());
        assertThatCode(() -> Proofs.verifyConsistency(v.size1(), v.size2(), unhex(ROOTS.get((int) v.size1())),
                unhex(ROOTS.get((int) v.size2())), unhex(v.proof()))).doesNotThrowAnyException();
    }

    @Test
    void derivedFile_coversEveryProofOfTheTree_andAgreesWithUpstream() {
        MerkleVectors.Derived derived = MerkleVectors.derived();
        assertThat(derived.inclusion()).hasSize(36);      // 1 + 2 + ... + 8
        assertThat(derived.consistency()).hasSize(45);    // 0 <= size1 <= size2 <= 8
        for (MerkleVectors.Inclusion up : TREE.inclusion()) {
            assertThat(derived.inclusion()).filteredOn(d -> d.index() == up.index() && d.size() == up.size())
                    .singleElement().extracting(MerkleVectors.Inclusion::proof).isEqualTo(up.proof());
        }
        for (MerkleVectors.Consistency up : TREE.consistency()) {
            assertThat(derived.consistency()).filteredOn(d -> d.size1() == up.size1() && d.size2() == up.size2())
                    .singleElement().extracting(MerkleVectors.Consistency::proof).isEqualTo(up.proof());
        }
    }
}
