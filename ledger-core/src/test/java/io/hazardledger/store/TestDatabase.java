package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh H2 file database for one test. It holds one connection open for its lifetime: H2 closes a file
 * database when its last connection closes, and would otherwise reopen the file for every command (about
 * six times slower).
 */
public final class TestDatabase implements AutoCloseable {

    private final DataSource dataSource;
    private final Connection held;

    private TestDatabase(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.held = dataSource.getConnection();
    }

    /** A new database under {@code dir} ({@link TestLedgers#store}: on PostgreSQL already migrated). */
    public static TestDatabase in(Path dir) throws SQLException {
        return new TestDatabase(TestLedgers.store(dir));
    }

    /** A new database with no tables ({@link TestLedgers#emptyStore}), for a test that migrates it itself. */
    public static TestDatabase empty(Path dir) throws SQLException {
        return new TestDatabase(TestLedgers.emptyStore(dir));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public LedgerTables tables() {
        return new LedgerTables(dataSource);
    }

    /** A new ledger over this database; the caller closes it. */
    public Ledger ledger() {
        return Ledger.builder().dataSource(dataSource).build();
    }

    @Override
    public void close() throws SQLException {
        held.close();
    }
}
