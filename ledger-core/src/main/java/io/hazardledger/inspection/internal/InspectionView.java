package io.hazardledger.inspection.internal;

import io.hazardledger.hazard.HazardReported;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.CoSigner;
import io.hazardledger.inspection.CoSignerRole;
import io.hazardledger.inspection.InspectionCoSigned;
import io.hazardledger.inspection.InspectionRecord;
import io.hazardledger.inspection.InspectionSignedOff;
import io.hazardledger.inspection.InspectionStarted;
import io.hazardledger.inspection.Inspections;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.ItemResultRecorded;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.RewriteCompared;
import io.hazardledger.store.internal.Sql;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The inspection tables: a projection, and the queries on it. */
public final class InspectionView implements Projection, Inspections {

    /** Its tables, each with its primary key. */
    private static final RewriteCompared.Table[] TABLES = {
            new RewriteCompared.Table("inspection_cosigner", "inspection_id", "person_id"),
            new RewriteCompared.Table("inspection_item", "inspection_id", "item_no"),
            new RewriteCompared.Table("inspection_view", "inspection_id")};

    private final ConnectionProvider connections;

    public InspectionView(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "inspections";
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
        if (p instanceof InspectionStarted e) {
            Sql.update(c, "INSERT INTO inspection_view (inspection_id, enterprise_id, checklist, inspector_id, leader_id, "
                            + "leader_led, status, first_index, last_index) VALUES (?, ?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?)",
                    e.inspectionId(), e.enterpriseId(), e.checklist(), e.inspectorId(), e.leaderId(), e.leaderLed(),
                    ev.index(), ev.index());
            int position = 0;
            for (ChecklistItem i : e.items()) {
                Sql.update(c, "INSERT INTO inspection_item (inspection_id, item_no, position, criterion_ref, description) "
                        + "VALUES (?, ?, ?, ?, ?)", e.inspectionId(), i.itemNo(), position++, i.criterionRef(), i.description());
            }
            for (CoSigner s : e.coSigners()) {
                Sql.update(c, "INSERT INTO inspection_cosigner (inspection_id, person_id, role) VALUES (?, ?, ?)",
                        e.inspectionId(), s.personId(), s.role());
            }
        } else if (p instanceof ItemResultRecorded e) {
            Sql.update(c, "UPDATE inspection_item SET result = ?, remarks = ? WHERE inspection_id = ? AND item_no = ?",
                    e.result(), e.remarks(), e.inspectionId(), e.itemNo());
            touch(c, e.inspectionId(), ev.index(), null);
        } else if (p instanceof InspectionSignedOff e) {
            boolean complete = Sql.query(c, "SELECT COUNT(*) FROM inspection_cosigner WHERE inspection_id = ?",
                    rs -> rs.getLong(1), e.inspectionId()).get(0) == 0;
            touch(c, e.inspectionId(), ev.index(), complete ? "COMPLETED" : "SIGNED_OFF");
        } else if (p instanceof InspectionCoSigned e) {
            Sql.update(c, "UPDATE inspection_cosigner SET signed_index = ? WHERE inspection_id = ? AND person_id = ?",
                    ev.index(), e.inspectionId(), e.personId());
            touch(c, e.inspectionId(), ev.index(), e.complete() ? "COMPLETED" : null);
        } else if (p instanceof HazardReported e && e.inspectionId() != null) {
            Sql.update(c, "UPDATE inspection_item SET hazard_id = ? WHERE inspection_id = ? AND item_no = ?",
                    e.hazardId(), e.inspectionId(), e.itemNo());
        }
    }

    private static void touch(Connection c, String inspectionId, long index, String status) throws SQLException {
        if (status == null) {
            Sql.update(c, "UPDATE inspection_view SET last_index = ? WHERE inspection_id = ?", index, inspectionId);
        } else {
            Sql.update(c, "UPDATE inspection_view SET last_index = ?, status = ? WHERE inspection_id = ?", index, status,
                    inspectionId);
        }
    }

    @Override
    public Optional<InspectionRecord> inspection(String inspectionId) {
        return select("WHERE inspection_id = ?", inspectionId).stream().findFirst();
    }

    @Override
    public List<InspectionRecord> inspections(String enterpriseId) {
        return enterpriseId == null ? select("ORDER BY first_index")
                : select("WHERE enterprise_id = ? ORDER BY first_index", enterpriseId);
    }

    @Override
    public Optional<String> hazardFor(String inspectionId, String itemNo) {
        return Sql.query(connections, "SELECT hazard_id FROM inspection_item WHERE inspection_id = ? AND item_no = ? "
                + "AND hazard_id IS NOT NULL", rs -> rs.getString(1), inspectionId, itemNo).stream().findFirst();
    }

    // not an overload of inspections(String): a one-argument call would pick that one (it did: the whole list was empty)
    // one connection for the rows and their items: a second one taken while holding the first could wait for ever on a
    // pool its holders exhausted
    private List<InspectionRecord> select(String where, Object... params) {
        try (Connection c = connections.getConnection()) {
            return Sql.query(c, "SELECT inspection_id, enterprise_id, checklist, inspector_id, leader_id, leader_led, "
                    + "status, first_index, last_index FROM inspection_view " + where, rs -> {
                String id = rs.getString(1);
                List<InspectionRecord.Item> items = Sql.query(c, "SELECT item_no, criterion_ref, description, result, "
                                + "remarks, hazard_id FROM inspection_item WHERE inspection_id = ? ORDER BY position",
                        r -> new InspectionRecord.Item(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4) == null ? null : ItemResult.valueOf(r.getString(4)), r.getString(5),
                                r.getString(6)), id);
                List<InspectionRecord.CoSignature> cosigners = Sql.query(c, "SELECT person_id, role, signed_index "
                                + "FROM inspection_cosigner WHERE inspection_id = ? ORDER BY person_id",
                        r -> new InspectionRecord.CoSignature(r.getString(1), CoSignerRole.valueOf(r.getString(2)),
                                r.getObject(3) == null ? null : r.getLong(3)), id);
                return new InspectionRecord(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBoolean(6), rs.getString(7), rs.getLong(8), rs.getLong(9), items, cosigners);
            }, params);
        } catch (SQLException e) {
            throw new io.hazardledger.store.internal.LedgerStorageException("could not read the inspections: "
                    + e.getMessage(), e);
        }
    }
}
