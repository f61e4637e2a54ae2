package io.hazardledger;

import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Ledgers on fresh H2 file databases, and a small park to fill them with. */
public final class TestLedgers {

    private TestLedgers() {
    }

    /**
     * A fresh store for one test, holding no entries: an empty H2 file under {@code dir}, or with
     * {@code -Dledger.test.store=postgres} a new PostgreSQL database with the ledger's schema migrations already
     * applied ({@link #migratedPostgres}; {@code ledger.test.pg.url}, default
     * {@code jdbc:postgresql://localhost:5432/postgres}, is where it is created; {@code ledger.test.pg.user} and
     * {@code ledger.test.pg.password}, default {@code postgres} and empty). Tests that migrate a store step by step
     * call {@link #emptyStore}; tests that need H2 itself call {@link #h2}.
     */
    public static DataSource store(Path dir) {
        return NestedConnections.watch(postgres() ? migratedPostgres() : h2(dir));   // watched: NoNestedConnections
    }

    /**
     * A fresh store with no tables at all, for the tests that migrate it step by step ({@code target(...)}) or write
     * into it before the ledger's migrations: {@link #store} gives one already migrated on PostgreSQL.
     */
    public static DataSource emptyStore(Path dir) {
        return NestedConnections.watch(postgres() ? freshPostgres() : h2(dir));
    }

    private static final List<com.zaxxer.hikari.HikariDataSource> POOLS = new java.util.ArrayList<>();

    /** Whether the tests run on PostgreSQL ({@code -Dledger.test.store=postgres}). */
    public static boolean postgres() {
        String store = System.getProperty("ledger.test.store", "h2");
        if (!store.equals("h2") && !store.equals("postgres")) {
            throw new IllegalArgumentException("ledger.test.store is h2 or postgres, got " + store);
        }
        return store.equals("postgres");
    }

    /**
     * For a test of H2 files alone, which opens one whatever store the suite runs on: skipped when the suite runs on
     * PostgreSQL, since the run on H2 covers it.
     */
    public static void h2Only() {
        org.junit.jupiter.api.Assumptions.assumeFalse(postgres(), "H2 files only: run with the suite on H2");
    }

    private static final Object TEMPLATE_LOCK = new Object();
    private static String template;
    private static java.util.concurrent.CompletableFuture<String> spare;
    private static IllegalStateException templateFailure;

