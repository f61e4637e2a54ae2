package io.hazardledger.signing.internal;

import io.hazardledger.LedgerPosition;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.signing.AccountabilityTrail;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code signature_entry} table: one row per entry that is signed or names its caller (a row of an unsigned
 * entry holds its caller alone), and the trails read from it.
 */
public final class SignatureTrailView implements Projection, AccountabilityTrail {

    private static final String SELECT = "SELECT l.ledger_index, l.entry_hash, l.event_type, l.aggregate_id, s.action, "
            + "s.signer_id, s.key_id, s.claimed_at, s.recorded_at, s.mode, k.valid_from, "
            // a revocation whose entry is not known (a store not yet rebuilt since V10) counts at every position
            + "CASE WHEN k.revoked_index IS NULL OR k.revoked_index < ? THEN k.revoked_at END, "
            // an unsigned entry's recorded time is its entry's own (the signature's row holds the signed ones')
            + "CASE WHEN s.signer_id IS NULL THEN l.entry END, s.caller_id "
            + "FROM ledger_entry l LEFT JOIN signature_entry s ON s.ledger_index = l.ledger_index "
            + "LEFT JOIN signer_key k ON k.key_id = s.key_id ";

    private static final String COLUMNS = "ledger_index, statement_hash, action, aggregate_id, signer_id, key_id, "
            + "claimed_at, recorded_at, mode, caller_id";
    private static final String INSERT = "INSERT INTO signature_entry (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ConnectionProvider connections;

    /** The stored rows a replay reads at a time, by ranges of ledger indexes. */
    private final int chunk;

    public SignatureTrailView(ConnectionProvider connections) {
        this(connections, 5_000);
    }

