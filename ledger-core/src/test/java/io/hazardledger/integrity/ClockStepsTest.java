package io.hazardledger.integrity;

import io.hazardledger.AxonEventClock;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} reports each entry recorded more than a minute before the latest one recorded before it (the writing
 * server's clock set back: entries then look earlier than they were), at the first entry of each run of such entries,
 * without failing: the chain proves the order. Entries of writers a few seconds out of order are not reported.
 */
class ClockStepsTest {

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-02T01:00:00Z"));

    @RegisterExtension
    final AxonEventClock axonClock = new AxonEventClock(clock);

    @Test
    void aClockSetBack_isReportedAtTheEntryAfterIt_andTheChainStillHolds() throws Exception {
        var logKey = io.hazardledger.integrity.sig.KeyPairs.generate(
                io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519).signer();
        try (Ledger ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(clock)
                .checkpoints(logKey, "test.example/clock", Duration.ZERO).build()) {
            ledger.execute(new RegisterEnterprise("e-0", "Zero", "chemicals", false));
            clock.set(clock.instant().plusSeconds(600));
            ledger.execute(new RegisterEnterprise("e-1", "One", "chemicals", false));
            clock.set(clock.instant().minusSeconds(20));   // a few seconds out of order, as writers are: not a step
            ledger.execute(new RegisterEnterprise("e-2", "Two", "chemicals", false));
            clock.set(clock.instant().minus(Duration.ofHours(2)));   // set back two hours
            ledger.execute(new RegisterEnterprise("e-3", "Three", "chemicals", false));
            clock.set(clock.instant().plusSeconds(30));
            ledger.execute(new RegisterEnterprise("e-4", "Four", "chemicals", false));   // still behind: the same run
            clock.set(clock.instant().plus(Duration.ofHours(3)));   // ahead of every entry again
            ledger.execute(new RegisterEnterprise("e-5", "Five", "chemicals", false));
            clock.set(clock.instant().minusSeconds(300));   // and back five minutes: a step of its own
            ledger.execute(new RegisterEnterprise("e-6", "Six", "chemicals", false));

            VerifiedLedger v = ledger.verify();
            assertThat(v.size()).isEqualTo(7);
            assertThat(v.holds()).as("a warning, not a break").isTrue();
            assertThat(v.clockSteps()).extracting(VerifiedLedger.ClockStep::index).containsExactly(3L, 6L);
            VerifiedLedger.ClockStep step = v.clockSteps().get(0);
            assertThat(step.index()).isEqualTo(3);
            // (the test's clock runs on from where it is set: a few seconds more)
            assertThat(step.latestBefore()).startsWith("2026-11-02T01:10:");
            assertThat(step.recordedAt()).startsWith("2026-11-01T23:09:").matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(step.secondsBack()).isBetween(2 * 3600 + 10L, 2 * 3600 + 20L);
            assertThat(v.clockSteps().get(1).secondsBack()).isBetween(295L, 300L);

            // the offline verifier reports the same steps from an exported bundle, a file or a directory
            var checkpoints = ledger.checkpoints().orElseThrow();
            checkpoints.checkpointNow();
            long size = checkpoints.sizes().get(0);
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            io.hazardledger.bundle.BundleWriter.write(ledger.log(), checkpoints, size, file);
            Path export = dir.resolve("export");
            io.hazardledger.bundle.BundleWriter.writeDirectory(ledger.log(), checkpoints, size, export);
            for (var report : java.util.List.of(
                    io.hazardledger.bundle.BundleVerifier.verify(new java.io.ByteArrayInputStream(file.toByteArray()),
                            checkpoints.verifierKeys()),
                    io.hazardledger.bundle.BundleVerifier.verifyDirectory(export, checkpoints.verifierKeys(),
                            n -> { }))) {
                assertThat(report.treeSize()).isEqualTo(7);
                assertThat(report.clockSteps()).isEqualTo(v.clockSteps());
            }
            assertThat(step.warning()).isEqualTo("entry 3 was recorded at " + step.recordedAt() + ", "
                    + step.secondsBack() + " s before an earlier entry (" + step.latestBefore() + "): the writing "
                    + "server's clock went back, or the write waited that long; answers as of a time in between "
                    + "leave it out");
        }
    }
}
