package io.hazardledger.store.internal;

import io.hazardledger.TestLedgers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The projections' updates kept and sent with the chain's statement in one round trip: a PostgreSQL driver feature, so
 * these run in the PostgreSQL pass ({@code -Dledger.test.store=postgres}) only, where the ledger uses them.
 */
class DeferredWritesTest {

    private Connection c;

    @BeforeEach
    void connect() throws SQLException {
        assumeTrue(TestLedgers.postgres(), "keeps updates for PostgreSQL's driver only; runs in the PostgreSQL pass");
        DataSource ds = TestLedgers.freshPostgres();
        c = ds.getConnection();
        c.setAutoCommit(false);
        Sql.update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10), d DATE, n BIGINT)");
    }

    @AfterEach
    void disconnect() throws SQLException {
        if (c != null) {
            c.rollback();
            c.close();
        }
    }

    @Test
    void updatesAreKeptUntilFlushed_thenRunInOrder_eachWithItsOwnParameters() throws SQLException {
        DeferredWrites deferred = new DeferredWrites(c);
        Connection d = deferred.connection();

        assertThat(Sql.update(d, "INSERT INTO t (id, v, d, n) VALUES (?, ?, ?, ?)", 1, "a", LocalDate.of(2026, 11, 30), 7L))
                .isEqualTo(1);
        Sql.update(d, "UPDATE t SET v = ? WHERE id = ?", "b", 1);      // must run after the insert
        Sql.update(d, "INSERT INTO t (id) VALUES (2)");                // no parameters between two with some
        Sql.update(d, "INSERT INTO t (id, v, d, n) VALUES (?, ?, ?, ?)", 3, null, null, null);
        assertThat(rows()).isEmpty();

        deferred.flush();

        assertThat(rows()).containsExactly("1 b 2026-11-30 7", "2 null null null", "3 null null null");
        deferred.flush();   // nothing kept: nothing sent again
        assertThat(rows()).hasSize(3);
    }

    @Test
    void aReadThroughTheConnection_seesTheUpdatesKeptBeforeIt() throws SQLException {
        DeferredWrites deferred = new DeferredWrites(c);
        Connection d = deferred.connection();
        Sql.update(d, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");

        List<Long> count = Sql.query(d, "SELECT COUNT(*) FROM t WHERE v = ?", rs -> rs.getLong(1), "a");

        assertThat(count).containsExactly(1L);
        Sql.update(d, "INSERT INTO t (id, v) VALUES (?, ?)", 2, "b");
        assertThat(rows()).containsExactly("1 a null null");     // the one after the read is kept again
        deferred.flush();
        assertThat(rows()).hasSize(2);
    }

    @Test
    void aFailingUpdate_failsTheFlush_andNothingAfterItRuns() throws SQLException {
        // a sequence is not rolled back: it shows whether the statement after the failing one ran
        Sql.update(c, "CREATE SEQUENCE ran");
        Sql.update(c, "SAVEPOINT before");
        DeferredWrites deferred = new DeferredWrites(c);
        Connection d = deferred.connection();
        Sql.update(d, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
        Sql.update(d, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "again");
        Sql.update(d, "INSERT INTO t (id, n) VALUES (?, nextval('ran'))", 3);

        assertThatExceptionOfType(SQLException.class).isThrownBy(deferred::flush)
                .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("23505"));

        Sql.update(c, "ROLLBACK TO SAVEPOINT before");
        assertThat(rows()).isEmpty();
        assertThat(Sql.query(c, "SELECT is_called FROM ran", rs -> rs.getBoolean(1))).containsExactly(false);
    }

    @Test
    void whatWouldRunAheadOfTheKeptUpdates_isRefused() throws SQLException {
        Connection d = new DeferredWrites(c).connection();

        assertThatExceptionOfType(java.sql.SQLFeatureNotSupportedException.class).isThrownBy(d::createStatement);
        assertThatExceptionOfType(java.sql.SQLFeatureNotSupportedException.class)
                .isThrownBy(() -> d.prepareStatement("SELECT 1", java.sql.Statement.RETURN_GENERATED_KEYS));
        assertThatExceptionOfType(java.sql.SQLFeatureNotSupportedException.class)
                .isThrownBy(() -> d.unwrap(Connection.class));
    }

    @Test
    void aStatementUsedTwice_keepsEachUseWithItsOwnValues() throws SQLException {
        DeferredWrites deferred = new DeferredWrites(c);
        try (java.sql.PreparedStatement ps = deferred.connection().prepareStatement("INSERT INTO t (id, v) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "a");
            ps.executeUpdate();
            ps.clearParameters();
            ps.setInt(1, 2);
            ps.setString(2, "b");
            ps.executeUpdate();
        }
        deferred.flush();
        assertThat(rows()).containsExactly("1 a null null", "2 b null null");
    }

    private List<String> rows() throws SQLException {
        return Sql.query(c, "SELECT id, v, d, n FROM t ORDER BY id",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getDate(3) + " " + rs.getObject(4));
    }
}
