package io.hazardledger.bundle;

import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signature voided by a later, backdated revocation is a finding of the offline verifier too, naming its entry,
 * both for an exported directory (read again with the revocations first, once one reaches back) and for a single
 * bundle file (signed entries kept to the end).
 */
class BundleRevocationTest {

    @TempDir
    Path dir;

    @Test
    void backdatedRevocation_isAFindingWithTheEntry_inDirectoryAndFile() throws Exception {
        PemSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true)
                .checkpoints(logKey, "test.example/log", Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600), REPORTER));
            var report = TestLedgers.report("hz-r", HazardLevel.GENERAL);
            Receipt signed = ledger.execute(report, SignedStatement.sign(
                    ledger.statementFor(report, key.verificationKey().keyId(), Instant.now()), key));
            var revoke = new RevokeKey(REPORTER, key.verificationKey().keyId(), "stolen last week",
                    Instant.now().minus(Duration.ofDays(1)), REPORTER);
            ledger.execute(revoke, SignedStatement.sign(ledger.statementFor(revoke, key.verificationKey().keyId(),
                    Instant.now()), key));
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            long size = checkpoints.sizes().get(0);
            List<String> trusted = checkpoints.verifierKeys();

            Path export = dir.resolve("export");
            BundleWriter.writeDirectory(ledger.log(), checkpoints, size, export);
            BundleReport fromDirectory = BundleVerifier.verifyDirectory(export, trusted, n -> { });
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            BundleWriter.write(ledger.log(), checkpoints, size, file);
            BundleReport fromFile = BundleVerifier.verify(new ByteArrayInputStream(file.toByteArray()), trusted);

            // the first pass finds the revocation whether the lines fit its buffer or span several refills of it
            for (int buffer : new int[]{8 << 20, 64, 1000}) {
                assertThat(BundleVerifier.revocations(export.resolve("entries.jsonl"), buffer)).as("buffer " + buffer)
                        .containsOnlyKeys(key.verificationKey().keyId());
            }
            for (BundleReport r : List.of(fromDirectory, fromFile)) {
                assertThat(r.treeSize()).isEqualTo(size);
                assertThat(r.signedEntries()).isEqualTo(2);
                assertThat(r.signatureFindings()).singleElement()
                        .satisfies(f -> assertThat(f).startsWith("entry " + signed.index() + ":").contains("revoked"));
            }
        }
    }

    /**
     * A revocation effective after every signature before it reaches back to none of them: the directory is then
     * verified in one pass, and must judge exactly as the single file (all signed entries kept to the end) does,
     * with signatures by the revoked key before it and by a new key after it.
     */
    @Test
    void revocationThatReachesBackToNothing_isJudgedAlikeInOnePass() throws Exception {
        PemSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true)
                .checkpoints(logKey, "test.example/log", Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            PemSigner second = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(3600), REPORTER));
            var report = TestLedgers.report("hz-r", HazardLevel.GENERAL);
            ledger.execute(report, SignedStatement.sign(
                    ledger.statementFor(report, key.verificationKey().keyId(), Instant.now().minusSeconds(60)), key));
            var revoke = new RevokeKey(REPORTER, key.verificationKey().keyId(), "retired", Instant.now(), REPORTER);
            ledger.execute(revoke, SignedStatement.sign(ledger.statementFor(revoke, key.verificationKey().keyId(),
                    Instant.now()), key));
            ledger.execute(new RegisterKey(REPORTER, second.verificationKey().spkiBase64(), Instant.now().minusSeconds(10), REPORTER));
            var next = TestLedgers.report("hz-s", HazardLevel.GENERAL);
            ledger.execute(next, SignedStatement.sign(
                    ledger.statementFor(next, second.verificationKey().keyId(), Instant.now()), second));
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            long size = checkpoints.sizes().get(0);
            List<String> trusted = checkpoints.verifierKeys();

            Path export = dir.resolve("export-one-pass");
            BundleWriter.writeDirectory(ledger.log(), checkpoints, size, export);
            BundleReport fromDirectory = BundleVerifier.verifyDirectory(export, trusted, n -> { });
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            BundleWriter.write(ledger.log(), checkpoints, size, file);
            BundleReport fromFile = BundleVerifier.verify(new ByteArrayInputStream(file.toByteArray()), trusted);

            assertThat(fromDirectory).isEqualTo(fromFile);
            assertThat(fromDirectory.signedEntries()).isEqualTo(3);
            assertThat(fromDirectory.signatureFindings()).isEmpty();
        }
    }
}
