package io.hazardledger.projection;

import java.sql.Connection;
import java.sql.SQLException;

/** A read model fed by ledger entries. Implementations ignore events they do not need. */
public interface Projection {

    /** A short name that stays the same from release to release, by which a replay reports this projection. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Deletes everything this projection holds, before a replay. */
    void reset(Connection connection) throws SQLException;

    /**
     * Locks, at a replay's start (right after the chain head, before any projection's {@link #rebuild}), every row
     * that this projection's rebuild locks and that another transaction may write without holding the chain head. A
     * replay that fails undoes its writes but keeps those locks until it ends by a commit: on H2 a rollback that undid
     * such a lock could put the row's older value back over one written meanwhile. By default, none.
     */
    default void lockForReplay(Connection connection) throws SQLException {
    }

    /**
     * Applies one ledger entry, on the connection whose transaction writes (or replays) it. It reads and writes through
     * that connection only, with {@code prepareStatement(sql)}, and does not rely on an update's count: on PostgreSQL
     * the updates are kept and sent with the entry's own statement in one round trip, and report 1.
     */
    void apply(Connection connection, RecordedEvent event) throws SQLException;

    /**
     * Starts a replay of every entry into this projection, in the replay's transaction on {@code connection}: the
     * returned rebuild is fed each entry in ledger order, then finished before the transaction commits. Once
     * finished, the projection must hold exactly what {@link #reset} followed by {@link #apply} of every entry would
     * leave. By default it is exactly that; a projection may instead compare what it would write with what it holds
     * and write only the difference, so that a replay over rows that are right changes none of them.
     */
    default Rebuild rebuild(Connection connection) throws SQLException {
        reset(connection);
        return new Rebuild() {
            @Override
            public void apply(RecordedEvent event) throws SQLException {
                Projection.this.apply(connection, event);
            }

            @Override
            public long finish() {
                return REWRITTEN;
            }
        };
    }

    /** One replay into a projection (see {@link Projection#rebuild}). */
    interface Rebuild {

        /** What {@link #finish} returns when the projection was deleted and written again whole without comparing. */
        long REWRITTEN = -1;

        /** The next entry, in ledger order. */
        void apply(RecordedEvent event) throws SQLException;

        /**
         * After the last entry: writes what is left to write; returns how many stored rows differed from what the
         * entries make (each inserted, updated or deleted; a row written over on the way and back to what it was
         * before the replay is not counted), or {@link #REWRITTEN}.
         */
        long finish() throws SQLException;

        /**
         * When the replay stops before its commit (its transaction is rolled back): stops work of the rebuild's own
         * that has not started yet.
         */
        default void abort() {
        }
    }
}
