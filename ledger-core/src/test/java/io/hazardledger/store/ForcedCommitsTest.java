package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 writes each commit to its file but never forces the file to the disk: a power loss could still take a write the
 * ledger had acknowledged. So on the embedded store the ledger forces the file after each commit, before it answers;
 * a signed checkpoint is on the disk before it is returned (once seen, it must never be lost). The file is written
 * through {@link UnforcedWrites}, which counts the writes no force has followed. The housekeeping, which forces the
 * file on its own every interval, is off.
 */
class ForcedCommitsTest {

    @TempDir
    Path dir;

    @org.junit.jupiter.api.AfterEach
    void closeDatabases() throws Exception {
        for (String name : java.util.List.of("forced", "unforced", "checkpoints", "delayed")) {
            try (var c = java.sql.DriverManager.getConnection(UnforcedWrites.url(dir, name, name.equals("delayed")
                    ? 60_000 : 0)
                    + ";IFEXISTS=TRUE", "sa", ""); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException notOpened) {
                // that test did not make this database
            }
        }
    }

    @Test
    void anAcknowledgedCommandIsOnTheDiskBeforeItsAnswer() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "forced");
        try (Ledger ledger = Ledger.builder().dataSource(h2("forced")).storeHousekeeping(Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            for (int i = 0; i < 5; i++) {
                long before = file.writes();
                ledger.execute(TestLedgers.report("hz-" + i, HazardLevel.GENERAL));
                assertThat(file.writes()).as("the command's commit wrote to the file").isGreaterThan(before);
                assertThat(file.unforced()).as("writes not forced to the disk when command %d was answered", i)
                        .isZero();
            }
        }
    }

    /**
     * Where H2 writes in the background ({@code WRITE_DELAY} above 0, H2's default is 500 ms) a commit is not in the
     * file when it returns: the force has H2 store it first.
     */
    @Test
    void withH2WritingInTheBackground_anAcknowledgedCommandIsOnTheDiskBeforeItsAnswerToo() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "delayed");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(UnforcedWrites.url(dir, "delayed", 60_000) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            long before = file.writes();
            ledger.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));
            assertThat(file.writes()).as("the command's commit stored in the file").isGreaterThan(before);
            assertThat(file.unforced()).as("writes not forced when the command was answered").isZero();
        }
    }

    /** What the test above tells apart: without the forcing, the answer comes with the writes in the system's cache. */
    @Test
    void withForcingTurnedOff_anAnsweredCommandsWritesAreNotYetOnTheDisk() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "unforced");
        try (Ledger ledger = Ledger.builder().dataSource(h2("unforced")).storeHousekeeping(Duration.ZERO)
                .forceCommits(false).build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-1", HazardLevel.GENERAL));
            assertThat(file.unforced()).isPositive();
        }
    }

    @Test
    void aSignedCheckpointIsOnTheDiskBeforeItIsReturned() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "checkpoints");
        try (Ledger ledger = Ledger.builder().dataSource(h2("checkpoints")).storeHousekeeping(Duration.ZERO)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log",
                        Duration.ofHours(1))
                .build()) {
            TestLedgers.park(ledger);
            long before = file.writes();
            ledger.checkpoints().orElseThrow().checkpointNow();
            assertThat(file.writes()).as("the checkpoint's commit wrote to the file").isGreaterThan(before);
            assertThat(file.unforced()).as("writes not forced when the checkpoint was returned").isZero();
        }
    }

    private JdbcDataSource h2(String name) {
        return UnforcedWrites.dataSource(dir, name);
    }
}
