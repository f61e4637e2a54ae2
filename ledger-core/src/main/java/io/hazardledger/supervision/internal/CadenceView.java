package io.hazardledger.supervision.internal;

import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.directory.EvacuationDrillHeld;
import io.hazardledger.inspection.InspectionCoSigned;
import io.hazardledger.inspection.InspectionSignedOff;
import io.hazardledger.inspection.InspectionStarted;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.RewriteCompared;
import io.hazardledger.store.internal.Sql;
import io.hazardledger.supervision.Cadence;
import io.hazardledger.supervision.CadenceStatus;
import io.hazardledger.supervision.Cadences;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cadence_record} table (V13), and each enterprise's standing against each cadence. A leader-led inspection
 * is recorded once complete (V23; docs/FORMAT.md section 19): signed off, and co-signed by every co-signer it names;
 * {@code cadence_inspection} holds the leader-led inspections, with their enterprise and how many co-signers they name.
 */
public final class CadenceView implements Projection, Cadences {

    /** Its tables, each with its primary key. */
    private static final RewriteCompared.Table[] TABLES = {
            new RewriteCompared.Table("cadence_record", "ledger_index"),
            new RewriteCompared.Table("cadence_inspection", "inspection_id")};

    private static final String REGISTERED = "REGISTERED";

    private final ConnectionProvider connections;
    private final Clock clock;

    public CadenceView(ConnectionProvider connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cadences";
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
        if (ev.payload() instanceof EnterpriseRegistered e) {
            record(c, e.enterpriseId(), REGISTERED, LocalDate.ofInstant(ev.recordedAt(), clock.getZone()), ev);
        } else if (ev.payload() instanceof InspectionStarted e && e.leaderLed()) {
            Sql.update(c, "INSERT INTO cadence_inspection (inspection_id, enterprise_id, co_signers) VALUES (?, ?, ?)",
                    e.inspectionId(), e.enterpriseId(), e.coSigners().size());
        } else if (ev.payload() instanceof InspectionSignedOff e) {
            completed(c, e.inspectionId(), true, ev);
        } else if (ev.payload() instanceof InspectionCoSigned e && e.complete()) {
            completed(c, e.inspectionId(), false, ev);
        } else if (ev.payload() instanceof EvacuationDrillHeld e) {
            record(c, e.enterpriseId(), Cadence.EVACUATION_DRILL.name(), e.heldOn(), ev);
        }
    }

    /**
     * A leader-led inspection's sign-off ({@code signOff}: complete when it names no co-signer) or its last
     * co-signature: recorded for the cadence on the day of this entry, which completed it.
     */
    private void completed(Connection c, String inspectionId, boolean signOff, RecordedEvent ev) throws SQLException {
        // one statement, with no read before it; the inspection allows one sign-off, and one co-signature completes it
        Sql.update(c, "INSERT INTO cadence_record (enterprise_id, kind, held_on, ledger_index, entry_hash) "
                + "SELECT enterprise_id, ?, ?, ?, ? FROM cadence_inspection WHERE inspection_id = ?"
                + (signOff ? " AND co_signers = 0" : ""), Cadence.LEADER_LED_INSPECTION.name(),
                LocalDate.ofInstant(ev.recordedAt(), clock.getZone()), ev.index(), ev.entryHash(), inspectionId);
    }

    private static void record(Connection c, String enterpriseId, String kind, LocalDate day, RecordedEvent ev)
            throws SQLException {
        Sql.update(c, "INSERT INTO cadence_record (enterprise_id, kind, held_on, ledger_index, entry_hash) "
                + "VALUES (?, ?, ?, ?, ?)", enterpriseId, kind, day, ev.index(), ev.entryHash());
    }

    @Override
    public List<CadenceStatus> today() {
        return on(LocalDate.now(clock));
    }

    private record Latest(LocalDate day, long index, String entryHash) {
    }

    private record Enterprise(String id, String name, boolean highRisk) {
    }

    @Override
    public List<CadenceStatus> on(LocalDate day) {
        return on(day, null, null);
    }

    /**
     * The cadences judged on {@code day} from the ledger's first {@code size} entries: the enterprises registered in
     * them, and the inspections and drills they record (every entry when {@code size} is null); one enterprise's only
     * when {@code enterpriseId} is given.
     */
    public List<CadenceStatus> on(LocalDate day, Long size, String enterpriseId) {
        List<Object> bound = new ArrayList<>();
        if (size != null) {
            bound.add(size);
        }
        if (enterpriseId != null) {
            bound.add(enterpriseId);
        }
        Object[] params = bound.toArray();
        String one = enterpriseId == null ? "" : " AND enterprise_id = ?";
        List<Enterprise> enterprises = Sql.query(connections, "SELECT enterprise_id, name, high_risk FROM enterprise_view "
                + "WHERE " + (size == null ? "1 = 1" : "first_index < ?") + one + " ORDER BY enterprise_id",
                rs -> new Enterprise(rs.getString(1), rs.getString(2), rs.getBoolean(3)), params);
        // the latest record of each kind per enterprise (the latest day; of one day, the latest entry)
        Map<String, Latest> latest = new HashMap<>();
        Sql.query(connections, "SELECT enterprise_id, kind, held_on, ledger_index, entry_hash FROM cadence_record "
                + "WHERE " + (size == null ? "1 = 1" : "ledger_index < ?") + one + " ORDER BY held_on, ledger_index", rs -> {
            latest.put(rs.getString(1) + "/" + rs.getString(2), new Latest(rs.getObject(3, LocalDate.class),
                    rs.getLong(4), rs.getString(5)));
            return null;
        }, params);
        List<CadenceStatus> out = new ArrayList<>();
        for (Enterprise e : enterprises) {
            Latest registered = latest.get(e.id() + "/" + REGISTERED);
            for (Cadence cadence : Cadence.values()) {
                Latest last = latest.get(e.id() + "/" + cadence.name());
                LocalDate from = last != null ? last.day() : registered != null ? registered.day() : day;
                LocalDate dueBy = from.plus(cadence.every(e.highRisk()));
                boolean behind = day.isAfter(dueBy);
                out.add(new CadenceStatus(e.id(), e.name(), e.highRisk(), cadence, cadence.every(e.highRisk()),
                        last == null ? null : last.day(), last == null ? null : last.index(),
                        last == null ? null : last.entryHash(), dueBy, behind, behind ? dueBy.plusDays(1) : null));
            }
        }
        return out;
    }
}
