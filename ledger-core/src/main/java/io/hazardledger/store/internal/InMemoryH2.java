package io.hazardledger.store.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * An in-memory H2 database ({@code jdbc:h2:mem:…}) is dropped when its last connection closes, unless its URL says
 * {@code DB_CLOSE_DELAY=-1}: a data source without a pool would give the ledger a new, empty database at each
 * connection. The ledger holds one connection to such a database while it is open.
 */
public final class InMemoryH2 {

    private InMemoryH2() {
    }

    /** A connection kept open for an in-memory H2 database that would otherwise close; null for any other store. */
    public static Connection keepAlive(DataSource dataSource) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            String url = c.getMetaData().getURL();
            String upper = url == null ? "" : url.toUpperCase(Locale.ROOT);
            if (upper.startsWith("JDBC:H2:MEM:") && !upper.contains("DB_CLOSE_DELAY=-1")) {
                return c;
            }
        } catch (SQLException | RuntimeException e) {
            // a store that cannot be reached is said by the ledger's own first read, with its reason
        }
        close(c);
        return null;
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
