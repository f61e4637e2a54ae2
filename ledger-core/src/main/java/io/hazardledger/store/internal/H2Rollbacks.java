package io.hazardledger.store.internal;

import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rollbacks on an embedded H2 file that another thread's store cannot make undo a row twice: each runs holding H2's
 * store lock.
 *
 * <p>H2 (2.4.240, and 2.5.252 still) undoes a transaction record by record, each from inside an update of the
 * transaction's undo log, and runs that update again when the log's map changed meanwhile, which H2 storing its maps
 * does (its background writer, a commit, a force, a compaction: each under its store lock). The undo writes the row's
 * earlier value whatever the row holds: the first run frees the row, another transaction may write it and commit,
 * and the second run puts the earlier value back over that commit. A committed write is then lost: an entry's head,
 * a deadline's row, an application's own row. ({@link HeadLocks} keeps the chain head out of it by never rolling back
 * a transaction that locked it; this covers the rows other threads write.) Holding the store lock keeps every other
 * thread from storing during the rollback: {@code ledger-bench/experiments/h2-double-undo} reproduces the loss on
 * plain H2 and shows it gone so.
 *
 * <p>{@link #guard} wraps a data source so that its connections to an embedded H2 file roll back, to a savepoint too,
 * that way, and so that closing one with a transaction open rolls that back that way first (H2 would roll it back on
 * close, or the pool on return). A connection with nothing to undo rolls back as it is, without waiting for the lock.
 * Only the store lock is held (not H2's serialization lock, as {@link MVStore#executeFilestoreOperation} would): the
 * rolling-back thread may itself have to store, when the undo leaves more unsaved pages than H2's limit, and H2's
 * background serialization (with {@code WRITE_DELAY} above 0) needs that other lock. Such a store of the rollback's own
 * thread can still change the undo log under it (rare: only a large rollback leaves that much unsaved). Not covered
 * either: rollbacks H2 makes on its own (a statement that fails undoes its own writes; a transaction H2 picks to end a
 * deadlock is rolled back whole), and a second process's connections over {@code AUTO_SERVER} (H2 rolls them back in
 * this process, outside the guard). Other stores' connections are returned as they are.
 *
 * <p>H2 offers no public way to take its store lock; it is read from {@code MVStore}'s private field. Where that field
 * cannot be read (an H2 without it, H2 on the module path not opened to the ledger), {@link #guard} logs it and guards
 * nothing.
 */
public final class H2Rollbacks {

    private static final Field STORE_LOCK = storeLockField();

    private H2Rollbacks() {
    }

    /** Marks a guarded data source, so that one is not guarded twice. */
    private interface Guarded {
    }

    /**
     * {@code dataSource}, its connections to an embedded H2 file guarded. Create it only where H2 is on the class path
     * and the data source is such a file ({@link H2Housekeeping#applies}).
     */
    public static DataSource guard(DataSource dataSource) {
        if (dataSource instanceof Guarded) {
            return dataSource;
        }
        if (STORE_LOCK == null) {
            org.slf4j.LoggerFactory.getLogger(H2Rollbacks.class).warn("H2's store lock cannot be read here "
                    + "(MVStore.storeLock): rollbacks on the embedded store are not guarded against H2 undoing a row "
                    + "twice over another transaction's commit");
            return dataSource;
        }
        return (DataSource) Proxy.newProxyInstance(H2Rollbacks.class.getClassLoader(),
                new Class<?>[] {DataSource.class, Guarded.class}, new Delegating(dataSource) {
                    @Override
                    Object call(Object proxy, Method m, Object[] args) throws Throwable {
                        if (m.getName().equals("createConnectionBuilder")) {
                            throw new SQLFeatureNotSupportedException("a guarded data source's connections come from "
                                    + "getConnection()");
                        }
                        Object result = invoke(m, args);
                        return m.getName().equals("getConnection") ? connection((Connection) result) : result;
                    }
                });
    }

    /** {@code c} guarded, if it is a connection to an embedded H2 file. */
    static Connection connection(Connection c) throws SQLException {
        MVStore store = H2Housekeeping.store(c);
        if (store == null) {
            return c;
        }
        ReentrantLock lock = storeLock(store);
        SessionLocal session = H2Housekeeping.localSession(c);   // a store was found: a session in this process
        return (Connection) Proxy.newProxyInstance(H2Rollbacks.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Delegating(c) {
                    @Override
                    Object call(Object proxy, Method m, Object[] args) throws Throwable {
                        switch (m.getName()) {
                            case "rollback" -> {
                                if (pending(c, session)) {
                                    rollBackHolding(lock, c, args == null ? null : (Savepoint) args[0]);
                                    return null;
                                }
                                return invoke(m, args);
                            }
                            case "close" -> {
                                return close(c, session, lock);
                            }
                            default -> {
                                return invoke(m, args);
                            }
                        }
                    }
                });
    }

    /** Rolls {@code c} back (to {@code savepoint}, or whole where it is null) holding {@code lock}. */
    private static void rollBackHolding(ReentrantLock lock, Connection c, Savepoint savepoint) throws SQLException {
        lock.lock();
        try {
            if (savepoint == null) {
                c.rollback();
            } else {
                c.rollback(savepoint);
            }
        } finally {
            lock.unlock();
        }
    }

    /** H2's store lock of {@code store}. */
    static ReentrantLock storeLock(MVStore store) {
        try {
            return (ReentrantLock) STORE_LOCK.get(store);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("H2's store lock could not be read", e);
        }
    }

    /**
     * Closes {@code c}, first rolling back under {@code lock} a transaction left open; closed whatever that rollback
     * throws (a pooled connection goes back to its pool), which is then thrown.
     */
    private static Object close(Connection c, SessionLocal session, ReentrantLock lock) throws SQLException {
        SQLException failed = null;
        try {
            if (pending(c, session)) {
                rollBackHolding(lock, c, null);
            }
        } catch (SQLException | RuntimeException e) {
            failed = e instanceof SQLException sql ? sql
                    : new SQLException("could not roll back before closing: " + e.getMessage(), e);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            if (failed == null) {
                throw e;
            }
            failed.addSuppressed(e);
        }
        if (failed != null) {
            throw failed;
        }
        return null;
    }

    /** Whether {@code c} (of {@code session}) is open with a transaction that wrote or locked something. */
    private static boolean pending(Connection c, SessionLocal session) throws SQLException {
        return !c.isClosed() && !c.getAutoCommit() && session.hasPendingTransaction();
    }

    private static Field storeLockField() {
        try {
            Field f = MVStore.class.getDeclaredField("storeLock");
            if (f.getType() != ReentrantLock.class) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Passes every call to {@code target}, but {@link #call}'s own. Unwrapped to an interface the proxy implements, it
     * is the proxy itself (so that what unwraps it keeps the guard); to anything else, as the target unwraps.
     */
    private abstract static class Delegating implements InvocationHandler {

        private final Object target;

        Delegating(Object target) {
            this.target = target;
        }

        abstract Object call(Object proxy, Method m, Object[] args) throws Throwable;

        final Object invoke(Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public final Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            return switch (m.getName()) {
                case "equals" -> args[0] == proxy;
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "guarded " + target;
                case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : invoke(m, args);
                case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || (Boolean) invoke(m, args);
                default -> call(proxy, m, args);
            };
        }
    }
}
