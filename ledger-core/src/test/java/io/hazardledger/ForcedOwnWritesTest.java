package io.hazardledger;

import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.store.UnforcedWrites;
import org.axonframework.eventhandling.GenericEventMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes made outside the ledger's commands are forced to the disk on the embedded store too, before they are
 * answered for: a weekly report the schedule keeps (it is then served as the week's report), and an application's own
 * write in the ledger's database through {@link Ledger#forceCommittedWrites} (the server's API tokens: a revoked token
 * must not come back after a power failure). The file is written through {@link UnforcedWrites}, which counts the
 * writes no force has followed; the housekeeping, which forces the file on its own, is off.
 */
class ForcedOwnWritesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(LocalDate.of(2026, 11, 2).atTime(9, 0).atZone(PARK).toInstant());
    private Clock axonClock;

    @BeforeEach
    void axonClock() {
        axonClock = GenericEventMessage.clock;   // the entries' recorded times follow the test's clock
        GenericEventMessage.clock = clock;
    }

    @AfterEach
    void closeDatabases() throws Exception {
        GenericEventMessage.clock = axonClock;
        for (String name : java.util.List.of("reports", "own", "own-unforced")) {
            try (var c = java.sql.DriverManager.getConnection(UnforcedWrites.url(dir, name) + ";IFEXISTS=TRUE", "sa",
                    ""); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException notOpened) {
                // that test did not make this database
            }
        }
    }

    @Test
    void aKeptWeeklyReportIsOnTheDiskBeforeItIsServed() {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "reports");
        try (Ledger ledger = Ledger.builder().dataSource(h2("reports")).clock(clock).storeHousekeeping(Duration.ZERO)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/ledger",
                        Duration.ZERO)
                .build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-1", HazardLevel.MAJOR));
            LocalDate thursday = LocalDate.of(2026, 11, 5);
            Instant end = thursday.plusDays(1).atStartOfDay(PARK).toInstant();
            clock.set(end.plus(Duration.ofMinutes(2)));
            long before = file.writes();
            assertThat(ledger.weeklyReporting().keepEndedWeeks()).containsExactly(thursday);
            assertThat(file.writes()).as("the kept report's commit wrote to the file").isGreaterThan(before);
            assertThat(file.unforced()).as("writes not forced when the report was kept").isZero();
            assertThat(ledger.keptWeeklyReport(thursday)).isPresent();
        }
    }

    @Test
    void forceCommittedWrites_forcesAnApplicationsOwnWriteInTheLedgersDatabase() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "own");
        JdbcDataSource store = h2("own");
        try (Ledger ledger = Ledger.builder().dataSource(store).storeHousekeeping(Duration.ZERO).build()) {
            TestLedgers.park(ledger);
            ownWrite(store);
            assertThat(file.unforced()).as("the application's commit is in the file, not yet forced").isPositive();
            ledger.forceCommittedWrites();
            assertThat(file.unforced()).isZero();
        }
    }

    /** Where the ledger does not force its own commits, it does not force an application's either. */
    @Test
    void forceCommittedWrites_withForcingTurnedOff_doesNothing() throws Exception {
        UnforcedWrites.Counts file = UnforcedWrites.of(dir, "own-unforced");
        JdbcDataSource store = h2("own-unforced");
        try (Ledger ledger = Ledger.builder().dataSource(store).storeHousekeeping(Duration.ZERO).forceCommits(false)
                .build()) {
            ownWrite(store);
            long forces = file.forces();
            ledger.forceCommittedWrites();
            assertThat(file.forces()).isEqualTo(forces);
            assertThat(file.unforced()).isPositive();
        }
    }

    private static void ownWrite(JdbcDataSource store) throws Exception {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS app_note (id INT PRIMARY KEY, text VARCHAR(100))");
            s.executeUpdate("INSERT INTO app_note VALUES (1, 'kept')");
        }
    }

    private JdbcDataSource h2(String name) {
        return UnforcedWrites.dataSource(dir, name);
    }
}
