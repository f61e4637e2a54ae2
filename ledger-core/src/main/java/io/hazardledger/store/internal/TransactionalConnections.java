package io.hazardledger.store.internal;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import javax.sql.DataSource;
import java.sql.Connection;

/**
 * Connections for Axon without Spring. Inside a unit of work, every component gets the one connection of
 * that unit of work, with auto-commit off; Axon's wrapper commits it when the unit of work commits and rolls
 * it back when it rolls back. So the event, its ledger entry and the projections' rows commit together or not
 * at all. Outside a unit of work a plain auto-commit connection is handed out. With {@link ForcedCommits}, an embedded
 * H2 file is forced to the disk after each unit of work's commit, in its commit phase: before the caller is answered.
 */
public final class TransactionalConnections {

    private TransactionalConnections() {
    }

    public static ConnectionProvider over(DataSource dataSource) {
        return over(dataSource, null);
    }

    /** As {@link #over(DataSource)}, each unit of work's commit followed by a force where {@code forced} is given. */
    public static ConnectionProvider over(DataSource dataSource, ForcedCommits forced) {
        ConnectionProvider transactional = () -> {
            Connection c = dataSource.getConnection();
            if (CurrentUnitOfWork.isStarted()
                    && !CurrentUnitOfWork.get().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
                c.setAutoCommit(false);
                if (forced != null) {
                    // Axon's wrapper registers its commit on the same unit of work right after this returns: the
                    // commit handlers run in reverse, so the force follows the commit
                    forced.afterCommitOf(CurrentUnitOfWork.get(), c);
                }
            }
            return c;
        };
        return new UnitOfWorkAwareConnectionProviderWrapper(transactional);
    }
}
