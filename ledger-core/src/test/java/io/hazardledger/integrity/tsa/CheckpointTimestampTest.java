package io.hazardledger.integrity.tsa;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoints timestamped by a timestamp authority the test starts itself. */
class CheckpointTimestampTest {

    @TempDir
    Path dir;

    @Test
    void everyNewCheckpoint_isTimestamped_andTheTokenCoversItsSignedNote() throws Exception {
        TsaCredentials credentials = TsaCredentials.ed25519("Test TSA");
        try (TestTsa tsa = TestTsa.start(credentials);
             Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                     .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log", Duration.ZERO)
                     .checkpointTimestamps(new TimestampClient(tsa.uri(), Duration.ofSeconds(10)), credentials.certificateDer())
                     .build()) {
            TestLedgers.park(ledger);
            var checkpoints = ledger.checkpoints().orElseThrow();
            String note = checkpoints.checkpointNow();
            byte[] token = checkpoints.timestamp(4).orElseThrow();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(note.getBytes(StandardCharsets.UTF_8));
            TimestampInfo info = TimestampVerifier.verify(token, digest, credentials.certificateDer());
            assertThat(info.genTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        }
    }

    @Test
    void aTimestampAuthorityThatIsDown_leavesTheCheckpointWithoutATimestamp() throws Exception {
        TsaCredentials credentials = TsaCredentials.ed25519("Test TSA");
        java.net.URI gone;
        try (TestTsa tsa = TestTsa.start(credentials)) {
            gone = tsa.uri();
        }
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log", Duration.ZERO)
                .checkpointTimestamps(new TimestampClient(gone, Duration.ofSeconds(2)), credentials.certificateDer())
                .build()) {
            TestLedgers.park(ledger);
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            assertThat(checkpoints.sizes()).containsExactly(4L);
            assertThat(checkpoints.timestamp(4)).isEmpty();
        }
    }
}
