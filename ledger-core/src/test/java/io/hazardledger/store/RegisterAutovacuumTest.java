package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema version 19: on PostgreSQL the register's tables are vacuumed after 1 % of their rows changed, so that its
 * index-only scans stay index-only (BENCHMARKS.md, "open major hazards before autovacuum"); on H2 the version is
 * recorded and changes nothing. Runs on the store the suite runs on ({@code -Dledger.test.store}).
 */
class RegisterAutovacuumTest {

    @TempDir
    Path dir;

    @Test
    void aNewStore_hasTheRegistersAutovacuumSettings() throws Exception {
        try (TestDatabase db = TestDatabase.in(dir); Ledger ledger = db.ledger()) {
            TestLedgers.park(ledger);
            assertThat(version19(db.dataSource())).isTrue();
            assertSettings(db.dataSource());
        }
    }

    @Test
    void aStoreMigratedBeforeVersion19_getsThemWhenALedgerOpensIt() throws Exception {
        try (TestDatabase db = TestDatabase.empty(dir)) {
            Ledger.schemaMigrations(db.dataSource()).target("18").load().migrate();
            assertThat(version19(db.dataSource())).isFalse();
            if (TestLedgers.postgres()) {
                assertThat(options(db.dataSource(), "hazard_view")).isEmpty();
            }
            try (Ledger ledger = db.ledger()) {
                TestLedgers.park(ledger);
            }
            assertThat(version19(db.dataSource())).isTrue();
            assertSettings(db.dataSource());
        }
    }

    private static void assertSettings(DataSource ds) throws SQLException {
        if (!TestLedgers.postgres()) {
            return;   // H2 has no vacuum and no storage parameters: the version only records that it ran
        }
        int major;
        try (Connection c = ds.getConnection()) {
            major = c.getMetaData().getDatabaseMajorVersion();
        }
        List<String> expected = major >= 13   // PostgreSQL 13 added the threshold for inserted rows
                ? List.of("autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_insert_scale_factor=0.01")
                : List.of("autovacuum_vacuum_scale_factor=0.01");
        for (String table : List.of("hazard_view", "hazard_version")) {
            assertThat(options(ds, table)).as(table).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static boolean version19(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"ledger_schema_history\" "
                     + "WHERE \"version\" = '19' AND \"success\" = TRUE AND \"description\" = 'register autovacuum'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    /** A PostgreSQL table's storage parameters, as {@code name=value}. */
    private static List<String> options(DataSource ds, String table) throws SQLException {
        List<String> options = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT unnest(reloptions) FROM pg_class WHERE relname = '" + table + "'")) {
            while (rs.next()) {
                options.add(rs.getString(1));
            }
        }
        return options;
    }
}
