package io.hazardledger.store.internal;

import io.hazardledger.StoreSchemaException;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's schema version against this version of the ledger's, read from {@code ledger_schema_history} with one
 * query (Flyway's own {@code info()} scans the migrations and takes 60–130 ms; a ledger is built often in tests and
 * by embedders). Flyway itself migrates a store that a newer version wrote without a word (it ignores "future"
 * migrations by default), so the ledger asks first.
 */
public final class SchemaVersions {

    /** The schema version this version of the ledger reads: its last migration's ({@code StoreSchemaVersionTest}). */
    public static final int CURRENT = 21;

    private SchemaVersions() {
    }

    /**
     * Refuses a store that a newer version of the ledger wrote and, unless {@code migrates}, one that an older
     * version wrote. A new, empty database passes when the ledger migrates it.
     */
    public static void refuseAStoreItCannotRead(DataSource dataSource, boolean migrates) {
        MigrationVersion stored = stored(dataSource);
        MigrationVersion current = MigrationVersion.fromVersion(Integer.toString(CURRENT));
        String storedName = stored == null ? "none" : stored.getVersion();
        if (stored != null && stored.isNewerThan(current.getVersion())) {
            throw new StoreSchemaException("schema-newer", "the store's schema is at version " + storedName
                    + ", which a newer version of the ledger wrote; this version reads version " + CURRENT
                    + " and would misread it: open it with that newer version (the ledger never moves a schema back)",
                    storedName, Integer.toString(CURRENT));
        }
        if (!migrates && (stored == null || current.isNewerThan(stored.getVersion()))) {
            throw new StoreSchemaException("schema-older", (stored == null ? "the store holds no ledger schema"
                    : "the store's schema is at version " + storedName) + " and this version of the ledger needs "
                    + CURRENT + ", and this ledger was built not to "
                    + "migrate its store (migrate(false)): migrate it first, with Ledger.schemaMigrations(dataSource)"
                    + ".load().migrate()", storedName, Integer.toString(CURRENT));
        }
    }

    /** The highest version recorded in the store's schema history, or null when it has none. */
    static MigrationVersion stored(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!Sql.tableExists(c, "ledger_schema_history")) {
                return null;
            }
            MigrationVersion highest = null;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT \"version\" FROM \"ledger_schema_history\" WHERE \"version\" IS NOT NULL")) {
                while (rs.next()) {
                    MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                    if (highest == null || v.isNewerThan(highest.getVersion())) {
                        highest = v;
                    }
                }
            }
            return highest;
        } catch (SQLException e) {
            throw new IllegalStateException("the store's schema history could not be read: " + e.getMessage(), e);
        }
    }
}
