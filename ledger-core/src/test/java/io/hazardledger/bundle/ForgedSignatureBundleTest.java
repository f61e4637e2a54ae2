package io.hazardledger.bundle;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.RightEdge;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A forger who holds the log's key can rewrite the chain and sign a new checkpoint, but cannot make a person's
 * signature: a changed signature in a re-chained, re-signed bundle is caught at its entry. Signatures are checked
 * after the chain checks of their batch, on every core; the first failure in index order is the one reported.
 */
class ForgedSignatureBundleTest {

    private static final String ORIGIN = "test.example/log";
    private static final Pattern SIGNATURE = Pattern.compile("\"signature\":\"([A-Za-z0-9+/=]+)\"");

    @TempDir
    static Path dir;

    static PemSigner logKey;
    static List<String> lines;
    static List<Integer> signedLines = new ArrayList<>();

    @BeforeAll
    static void signedLedger() throws Exception {
        logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true)
                .checkpoints(logKey, ORIGIN, Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(),
                    Instant.now().minusSeconds(3600), REPORTER));
            for (int i = 0; i < 12; i++) {
                var report = TestLedgers.report("hz-" + i, HazardLevel.GENERAL);
                ledger.execute(report, SignedStatement.sign(
                        ledger.statementFor(report, key.verificationKey().keyId(), Instant.now()), key));
            }
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            Path export = dir.resolve("export");
            BundleWriter.writeDirectory(ledger.log(), checkpoints, checkpoints.sizes().get(0), export);
            lines = Files.readAllLines(export.resolve("entries.jsonl"));
        }
        for (int i = 0; i < lines.size(); i++) {
            if (SIGNATURE.matcher(lines.get(i)).find()) {
                signedLines.add(i);
            }
        }
        assertThat(signedLines).hasSize(12);
    }

    /** Another valid base64 signature of the same length: the first character changed. */
    private static String forgeSignature(String line) {
        Matcher m = SIGNATURE.matcher(line);
        assertThat(m.find()).isTrue();
        String sig = m.group(1);
        String forged = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        return line.substring(0, m.start(1)) + forged + line.substring(m.end(1));
    }

    /** Rewrites every prevHash from {@code from} on (same length, so each line stays canonical) and signs anew. */
    private static Path rechainAndSign(List<String> entries, int from, String name) throws Exception {
        List<String> out = new ArrayList<>(entries);
        for (int i = Math.max(1, from); i < out.size(); i++) {
            String prev = Hashes.leafHash(out.get(i - 1).getBytes(StandardCharsets.UTF_8));
            out.set(i, out.get(i).replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"", "\"prevHash\":\"" + prev + "\""));
        }
        RightEdge tree = new RightEdge();
        for (String l : out) {
            tree.append(Hashes.leafHashBytes(l.getBytes(StandardCharsets.UTF_8)));
        }
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        Path bundle = Files.createDirectories(dir.resolve(name));
        Files.write(bundle.resolve("entries.jsonl"), out);
        Files.writeString(bundle.resolve("checkpoint"), signer.sign(new Checkpoint(ORIGIN, out.size(), tree.root()).text()));
        return bundle;
    }

    private static BundleException refused(Path bundle) {
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        return (BundleException) org.assertj.core.api.Assertions.catchThrowable(() ->
                BundleVerifier.verifyDirectory(bundle, List.of(signer.verifierKey()), n -> { }));
    }

    @Test
    void rechainedBundle_withoutChanges_verifies() throws Exception {
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        Path bundle = rechainAndSign(lines, 0, "unchanged");
        assertThat(BundleVerifier.verifyDirectory(bundle, List.of(signer.verifierKey()), n -> { }).signedEntries())
                .isEqualTo(12);
    }

    /**
     * A key registration whose keyId is not its key's (a rewritten history): refused at its own line, before any
     * signature under either ID is judged (FORMAT 12.8; its content is covered by no signature).
     */
    @Test
    void aKeyRegistrationUnderAnotherKeyId_isMalformedKeyAtItsEntry() throws Exception {
        int k = 0;
        while (!lines.get(k).contains("\"eventType\":\"KeyRegistered\"")) {
            k++;
        }
        java.util.regex.Matcher id = Pattern.compile("\"keyId\":\"([0-9a-f]{32})\"").matcher(lines.get(k));
        assertThat(id.find()).isTrue();
        List<String> t = new ArrayList<>(lines);
        t.set(k, t.get(k).replace(id.group(1), "0".repeat(32)));
        BundleException e = refused(rechainAndSign(t, k + 1, "other-key-id"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("entry " + k + ": [malformed-key]")
                .contains("is not the ID of the key it registers");
    }

    /** The log signs under its origin: its key's note over another origin's checkpoint is not its checkpoint. */
    @Test
    void aCheckpointOfAnotherOrigin_signedByTheLogsKey_isRefused() throws Exception {
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        Path bundle = rechainAndSign(lines, 0, "other-origin");
        String note = Files.readString(bundle.resolve("checkpoint"));
        Checkpoint honest = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
        Files.writeString(bundle.resolve("checkpoint"),
                signer.sign(new Checkpoint("other.example/log", honest.size(), honest.root()).text()));
        BundleException e = refused(bundle);
        assertThat(e).isNotNull();
        assertThat(e.check()).isEqualTo("checkpoint");
        assertThat(e.getMessage()).contains("origin other.example/log is not the log the key signs for");
    }

    /**
     * A witness's key given before the log's: its cosignature verifies, its name is not the origin, and the next key
     * is tried.
     */
    @Test
    void aWitnessKeyGivenBeforeTheLogsKey_doesNotHideTheLogsSignature() throws Exception {
        NoteSigner log = new NoteSigner(ORIGIN, logKey);
        NoteSigner witness = new NoteSigner("witness.example/w1",
                KeyPairs.generate(SignatureAlgorithm.ED25519).signer());
        Path bundle = rechainAndSign(lines, 0, "cosigned");
        String note = Files.readString(bundle.resolve("checkpoint"));
        String text = note.substring(0, note.indexOf("\n\n") + 1);
        Files.writeString(bundle.resolve("checkpoint"), text + "\n" + log.signatureLine(text) + "\n"
                + witness.signatureLine(text) + "\n");
        assertThat(BundleVerifier.verifyDirectory(bundle, List.of(witness.verifierKey(), log.verifierKey()), n -> { })
                .signedEntries()).isEqualTo(12);
        BundleException onlyTheWitness = (BundleException) org.assertj.core.api.Assertions.catchThrowable(() ->
                BundleVerifier.verifyDirectory(bundle, List.of(witness.verifierKey()), n -> { }));
        assertThat(onlyTheWitness.check()).isEqualTo("checkpoint");
    }

    @Test
    void forgedSignature_inARechainedBundle_isCaughtAtItsEntry() throws Exception {
        int k = signedLines.get(5);
        List<String> t = new ArrayList<>(lines);
        t.set(k, forgeSignature(t.get(k)));
        BundleException e = refused(rechainAndSign(t, k + 1, "forged"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("entry " + k + ": [signature-invalid]");
    }

    @Test
    void theFirstFailureInIndexOrder_isReported_signatureBeforeALaterBreak() throws Exception {
        int k = signedLines.get(3);
        int later = signedLines.get(8);
        List<String> t = new ArrayList<>(lines);
        t.set(k, forgeSignature(t.get(k)));
        List<String> rechained = Files.readAllLines(rechainAndSign(t, k + 1, "forged-then-broken").resolve("entries.jsonl"));
        // break the chain later in the same batch, without re-chaining after it
        rechained.set(later, rechained.get(later).replaceFirst("\"prevHash\":\"[0-9a-f]", "\"prevHash\":\"f"));
        Path bundle = dir.resolve("forged-then-broken");
        Files.write(bundle.resolve("entries.jsonl"), rechained);
        assertThat(refused(bundle).getMessage()).startsWith("entry " + k + ": [signature-invalid]");
    }

    @Test
    void theFirstFailureInIndexOrder_isReported_breakBeforeALaterForgery() throws Exception {
        int early = signedLines.get(2);
        int k = signedLines.get(7);
        List<String> t = new ArrayList<>(lines);
        t.set(k, forgeSignature(t.get(k)));
        List<String> rechained = Files.readAllLines(rechainAndSign(t, k + 1, "broken-then-forged").resolve("entries.jsonl"));
        // break the chain earlier in the same batch, without re-chaining after it
        rechained.set(early, rechained.get(early).replaceFirst("\"prevHash\":\"[0-9a-f]{64}\"",
                "\"prevHash\":\"" + "0".repeat(64) + "\""));
        Path bundle = dir.resolve("broken-then-forged");
        Files.write(bundle.resolve("entries.jsonl"), rechained);
        assertThat(refused(bundle).getMessage()).startsWith("entry " + early + ": [chain-link]");
    }

    @Test
    void malformedClaimedTime_inARechainedBundle_isCaughtAtItsEntry() throws Exception {
        int k = signedLines.get(4);
        List<String> t = new ArrayList<>(lines);
        String changed = t.get(k).replaceFirst("\"claimedAt\":\"[^\"]*\"", "\"claimedAt\":\"yesterday\"");
        assertThat(changed).isNotEqualTo(t.get(k));
        t.set(k, changed);
        assertThat(refused(rechainAndSign(t, k + 1, "bad-time")).getMessage())
                .startsWith("entry " + k + ": [signature-malformed]");
    }

    @Test
    void forgedSignature_atTheEntryWhereTheForkShows_isReportedAsTheSignature() throws Exception {
        int k = signedLines.get(6);
        List<String> t = new ArrayList<>(lines);
        t.set(k, forgeSignature(t.get(k)));
        Path bundle = rechainAndSign(t, k + 1, "forged-at-fork");
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        String earlier = honestCheckpoint(k + 1);
        BundleException e = (BundleException) org.assertj.core.api.Assertions.catchThrowable(() ->
                BundleVerifier.verifyDirectory(bundle, List.of(signer.verifierKey()), earlier, n -> { }));
        assertThat(e.getMessage()).startsWith("entry " + k + ": [signature-invalid]");
    }

    /**
     * Another history signed with the same log key, as a single-file bundle: valid on its own, and a fork against the
     * auditor's earlier checkpoint of the honest history, as an exported directory is (the single file's earlier
     * checkpoint was once not checked at all).
     */
    @Test
    void anotherHistory_asASingleFileBundle_isAForkAgainstTheEarlierCheckpoint() throws Exception {
        int k = 0;
        while (!lines.get(k).contains("Wang Fang")) {
            k++;
        }
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k).replace("Wang Fang", "Wang Fung"));   // same length, still canonical
        Path other = rechainAndSign(t, k + 1, "other-history");
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        byte[] file = singleFile(Files.readString(other.resolve("checkpoint")),
                Files.readAllLines(other.resolve("entries.jsonl")), signer.verifierKey());
        int m = k + 3;   // the auditor's earlier checkpoint: the honest first k + 3 entries
        String earlier = honestCheckpoint(m);
        List<String> keys = List.of(signer.verifierKey());

        assertThat(BundleVerifier.verify(new java.io.ByteArrayInputStream(file), keys).treeSize()).isEqualTo(t.size());
        assertThat(BundleVerifier.verify(new java.io.ByteArrayInputStream(file), keys, null).treeSize())
                .isEqualTo(t.size());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                BundleVerifier.verify(new java.io.ByteArrayInputStream(file), keys, earlier)))
                .isInstanceOf(BundleException.class).hasMessageStartingWith("entry " + (m - 1) + ": [fork]");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                BundleVerifier.verifyDirectory(other, keys, earlier, n -> { })))
                .isInstanceOf(BundleException.class).hasMessageStartingWith("entry " + (m - 1) + ": [fork]");
        // the honest history as a single file extends the earlier checkpoint
        byte[] honestFile = singleFile(Files.readString(dir.resolve("export").resolve("checkpoint")), lines,
                signer.verifierKey());
        assertThat(BundleVerifier.verify(new java.io.ByteArrayInputStream(honestFile), keys, earlier).treeSize())
                .isEqualTo(lines.size());
    }

    /**
     * A statement whose signer is not the person its key belongs to fails as {@code Ledger.verify()} fails it,
     * {@code signature-key-unknown} (FORMAT 12.9 and 15.3); one for another aggregate is {@code signature-mismatch}.
     */
    @Test
    void statementOfAnotherSigner_isSignatureKeyUnknown_anotherAggregate_isSignatureMismatch() throws Exception {
        int k = signedLines.get(3);
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k).replace("\"signerId\":\"" + REPORTER + "\"", "\"signerId\":\"" + TestLedgers.OWNER + "\""));
        assertThat(t.get(k)).isNotEqualTo(lines.get(k));
        assertThat(refused(rechainAndSign(t, k + 1, "other-signer")).getMessage())
                .startsWith("entry " + k + ": [signature-key-unknown]");

        List<String> u = new ArrayList<>(lines);
        String aggregate = "\"aggregateId\":\"hz-3\",\"claimedAt\"";
        assertThat(lines.get(k)).contains(aggregate);
        u.set(k, lines.get(k).replace(aggregate, "\"aggregateId\":\"hz-9\",\"claimedAt\""));
        assertThat(refused(rechainAndSign(u, k + 1, "other-aggregate")).getMessage())
                .startsWith("entry " + k + ": [signature-mismatch]");
    }

    /** The lines renumbered from {@code from} on: each line's {@code "index"} member set to its place. */
    private static List<String> renumbered(List<String> entries, int from) {
        List<String> out = new ArrayList<>(entries);
        for (int i = from; i < out.size(); i++) {
            out.set(i, out.get(i).replaceFirst("\"index\":[0-9]+,\"metadata\"", "\"index\":" + i + ",\"metadata\""));
        }
        return out;
    }

    /**
     * A signed act is one place in its aggregate's history (FORMAT 12.9), as {@code Ledger.verify()} checks it: a
     * history rewritten with a signed report copied as a second report of its hazard right after it (a forged act in
     * the signer's name, whose content and signature verify) fails at the copy, {@code signature-reused}; one with an
     * entry put
     * before a signed report of the same hazard fails at the report, whose statement was made for another history.
     */
    @Test
    void aStatementCopiedOrMovedInARewrittenHistory_failsAtItsEntry_asVerifyFailsIt() throws Exception {
        int k = signedLines.get(3);
        List<String> copied = new ArrayList<>(lines);
        copied.add(lines.get(k));
        copied = renumbered(copied, lines.size());
        Path copiedBundle = rechainAndSign(copied, lines.size(), "copied-act");
        BundleException reused = refused(copiedBundle);
        assertThat(reused.getMessage()).startsWith("entry " + lines.size() + ": [signature-reused] the statement "
                + "already signed a HazardReported of this act");
        // the single-file form, read once from a stream, is judged the same
        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        byte[] file = singleFile(Files.readString(copiedBundle.resolve("checkpoint")),
                Files.readAllLines(copiedBundle.resolve("entries.jsonl")), signer.verifierKey());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BundleVerifier.verify(
                new java.io.ByteArrayInputStream(file), List.of(signer.verifierKey()))))
                .hasMessage(reused.getMessage());

        // the copy's place is judged before its content and its signature (steps 3.5, 3.6, 3.8), in both forms
        for (boolean forged : new boolean[]{false, true}) {
            List<String> alsoBad = new ArrayList<>(copied);
            String copy = alsoBad.get(lines.size());
            alsoBad.set(lines.size(), forged ? forgeSignature(copy)
                    : copy.replace("\"level\":\"GENERAL\"", "\"level\":\"MAJOR\""));
            Path badBundle = rechainAndSign(alsoBad, lines.size(), forged ? "copied-forged" : "copied-changed");
            assertThat(refused(badBundle).getMessage()).as(forged ? "forged" : "changed").startsWith("entry "
                    + lines.size() + ": [signature-reused]");
            byte[] badFile = singleFile(Files.readString(badBundle.resolve("checkpoint")),
                    Files.readAllLines(badBundle.resolve("entries.jsonl")), signer.verifierKey());
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BundleVerifier.verify(
                    new java.io.ByteArrayInputStream(badFile), List.of(signer.verifierKey()))).getMessage())
                    .startsWith("entry " + lines.size() + ": [signature-reused]");
        }

        // the report of hz-3 with its signature taken off, put before the signed one: a history it was not made for
        String unsigned = lines.get(k).replaceFirst("\"ledgerSignature\":\\{\"signature\":\"[^\"]*\",\"statement\":"
                + "\\{[^}]*\\}\\},", "");
        assertThat(unsigned).doesNotContain("ledgerSignature");
        List<String> moved = new ArrayList<>(lines);
        moved.add(k, unsigned);
        moved = renumbered(moved, k);
        Path movedBundle = rechainAndSign(moved, k, "moved-act");
        BundleException mismatch = refused(movedBundle);
        assertThat(mismatch.getMessage()).isEqualTo("entry " + (k + 1) + ": [signature-mismatch] the statement was "
                + "made for another history of hz-3: expected " + Hashes.leafHash(moved.get(k).getBytes(
                StandardCharsets.UTF_8)) + ", found " + "0".repeat(64));
        byte[] movedFile = singleFile(Files.readString(movedBundle.resolve("checkpoint")),
                Files.readAllLines(movedBundle.resolve("entries.jsonl")), signer.verifierKey());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BundleVerifier.verify(
                new java.io.ByteArrayInputStream(movedFile), List.of(signer.verifierKey()))))
                .hasMessage(mismatch.getMessage());
        // a later failure does not hide the earlier misplaced act: the first failure in index order is reported
        List<String> alsoBroken = new ArrayList<>(moved);
        alsoBroken.set(moved.size() - 1, moved.get(moved.size() - 1).replace("\"level\":\"GENERAL\"",
                "\"level\":\"MAJOR\""));
        assertThat(refused(rechainAndSign(alsoBroken, k, "moved-and-changed"))).hasMessage(mismatch.getMessage());
    }

    /** A signed report whose payload was changed after signing, re-chained and re-signed: other content than signed. */
    @Test
    void aSignedReportWithItsLevelChanged_isSignatureMismatchAtItsEntry() throws Exception {
        int k = signedLines.get(4);
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k).replace("\"level\":\"GENERAL\"", "\"level\":\"MAJOR\""));
        assertThat(t.get(k)).isNotEqualTo(lines.get(k));
        assertThat(refused(rechainAndSign(t, k + 1, "other-content")).getMessage())
                .startsWith("entry " + k + ": [signature-mismatch]").contains("other content");
    }

    /**
     * A signed entry whose payload is not a JSON object fails before its content is rebuilt: an entry's payload is an
     * object (FORMAT.md 15.3, step 2).
     */
    @Test
    void aSignedEntryWhosePayloadIsNotAnObject_isNotCanonicalAtItsEntry() throws Exception {
        int k = signedLines.get(6);
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k).replaceFirst("\"payload\":\\{[^}]*}", "\"payload\":\"x\""));
        assertThat(t.get(k)).contains("\"payload\":\"x\"");
        assertThat(refused(rechainAndSign(t, k + 1, "payload-not-an-object")).getMessage())
                .startsWith("entry " + k + ": [entry-not-canonical] payload is not an object");
    }

    /**
     * A {@code ledgerSignature} that is not an object is {@code signature-malformed} at its entry, and a header line
     * that is not JSON is {@code header} (both were usage errors, exit 2, before).
     */
    @Test
    void signatureNotAnObject_isMalformedAtItsEntry_headerNotJson_isHeader() throws Exception {
        int k = signedLines.get(5);
        List<String> t = new ArrayList<>(lines);
        t.set(k, lines.get(k).replaceFirst("\"ledgerSignature\":\\{\"signature\":\"[^\"]*\",\"statement\":\\{[^}]*}}",
                "\"ledgerSignature\":\"x\""));
        assertThat(t.get(k)).contains("\"ledgerSignature\":\"x\"");
        assertThat(refused(rechainAndSign(t, k + 1, "signature-not-an-object")).getMessage())
                .startsWith("entry " + k + ": [signature-malformed]");

        NoteSigner signer = new NoteSigner(ORIGIN, logKey);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BundleVerifier.verify(
                new java.io.ByteArrayInputStream("{\"format\": not json\n".getBytes(StandardCharsets.UTF_8)),
                List.of(signer.verifierKey()))))
                .isInstanceOf(BundleException.class).hasMessageContaining("[header]");
        String twice = "{\"format\":\"" + BundleWriter.FORMAT + "\",\"format\":\"" + BundleWriter.FORMAT + "\"}\n";
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BundleVerifier.verify(
                new java.io.ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), List.of(signer.verifierKey()))))
                .isInstanceOf(BundleException.class).hasMessageContaining("[header] the header line is not one JSON");
    }

    /** The auditor's earlier checkpoint: the honest first {@code size} entries, signed with the same log key. */
    private static String honestCheckpoint(int size) {
        RightEdge honest = new RightEdge();
        for (String l : lines.subList(0, size)) {
            honest.append(Hashes.leafHashBytes(l.getBytes(StandardCharsets.UTF_8)));
        }
        return new NoteSigner(ORIGIN, logKey).sign(new Checkpoint(ORIGIN, size, honest.root()).text());
    }

    /** A single-file bundle (FORMAT section 15.3): the header line, then the entries, each line ending in a newline. */
    private static byte[] singleFile(String checkpoint, List<String> entries, String verifierKey) {
        String header = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("format", BundleWriter.FORMAT).put("origin", ORIGIN).put("treeSize", entries.size())
                .put("checkpoint", checkpoint)
                .set("verifierKeys", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .add(verifierKey)).toString();
        return (header + "\n" + String.join("\n", entries) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