    /**
     * A new PostgreSQL database with the ledger's schema migrations applied, as a ledger opened on it the first time
     * would leave it. Copied from a database migrated once a JVM ({@code CREATE DATABASE ... TEMPLATE}), and the copy
     * for the next test made while this one runs: creating a database and migrating it took about half a second a
     * test, most of the PostgreSQL pass's extra time. The template and the copy made ahead have no session open, so a
     * run of the tests started meanwhile on the same cluster may drop them as an earlier run's (see
     * {@link #dropEarlierTestDatabases}): run one suite at a time on a cluster.
     */
    public static DataSource migratedPostgres() {
        String name;
        synchronized (TEMPLATE_LOCK) {
            if (templateFailure != null) {
                throw templateFailure;   // once: not a database left behind by every test after
            }
            if (template == null) {
                String migrated = createDatabase(null);
                try (com.zaxxer.hikari.HikariDataSource ds = pool(migrated)) {
                    Ledger.schemaMigrations(ds).load().migrate();   // then closed: a template has no session open
                } catch (RuntimeException e) {
                    templateFailure = new IllegalStateException("the template database " + migrated
                            + " could not be migrated: " + e.getMessage(), e);
                    throw templateFailure;
                }
                template = migrated;
            }
            java.util.concurrent.CompletableFuture<String> ready = spare;
            spare = null;   // a copy that failed is not handed out again: the next test makes its own
            try {
                name = ready == null ? createDatabase(template) : ready.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            String copied = template;
            spare = java.util.concurrent.CompletableFuture.supplyAsync(() -> createDatabase(copied), r -> {
                Thread t = new Thread(r, "next-test-database");
                t.setDaemon(true);   // the last one made is left to a later run, as every test's database is
                t.start();
            });
        }
        return register(pool(name));
    }

    /** A new, empty PostgreSQL database. */
    public static DataSource freshPostgres() {
        return register(pool(createDatabase(null)));
    }

    private static String admin() {
        return System.getProperty("ledger.test.pg.url", "jdbc:postgresql://localhost:5432/postgres");
    }

    private static String user() {
        return System.getProperty("ledger.test.pg.user", "postgres");
    }

    private static String password() {
        return System.getProperty("ledger.test.pg.password", "");
    }

    /** Creates a database, empty or as a copy of {@code template}, and returns its name. */
    private static String createDatabase(String template) {
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(admin(), user(), password());
             java.sql.Statement s = c.createStatement()) {
            dropEarlierTestDatabases(s, admin(), user(), password());
            s.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create a PostgreSQL database at " + admin() + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * A small pool whose idle connections close after 10 s, so that the many test databases stay within PostgreSQL's
     * max_connections.
     */
    private static com.zaxxer.hikari.HikariDataSource pool(String name) {
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(admin().substring(0, admin().lastIndexOf('/') + 1) + name);
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(12); // the concurrency tests run up to 8 writers beside a lock holder
        pool.setMinimumIdle(0);
        pool.setIdleTimeout(10_000);
        return new com.zaxxer.hikari.HikariDataSource(pool);
    }

    /**
     * The tests run one after another: the earlier tests' databases are done with, so their connections are closed
     * (soft eviction closes the idle ones now and the busy ones when returned); this one's pool joins them.
     */
    private static DataSource register(com.zaxxer.hikari.HikariDataSource ds) {
        synchronized (POOLS) {
            POOLS.forEach(p -> p.getHikariPoolMXBean().softEvictConnections());
            POOLS.add(ds);
        }
        return ds;
    }

    /** A fresh H2 file database under {@code dir}, whatever store the tests run on. */
    public static DataSource h2(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger-" + UUID.randomUUID()).toAbsolutePath() + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    public static final String ENTERPRISE = "ent-acme";
    public static final String OWNER = "p-owner";
    public static final String REPORTER = "p-reporter";
    public static final String VERIFIER = "p-verifier";

    /** One enterprise and three people: a reporter, a rectification owner and a verifier. */
    public static void park(Ledger ledger) {
        ledger.execute(new RegisterEnterprise(ENTERPRISE, "Acme Chemicals", "hazardous chemicals", true));
        ledger.execute(new RegisterPerson(REPORTER, "Li Wei", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson(OWNER, "Wang Fang", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson(VERIFIER, "Zhao Min", null, Set.of(Role.VERIFIER, Role.INSPECTOR)));
    }

    public static Evidence evidence(String seed) {
        return new Evidence(io.hazardledger.integrity.Hashes.sha256Hex(seed.getBytes()), "image/jpeg",
                Instant.parse("2026-11-01T08:00:00Z"), seed + ".jpg");
    }

    public static ReportHazard report(String hazardId, HazardLevel level) {
        return new ReportHazard(hazardId, ENTERPRISE, level, HazardSource.SELF_INSPECTION,
                level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety",
                "Tank farm B, pump 3", "Flange leak near the pump", "gasket aged",
                Instant.parse("2026-11-01T08:00:00Z"), REPORTER, List.of(evidence("before-" + hazardId)));
    }

    /** Reports, plans, submits, verifies and closes out one hazard. */
    public static void closedLoop(Ledger ledger, String hazardId) {
        ledger.execute(report(hazardId, HazardLevel.MAJOR));
        ledger.execute(new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30),
                "12000.00", "cordon and gas detector", "evacuate on alarm", OWNER));
        ledger.execute(new SubmitRectification(hazardId, "gasket replaced", List.of(evidence("after-" + hazardId)), OWNER));
        ledger.execute(new VerifyRectification(hazardId, true, "checked on site", VERIFIER));
        ledger.execute(new CloseOutHazard(hazardId, "closed", VERIFIER));
    }

    private static final java.util.concurrent.atomic.AtomicBoolean CLEANED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Drops the test databases that earlier runs left (a previous run's, on a developer's cluster; CI's is new): each
     * test makes one and none drops it. Once a JVM, before its first new database, they are listed; a daemon thread
     * then drops them while the tests run, since each {@code DROP DATABASE} waits for a checkpoint (with ledger-core's
     * 338 left, the app pass's first test took 45 s against 25 s here, 112 s in CI). A database with a session open at
     * that moment (another suite's) is refused by PostgreSQL and left; one another suite made but has no session on at
     * that moment is dropped, as before. Those the thread does not reach before the JVM ends are left to a later run.
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
