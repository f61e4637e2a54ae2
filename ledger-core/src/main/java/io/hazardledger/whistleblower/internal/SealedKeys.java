package io.hazardledger.whistleblower.internal;

import io.hazardledger.store.internal.LedgerStorageException;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The wrapped data keys of sealed identities (table {@code whistleblower_key}, V14): beside the ledger, not in it, and
 * not a projection (a replay neither makes nor deletes them). Written and deleted on the connection of the write that
 * files or shreds, so that a key exists exactly when its filing does and is gone exactly when its shredding is.
 */
public final class SealedKeys {

    private final ConnectionProvider connections;

    public SealedKeys(ConnectionProvider connections) {
        this.connections = connections;
    }

    public void store(String reportId, String keyId, byte[] wrappedKey) {
        try (Connection c = connections.getConnection()) {
            Sql.update(c, "INSERT INTO whistleblower_key (report_id, key_id, wrapped_key) VALUES (?, ?, ?)", reportId,
                    keyId, wrappedKey);
        } catch (SQLException e) {
            throw new LedgerStorageException("storing a wrapped key failed: " + e.getMessage(), e);
        }
    }

    public Optional<byte[]> read(String reportId) {
        return Sql.query(connections, "SELECT wrapped_key FROM whistleblower_key WHERE report_id = ?",
                rs -> rs.getBytes(1), reportId).stream().findFirst();
    }

    /**
     * Deletes the wrapped key (an overwrite first would not help: H2 and PostgreSQL keep the old row version either
     * way until its space is reused; docs/FORMAT.md 18.1 says what that leaves behind).
     */
    public void destroy(String reportId) {
        try (Connection c = connections.getConnection()) {
            Sql.update(c, "DELETE FROM whistleblower_key WHERE report_id = ?", reportId);
        } catch (SQLException e) {
            throw new LedgerStorageException("destroying a wrapped key failed: " + e.getMessage(), e);
        }
    }
}
