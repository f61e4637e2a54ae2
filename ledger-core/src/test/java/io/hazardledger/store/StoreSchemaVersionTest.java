package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.StoreSchemaException;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.store.internal.SchemaVersions;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store whose schema this version of the ledger would misread is refused before anything reads, writes or migrates
 * it: one a newer version wrote (Flyway alone would go on without a word: it ignores migrations it does not know), and,
 * for a ledger built not to migrate, one an older version wrote.
 */
class StoreSchemaVersionTest {

    @TempDir
    Path dir;

    @Test
    void theVersionTheLedgerReads_isItsLastMigrations() {
        DataSource store = TestLedgers.emptyStore(dir);
        MigrationVersion last = Arrays.stream(Ledger.schemaMigrations(store).load().info().all())
                .map(MigrationInfo::getVersion).reduce((a, b) -> b.isNewerThan(a.getVersion()) ? b : a).orElseThrow();
        assertThat(last.getVersion()).isEqualTo(Integer.toString(SchemaVersions.CURRENT));
    }

    @Test
    void aStoreANewerVersionWrote_isRefused_andNothingIsMigratedOrWritten() throws Exception {
        DataSource store = TestLedgers.emptyStore(dir);
        // a newer version's store: its migrations up to this version's previous one here, then one this version lacks
        Ledger.schemaMigrations(store).target(Integer.toString(SchemaVersions.CURRENT - 1)).load().migrate();
        int newer = SchemaVersions.CURRENT + 1;
        recordMigration(store, newer);
        List<String> before = history(store);

        for (boolean migrate : new boolean[] {true, false}) {
            assertThatThrownBy(() -> Ledger.builder().dataSource(store).migrate(migrate).build())
                    .isInstanceOfSatisfying(StoreSchemaException.class, e -> {
                        assertThat(e.code()).isEqualTo("schema-newer");
                        assertThat(e.newer()).isTrue();
                        assertThat(e.storeVersion()).isEqualTo(Integer.toString(newer));
                        assertThat(e.ledgerVersion()).isEqualTo(Integer.toString(SchemaVersions.CURRENT));
                    })
                    .hasMessage("the store's schema is at version " + newer + ", which a newer version of the ledger "
                            + "wrote; this version reads version " + SchemaVersions.CURRENT + " and would misread it: "
                            + "open it with that newer version (the ledger never moves a schema back)");
        }
        assertThat(history(store)).as("this version's last migration was not applied under the newer one")
                .isEqualTo(before);
    }

