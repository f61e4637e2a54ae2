package io.hazardledger.store.internal;

import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * How a transaction that locked a head row (the chain head, or another row that serialises its writers, as the hazard
 * versions' {@code hazard_version_head}) ends when it keeps nothing it wrote: never by a plain rollback, which on H2
 * can put an older head back over a newer one.
 *
 * <p>H2 (2.4.240) undoes a transaction record by record, each undo run from inside an update of the transaction's
 * undo log, and it runs that update again when the log's map changed meanwhile (H2 storing its maps beside it: the
 * background writer, or a commit's force). The undo is not idempotent: the undo of the head row's lock puts the
 * committed head back and so frees the row at once; a writer waiting for the row can lock it, append and commit before
 * the undo runs a second time and puts the older head back over the newer one. The entries stay and the head names
 * an earlier size: verification then reports entries beyond the head, and the next writer is refused on an index
 * already taken. Seen in about one run in ten of {@code VerifyAndReplayWhileWritingTest} (a verification locks the
 * head and ended with a rollback), and traced in an instrumented H2: one rollback, two restores of the same record,
 * the second over a head another writer had committed between them.
 *
 * <p>So such a transaction ends by a commit. One that wrote nothing (a reader that locked the head) commits, which
 * frees the row unchanged. One whose writes must be undone rolls back to a savepoint taken just after its lock: the rows
 * it wrote are put back while it still holds the head (no other writer can touch them: every write takes the head
 * first), and the commit that follows frees the head unchanged. On PostgreSQL both are what a rollback does.
 *
 * <p>The ledger's connections to an embedded H2 file now also roll back holding H2's store lock ({@link H2Rollbacks}),
 * which keeps other threads' stores from running the undo twice. These endings stay, so that the head does not depend
 * on that guard (a connection it does not wrap, H2's own rollbacks, a store of the rolling-back thread itself) and a
 * reader keeps nothing to undo.
 */
public final class HeadLocks {

    private static final String UNDO_REGISTERED = HeadLocks.class.getName() + ".undo";

    private HeadLocks() {
    }

    /** Ends a transaction that may have locked the head and wrote nothing. */
    public static void release(Connection c) throws SQLException {
        c.commit();
    }

    /**
     * Ends a transaction that locked the head before {@code afterLock}: what it wrote since is undone and the head is
     * freed unchanged; with no savepoint (the failure came before or during the lock), a plain rollback.
     */
    public static void undoSince(Connection c, Savepoint afterLock) throws SQLException {
        if (afterLock == null) {
            c.rollback();
            return;
        }
        c.rollback(afterLock);
        // the connection itself: Axon's wrapper of a unit of work's connection ignores a commit (the unit commits it)
        c.unwrap(Connection.class).commit();
    }

    /**
     * {@link #undoSince} after {@code failure}: a failure to undo is added to it (the caller throws {@code failure}),
     * not thrown in its place.
     */
    public static void undoAfterFailure(Connection c, Savepoint afterLock, Throwable failure) {
        try {
            undoSince(c, afterLock);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * For a writer's unit of work that has just locked the head on {@code c}: should the unit roll back, its writes are
     * undone to this point and the head freed by a commit, before the connection's own rollback (which then finds
     * nothing to undo). Once per unit of work; its rollback steps run in the reverse of their order, so this one runs
     * before that of the connection, registered when the connection was taken. Axon registers that step on the unit
     * that takes the connection first, which for the ledger is the root (a group's, or a command's alone).
     */
    static void undoOnRollback(UnitOfWork<?> unit, Connection c) throws SQLException {
        UnitOfWork<?> root = unit.root();
        if (root.resources().containsKey(UNDO_REGISTERED)) {
            return;
        }
        Savepoint afterLock = c.setSavepoint();
        root.resources().put(UNDO_REGISTERED, Boolean.TRUE);
        root.onRollback(u -> {
            try {
                undoSince(c, afterLock);
            } catch (SQLException e) {
                // The transaction is no longer the one that took the savepoint (H2 rolls a transaction back itself
                // on a deadlock; a failure after the commit leaves none): the connection's rollback follows.
            }
        });
    }
}
