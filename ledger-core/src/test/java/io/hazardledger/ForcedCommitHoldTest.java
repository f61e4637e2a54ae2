package io.hazardledger;

import io.hazardledger.hazard.HazardLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the embedded store the H2 housekeeping holds H2's version so that no chunk a commit made dead is written over
 * before that commit is on the disk. Held from one run to the next, the version made each commit slower in proportion
 * to the commits since the run (one client's commits ran about 40 % slower); where the ledger forces each commit, each
 * force moves the held version on. Seen in H2's own figure of the oldest version it keeps.
 */
class ForcedCommitHoldTest {

    @org.junit.jupiter.api.BeforeEach
    void onlyOnce() {
        io.hazardledger.TestLedgers.h2Only();
    }

    @TempDir
    Path dir;

    @Test
    void aForcedCommitMovesOnTheVersionTheLastRunHeld() throws Exception {
        DataSource ds = h2();
        // runs only when asked here: the background one would come after an hour
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ofHours(1)).build()) {
            TestLedgers.park(ledger);
            ledger.storeHousekeeping().run();
            long atRun = info(ds, "info.CURRENT_VERSION");   // the run holds this version or an earlier one

            for (int i = 0; i < 3; i++) {
                ledger.execute(TestLedgers.report("hz-" + i, HazardLevel.GENERAL));
            }
            assertThat(info(ds, "info.OLDEST_VERS_TO_KEEP")).as("the oldest version H2 keeps after three commands")
                    .isGreaterThan(atRun);
        } finally {
            shutdown(ds);
        }
    }

    /**
     * With commits not forced, the version a run holds stays held through commits (nothing on the disk yet frees it);
     * syncs between runs move it on: the second one, as each keeps the version held before it until the header it
     * wrote is on disk (the next force puts it there: HeaderAtForce).
     */
    @Test
    void unforcedCommitsKeepTheHeldVersion_aSyncBetweenRunsMovesItOn() throws Exception {
        DataSource ds = h2();
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ofHours(1))
                .forceCommits(false).build()) {
            TestLedgers.park(ledger);
            ledger.storeHousekeeping().run();
            long atRun = info(ds, "info.CURRENT_VERSION");
            for (int i = 0; i < 3; i++) {
                ledger.execute(TestLedgers.report("hz-" + i, HazardLevel.GENERAL));
            }
            assertThat(info(ds, "info.OLDEST_VERS_TO_KEEP")).as("held through unforced commits")
                    .isLessThanOrEqualTo(atRun);

            ledger.storeHousekeeping().syncBetweenRuns();
            ledger.execute(TestLedgers.report("hz-after", HazardLevel.GENERAL));
            assertThat(info(ds, "info.OLDEST_VERS_TO_KEEP")).as("after a sync: the run's kept until the next")
                    .isLessThanOrEqualTo(atRun);
            ledger.storeHousekeeping().syncBetweenRuns();
            ledger.execute(TestLedgers.report("hz-after-2", HazardLevel.GENERAL));
            assertThat(info(ds, "info.OLDEST_VERS_TO_KEEP")).as("after two syncs").isGreaterThan(atRun);
        } finally {
            shutdown(ds);
        }
    }

    /**
     * Where commits are not forced, the ledger forces the file and moves the held version ten times an interval
     * between the housekeeping's runs, so the version held stays young: here moved on within 8 s with an interval of
     * 30 s (a sync every 3 s), where the next run comes 30 s after the start.
     */
    @Test
    void unforcedCommits_theLedgerSyncsTenTimesAnInterval() throws Exception {
        DataSource ds = h2();
        try (Ledger ledger = Ledger.builder().dataSource(ds).storeHousekeeping(Duration.ofSeconds(30))
                .forceCommits(false).build()) {
            TestLedgers.park(ledger);
            ledger.storeHousekeeping().run();
            long atRun = info(ds, "info.CURRENT_VERSION");
            int[] n = {0};
            Await.until("the held version moved on", () -> "it was not", () -> {
                try {
                    ledger.execute(TestLedgers.report("hz-" + n[0]++, HazardLevel.GENERAL));
                    return info(ds, "info.OLDEST_VERS_TO_KEEP") > atRun;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Duration.ofSeconds(8));
        } finally {
            shutdown(ds);
        }
    }

    /** Each commit stored, as in the server. */
    private DataSource h2() {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static void shutdown(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** One of H2's figures of its store, as INFORMATION_SCHEMA.SETTINGS lists them. */
    private static long info(DataSource ds, String name) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("H2 lists %s", name).isTrue();
                return Long.parseLong(rs.getString(1));
            }
        }
    }
}
