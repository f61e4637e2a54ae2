package io.hazardledger.store;

import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.TestLedgers;
import io.hazardledger.register.RegisterFilter;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store written before the V10 migration has no hazard versions, enterprise or revocation indexes: the migration
 * asks for a rebuild when the store has entries, and the next ledger opened on it rebuilds the projections once.
 */
class ProjectionRebuildTest {

    @Test
    void theV10MigrationAsksForARebuildOnlyWhenTheStoreHasEntries(@TempDir Path dir) throws Exception {
        for (long size : new long[] {0, 7}) {
            DataSource ds = TestLedgers.emptyStore(dir);
            flyway(ds, "9").migrate();
            sql(ds, "UPDATE ledger_head SET size = " + size);
            flyway(ds, "10").migrate();
            assertThat(count(ds, "SELECT COUNT(*) FROM projection_rebuild")).as("requests at size %d", size)
                    .isEqualTo(size == 0 ? 0 : 1);
        }
    }

    @Test
    void aRequestedRebuildFillsWhatTheOldSchemaLacked_once(@TempDir Path dir) throws Exception {
        DataSource ds = TestLedgers.store(dir);
        List<?> before;
        long size;
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-1");
            TestLedgers.closedLoop(ledger, "hz-2");
            size = ledger.log().size();
            before = List.of(ledger.register().find(RegisterFilter.ALL, ledger.position(9L, null)),
                    ledger.register().openMajorHazards(ledger.position(9L, null)));
        }
        // what a store written before V10 looks like once migrated: empty versions and indexes, a request
        sql(ds, "DELETE FROM hazard_version");
        sql(ds, "UPDATE enterprise_view SET first_index = NULL");
        sql(ds, "INSERT INTO projection_rebuild (reason) VALUES ('V10: hazard versions, enterprise and revocation "
                + "indexes')");
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            LedgerPosition at = ledger.position(9L, null);
            assertThat(List.of(ledger.register().find(RegisterFilter.ALL, at), ledger.register().openMajorHazards(at)))
                    .isEqualTo(before);
            assertThat(ledger.log().size()).isEqualTo(size);
            ledger.register().find(RegisterFilter.ALL, ledger.position(size, null)); // the history up to the end
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM projection_rebuild")).isZero();
        assertThat(count(ds, "SELECT COUNT(*) FROM hazard_version")).isEqualTo(10); // 5 states of each hazard
    }

    @Test
    void aRebuildThatCannotRun_refusesEarlierPositionsAndDossiers_untilAReplaySucceeds(@TempDir Path dir) throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-1");
        }
        String hash = one(ds, "SELECT entry_hash FROM ledger_entry WHERE ledger_index = 3");
        sql(ds, "UPDATE ledger_entry SET entry_hash = '" + "0".repeat(64) + "' WHERE ledger_index = 3");
        sql(ds, "INSERT INTO projection_rebuild (reason) VALUES ('a test')");
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            assertThatThrownBy(() -> ledger.position(5L, null)).isInstanceOf(IntegrityRefusalException.class)
                    .hasMessageContaining("3");
            assertThatThrownBy(() -> ledger.dossier("hz-1", ledger.position(null, null)))
                    .isInstanceOf(IntegrityRefusalException.class);
            assertThatThrownBy(ledger::reviewGrades).as("no grade from projections an earlier rule made")
                    .isInstanceOf(IntegrityRefusalException.class);
            assertThat(ledger.register().get("hz-1")).isPresent(); // the current register still answers
            assertThat(count(ds, "SELECT COUNT(*) FROM projection_rebuild")).isOne();

            sql(ds, "UPDATE ledger_entry SET entry_hash = '" + hash + "' WHERE ledger_index = 3");
            ledger.replay();
            assertThat(ledger.position(5L, null).size()).isEqualTo(5);
            assertThat(count(ds, "SELECT COUNT(*) FROM projection_rebuild")).isZero();
            assertThatThrownBy(ledger::reviewGrades).as("past the refusal: a grade changed, and there is no office key")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot sign");
        }
    }

    private static String one(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Flyway flyway(DataSource ds, String target) {
        return Ledger.schemaMigrations(ds).target(MigrationVersion.fromVersion(target)).load();
    }

    private static void sql(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
