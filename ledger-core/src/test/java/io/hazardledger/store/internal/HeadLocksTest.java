package io.hazardledger.store.internal;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that locked a head row and keeps nothing it wrote ends through {@link HeadLocks}, and the head never
 * goes back, on an H2 file whose maps are stored all the while (as its background writer and the ledger's forces do).
 * Writers append entries under the head's lock; beside them a transaction locks the head and ends, over and over, in
 * one of the three ways the ledger ends one. Ended by a plain rollback instead, H2 (2.4.240) could undo the lock twice,
 * the second time over a head another writer had committed meanwhile: entries then lay beyond the head and the next
 * writer was refused on an index already taken (both seen here within seconds).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HeadLocksTest {

    static final int WRITERS = 3;
    static final int PER_WRITER = 1_500;

    @TempDir
    Path dir;

    /** How the transaction beside the writers ends, having locked the head. */
    enum Ending {
        /** A reader's (a verification, a head check): nothing written. */
        READER,
        /** A replay's or a checkpoint's that failed: rows written after the lock are undone. */
        FAILED_AFTER_WRITING,
        /** A writer's unit of work rolled back after its append (a projection that failed, say). */
        WRITER_ROLLED_BACK
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void aTransactionThatLockedTheHead_endsWithoutTakingTheHeadBack(Ending ending) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("heads").toAbsolutePath() + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        try (Connection held = ds.getConnection()) {
            try (Statement s = held.createStatement()) {
                s.execute("CREATE TABLE head (id INT PRIMARY KEY, size BIGINT NOT NULL)");
                s.execute("CREATE TABLE entry (idx BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
                s.execute("CREATE TABLE scratch (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40))");
                s.execute("INSERT INTO head VALUES (1, 0)");
            }
            MVStore store = ((SessionLocal) held.unwrap(JdbcConnection.class).getSession()).getDatabase()
                    .getStore().getMvStore();
            AtomicBoolean writing = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong ended = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
            List<String> seen = new CopyOnWriteArrayList<>();   // what went wrong, as it was seen
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(pool.submit(() -> {
                        append(ds, PER_WRITER, seen);
                        return null;
                    }));
                }
                Future<?> beside = pool.submit(() -> {
                    ConnectionProvider connections = TransactionalConnections.over(ds);
                    while (writing.get()) {
                        lockAndEnd(ds, connections, ending, seen);
                        ended.incrementAndGet();
                    }
                    return null;
                });
                Future<?> storing = pool.submit(() -> {
                    while (writing.get()) {
                        store.commit();   // H2 storing its maps beside every rollback, as its writer thread does
                        stored.incrementAndGet();
                    }
                    return null;
                });
                for (Future<?> w : writers) {
                    w.get(90, TimeUnit.SECONDS);
                }
                writing.set(false);
                beside.get(30, TimeUnit.SECONDS);
                storing.get(30, TimeUnit.SECONDS);
            } finally {
                writing.set(false);
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(seen).as("what the writers and the transaction beside them saw").isEmpty();
            assertThat(ended.get()).as("transactions that locked the head and ended beside the writers")
                    .isGreaterThan(100);
            assertThat(stored.get()).as("H2's stores beside them").isGreaterThan(100);
            assertThat(single(held, "SELECT size FROM head WHERE id = 1")).isEqualTo(WRITERS * PER_WRITER);
            assertThat(single(held, "SELECT COUNT(*) FROM entry")).isEqualTo(WRITERS * PER_WRITER);
            assertThat(single(held, "SELECT COUNT(*) FROM scratch")).as("rows written after a lock, undone").isZero();
        } finally {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");   // DB_CLOSE_DELAY=-1 keeps it open (and its writer thread) otherwise
            }
        }
    }

    /**
     * A writer's unit of work that rolls back after its lock: its writes are undone to the lock and the transaction
     * committed on the connection itself (Axon's wrapper ignores a commit), all before the connection's own rollback.
     */
    @org.junit.jupiter.api.Test
    void aWritersRollback_undoesToItsLockAndCommits_beforeTheConnectionsRollback() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        List<List<String>> connections = new CopyOnWriteArrayList<>();
        javax.sql.DataSource recorded = recording(ds, connections);
        try (Connection held = ds.getConnection(); Statement s = held.createStatement()) {
            s.execute("CREATE TABLE head (id INT PRIMARY KEY, size BIGINT NOT NULL)");
            s.execute("CREATE TABLE entry (idx BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
            s.execute("INSERT INTO head VALUES (1, 0)");
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>("append"));
            Connection c = TransactionalConnections.over(recorded).getConnection();
            List<String> calls = connections.get(0);
            long size = single(c, "SELECT size FROM head WHERE id = 1 FOR UPDATE");
            HeadLocks.undoOnRollback(unit, c);
            c.createStatement().executeUpdate("INSERT INTO entry VALUES (" + size + ", 'never kept')");
            c.createStatement().executeUpdate("UPDATE head SET size = 1 WHERE id = 1");
            calls.clear();
            unit.rollback(new IllegalStateException("a projection failed"));

            assertThat(calls).containsSubsequence("rollback(savepoint)", "commit", "rollback");
            assertThat(calls.indexOf("commit")).isLessThan(calls.lastIndexOf("rollback"));
            assertThat(single(held, "SELECT size FROM head WHERE id = 1")).isZero();
            assertThat(single(held, "SELECT COUNT(*) FROM entry")).isZero();
            s.execute("SHUTDOWN");
        }
    }

    /**
     * A replay that cannot take the projections' locks (the hazard versions' head table is gone) has locked the chain
     * head already: its transaction ends in a commit, as every one that locked the head does, never a plain rollback.
     */
    @org.junit.jupiter.api.Test
    void aReplayThatCannotTakeTheProjectionsLocks_commitsAfterTheHeadsLock() throws Exception {
        javax.sql.DataSource ds = io.hazardledger.TestLedgers.h2(dir);
        List<List<String>> connections = new CopyOnWriteArrayList<>();
        javax.sql.DataSource recorded = recording(ds, connections);
        try (io.hazardledger.Ledger ledger = io.hazardledger.Ledger.builder().dataSource(recorded).build()) {
            io.hazardledger.TestLedgers.park(ledger);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE hazard_version_head");   // (a missing row, a replay writes again)
            }
            connections.clear();

            org.assertj.core.api.Assertions.assertThatThrownBy(ledger::replay)
                    .hasStackTraceContaining("HAZARD_VERSION_HEAD");

            List<List<String>> locked = connections.stream().filter(calls -> calls.contains("lock head")).toList();
            assertThat(locked).isNotEmpty();
            for (List<String> calls : locked) {
                assertThat(calls.subList(calls.indexOf("lock head"), calls.size()).stream()
                        .filter(call -> call.equals("commit") || call.equals("rollback")).findFirst())
                        .as("the first end after the head's lock, in %s", calls).contains("commit");
            }
        }
    }

    /** {@code ds}, each connection it hands out recording its calls (see below) in a list of {@code connections}. */
    private static javax.sql.DataSource recording(javax.sql.DataSource ds, List<List<String>> connections) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(HeadLocksTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(ds, args);
                    }
                    List<String> calls = new CopyOnWriteArrayList<>();
                    connections.add(calls);
                    return recording(ds.getConnection(), calls);
                });
    }

    /**
     * A connection that records its transaction's ends in {@code calls} (and "lock head" where it locks the ledger's
     * head), and is itself what it unwraps to.
     */
    private static Connection recording(Connection target, List<String> calls) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(HeadLocksTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> {
                            if (args[0] instanceof String sql
                                    && sql.contains("FROM ledger_head WHERE id = 1 FOR UPDATE")) {
                                calls.add("lock head");
                            }
                        }
                        case "commit" -> calls.add("commit");
                        case "rollback" -> calls.add(args == null ? "rollback" : "rollback(savepoint)");
                        case "unwrap" -> {
                            if (args[0] == Connection.class) {
                                return proxy;
                            }
                        }
                        default -> { }
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Appends {@code count} entries, each at the index its locked head names; a refusal is reported in {@code seen}.
     */
    private static void append(JdbcDataSource ds, int count, List<String> seen) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long size = single(c, "SELECT size FROM head WHERE id = 1 FOR UPDATE");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO entry VALUES (?, ?)");
                     PreparedStatement update = c.prepareStatement("UPDATE head SET size = ? WHERE id = 1")) {
                    insert.setLong(1, size);
                    insert.setString(2, "entry " + size);
                    insert.executeUpdate();
                    update.setLong(1, size + 1);
                    update.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    seen.add("a writer was refused at index " + size + ": "
                            + e.getMessage().lines().findFirst().orElse(""));
                    c.rollback();
                    return;
                }
            }
        }
    }

    /** Locks the head, checks that no entry lies at or beyond it, and ends as {@code ending} says. */
    private static void lockAndEnd(JdbcDataSource ds, ConnectionProvider connections, Ending ending, List<String> seen)
            throws SQLException {
        if (ending == Ending.WRITER_ROLLED_BACK) {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>("append"));
            try {
                Connection c = connections.getConnection();
                long size = lockedHead(c, seen);
                HeadLocks.undoOnRollback(unit, c);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO entry VALUES (?, ?)");
                     PreparedStatement update = c.prepareStatement("UPDATE head SET size = ? WHERE id = 1")) {
                    insert.setLong(1, size);
                    insert.setString(2, "never kept");
                    insert.executeUpdate();
                    update.setLong(1, size + 1);
                    update.executeUpdate();
                } catch (SQLException e) {
                    seen.add("an append was refused at index " + size + ": "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            } finally {
                unit.rollback(new IllegalStateException("a projection failed"));
            }
            return;
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Savepoint afterLock = null;
            try {
                lockedHead(c, seen);
                if (ending == Ending.READER) {
                    HeadLocks.release(c);
                    return;
                }
                afterLock = c.setSavepoint();
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO scratch (note) VALUES ('never kept')");
                }
                throw new SQLException("the replay found a break");
            } catch (SQLException e) {
                HeadLocks.undoSince(c, afterLock);
            }
        }
    }

    /** The head read under its lock; an entry at or beyond it is reported in {@code seen}. */
    private static long lockedHead(Connection c, List<String> seen) throws SQLException {
        long max = single(c, "SELECT COALESCE(MAX(idx), -1) FROM entry");
        long size = single(c, "SELECT size FROM head WHERE id = 1 FOR UPDATE");
        if (max >= size) {
            seen.add("entry " + max + " lay beyond the head " + size);
        }
        return size;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
