package io.hazardledger.projection;

import java.sql.Connection;
import java.sql.SQLException;

/** A read model fed by ledger entries. Implementations ignore events they do not need. */
public interface Projection {

    /** Deletes everything this projection holds, before a replay. */
    void reset(Connection connection) throws SQLException;

    /**
     * Applies one ledger entry, on the connection whose transaction writes (or replays) it. It reads and writes through
     * that connection only, with {@code prepareStatement(sql)}, and does not rely on an update's count: on PostgreSQL
     * the updates are kept and sent with the entry's own statement in one round trip, and report 1.
     */
    void apply(Connection connection, RecordedEvent event) throws SQLException;
}
