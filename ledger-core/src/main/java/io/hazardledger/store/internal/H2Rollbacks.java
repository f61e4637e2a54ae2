package io.hazardledger.store.internal;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rollbacks on an embedded H2 file that cannot undo another transaction's committed write: each runs while H2 stores
 * nothing.
 *
 * <p>H2 (2.4.240, and 2.5.252 still) undoes a transaction record by record, each from inside an update of the
 * transaction's undo log, and runs that update again when the log's map changed meanwhile, which H2 storing its maps
 * beside it does (its background writer, a commit, a force). The undo writes the row's earlier value whatever the row
 * holds: the first run frees the row, another transaction may write it and commit, and the second run puts the earlier
 * value back over that commit. A committed write is then lost: an entry's head, a revoked token, a deadline's row.
 * ({@link HeadLocks} keeps the chain head out of it by never rolling back a transaction that locked it; this covers
 * every other row.) A rollback made while the caller holds H2's store lock sees no store and undoes each record once:
 * {@code ledger-bench/experiments/h2-double-undo} reproduces the loss on plain H2 and shows it gone so.
 *
 * <p>{@link #guard} wraps a data source so that its connections to an embedded H2 file roll back, to a savepoint too,
 * that way, and so that closing one with a transaction open rolls that back that way first (H2 would roll it back on
 * close, or the pool on return). Not covered: rollbacks H2 makes on its own (a statement that fails undoes its own
 * writes), and a second process's connections over {@code AUTO_SERVER} (H2 rolls them back in this process, outside
 * the guard). Other stores' connections are returned as they are.
 */
public final class H2Rollbacks {

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
        return (DataSource) Proxy.newProxyInstance(H2Rollbacks.class.getClassLoader(),
                new Class<?>[] {DataSource.class, Guarded.class}, new Delegating(dataSource) {
                    @Override
                    Object call(Object proxy, Method m, Object[] args) throws Throwable {
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
        return (Connection) Proxy.newProxyInstance(H2Rollbacks.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Delegating(c) {
                    @Override
                    Object call(Object proxy, Method m, Object[] args) throws Throwable {
                        switch (m.getName()) {
                            case "rollback" -> {
                                whileNothingIsStored(store, () -> invoke(m, args));
                                return null;
                            }
                            case "close" -> {
                                if (pending(c)) {
                                    whileNothingIsStored(store, c::rollback);
                                }
                                return invoke(m, args);
                            }
                            default -> {
                                return invoke(m, args);
                            }
                        }
                    }
                });
    }

    /** Whether {@code c} is open with a transaction that wrote or locked something. */
    private static boolean pending(Connection c) throws SQLException {
        if (c.isClosed() || c.getAutoCommit()) {
            return false;
        }
        return !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)
                || local.hasPendingTransaction();
    }

    private interface Undo {
        void run() throws Throwable;
    }

    /**
     * Runs {@code undo} holding H2's store lock. Nothing it throws reaches H2, which would take it for a failure of its
     * own and close the store; it is thrown here instead. A closed store: run as it is (H2 reports the closed store).
     */
    private static void whileNothingIsStored(MVStore store, Undo undo) throws Throwable {
        Throwable[] failed = new Throwable[1];
        boolean[] ran = new boolean[1];
        try {
            store.executeFilestoreOperation(() -> {
                ran[0] = true;
                try {
                    undo.run();
                } catch (Throwable t) {
                    failed[0] = t;
                }
            });
        } catch (RuntimeException storeClosed) {
            if (ran[0]) {
                throw storeClosed;
            }
            undo.run();
            return;
        }
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    /** Passes every call to {@code target}, but {@link #call}'s own; unwraps as the target does. */
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
                default -> call(proxy, m, args);
            };
        }
    }
}