    @Test
    void aStoreAnOlderVersionWrote_isRefusedByALedgerThatDoesNotMigrate_andMigratedByOneThatDoes() throws Exception {
        DataSource store = TestLedgers.emptyStore(dir);
        int older = SchemaVersions.CURRENT - 1;
        Ledger.schemaMigrations(store).target(Integer.toString(older)).load().migrate();

        assertThatThrownBy(() -> Ledger.builder().dataSource(store).migrate(false).build())
                .isInstanceOfSatisfying(StoreSchemaException.class, e -> {
                    assertThat(e.code()).isEqualTo("schema-older");
                    assertThat(e.newer()).isFalse();
                    assertThat(e.storeVersion()).isEqualTo(Integer.toString(older));
                })
                .hasMessage("the store's schema is at version " + older + " and this version of the ledger needs "
                        + SchemaVersions.CURRENT + ", and this ledger was built not to migrate its store "
                        + "(migrate(false)): migrate it first, with "
                        + "Ledger.schemaMigrations(dataSource).load().migrate()");
        assertThat(history(store)).last().asString().startsWith(older + " ");

        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            TestLedgers.park(ledger);
            ledger.execute(TestLedgers.report("hz-1", HazardLevel.MAJOR));
        }
        assertThat(history(store)).last().asString().startsWith(SchemaVersions.CURRENT + " ");
        try (Ledger ledger = Ledger.builder().dataSource(store).migrate(false).build()) {
            assertThat(ledger.register().get("hz-1")).as("a migrated store opens without migrating").isPresent();
        }
    }

    @Test
    void aDatabaseWithNoLedger_isMigratedByALedgerThatMigrates_andRefusedByOneThatDoesNot() throws Exception {
        DataSource store = TestLedgers.emptyStore(dir);
        assertThatThrownBy(() -> Ledger.builder().dataSource(store).migrate(false).build())
                .isInstanceOf(StoreSchemaException.class)
                .hasMessageStartingWith("the store holds no ledger schema and this version of the ledger needs "
                        + SchemaVersions.CURRENT + ", and this ledger was built not to migrate its store");
        try (Connection c = store.getConnection()) {
            assertThat(io.hazardledger.store.internal.Sql.tableExists(c, "ledger_entry")).as("no table made").isFalse();
        }
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            assertThat(ledger.verify().size()).isZero();
        }
    }

    /**
     * A ledger that does not migrate refuses a history that records a failed migration (H2 cannot undo a migration's
     * DDL, so a failed one leaves its changes half made) or lacks a version below its highest (a migration run of the
     * application's own that left out the Java ones); a newer migration taken out again by Flyway's repair is not
     * "newer".
     */
    @Test
    void aLedgerThatDoesNotMigrate_refusesAFailedOrLeftOutMigration() throws Exception {
        DataSource store = TestLedgers.emptyStore(dir);
        Ledger.schemaMigrations(store).load().migrate();
        int last = SchemaVersions.CURRENT;
        execute(store, "UPDATE \"ledger_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '" + last + "'");
        assertThatThrownBy(() -> Ledger.builder().dataSource(store).migrate(false).build())
                .isInstanceOfSatisfying(StoreSchemaException.class,
                        e -> assertThat(e.code()).isEqualTo("schema-incomplete"))
                .hasMessage("the store's schema history records a failed migration to version " + last + ", and this "
                        + "ledger was built not to migrate its store (migrate(false)): migrate it first, with "
                        + "Ledger.schemaMigrations(dataSource).load().migrate()");

        execute(store, "UPDATE \"ledger_schema_history\" SET \"success\" = TRUE WHERE \"version\" = '" + last + "'");
        execute(store, "DELETE FROM \"ledger_schema_history\" WHERE \"version\" IN ('19', '20')");
        assertThatThrownBy(() -> Ledger.builder().dataSource(store).migrate(false).build())
                .isInstanceOfSatisfying(StoreSchemaException.class,
                        e -> assertThat(e.code()).isEqualTo("schema-incomplete"))
                .hasMessageStartingWith("the store's schema is at version " + last + " but lacks version 19, 20 of "
                        + "the " + last + " this version of the ledger needs, and this ledger was built not to "
                        + "migrate");

        DataSource repaired = TestLedgers.emptyStore(dir.resolve("repaired"));
        Ledger.schemaMigrations(repaired).load().migrate();
        recordMigration(repaired, last + 1);
        execute(repaired, "INSERT INTO \"ledger_schema_history\" (\"installed_rank\", \"version\", "
                + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", "
                + "\"success\") VALUES (1001, '" + (last + 1) + "', 'newer', 'DELETE', 'V" + (last + 1)
                + "__newer.sql', NULL, 'test', 0, TRUE)");
        try (Ledger ledger = Ledger.builder().dataSource(repaired).migrate(false).build()) {
            assertThat(ledger.verify().size()).isZero();
        }
    }

    /** A store the ledger cannot reach is a storage failure, as under any other call, before anything else. */
    @Test
    void aStoreThatCannotBeReached_isAStorageFailure() {
        org.h2.jdbcx.JdbcDataSource unreachable = new org.h2.jdbcx.JdbcDataSource();
        unreachable.setURL("jdbc:h2:file:" + dir.resolve("no-such-store") + ";IFEXISTS=TRUE");
        assertThatThrownBy(() -> Ledger.builder().dataSource(unreachable).build())
                .isInstanceOf(io.hazardledger.StorageFailureException.class)
                .hasMessageStartingWith("the store could not be read to learn its schema version: ")
                .hasMessageContaining("no-such-store");
    }

    private static void execute(DataSource store, String sql) throws Exception {
        try (Connection c = store.getConnection(); var st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static void recordMigration(DataSource store, int version) throws Exception {
        try (Connection c = store.getConnection(); var ps = c.prepareStatement("INSERT INTO \"ledger_schema_history\" "
                + "(\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
                + "\"installed_by\", \"execution_time\", \"success\") VALUES (?, ?, 'a newer version', 'SQL', ?, 1, "
                + "'test', 1, TRUE)")) {
            ps.setInt(1, 1000);
            ps.setString(2, Integer.toString(version));
            ps.setString(3, "V" + version + "__newer.sql");
            ps.executeUpdate();
        }
    }

    /** The schema history, one "version description" a row in the order applied. */
    private static List<String> history(DataSource store) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT \"version\", "
                + "\"description\" FROM \"ledger_schema_history\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
