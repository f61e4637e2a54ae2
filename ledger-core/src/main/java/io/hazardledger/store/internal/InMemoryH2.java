package io.hazardledger.store.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * An in-memory H2 database ({@code jdbc:h2:mem:name}) is dropped when its last connection closes, unless its URL says
 * {@code DB_CLOSE_DELAY=-1}: H2's own data source, which keeps no connection between calls, would give the ledger a
 * new, empty database at each connection. The ledger holds one connection to such a database while it is open. A
 * pool keeps its connections open itself and is left alone, as is every other store.
 */
public final class InMemoryH2 {

    private InMemoryH2() {
    }

    /**
     * A connection kept open when {@code dataSource} is H2's own data source ({@code org.h2.jdbcx.JdbcDataSource}) of
     * an in-memory database whose URL does not keep it ({@code DB_CLOSE_DELAY=-1}); null for any other.
     */
    public static Connection keepAlive(DataSource dataSource) {
        String url;
        try {
            if (!(dataSource instanceof org.h2.jdbcx.JdbcDataSource h2)) {
                return null;
            }
            url = h2.getURL();   // its own URL, with the settings (a connection's metadata gives it without them)
        } catch (LinkageError noH2) {
            return null;   // no H2 on the class path (an optional dependency): not H2's data source
        }
        if (!closesWithItsLastConnection(url)) {
            return null;
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            return null;   // the ledger's own first read says why, with its reason
        }
    }

    /** Whether an H2 URL names an in-memory database that H2 drops when its last connection closes. */
    static boolean closesWithItsLastConnection(String url) {
        String upper = url == null ? "" : url.toUpperCase(Locale.ROOT).replace(" ", "");
        return upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";DB_CLOSE_DELAY=-1");
    }

    /** Closes a kept connection (null: nothing). */
    public static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the database goes with it: nothing to keep
            }
        }
    }
}
