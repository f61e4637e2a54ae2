package io.hazardledger.integrity.note;

import io.hazardledger.integrity.note.CheckpointExampleRun.Node;
import io.hazardledger.integrity.note.CheckpointExampleRun.Values;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/FORMAT.md sections 13 and 14 against the code: the worked example is made again with the real ledger
 * ({@link CheckpointExampleRun}) and every value the page shows must be what that run gives; and the page's commands
 * (Python with the standard library, OpenSSL 3) are run exactly as printed and must print what the page says. The
 * commands are skipped (not failed) without bash, python3 or OpenSSL 3.
 */
class CheckpointWorkedExampleTest {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern HEREDOC = Pattern.compile("^cat > (\\S+) <<'(EOF|PY)'\\n(.*?)^\\2$",
            Pattern.MULTILINE | Pattern.DOTALL);

    private static NoteFormatDoc doc;
    private static Values run;

    @TempDir
    static Path runDir;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void makeTheExampleAgain() throws Exception {
        doc = NoteFormatDoc.load();
        run = CheckpointExampleRun.run(runDir);
    }

    // --- the run itself -------------------------------------------------------------------------------------------------

    @Test
    void theRun_verifies_andKeepsBothCheckpoints() throws Exception {
        assertThat(run.verifiedSize()).as("Ledger.verify() accepted the stored nodes").isEqualTo(12);
        assertThat(run.sizes()).containsExactly(5L, 12L);
        assertThat(run.latest()).isEqualTo(run.checkpoint12());
        NoteVerifier verifier = NoteVerifier.parse(run.verifierKey());
        assertThat(Checkpoint.parse(verifier.verify(run.checkpoint5())).size()).isEqualTo(5);
        Checkpoint twelve = Checkpoint.parse(verifier.verify(run.checkpoint12()));
        assertThat(java.util.HexFormat.of().formatHex(twelve.root())).isEqualTo(run.root12());
        assertThat(twelve.origin()).isEqualTo(CheckpointExampleRun.ORIGIN);
        // the key name is the origin, and the note has one signature line
        assertThat(run.verifierKey()).startsWith(CheckpointExampleRun.ORIGIN + "+");
        assertThat(run.checkpoint12().lines().filter(l -> l.startsWith("\u2014 "))).hasSize(1);
    }

    @Test
    void storedNodes_areEveryPerfectSubtree_laidOutAsSection13_3Says() {
        List<Node> nodes = run.nodes();
        assertThat(nodes).hasSize(12 - Long.bitCount(12));
        for (Node n : nodes) {
            long first = n.nodeIndex() << n.level();
            long last = ((n.nodeIndex() + 1) << n.level()) - 1;
            assertThat(n.leafIndex()).isEqualTo(last);
            List<byte[]> leaves = run.leafHashes().stream().map(java.util.HexFormat.of()::parseHex).toList();
            assertThat(n.hash()).isEqualTo(java.util.HexFormat.of().formatHex(NoteVectors.naive(leaves, first, last + 1)));
        }
    }

    // --- the values the page shows ------------------------------------------------------------------------------------

