package io.hazardledger.integrity.note;

import io.hazardledger.integrity.merkle.MerkleTree;
import io.hazardledger.integrity.merkle.Proofs;
import io.hazardledger.integrity.note.NoteVectors.CheckpointCase;
import io.hazardledger.integrity.note.NoteVectors.Key;
import io.hazardledger.integrity.note.NoteVectors.NoteCase;
import io.hazardledger.integrity.note.NoteVectors.SignerKey;
import io.hazardledger.integrity.note.NoteVectors.VectorFile;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signed notes, keys and checkpoints of other implementations (golang.org/x/mod/sumdb/note, the C2SP examples,
 * sum.golang.org, transparency-dev, sigsum-go), in {@code vectors/note/}: {@link NoteVerifier} gives their verdicts,
 * {@link NoteKeys} computes their key IDs and verifier keys, {@link NoteSigner} reproduces their signatures byte for
 * byte (Ed25519 is deterministic), and {@link Checkpoint} reads their checkpoints.
 */
class NoteInteropVectorsTest {

    @TestFactory
    Stream<DynamicContainer> everyVectorFile() {
        return NoteVectors.files().map(file -> {
            VectorFile v = NoteVectors.read(file);
            List<DynamicNode> tests = new ArrayList<>();
            for (Key k : v.keys()) {
                tests.add(DynamicTest.dynamicTest("key " + k.desc(), () -> checkKey(k)));
            }
            for (NoteVectors.BadKey b : v.badVerifierKeys()) {
                tests.add(DynamicTest.dynamicTest("refused key: " + b.desc(), () ->
                        assertThatThrownBy(() -> NoteVerifier.parse(b.verifierKey()))
                                .isInstanceOf(InvalidSignatureException.class)));
            }
            for (NoteCase n : v.notes()) {
                tests.add(DynamicTest.dynamicTest("note " + n.want() + ": " + n.desc(), () -> checkNote(n)));
            }
            for (CheckpointCase c : v.checkpoints()) {
                tests.add(DynamicTest.dynamicTest("checkpoint " + c.desc(), () -> checkCheckpoint(c)));
            }
            for (NoteVectors.Refusal r : v.refusals()) {
                tests.add(DynamicTest.dynamicTest("checkpoint refused: " + r.desc(), () ->
                        assertThatThrownBy(() -> Checkpoint.parse(r.text())).isInstanceOf(IllegalArgumentException.class)));
            }
            if (v.leaves() != null) {
                tests.add(DynamicTest.dynamicTest("roots and proofs over the leaves", () -> checkTree(v)));
            }
            return DynamicContainer.dynamicContainer(NoteVectors.name(file), file.toUri(), tests.stream());
        });
    }

    private static void checkKey(Key k) throws Exception {
        byte[] publicKey = HexFormat.of().parseHex(k.publicKey());
        assertThat(HexFormat.of().formatHex(NoteKeys.keyId(k.name(), publicKey))).isEqualTo(k.keyId());
        assertThat(NoteKeys.verifierKey(k.name(), publicKey)).isEqualTo(k.verifierKey());
        assertThat(NoteVerifier.parse(k.verifierKey()).name()).isEqualTo(k.name());
        if (k.signerKey() != null) {
            SignerKey skey = SignerKey.parse(k.signerKey());
            assertThat(skey.name()).isEqualTo(k.name());
            assertThat(skey.keyId()).isEqualTo(k.keyId());
            NoteSigner signer = skey.noteSigner();
            assertThat(signer.publicKey()).isEqualTo(publicKey);
            assertThat(signer.verifierKey()).isEqualTo(k.verifierKey());
            assertThat(signer.name()).isEqualTo(k.name());
        }
    }

    private static void checkNote(NoteCase n) throws Exception {
        NoteVerifier verifier = NoteVerifier.parse(n.verifierKey());
        if (!n.verified()) {
            assertThatThrownBy(() -> verifier.verify(n.note())).isInstanceOf(InvalidSignatureException.class);
            return;
        }
        assertThat(verifier.verify(n.note())).isEqualTo(n.wantText());
        if (n.signerKey() != null) {
            NoteSigner signer = SignerKey.parse(n.signerKey()).noteSigner();
            assertThat(signer.sign(n.wantText())).as("the reference signature, byte for byte").isEqualTo(n.note());
            assertThat(n.note()).endsWith("\n" + signer.signatureLine(n.wantText()) + "\n");
        }
    }

