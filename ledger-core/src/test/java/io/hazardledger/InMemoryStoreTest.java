package io.hazardledger;

import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An in-memory H2 database given through a data source without a pool (the first store a developer tries in a unit
 * test) lasts as long as the ledger on it: H2 drops such a database when its last connection closes, which left the
 * ledger's schema gone before its first read ("Table DEADLINE_BACKFILL not found").
 */
@Tag("store-independent")
class InMemoryStoreTest {

    @Test
    void anInMemoryH2Database_withoutAPool_lastsWhileTheLedgerIsOpen_andGoesWithIt() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID());
        try (Ledger ledger = Ledger.builder().dataSource(memory).build()) {
            TestLedgers.park(ledger);
            ledger.execute(new RegisterPerson("sun", "Sun", null, Set.of(Role.PARK_OFFICE)));
            assertThat(ledger.directory().person("sun")).isPresent();
            assertThat(ledger.verify().size()).isEqualTo(ledger.log().size()).isPositive();
        }
        try (Connection c = memory.getConnection();
             var tables = c.getMetaData().getTables(null, null, "LEDGER_ENTRY", null)) {
            assertThat(tables.next()).as("the database went with the ledger, as in-memory ones do").isFalse();
        }
    }

    /** A database that outlives its connections, and a pool (which keeps its own open), take no connection. */
    @Test
    void onlyH2sOwnDataSource_ofADatabaseThatWouldClose_isHeldOpen() throws SQLException {
        JdbcDataSource closing = new JdbcDataSource();
        closing.setURL("jdbc:h2:mem:held-" + UUID.randomUUID());
        try (Connection held = io.hazardledger.store.internal.InMemoryH2.keepAlive(closing)) {
            assertThat(held).isNotNull();
        }
        JdbcDataSource kept = new JdbcDataSource();
        kept.setURL("jdbc:h2:mem:kept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        assertThat(io.hazardledger.store.internal.InMemoryH2.keepAlive(kept)).isNull();
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:pooled-" + UUID.randomUUID());
            assertThat(io.hazardledger.store.internal.InMemoryH2.keepAlive(pool)).isNull();
        }
    }
}
