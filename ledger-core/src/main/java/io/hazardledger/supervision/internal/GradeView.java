package io.hazardledger.supervision.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.RewriteCompared;
import io.hazardledger.store.internal.Sql;
import io.hazardledger.supervision.GradeRecord;
import io.hazardledger.supervision.SupervisionGrade;
import io.hazardledger.supervision.SupervisionGradeChanged;
import org.axonframework.common.jdbc.ConnectionProvider;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code grade_record} table (V15): which entry recorded each grade of each enterprise. The grade's inputs are read
 * back from the entry itself, so the answer is the ledger's own bytes, not a copy.
 */
public final class GradeView implements Projection {

    /** Its tables, each with its primary key. */
    private static final RewriteCompared.Table[] TABLES = {
            new RewriteCompared.Table("grade_record", "ledger_index")};

    private static final ObjectMapper MAPPER = LedgerSerializer.objectMapper();
    private static final String RECORD = "SELECT g.ledger_index, l.entry_hash, l.entry, e.name FROM grade_record g "
            + "JOIN ledger_entry l ON l.ledger_index = g.ledger_index "
            + "LEFT JOIN enterprise_view e ON e.enterprise_id = g.enterprise_id ";

    private final ConnectionProvider connections;

    public GradeView(ConnectionProvider connections) {
        this.connections = connections;
    }

    @Override
    public String name() {
        return "grades";
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
        if (ev.payload() instanceof SupervisionGradeChanged e) {
            Sql.update(c, "INSERT INTO grade_record (ledger_index, enterprise_id, grade) VALUES (?, ?, ?)", ev.index(),
                    e.enterpriseId(), e.grade());
        }
    }

    /** The current grade of each enterprise that has one. */
    public Map<String, SupervisionGrade> currentGrades() {
        Map<String, SupervisionGrade> out = new HashMap<>();
        Sql.query(connections, "SELECT enterprise_id, grade FROM grade_record WHERE ledger_index IN "
                + "(SELECT MAX(ledger_index) FROM grade_record GROUP BY enterprise_id)",
                rs -> out.put(rs.getString(1), SupervisionGrade.valueOf(rs.getString(2).strip())));
        return out;
    }

    /** The latest grade of each enterprise, in enterprise id order. */
    public List<GradeRecord> current() {
        return Sql.query(connections, RECORD + "WHERE g.ledger_index IN (SELECT MAX(ledger_index) FROM grade_record "
                + "GROUP BY enterprise_id) ORDER BY g.enterprise_id", GradeView::record);
    }

    /** Every grade of one enterprise, oldest first. */
    public List<GradeRecord> history(String enterpriseId) {
        return Sql.query(connections, RECORD + "WHERE g.enterprise_id = ? ORDER BY g.ledger_index", GradeView::record,
                enterpriseId);
    }

    private static GradeRecord record(ResultSet rs) throws SQLException {
        try {
            JsonNode entry = MAPPER.readTree(rs.getBytes(3));
            SupervisionGradeChanged e = MAPPER.treeToValue(entry.get("payload"), SupervisionGradeChanged.class);
            return GradeRecord.of(rs.getString(4), e, rs.getLong(1), rs.getString(2),
                    Instant.parse(entry.get("recordedAt").asText()));
        } catch (IOException | RuntimeException e) {
            throw new SQLException("the grade entry " + rs.getLong(1) + " cannot be read: " + e.getMessage(), e);
        }
    }
}