    @Test
    void section13_3_nodeTableAndRoots_areTheRunsValues() {
        String section = doc.section("### 13.3");
        List<String> rows = new ArrayList<>();
        for (String line : section.lines().toList()) {
            Matcher m = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|\\s*([0-9a-f]{64})\\s*\\|\\s*(\\d+)\\s*\\|$").matcher(line);
            if (m.matches()) {
                rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4));
            }
        }
        assertThat(rows).containsExactlyElementsOf(run.nodes().stream()
                .map(n -> n.level() + " " + n.nodeIndex() + " " + n.hash() + " " + n.leafIndex()).toList());
        assertThat(section).contains("Root of size 5: `" + run.root5() + "`", "root of size 12:\n`" + run.root12() + "`");
    }

    @Test
    void section13_4_jsonExamples_areWhatTheLogServes() {
        List<String> json = NoteFormatDoc.blocks(doc.section("### 13.4"), "json").stream().map(String::strip).toList();
        assertThat(json).containsExactly(run.tree(), run.inclusion(), run.consistency());
    }

    @Test
    void section14_2_signedNoteAndVerifierKey_areTheRunsValues() {
        String section = doc.section("### 14.2");
        List<String> plain = NoteFormatDoc.blocks(section, "");
        assertThat(plain).hasSize(2);
        assertThat(plain.get(1)).isEqualTo(run.checkpoint12());
        assertThat(section).contains("`" + run.verifierKey() + "`");
    }

    @Test
    void section14_7_files_areTheRunsValues_andTheScriptsAreThoseOf13_5And14_6() {
        var files = heredocs(FormatBlocks.workedExample());
        assertThat(files.get("key.txt")).isEqualTo(run.verifierKey() + "\n");
        assertThat(files.get("checkpoint-5.txt")).isEqualTo(run.checkpoint5());
        assertThat(files.get("checkpoint-12.txt")).isEqualTo(run.checkpoint12());
        assertThat(files.get("entries.jsonl")).isEqualTo(run.entries5());
        assertThat(files.get("inclusion.json")).isEqualTo(run.inclusion() + "\n");
        assertThat(files.get("consistency.json")).isEqualTo(run.consistency() + "\n");
        assertThat(files.get("tlog.py")).isEqualTo(NoteFormatDoc.block(doc.section("### 13.5"), "python"));
        assertThat(files.get("note.py")).isEqualTo(NoteFormatDoc.blocks(doc.section("### 14.6"), "python").get(0));
        assertThat(NoteFormatDoc.blocks(doc.section("### 14.7"), "").get(0)).isEqualTo(CheckpointExampleRun.KEY_PEM);
    }

    @Test
    void section14_6_commands_areRunByTheWorkedExample() {
        String example = FormatBlocks.workedExample();
        for (String line : NoteFormatDoc.block(doc.section("### 14.6"), "sh").lines().toList()) {
            String generic = line.replace("checkpoint.txt", "checkpoint-$n.txt");
            assertThat(example).as("a command of 14.6 that the worked example does not run").contains(generic);
        }
    }

    // --- the commands ----------------------------------------------------------------------------------------------------

    @Test
    void workedExample_printsWhatThePageShows() throws Exception {
        assumeTools();
        String section = doc.section("### 14.7");

        Run r = bash(NoteFormatDoc.block(section, "sh"));

        assertThat(r.exit()).as("exit status; stderr: %s", r.err()).isZero();
        assertThat(r.out()).isEqualTo(NoteFormatDoc.block(section, "text"));
        assertThat(Files.readString(dir.resolve("text.bin"), StandardCharsets.UTF_8))
                .isEqualTo(NoteVerifier.parse(run.verifierKey()).verify(run.checkpoint12()));
    }

    @Test
    void workedExample_checkpointChanged_failsAsThePageSays() throws Exception {
        assumeTools();
        String script = NoteFormatDoc.block(doc.section("### 14.7"), "sh");
        String changed = script.replace("hazard-ledger.local/ledger\n12\n", "hazard-ledger.local/ledger\n13\n");
        assertThat(changed).isNotEqualTo(script);

        Run r = bash(changed);

        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("size 13", "Signature Verification Failure");
    }

    @Test
    void workedExample_entryChanged_givesFalse() throws Exception {
        assumeTools();
        String script = NoteFormatDoc.block(doc.section("### 14.7"), "sh");
        String changed = script.replace("\"name\":\"Acme Chemicals\"", "\"name\":\"Acme Chemical\"");
        assertThat(changed).isNotEqualTo(script);

        Run r = bash(changed);

        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("entries 0 to 4 give the root of checkpoint 5: False",
                "checkpoint 12 extends checkpoint 5: True");
    }

    @Test
    void noteScript_refusesWhatItMust() throws Exception {
        assumeTools();
        String script = NoteFormatDoc.block(doc.section("### 14.7"), "sh");
        String setup = script.substring(0, script.indexOf("for n in 5 12; do"));
        bash(setup);
        String other = new NoteSigner(CheckpointExampleRun.ORIGIN, NoteVectors.pemSignerFromSeed(NoteTamperTest.OTHER_SEED))
                .verifierKey();
        Files.writeString(dir.resolve("other-key.txt"), other + "\n");
        Files.writeString(dir.resolve("no-signature.txt"), run.checkpoint12().substring(0,
                run.checkpoint12().lastIndexOf("\n\n") + 2), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bad-key.txt"), run.verifierKey().replace("+fd4e0733+", "+fd4e0734+") + "\n");

        assertThat(bash("python3 note.py other-key.txt checkpoint-12.txt").err()).contains("no signature by");
        assertThat(bash("python3 note.py key.txt no-signature.txt").err()).contains("malformed");
        assertThat(bash("python3 note.py bad-key.txt checkpoint-12.txt").err()).contains("key ID does not match");
        Run ok = bash("python3 note.py key.txt checkpoint-12.txt");
        assertThat(ok.exit()).as(ok.err()).isZero();
    }

    @Test
    void cryptographyVariant_verifiesTheSameSignature() throws Exception {
        assumeTools();
        Run probe = bash("python3 -c 'import cryptography'");
        assumeTrue(probe.exit() == 0, "the Python package cryptography is not installed");
        String script = NoteFormatDoc.block(doc.section("### 14.7"), "sh");
        assertThat(bash(script).exit()).isZero();
        Files.writeString(dir.resolve("crypto.py"), NoteFormatDoc.blocks(doc.section("### 14.6"), "python").get(1));

        Run r = bash("python3 crypto.py");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("cryptography: signature verified\n");
        Files.write(dir.resolve("text.bin"), run.checkpoint12().replace("\n12\n", "\n13\n")
                .substring(0, run.checkpoint12().indexOf("\n\n") + 1).getBytes(StandardCharsets.UTF_8));
        assertThat(bash("python3 crypto.py").err()).contains("InvalidSignature");
    }

    @Test
    void pythonProofFunctions_agreeWithTheJavaCode_onTheServerlessLogVectors() throws Exception {
        assumeTools();
        Files.writeString(dir.resolve("tlog.py"), NoteFormatDoc.block(doc.section("### 13.5"), "python"));
        NoteVectors.VectorFile v = NoteVectors.read("serverless-log-checkpoints.json");
        List<byte[]> leaves = v.leaves().stream().map(s -> NoteVectors.leafHash(s.getBytes(StandardCharsets.UTF_8))).toList();
        var tree = new io.hazardledger.integrity.merkle.MerkleTree(NoteVectors.memory(leaves));
        StringBuilder py = new StringBuilder("import base64\nfrom tlog import *\nb = base64.b64decode\nok = []\n");
        py.append("leaves = [leaf_hash(w.encode()) for w in ").append(pyList(v.leaves())).append("]\n");
        for (int n = 0; n <= leaves.size(); n++) {
            String root = b64(tree.root(n));
            py.append("ok.append(mth(leaves[:").append(n).append("]) == b('").append(root).append("'))\n");
            for (int m = 0; m < n; m++) {
                py.append("ok.append(verify_inclusion(").append(m).append(", ").append(n).append(", leaves[").append(m)
                        .append("], ").append(pyHashes(tree.inclusionProof(m, n))).append(", b('").append(root).append("')))\n");
                py.append("ok.append(not verify_inclusion(").append(m).append(", ").append(n).append(", leaves[").append(m)
                        .append("], ").append(pyHashes(tree.inclusionProof(m, n))).append(", b('").append(b64(tree.root(n == 1 ? 0 : n - 1))).append("')))\n");
            }
            for (int m = 0; m <= n; m++) {
                py.append("ok.append(verify_consistency(").append(m).append(", ").append(n).append(", b('")
                        .append(b64(tree.root(m))).append("'), b('").append(root).append("'), ")
                        .append(pyHashes(tree.consistencyProof(m, n))).append("))\n");
            }
        }
        // a negative index or size is no leaf and no tree (RFC 9162's are unsigned): the path that proves leaf 0 of
        // two, read from leaf -2, ended at the same root before the functions looked
        py.append("ok.append(not verify_inclusion(-2, 2, leaves[0], ").append(pyHashes(tree.inclusionProof(0, 2)))
                .append(", b('").append(b64(tree.root(2))).append("')))\n");
        py.append("ok.append(not verify_consistency(-1, 2, b('").append(b64(tree.root(1))).append("'), b('")
                .append(b64(tree.root(2))).append("'), ").append(pyHashes(tree.consistencyProof(1, 2))).append("))\n");
        py.append("print(len(ok), all(ok))\n");
        Files.writeString(dir.resolve("check.py"), py.toString());

        Run r = bash("python3 check.py");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("True\n");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The blocks the tests read, by name. */
    private static final class FormatBlocks {
        static String workedExample() {
            return NoteFormatDoc.block(doc.section("### 14.7"), "sh");
        }
    }

    private static java.util.Map<String, String> heredocs(String script) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = HEREDOC.matcher(script);
        while (m.find()) {
            out.put(m.group(1), m.group(3));
        }
        return out;
    }

    private static String b64(byte[] b) {
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    private static String pyHashes(List<byte[]> hashes) {
        return "[" + String.join(", ", hashes.stream().map(h -> "b('" + b64(h) + "')").toList()) + "]";
    }

    private static String pyList(List<String> words) {
        return "[" + String.join(", ", words.stream().map(w -> "'" + w + "'").toList()) + "]";
    }

    private void assumeTools() throws Exception {
        Run probe;
        try {
            probe = bash("command -v python3 >/dev/null && command -v openssl >/dev/null && openssl version");
        } catch (IOException e) {
            assumeTrue(false, "bash cannot run: " + e.getMessage());
            return;
        }
        assumeTrue(probe.exit() == 0, "python3 or openssl is not on the PATH");
        assumeTrue(probe.out().startsWith("OpenSSL 3"), "needs OpenSSL 3 (pkeyutl -rawin): " + probe.out());
    }

    /** Runs a script with {@code bash -e} in the temporary directory, stdin empty, bounded by a timeout. */
    private Run bash(String script) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "script", ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder("bash", "-e", file.toString())
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out after " + TIMEOUT_SECONDS + "s:\n" + script);
        }
        Files.delete(file);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
