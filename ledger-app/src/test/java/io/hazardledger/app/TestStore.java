package io.hazardledger.app;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The store a server under test runs on: an H2 file under the test's directory, or with
 * {@code -Dledger.test.store=postgres} a new PostgreSQL database (created through {@code ledger.test.pg.url}, default
 * {@code jdbc:postgresql://localhost:5432/postgres}, as {@code ledger.test.pg.user} / {@code ledger.test.pg.password}).
 */
final class TestStore {

    private TestStore() {
    }

    static boolean postgres() {
        return "postgres".equals(System.getProperty("ledger.test.store", "h2"));
    }

    /** Points the server's datasource at a fresh store. */
    static void register(DynamicPropertyRegistry r, Path dir) {
        String[] store = fresh(dir);
        r.add("spring.datasource.url", () -> store[0]);
        r.add("spring.datasource.username", () -> store[1]);
        r.add("spring.datasource.password", () -> store[2]);
        // Spring keeps each test class's server alive for reuse: small pools keep them within PostgreSQL's
        // max_connections (100 by default)
        r.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
        r.add("ledger.office.sealing-key-file", () -> dir.resolve("office-sealing-key.pem").toString());
    }

    /** A fresh store's URL, user and password. */
    static String[] fresh(Path dir) {
        if (!postgres()) {
            return new String[] {"jdbc:h2:file:" + dir.resolve("ledger-" + UUID.randomUUID()).toAbsolutePath()
                    + ";LOCK_TIMEOUT=10000", "sa", ""};
        }
        String admin = System.getProperty("ledger.test.pg.url", "jdbc:postgresql://localhost:5432/postgres");
        String user = System.getProperty("ledger.test.pg.user", "postgres");
        String password = System.getProperty("ledger.test.pg.password", "");
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            dropEarlierTestDatabases(s, admin, user, password);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a PostgreSQL database at " + admin + ": " + e.getMessage(), e);
        }
        return new String[] {admin.substring(0, admin.lastIndexOf('/') + 1) + name, user, password};
    }

    private static final java.util.concurrent.atomic.AtomicBoolean CLEANED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Drops the test databases that earlier runs left (in CI, ledger-core's PostgreSQL pass): each test makes one
     * and none drops it. Once a JVM, before its first new database, they are listed; a daemon thread then drops them
     * while the tests run, since each {@code DROP DATABASE} waits for a checkpoint (with ledger-core's 338 left, the
     * app pass's first test took 45 s against 25 s here, 112 s in CI). A database with a session open at that moment
     * (another suite's) is refused by PostgreSQL and left; one another suite made but has no session on at that moment
     * is dropped, as before. Those the thread does not reach before the JVM ends are left to a later run.
     */
    private static void dropEarlierTestDatabases(java.sql.Statement s, String admin, String user, String password)
            throws java.sql.SQLException {
        if (!CLEANED.compareAndSet(false, true)) {
            return;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'ledger\\_test\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (names.isEmpty()) {
            return;
        }
        Thread dropping = new Thread(() -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(admin, user, password);
                 java.sql.Statement d = c.createStatement()) {
                for (String name : names) {
                    try {
                        d.execute("DROP DATABASE IF EXISTS " + name);
                    } catch (java.sql.SQLException inUse) {
                        // another run's: left to it
                    }
                }
            } catch (java.sql.SQLException e) {
                System.err.println("earlier test databases left to a later run: " + e.getMessage());
            }
        }, "drop-earlier-test-databases");
        dropping.setDaemon(true);
        dropping.start();
    }
}
