package io.hazardledger.store.internal;

import io.hazardledger.StoreSchemaException;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's schema version against this version of the ledger's, read from {@code ledger_schema_history} with one
 * query (Flyway's own {@code info()} scans the migrations and takes 60–130 ms; a ledger is built often in tests and
 * by embedders). Flyway itself migrates a store that a newer version wrote without a word (it ignores "future"
 * migrations by default), so the ledger asks first.
 */
public final class SchemaVersions {

    /** The schema version this version of the ledger reads: its last migration's ({@code StoreSchemaVersionTest}). */
    public static final int CURRENT = 25;

    private SchemaVersions() {
    }

    /**
     * Refuses a store that a newer version of the ledger wrote and, unless {@code migrates}, one that is not at this
     * version's schema: an older version's, none at all, one whose history records a failed migration, or one that
     * lacks a version below its highest (a migration run of the application's own that left one out). A new, empty
     * database passes when the ledger migrates it; so do the other cases, whose migration Flyway then makes or refuses.
     */
    public static void refuseAStoreItCannotRead(DataSource dataSource, boolean migrates) {
        History history = read(dataSource);
        String current = Integer.toString(CURRENT);
        MigrationVersion highest = history.highest();
        String storedName = highest == null ? "none" : highest.getVersion();
        if (highest != null && highest.isNewerThan(current)) {
            throw new StoreSchemaException("schema-newer", "the store's schema is at version " + storedName
                    + ", which a newer version of the ledger wrote; this version reads version " + CURRENT
                    + " and would misread it", ": open it with that newer version (the ledger never moves a schema "
                    + "back)", storedName, current);
        }
        if (migrates) {
            return;
        }
        String notMigrating = ", and this ledger was built not to migrate its store (migrate(false)): migrate it "
                + "first, with Ledger.schemaMigrations(dataSource).load().migrate()";
        if (!history.failed().isEmpty()) {
            throw new StoreSchemaException("schema-incomplete", "the store's schema history records a failed "
                    + "migration to version " + String.join(", ", history.failed()), notMigrating, storedName,
                    current);
        }
        List<String> missing = new ArrayList<>();
        for (int v = 1; v <= CURRENT; v++) {
            if (!history.applied(Integer.toString(v))) {
                missing.add(Integer.toString(v));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> leftOut = highest == null ? List.of() : missing.stream().filter(highest::isNewerThan).toList();
        if (!leftOut.isEmpty()) {
            throw new StoreSchemaException("schema-incomplete", "the store's schema is at version " + storedName
                    + " but lacks version " + String.join(", ", leftOut) + " of the " + CURRENT + " this version of "
                    + "the ledger needs", notMigrating, storedName, current);
        }
        throw new StoreSchemaException("schema-older", (highest == null ? "the store holds no ledger schema"
                : "the store's schema is at version " + storedName) + " and this version of the ledger needs "
                + CURRENT, notMigrating, storedName, current);
    }

    /**
     * The versions the history records as applied (a {@code DELETE} or undo row takes its version out again; a
     * baseline counts for every version up to its own), those it records as failed, and the highest of either.
     */
    record History(Set<String> appliedVersions, MigrationVersion baseline, List<String> failed,
                   MigrationVersion highest) {

        boolean applied(String version) {
            return appliedVersions.contains(version)
                    || baseline != null && !MigrationVersion.fromVersion(version).isNewerThan(baseline.getVersion());
        }
    }

    static History read(DataSource dataSource) {
        Set<String> applied = new LinkedHashSet<>();
        Set<String> failed = new LinkedHashSet<>();
        MigrationVersion baseline = null;
        try (Connection c = dataSource.getConnection()) {
            // H2 writes each failed statement to its trace file beside the store: ask its catalogue first there
            if (c.getMetaData().getDatabaseProductName().equals("H2") && !Sql.tableExists(c, "ledger_schema_history")) {
                return new History(Set.of(), null, List.of(), null);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", "
                    + "\"success\" FROM \"ledger_schema_history\" WHERE \"version\" IS NOT NULL "
                    + "ORDER BY \"installed_rank\"")) {
                while (rs.next()) {
                    String version = MigrationVersion.fromVersion(rs.getString(1)).getVersion();
                    String type = rs.getString(2);
                    boolean success = rs.getBoolean(3);
                    if ("DELETE".equals(type) || type != null && type.startsWith("UNDO")) {
                        applied.remove(version);
                        failed.remove(version);
                    } else if (!success) {
                        failed.add(version);
                    } else if ("BASELINE".equals(type)) {
                        baseline = MigrationVersion.fromVersion(version);
                    } else {
                        applied.add(version);
                        failed.remove(version);
                    }
                }
            } catch (SQLException e) {
                if (!noSuchTable(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            // unreachable, refused the login, held by another process: the store failed, as under any other call
            throw new io.hazardledger.StorageFailureException("the store could not be read to learn its schema "
                    + "version: " + e.getMessage(), e);
        }
        TreeSet<MigrationVersion> seen = new TreeSet<>();
        applied.forEach(v -> seen.add(MigrationVersion.fromVersion(v)));
        failed.forEach(v -> seen.add(MigrationVersion.fromVersion(v)));
        if (baseline != null) {
            seen.add(baseline);
        }
        return new History(applied, baseline, List.copyOf(failed), seen.isEmpty() ? null : seen.last());
    }

    /**
     * PostgreSQL's undefined table (looked up through {@code search_path}, as Flyway does); H2's table not found, with
     * or without other tables in the database ({@code ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1}, {@code _WITH_CANDIDATES_2},
     * {@code _DATABASE_EMPTY_1}).
     */
    private static boolean noSuchTable(SQLException e) {
        int code = e.getErrorCode();
        return "42P01".equals(e.getSQLState()) || code == 42102 || code == 42103 || code == 42104;
    }
}
