package io.hazardledger.integrity.merkle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hazardledger.integrity.merkle.NaiveMerkle.hex;
import static io.hazardledger.integrity.merkle.NaiveMerkle.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The named tamper cases of vectors/merkle/inclusion-tamper.json and consistency-tamper.json: each case verifies
 * ({@code wantErr: false}) or makes {@link Proofs} throw {@link ProofException} ({@code wantErr: true}).
 */
class MerkleTamperVectorsTest {

    static Stream<MerkleVectors.InclusionTamper> inclusionCases() {
        return MerkleVectors.inclusionTampers().cases().stream();
    }

    static Stream<MerkleVectors.ConsistencyTamper> consistencyCases() {
        return MerkleVectors.consistencyTampers().cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionCases")
    void inclusion(MerkleVectors.InclusionTamper c) {
        if (c.wantErr()) {
            assertThatThrownBy(() -> Proofs.verifyInclusion(c.index(), c.size(), unhex(c.leafHash()),
                    unhex(c.proof()), unhex(c.root()))).as(c.desc()).isInstanceOf(ProofException.class);
        } else {
            assertThatCode(() -> Proofs.verifyInclusion(c.index(), c.size(), unhex(c.leafHash()), unhex(c.proof()),
                    unhex(c.root()))).as(c.desc()).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyCases")
    void consistency(MerkleVectors.ConsistencyTamper c) {
        if (c.wantErr()) {
            assertThatThrownBy(() -> Proofs.verifyConsistency(c.size1(), c.size2(), unhex(c.root1()),
                    unhex(c.root2()), unhex(c.proof()))).as(c.desc()).isInstanceOf(ProofException.class);
        } else {
            assertThatCode(() -> Proofs.verifyConsistency(c.size1(), c.size2(), unhex(c.root1()), unhex(c.root2()),
                    unhex(c.proof()))).as(c.desc()).doesNotThrowAnyException();
        }
    }

    @Test
    void theValidCases_areTheProofsMerkleTreeBuilds() {
        List<byte[]> leaves = MerkleVectors.leafHashes();
        MerkleTree tree = new MerkleTree(new ListNodeSource(leaves));
        for (MerkleVectors.InclusionTamper c : MerkleVectors.inclusionTampers().cases()) {
            if (c.name().startsWith("valid")) {
                assertThat(hex(tree.inclusionProof(c.index(), c.size()))).as(c.name())
                        .containsExactlyElementsOf(c.proof());
                assertThat(c.root()).isEqualTo(hex(tree.root(c.size())));
                assertThat(c.leafHash()).isEqualTo(hex(leaves.get((int) c.index())));
            }
        }
        for (MerkleVectors.ConsistencyTamper c : MerkleVectors.consistencyTampers().cases()) {
            if (c.name().endsWith("-valid")) {
                assertThat(hex(tree.consistencyProof(c.size1(), c.size2()))).as(c.name())
                        .containsExactlyElementsOf(c.proof());
                assertThat(c.root1()).isEqualTo(hex(tree.root(c.size1())));
                assertThat(c.root2()).isEqualTo(hex(tree.root(c.size2())));
            }
        }
    }

    @Test
    void everyKindOfTamper_isNamed() {
        List<String> inclusion = MerkleVectors.inclusionTampers().cases().stream()
                .filter(MerkleVectors.InclusionTamper::wantErr).map(MerkleVectors.InclusionTamper::name).toList();
        List<String> consistency = MerkleVectors.consistencyTampers().cases().stream()
                .filter(MerkleVectors.ConsistencyTamper::wantErr).map(MerkleVectors.ConsistencyTamper::name)
                .toList();
        for (String kind : List.of("bit-flipped", "removed", "extra", "wrong-index", "wrong-size", "wrong-root",
                "swapped")) {
            assertThat(inclusion).as(kind).anyMatch(n -> n.contains(kind));
        }
        for (String kind : List.of("bit-flipped", "removed", "extra", "wrong-size1", "wrong-size2", "wrong-root1",
                "wrong-root2", "swapped-roots", "proof-empty")) {
            assertThat(consistency).as(kind).anyMatch(n -> n.contains(kind));
        }
        assertThat(MerkleVectors.inclusionTampers().source()).contains("transparency-dev/merkle");
    }
}
