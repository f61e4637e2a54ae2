package io.hazardledger.store.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A Java schema migration of the ledger: its version, its description, and a checksum fixed to its version (a store
 * that applied it must still validate; a change is a new version), run in the migration's transaction.
 */
abstract class FixedJavaMigration implements JavaMigration {

    private final int version;
    private final String description;

    FixedJavaMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public final MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(Integer.toString(version));
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return version;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) throws SQLException {
        apply(context.getConnection());
    }

    /** The migration's work over the migration's connection. */
    abstract void apply(Connection c) throws SQLException;
}