    private static void checkCheckpoint(CheckpointCase c) {
        Checkpoint parsed = Checkpoint.parse(c.text());
        assertThat(parsed.origin()).isEqualTo(c.origin());
        assertThat(parsed.size()).isEqualTo(c.size());
        assertThat(Base64.getEncoder().encodeToString(parsed.root())).isEqualTo(c.root());
        assertThat(parsed.text()).as("round trip").isEqualTo(c.text());
        assertThat(new Checkpoint(c.origin(), c.size(), Base64.getDecoder().decode(c.root()))).isEqualTo(parsed);
    }

    /**
     * The log's checkpoints against this ledger's Merkle code: each signed root is MTH over the leaves, and the proofs
     * {@link MerkleTree} makes between the signed trees verify against the signed roots.
     */
    private static void checkTree(VectorFile v) throws Exception {
        List<byte[]> leaves = v.leaves().stream()
                .map(s -> NoteVectors.leafHash(s.getBytes(StandardCharsets.UTF_8))).toList();
        MerkleTree tree = new MerkleTree(NoteVectors.memory(leaves));
        List<Checkpoint> signed = new ArrayList<>();
        for (NoteCase n : v.notes()) {
            signed.add(Checkpoint.parse(NoteVerifier.parse(n.verifierKey()).verify(n.note())));
        }
        assertThat(signed).isNotEmpty();
        for (Checkpoint cp : signed) {
            assertThat(tree.root(cp.size())).as("root of size %d", cp.size()).isEqualTo(cp.root());
            for (long i = 0; i < cp.size(); i++) {
                Proofs.verifyInclusion(i, cp.size(), leaves.get((int) i), tree.inclusionProof(i, cp.size()), cp.root());
            }
            for (Checkpoint older : signed) {
                if (older.size() <= cp.size()) {
                    Proofs.verifyConsistency(older.size(), cp.size(), older.root(), cp.root(),
                            tree.consistencyProof(older.size(), cp.size()));
                }
            }
        }
    }

    /**
     * golang.org/x/mod's TestNewVerifier: every proper substring of a verifier key, and the key with any one byte
     * incremented, is refused. Also for sum.golang.org's key, whose base64 holds '+'.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"})
    void verifierKey_everyManglingIsRefused(String vkey) throws Exception {
        NoteVerifier.parse(vkey);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i <= vkey.length(); i++) {
            for (int j = i + 1; j <= vkey.length(); j++) {
                if (i != 0 || j != vkey.length()) {
                    accepted.addAll(acceptedOf(vkey.substring(i, j)));
                }
            }
        }
        char[] b = vkey.toCharArray();
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            accepted.addAll(acceptedOf(new String(b)));
            b[i]--;
        }
        assertThat(accepted).as("mangled verifier keys that were accepted").isEmpty();
    }

    private static List<String> acceptedOf(String vkey) {
        try {
            NoteVerifier.parse(vkey);
            return List.of(vkey);
        } catch (InvalidSignatureException e) {
            return List.of();
        }
    }

    @Test
    void vectorFiles_eachNameTheirSource() {
        assertThat(NoteVectors.files().map(NoteVectors::read)).allSatisfy(v -> {
            assertThat(v.source()).isNotBlank();
            assertThat(v.desc()).isNotBlank();
        });
        assertThat(NoteVectors.files().map(NoteVectors::name)).contains("go-sumdb-note", "c2sp-signed-note",
                "c2sp-tlog-checkpoint", "sumdb-checkpoints", "serverless-log-checkpoints", "sigsum-checkpoint",
                "transparency-dev-formats-keys");
    }

    /** TestSign's exact expected output, spelled out, so the vector file cannot drift from golang.org/x/mod. */
    @Test
    void goTestSign_peterNeumann() throws Exception {
        String text = "If you think cryptography is the answer to your problem,\n"
                + "then you don't know what your problem is.\n";
        NoteSigner signer = SignerKey.parse(
                "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz").noteSigner();
        String want = text + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKv"
                + "qfqdngotpRZb6KE6RyyBwJnAM=\n";

        assertThat(signer.sign(text)).isEqualTo(want);
        assertThat(signer.verifierKey()).isEqualTo("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertThat(NoteVerifier.parse(signer.verifierKey()).verify(want)).isEqualTo(text);
        assertThat(NoteVectors.read("go-sumdb-note.json").notes().get(0).note()).isEqualTo(want);
    }
}