    /** @param chunk the stored rows a replay reads at a time, by ranges of that many ledger indexes */
    SignatureTrailView(ConnectionProvider connections, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("a replay reads at least one index at a time, not " + chunk);
        }
        this.connections = connections;
        this.chunk = chunk;
    }

    @Override
    public String name() {
        return "signature-trail";
    }

    @Override
    public void reset(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM signature_entry");
    }

    @Override
    public void apply(Connection c, RecordedEvent e) throws SQLException {
        if (rowless(e)) {
            return;
        }
        Sql.update(c, INSERT, row(e));
    }

    /** An entry that makes no row: unsigned, naming no caller. */
    private static boolean rowless(RecordedEvent e) {
        return e.signature() == null && e.caller() == null;
    }

    /**
     * The row an entry makes, in {@link #COLUMNS}' order: the index, then nine strings; an unsigned entry's holds its
     * aggregate, recorded time and caller, and no statement.
     */
    private static Object[] row(RecordedEvent e) {
        String recordedAt = InstantText.of(e.recordedAt());
        if (e.signature() == null) {
            return new Object[]{e.index(), null, null, e.aggregateId(), null, null, null, recordedAt, null,
                    e.caller()};
        }
        Statement s = e.signature().statement();
        return new Object[]{e.index(), e.statementHash(), s.action(), s.aggregateId(), s.signerId(),
                s.keyId(), s.claimedAt(), recordedAt, s.mode(), e.caller()};
    }

    /**
     * A replay compares the stored rows with those the entries make, a range of {@code chunk} indexes at a time read
     * ahead of the entries, and writes only the difference: a row that differs is updated, a missing one inserted, one
     * that no entry makes (the index of an unsigned entry with no caller, before the first entry or beyond the last)
     * deleted.
     */
    @Override
    public Rebuild rebuild(Connection c) {
        return new Rebuild() {
            /** The stored rows of the range read last, not yet matched with an entry, by index. */
            private final Map<Long, Object[]> stored = new HashMap<>();
            /** Stored rows below this index have been read. */
            private long readTo;
            private long changed;

            @Override
            public void apply(RecordedEvent e) throws SQLException {
                while (e.index() >= readTo) {
                    readNextRange();
                }
                Object[] was = stored.remove(e.index());
                if (rowless(e)) {
                    if (was != null) {
                        Sql.update(c, "DELETE FROM signature_entry WHERE ledger_index = ?", e.index());
                        changed++;
                    }
                    return;
                }
                Object[] row = row(e);
                if (was == null) {
                    Sql.update(c, INSERT, row);
                    changed++;
                } else if (!Arrays.equals(was, row)) {
                    Sql.update(c, "UPDATE signature_entry SET statement_hash = ?, action = ?, aggregate_id = ?, "
                                    + "signer_id = ?, key_id = ?, claimed_at = ?, recorded_at = ?, mode = ?, "
                                    + "caller_id = ? "
                                    + "WHERE ledger_index = ?",
                            Sql.keyLast(row));
                    changed++;
                }
            }

            /** Deletes what is left of the range read last (indexes no entry reached), then reads the next range. */
            private void readNextRange() throws SQLException {
                deleteUnmatched();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM signature_entry "
                        + "WHERE ledger_index >= ? AND ledger_index < ?")) {
                    ps.setLong(1, readTo);
                    ps.setLong(2, readTo + chunk);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Object[] row = new Object[10];
                            row[0] = rs.getLong(1);
                            for (int k = 1; k < row.length; k++) {
                                row[k] = rs.getString(k + 1);
                            }
                            stored.put((Long) row[0], row);
                        }
                    }
                }
                readTo += chunk;
            }

            private void deleteUnmatched() throws SQLException {
                for (Long index : stored.keySet()) {
                    Sql.update(c, "DELETE FROM signature_entry WHERE ledger_index = ?", index);
                    changed++;
                }
                stored.clear();
            }

            @Override
            public long finish() throws SQLException {
                deleteUnmatched();
                return changed + Sql.update(c, "DELETE FROM signature_entry WHERE ledger_index < 0 OR ledger_index >= ?",
                        readTo);
            }
        };
    }

    @Override
    public List<SignedAct> signedBy(String personId) {
        return signedBy(personId, Long.MAX_VALUE);
    }

    @Override
    public List<SignedAct> actsOf(String personId) {
        return actsOf(personId, Long.MAX_VALUE);
    }

    @Override
    public List<SignedAct> actsOf(String personId, LedgerPosition at) {
        return actsOf(personId, at.size());
    }

    @Override
    public List<SignedAct> responsibilityFor(String aggregateId) {
        return responsibilityFor(aggregateId, Long.MAX_VALUE);
    }

    @Override
    public List<SignedAct> signedBy(String personId, LedgerPosition at) {
        return signedBy(personId, at.size());
    }

    @Override
    public List<SignedAct> responsibilityFor(String aggregateId, LedgerPosition at) {
        return responsibilityFor(aggregateId, at.size());
    }

    /** The acts among the first {@code size} entries, judged by the revocations among them. */
    private List<SignedAct> signedBy(String personId, long size) {
        return Sql.query(connections, SELECT + "WHERE s.signer_id = ? AND l.ledger_index < ? ORDER BY l.ledger_index",
                SignatureTrailView::act, size, personId, size);
    }

    /** The acts among the first {@code size} entries that the person signed or asked for, each once. */
    private List<SignedAct> actsOf(String personId, long size) {
        // two indexed lookups (an OR of two columns would scan the table); the second leaves out what the first found
        return Sql.query(connections, SELECT + "WHERE s.signer_id = ? AND l.ledger_index < ? UNION ALL "
                        + SELECT + "WHERE s.caller_id = ? AND l.ledger_index < ? "
                        + "AND (s.signer_id IS NULL OR s.signer_id <> ?) ORDER BY 1",
                SignatureTrailView::act, size, personId, size, size, personId, size, personId);
    }

    private List<SignedAct> responsibilityFor(String aggregateId, long size) {
        return Sql.query(connections, SELECT + "WHERE l.aggregate_id = ? AND l.ledger_index < ? ORDER BY l.ledger_index",
                SignatureTrailView::act, size, aggregateId, size);
    }

    private static SignedAct act(ResultSet rs) throws SQLException {
        String signer = rs.getString(6);
        String status;
        if (signer == null) {
            status = "unsigned";
        } else {
            Instant claimed = Instant.parse(rs.getString(8));
            String validFrom = rs.getString(11);
            String revokedAt = rs.getString(12);
            boolean valid = validFrom != null && !claimed.isBefore(Instant.parse(validFrom))
                    && (revokedAt == null || claimed.isBefore(Instant.parse(revokedAt)));
            // a revocation or rotation is judged by the key as it stood before it
            boolean ownRevocation = SignedActions.managesKeys(rs.getString(5));
            boolean notYetValid = validFrom != null && claimed.isBefore(Instant.parse(validFrom));
            status = valid || ownRevocation && !notYetValid ? "valid" : notYetValid ? "key-not-yet-valid" : "key-revoked";
        }
        String recordedAt = signer == null ? recordedAt(rs.getBytes(13)) : rs.getString(9);
        return new SignedAct(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                signer, rs.getString(7), rs.getString(8), recordedAt, rs.getString(10), status, rs.getString(14));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ENTRY =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The {@code recordedAt} of a stored entry (docs/FORMAT.md section 1); null when it holds none. */
    private static String recordedAt(byte[] entry) {
        if (entry == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode at = ENTRY.readTree(entry).path("recordedAt");
            return at.isTextual() ? at.asText() : null;
        } catch (java.io.IOException e) {
            return null;   // an entry that is no JSON is verify's to report, at its index
        }
    }
}
