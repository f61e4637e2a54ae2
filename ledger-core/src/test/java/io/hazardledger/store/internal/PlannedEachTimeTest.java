package io.hazardledger.store.internal;

import io.hazardledger.TestLedgers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A statement the ledger wants planned for its parameters at every execution never becomes a named server-side
 * statement on PostgreSQL (which would get a generic plan chosen against the table as it was when the statement was
 * new). PostgreSQL only: these run in the PostgreSQL pass ({@code -Dledger.test.store=postgres}).
 */
class PlannedEachTimeTest {

    private static final String READ = "SELECT v FROM t WHERE id IN (?, ?)";

    private Connection c;

    @BeforeEach
    void connect() throws SQLException {
        assumeTrue(TestLedgers.postgres(), "a PostgreSQL driver setting; runs in the PostgreSQL pass");
        DataSource ds = TestLedgers.freshPostgres();
        c = ds.getConnection();
        Sql.update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
        Sql.update(c, "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b')");
        Sql.update(c, "DEALLOCATE ALL");
    }

    @AfterEach
    void disconnect() throws SQLException {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void aStatementPlannedEachTime_isNeverPreparedOnTheServer_whereAPlainOneIsAfterFiveRuns() throws SQLException {
        for (int run = 0; run < 10; run++) {
            try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(READ))) {
                assertThat(read(ps)).isEqualTo("ab");
            }
        }
        assertThat(serverPrepared()).isZero();

        for (int run = 0; run < 10; run++) {
            try (PreparedStatement ps = c.prepareStatement(READ)) {
                assertThat(read(ps)).isEqualTo("ab");
            }
        }
        assertThat(serverPrepared()).isEqualTo(1);   // the driver's default: named after five runs
    }

    private static String read(PreparedStatement ps) throws SQLException {
        ps.setInt(1, 1);
        ps.setInt(2, 2);
        StringBuilder values = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.append(rs.getString(1));
            }
        }
        return values.toString();
    }

    private long serverPrepared() throws SQLException {
        return Sql.query(c, "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT v FROM t WHERE id IN%'",
                rs -> rs.getLong(1)).get(0);
    }
}
