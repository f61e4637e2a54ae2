package io.hazardledger.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Schema version 19, PostgreSQL only: the register's tables are vacuumed after 1 % of their rows changed or were
 * added, where PostgreSQL's defaults wait for 20 %.
 *
 * <p>The register's pages (keys first) and the open major hazards are read by index-only scans. An index entry whose
 * table page a vacuum has not yet marked all-visible also costs a read of its table row, so after many new or changed
 * hazards those questions slow down until autovacuum reaches the table: with the defaults, until a fifth of the
 * register has changed (about 57,000 hazards at a million events). Tables whose settings an operator has changed are
 * changed again here only for these two parameters. PostgreSQL before 13 has no insert threshold: there only the first
 * is set. On H2 this version does nothing (H2 has no vacuum). Other settings go in a later version: this one's
 * checksum is fixed, and a store records that it ran.
 */
public final class RegisterAutovacuum extends FixedJavaMigration {

    /** The tables whose index-only scans serve the register's questions: now, and as of an earlier position. */
    public static final List<String> TABLES = List.of("hazard_view", "hazard_version");

    /** The storage parameters set on each of {@link #TABLES} (on PostgreSQL 13 and later; before, the first only). */
    public static final String SETTINGS =
            "autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01";
    private static final String SETTINGS_BEFORE_13 = "autovacuum_vacuum_scale_factor = 0.01";

    public RegisterAutovacuum() {
        super(19, "register autovacuum");
    }

    @Override
    void apply(Connection c) throws SQLException {
        set(c);
    }

    /** Sets {@link #SETTINGS} on the register's tables if {@code c} is a PostgreSQL connection; nothing otherwise. */
    public static void set(Connection c) throws SQLException {
        if (!Sql.isPostgres(c)) {
            return;
        }
        String settings = c.getMetaData().getDatabaseMajorVersion() >= 13 ? SETTINGS : SETTINGS_BEFORE_13;
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + " SET (" + settings + ")");
            }
        }
    }
}
