package io.hazardledger.signing.internal;

import io.hazardledger.LedgerPosition;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.Statement;
import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.signing.AccountabilityTrail;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code signature_entry} table: one row per signed entry, and the trails read from it. */
public final class SignatureTrailView implements Projection, AccountabilityTrail {

    private static final String SELECT = "SELECT l.ledger_index, l.entry_hash, l.event_type, l.aggregate_id, s.action, "
            + "s.signer_id, s.key_id, s.claimed_at, s.recorded_at, s.mode, k.valid_from, "
            // a revocation whose entry is not known (a store not yet rebuilt since V10) counts at every position
            + "CASE WHEN k.revoked_index IS NULL OR k.revoked_index < ? THEN k.revoked_at END "
            + "FROM ledger_entry l LEFT JOIN signature_entry s ON s.ledger_index = l.ledger_index "
            + "LEFT JOIN signer_key k ON k.key_id = s.key_id ";

    private final ConnectionProvider connections;

    public SignatureTrailView(ConnectionProvider connections) {
        this.connections = connections;
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
        if (e.signature() == null) {
            return;
        }
        Statement s = e.signature().statement();
        Sql.update(c, "INSERT INTO signature_entry (ledger_index, statement_hash, action, aggregate_id, signer_id, key_id, "
                        + "claimed_at, recorded_at, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.index(), Hashes.sha256Hex(s.canonicalBytes()), s.action(), s.aggregateId(), s.signerId(), s.keyId(),
                s.claimedAt(), InstantText.of(e.recordedAt()), s.mode());
    }

    @Override
    public List<SignedAct> signedBy(String personId) {
        return signedBy(personId, Long.MAX_VALUE);
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
        return new SignedAct(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                signer, rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), status);
    }
}
