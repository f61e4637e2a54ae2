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
 * at all. Outside a unit of work a plain auto-commit connection is handed out.
 */
public final class TransactionalConnections {

    private TransactionalConnections() {
    }

    public static ConnectionProvider over(DataSource dataSource) {
        ConnectionProvider transactional = () -> {
            Connection c = dataSource.getConnection();
            if (CurrentUnitOfWork.isStarted()
                    && !CurrentUnitOfWork.get().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)) {
                c.setAutoCommit(false);
            }
            return c;
        };
        return new UnitOfWorkAwareConnectionProviderWrapper(transactional);
    }
}
