package io.hazardledger.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The {@code ledger_key_entry} table (V17): the index of every entry whose event registers or revokes a key, written
 * with the entry. Verification reads the key history through it (a scan of every entry for its type cost a tenth of a
 * replay at a million entries) and checks it entry by entry ({@code key-index-mismatch}).
 */
final class KeyEntries {

    private KeyEntries() {
    }

    /** Whether an event of this type is part of the key history. */
    static boolean isKeyEvent(String eventType) {
        return "KeyRegistered".equals(eventType) || "KeyRevoked".equals(eventType);
    }

    /** Inserts the rows of these entries (key events'). */
    static void insert(Connection c, List<Long> indexes) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger_key_entry (ledger_index) VALUES (?)")) {
            for (long index : indexes) {
                insert.setLong(1, index);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
