package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.store.internal.H2Housekeeping;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded H2 file that commits every write to the file ({@code WRITE_DELAY=0}, as the server runs it) keeps
 * every obsolete chunk unless the ledger reclaims them: the same writes must leave a much smaller file with the
 * housekeeping than without, and the ledger must still verify.
 */
class H2HousekeepingTest {

    @org.junit.jupiter.api.BeforeEach
    void onlyOnce() {
        io.hazardledger.TestLedgers.h2Only();
    }

    @Test
    void reclaimsTheDeadSpaceThatH2LeavesWhenItCommitsEveryWrite(@TempDir Path dir) throws Exception {
        long without = fill(dir.resolve("without"), false);
        long with = fill(dir.resolve("with"), true);
        // measured: about 40 KB per entry without, under 10 KB with
        assertThat(with).as("file with housekeeping (%d bytes) against without (%d bytes)", with, without)
                .isLessThan(without / 2);
    }

    /**
     * Closing the ledger while a round of housekeeping writes must leave the database usable: an interrupt there
     * would close H2's file channel for every user of the database and stop the store (seen once, at the end of a
     * benchmark run). Housekeeping every millisecond makes a round run at nearly every close.
     */
    @Test
    void closingWhileHousekeepingRunsLeavesTheStoreUsable(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = fileStore(dir);
        for (int round = 0; round < 16; round++) {
            try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ofMillis(1)).build()) {
                if (round == 0) {
                    TestLedgers.park(ledger);
                }
                for (int h = 0; h < 2; h++) {
                    TestLedgers.closedLoop(ledger, "hz-" + round + "-" + h);
                }
            }
        }
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ZERO).build()) {
            assertThat(ledger.verify().size()).isEqualTo(4 + 16 * 2 * 5);
        }
        assertThat(dir.resolve("ledger.trace.db")).as("H2 wrote no error trace").doesNotExist();
    }

    /**
     * While compaction is paused a run rewrites nothing, however much dead space the file holds; once the last pause
     * ends, the next run reclaims it.
     */
    @Test
    void aPausedRunRewritesNothing_untilTheLastPauseEnds(@TempDir Path dir) throws Exception {
        JdbcDataSource ds = fileStore(dir);
        H2Housekeeping reclaim = new H2Housekeeping(ds, Duration.ZERO);
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            for (int h = 0; h < 40; h++) {
                TestLedgers.closedLoop(ledger, "hz-" + h);
            }
            boolean[] whilePaused = reclaim.pausedDuring(() -> new boolean[] {
                reclaim.run(), reclaim.pausedDuring(reclaim::run), reclaim.compactionPaused()});
            assertThat(whilePaused[0]).as("a run while paused rewrote").isFalse();
            assertThat(whilePaused[1]).as("a run while paused twice rewrote").isFalse();
            assertThat(whilePaused[2]).as("paused still after the inner pause ended").isTrue();

            assertThat(reclaim.compactionPaused()).isFalse();
            assertThat(reclaim.run()).as("the first run after the pause rewrites the emptiest chunks").isTrue();
            assertThat(ledger.verify().size()).isEqualTo(4 + 40 * 5);
        } finally {
            reclaim.stop();
        }
    }

    @Test
    void appliesOnlyToAnEmbeddedFileDatabase(@TempDir Path dir) {
        assertThat(H2Housekeeping.applies(source("jdbc:h2:file:" + dir.resolve("f").toAbsolutePath()
                + ";DB_CLOSE_DELAY=-1"))).isTrue();
        assertThat(H2Housekeeping.applies(source("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1"))).isFalse();
    }

    private static long fill(Path dir, boolean housekeeping) throws Exception {
        Files.createDirectories(dir);
        JdbcDataSource ds = fileStore(dir);
        H2Housekeeping reclaim = new H2Housekeeping(ds, Duration.ZERO);
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            for (int round = 0; round < 10; round++) {
                for (int h = 0; h < 20; h++) {
                    TestLedgers.closedLoop(ledger, "hz-" + round + "-" + h);
                }
                if (housekeeping) {
                    reclaim.run();
                }
            }
            assertThat(ledger.verify().size()).isEqualTo(4 + 10 * 20 * 5);
            return Files.size(dir.resolve("ledger.mv.db"));
        } finally {
            reclaim.stop();
        }
    }

    /** An H2 file database under {@code dir} as the server runs it: every write committed to the file. */
    private static JdbcDataSource fileStore(Path dir) {
        return source("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath()
                + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
    }

    private static JdbcDataSource source(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
