package io.hazardledger.store.internal;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction rolled back through a {@link H2Rollbacks#guard guarded} data source never undoes another transaction's
 * committed write, on an H2 file whose maps are stored all the while (as its background writer, commits and the
 * ledger's forces do). Writers add one to a counter row and commit, over and over; beside them a transaction writes
 * the same row and ends without keeping it, in one of the three ways a connection does. Through a plain H2 connection
 * (2.4.240 and 2.5.252) the undo could run twice, the second time over increments committed meanwhile: in 9 of 9
 * runs of the three endings through it, the counter ended below the increments committed or a writer was refused on
 * the counter's own key (H2's row left in an impossible state).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class H2RollbacksTest {

    static final int WRITERS = 3;
    /** Transactions beside the writers that end without keeping their write. */
    static final int ENDED = 5_000;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void onlyOnce() {
        io.hazardledger.TestLedgers.h2Only();
    }

    /** How the transaction beside the writers ends, having written the counter's row. */
    enum Ending {
        ROLLBACK,
        /** To a savepoint taken before its write, then a commit. */
        ROLLBACK_TO_SAVEPOINT,
        /** Closed with the transaction open: H2 rolls it back. */
        CLOSE
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void aRollback_neverUndoesAnotherTransactionsCommittedWrite(Ending ending) throws Exception {
        JdbcDataSource plain = file("counter");
        try {
            counterBeside(plain, H2Rollbacks.guard(plain), ending);
        } finally {
            shutdown(plain);
        }
    }

    /**
     * A rollback with something to undo waits for H2's store lock, held here by another thread as H2's own stores
     * hold it, and runs once it is free; one with nothing to undo does not wait. Through a guarded data source and
     * through the ledger's own on an H2 file. (With H2 storing in the background, {@code WRITE_DELAY} above 0, H2's own
     * rollback takes no store lock; with it at 0, as the server sets it, every transaction's end waits for that lock
     * after its undo, guarded or not.)
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aRollback_waitsForTheStoreLock_andOneWithNothingToUndoDoesNot(boolean ledgers) throws Exception {
        JdbcDataSource plain = file("lock");
        plain.setURL(plain.getURL() + ";WRITE_DELAY=500");
        io.hazardledger.Ledger ledger = null;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            DataSource guarded;
            if (ledgers) {
                ledger = io.hazardledger.Ledger.builder().dataSource(plain)
                        .storeHousekeeping(java.time.Duration.ZERO).build();
                guarded = ledger.dataSource();
            } else {
                guarded = H2Rollbacks.guard(plain);
            }
            try (Connection c = guarded.getConnection(); Connection idle = guarded.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)");
                    s.execute("INSERT INTO counter VALUES (1, 7)");
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE counter SET n = -1 WHERE id = 1");
                }
                idle.setAutoCommit(false);
                ReentrantLock lock = H2Rollbacks.storeLock(H2Housekeeping.store(c));
                java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
                Future<?> holder = threads.submit(() -> {
                    lock.lock();
                    try {
                        held.countDown();
                        release.await();
                    } finally {
                        lock.unlock();
                    }
                    return null;
                });
                held.await();
                Future<?> rollback;
                try {
                    rollback = rollBackBeside(threads, lock, c, idle);
                } finally {
                    release.countDown();   // before the connections close (closing one rolls back, under the lock)
                }
                holder.get(30, TimeUnit.SECONDS);
                rollback.get(30, TimeUnit.SECONDS);
                assertThat(single(c, "SELECT n FROM counter WHERE id = 1")).isEqualTo(7);
            }
        } finally {
            release.countDown();
            threads.shutdownNow();
            if (ledger != null) {
                ledger.close();
            }
            shutdown(plain);
        }
    }

    /**
     * While another thread holds {@code lock}: {@code idle}'s rollback, with nothing to undo, ends; {@code c}'s waits
     * for the lock (queued on it, not ended). Returns {@code c}'s rollback, under way.
     */
    private static Future<?> rollBackBeside(ExecutorService threads, ReentrantLock lock, Connection c, Connection idle)
            throws Exception {
        threads.submit(() -> {
            idle.rollback();   // nothing to undo
            return null;
        }).get(30, TimeUnit.SECONDS);
        var rolling = new java.util.concurrent.atomic.AtomicReference<Thread>();
        Future<?> rollback = threads.submit(() -> {
            rolling.set(Thread.currentThread());
            c.rollback();
            return null;
        });
        while (rolling.get() == null || !lock.hasQueuedThread(rolling.get())) {
            assertThat(rollback.isDone()).as("the rollback ended while another thread held the store lock").isFalse();
            Thread.onSpinWait();
        }
        return rollback;
    }

    /**
     * A large rollback (60,000 rows written, about 15 MB) through the guard, where H2 serialises its stores on threads
     * of its own ({@code WRITE_DELAY} above 0): it ends, and nothing it wrote is left.
     */
    @Test
    void aLargeRollback_withH2StoringInTheBackground_ends() throws Exception {
        JdbcDataSource plain = file("large");
        plain.setURL(plain.getURL() + ";WRITE_DELAY=500");
        try {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
                try (Connection c = H2Rollbacks.guard(plain).getConnection()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE big (id INT PRIMARY KEY, note VARCHAR(300))");
                    }
                    c.setAutoCommit(false);
                    try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
                        for (int i = 0; i < 60_000; i++) {
                            ps.setInt(1, i);
                            ps.setString(2, "a row that the rollback takes back ".repeat(6) + i);
                            ps.addBatch();
                            if (i % 1_000 == 999) {
                                ps.executeBatch();
                            }
                        }
                    }
                    c.rollback();
                    assertThat(single(c, "SELECT COUNT(*) FROM big")).isZero();
                }
            });
        } finally {
            shutdown(plain);
        }
    }

    /** A close whose rollback fails still closes the connection (a pooled one goes back), then throws that failure. */
    @Test
    void aCloseWhoseRollbackFails_stillCloses() throws Exception {
        JdbcDataSource plain = file("close");
        try (Connection real = plain.getConnection()) {
            AtomicBoolean closed = new AtomicBoolean();
            Connection failing = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                        if (m.getName().equals("rollback")) {
                            throw new SQLException("the disk is gone");
                        }
                        if (m.getName().equals("close")) {
                            closed.set(true);
                        }
                        try {
                            return m.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Connection c = H2Rollbacks.connection(failing);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            assertThatThrownBy(c::close).isInstanceOf(SQLException.class).hasMessage("the disk is gone");
            assertThat(closed).as("the connection beneath closed").isTrue();
        } finally {
            shutdown(plain);
        }
    }

    /**
     * Writers add one to a counter through {@code plain}; beside them {@link #ENDED} transactions through
     * {@code guarded} write its row and end as {@code ending} says; the counter must hold every increment committed.
     */
    private static void counterBeside(JdbcDataSource plain, DataSource guarded, Ending ending) throws Exception {
        try (Connection held = plain.getConnection()) {
            try (Statement s = held.createStatement()) {
                s.execute("CREATE TABLE counter (id INT PRIMARY KEY, n BIGINT NOT NULL)");
                s.execute("INSERT INTO counter VALUES (1, 0)");
            }
            MVStore store = ((SessionLocal) held.unwrap(JdbcConnection.class).getSession()).getDatabase()
                    .getStore().getMvStore();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong committed = new AtomicLong();
            AtomicLong ended = new AtomicLong();
            long versionBefore = store.getCurrentVersion();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(pool.submit(() -> {
                        try (Connection c = plain.getConnection()) {
                            c.setAutoCommit(false);
                            while (writing.get()) {
                                try (Statement s = c.createStatement()) {
                                    s.executeUpdate("UPDATE counter SET n = n + 1 WHERE id = 1");
                                }
                                c.commit();
                                committed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                Future<?> beside = pool.submit(() -> {
                    while (ended.get() < ENDED) {
                        writeAndEnd(guarded, ending);
                        ended.incrementAndGet();
                    }
                    return null;
                });
                Future<?> storing = pool.submit(() -> {
                    while (writing.get()) {
                        store.commit();   // H2 storing its maps beside every rollback, as its writer thread does
                    }
                    return null;
                });
                beside.get(90, TimeUnit.SECONDS);
                writing.set(false);
                for (Future<?> w : writers) {
                    w.get(30, TimeUnit.SECONDS);
                }
                storing.get(30, TimeUnit.SECONDS);
            } finally {
                writing.set(false);
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(committed.get()).as("increments committed beside them").isGreaterThan(100);
            assertThat(store.getCurrentVersion() - versionBefore).as("H2's stores beside them").isGreaterThan(100);
            assertThat(single(held, "SELECT n FROM counter WHERE id = 1")).as("the counter")
                    .isEqualTo(committed.get());
        }
    }

    /** Connections to anything but an embedded H2 file are not wrapped; a guarded source is not guarded twice. */
    @Test
    void otherStores_areLeftAsTheyAre() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:" + java.util.UUID.randomUUID());
        DataSource guarded = H2Rollbacks.guard(memory);
        assertThat(H2Rollbacks.guard(guarded)).isSameAs(guarded);
        try (Connection c = guarded.getConnection()) {
            assertThat(c).isInstanceOf(JdbcConnection.class);
        }
        JdbcDataSource file = file("file");
        try (Connection c = H2Rollbacks.guard(file).getConnection()) {
            assertThat(c).isNotInstanceOf(JdbcConnection.class);
            assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(H2Housekeeping.store(c)).as("the engine reached through the guard").isNotNull();
            assertThat(c.unwrap(Connection.class)).as("unwrapped to a connection, still guarded").isSameAs(c);
        } finally {
            shutdown(file);
        }
    }

    private JdbcDataSource file(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** Writes the counter's row (waiting for its lock) and ends without keeping the write. */
    private static void writeAndEnd(DataSource guarded, Ending ending) throws SQLException {
        Connection c = guarded.getConnection();
        try {
            c.setAutoCommit(false);
            Savepoint before = c.setSavepoint();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE counter SET n = -1 WHERE id = 1");
            }
            switch (ending) {
                case ROLLBACK -> c.rollback();
                case ROLLBACK_TO_SAVEPOINT -> {
                    c.rollback(before);
                    c.commit();
                }
                case CLOSE -> { }
            }
        } finally {
            c.close();
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void shutdown(JdbcDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");   // DB_CLOSE_DELAY=-1 keeps it open (and its writer thread) otherwise
        }
    }
}
