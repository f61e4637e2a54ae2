package io.hazardledger.whistleblower.internal;

import io.hazardledger.internal.InstantText;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.RewriteCompared;
import io.hazardledger.store.internal.Sql;
import io.hazardledger.whistleblower.IdentityAccess;
import io.hazardledger.whistleblower.ReportSummary;
import io.hazardledger.whistleblower.WhistleblowerIdentityRevealed;
import io.hazardledger.whistleblower.WhistleblowerIdentityShredded;
import io.hazardledger.whistleblower.WhistleblowerReportFiled;
import io.hazardledger.whistleblower.WhistleblowerReportLinked;
import io.hazardledger.whistleblower.WhistleblowerReports;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tables {@code whistleblower_report} and {@code whistleblower_access} (V14): the reports without their identities
 * (a sealed identity's ciphertext is not copied here) and every act on an identity.
 */
public final class WhistleblowerView implements Projection, WhistleblowerReports {

    /** Its tables, each with its primary key. */
    private static final RewriteCompared.Table[] TABLES = {
            new RewriteCompared.Table("whistleblower_access", "ledger_index"),
            new RewriteCompared.Table("whistleblower_report", "report_id")};

    private static final String COLUMNS = "report_id, enterprise_id, location, description, identity_state, commitment, "
            + "filed_index, filed_entry_hash, filed_at, hazard_id, linked_index, reveals";

    private final ConnectionProvider connections;

    public WhistleblowerView(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "whistleblower-reports";
    }

    @Override
    public void reset(Connection c) throws SQLException {
        RewriteCompared.delete(c, TABLES);
    }

    /** Written again whole by a replay, which reports the rows that differed from what this projection held. */
    @Override
    public Rebuild rebuild(Connection c) throws SQLException {
        return RewriteCompared.start(this, c, TABLES);
    }

    @Override
    public void apply(Connection c, RecordedEvent ev) throws SQLException {
        Object p = ev.payload();
        if (p instanceof WhistleblowerReportFiled e) {
            Sql.update(c, "INSERT INTO whistleblower_report (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, "
                            + "NULL, 0)", e.reportId(), e.enterpriseId(), e.location(), e.description(),
                    e.sealedIdentity() == null ? ReportSummary.IdentityState.NONE : ReportSummary.IdentityState.SEALED,
                    e.sealedIdentity() == null ? null : e.sealedIdentity().commitment(), ev.index(), ev.entryHash(),
                    InstantText.of(ev.recordedAt()));
        } else if (p instanceof WhistleblowerReportLinked e) {
            Sql.update(c, "UPDATE whistleblower_report SET hazard_id = ?, linked_index = ? WHERE report_id = ?",
                    e.hazardId(), ev.index(), e.reportId());
        } else if (p instanceof WhistleblowerIdentityRevealed e) {
            Sql.update(c, "UPDATE whistleblower_report SET reveals = reveals + 1 WHERE report_id = ?", e.reportId());
            access(c, ev, e.reportId(), IdentityAccess.Kind.REVEAL, e.revealedBy(), e.reason());
        } else if (p instanceof WhistleblowerIdentityShredded e) {
            Sql.update(c, "UPDATE whistleblower_report SET identity_state = ? WHERE report_id = ?",
                    ReportSummary.IdentityState.SHREDDED, e.reportId());
            access(c, ev, e.reportId(), IdentityAccess.Kind.SHRED, e.shreddedBy(), e.reason());
        }
    }

    private static void access(Connection c, RecordedEvent ev, String reportId, IdentityAccess.Kind kind,
                               String personId, String reason) throws SQLException {
        Sql.update(c, "INSERT INTO whistleblower_access (ledger_index, entry_hash, report_id, kind, person_id, reason, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", ev.index(), ev.entryHash(), reportId, kind, personId,
                reason, InstantText.of(ev.recordedAt()));
    }

    @Override
    public List<ReportSummary> find(String enterpriseId) {
        return enterpriseId == null
                ? Sql.query(connections, "SELECT " + COLUMNS + " FROM whistleblower_report ORDER BY filed_index",
                        WhistleblowerView::summary)
                : Sql.query(connections, "SELECT " + COLUMNS + " FROM whistleblower_report WHERE enterprise_id = ? "
                        + "ORDER BY filed_index", WhistleblowerView::summary, enterpriseId);
    }

    @Override
    public Optional<ReportSummary> get(String reportId) {
        return Sql.query(connections, "SELECT " + COLUMNS + " FROM whistleblower_report WHERE report_id = ?",
                WhistleblowerView::summary, reportId).stream().findFirst();
    }

    @Override
    public List<IdentityAccess> accesses(String reportId) {
        return Sql.query(connections, "SELECT ledger_index, entry_hash, report_id, kind, person_id, reason, recorded_at "
                + "FROM whistleblower_access WHERE report_id = ? ORDER BY ledger_index", WhistleblowerView::access,
                reportId);
    }

    @Override
    public List<IdentityAccess> accesses(String personId, int limit, int offset) {
        String sql = "SELECT ledger_index, entry_hash, report_id, kind, person_id, reason, recorded_at "
                + "FROM whistleblower_access" + (personId == null ? "" : " WHERE person_id = ?")
                + " ORDER BY ledger_index LIMIT ? OFFSET ?";
        return personId == null ? Sql.query(connections, sql, WhistleblowerView::access, limit, offset)
                : Sql.query(connections, sql, WhistleblowerView::access, personId, limit, offset);
    }

    @Override
    public Map<String, Long> outsideFindingsBefore(Map<String, Long> before, Long size) {
        Map<String, Long> out = new HashMap<>();
        if (before.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(before.keySet());
        String in = String.join(", ", java.util.Collections.nCopies(before.size(), "?"));
        String sql = "SELECT hazard_id, filed_index FROM whistleblower_report WHERE hazard_id IN (" + in + ")"
                + (size == null ? "" : " AND linked_index < ?");
        if (size != null) {
            params.add(size);
        }
        Sql.query(connections, sql, rs -> {
            String hazardId = rs.getString(1);
            long filed = rs.getLong(2);
            if (filed < before.get(hazardId)) {
                out.merge(hazardId, filed, Math::min);
            }
            return null;
        }, params.toArray());
        return out;
    }

    private static ReportSummary summary(ResultSet rs) throws SQLException {
        long linked = rs.getLong(11);
        return new ReportSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                ReportSummary.IdentityState.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.wasNull() ? null : linked, rs.getInt(12));
    }

    private static IdentityAccess access(ResultSet rs) throws SQLException {
        return new IdentityAccess(rs.getLong(1), rs.getString(2), rs.getString(3),
                IdentityAccess.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
