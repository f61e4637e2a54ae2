package io.hazardledger.store.internal;

import org.axonframework.common.jdbc.ConnectionProvider;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The deadlines' data source (db-scheduler's): inside a unit of work its connection is the unit of work's own, so a
 * deadline that a write sets commits or rolls back with the write's events, and one that a deadline sets with the
 * deadline's events; outside one (the scheduler's polling), a plain connection of the store.
 */
public final class UnitOfWorkDataSource implements DataSource {

    private final DataSource target;
    private final ConnectionProvider connections;

    public UnitOfWorkDataSource(DataSource target, ConnectionProvider connections) {
        this.target = target;
        this.connections = connections;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connections.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the ledger's connections carry their own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
