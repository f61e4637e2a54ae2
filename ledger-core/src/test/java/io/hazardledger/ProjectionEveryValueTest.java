package io.hazardledger;

import io.hazardledger.ReplayReport.Rebuilt;
import io.hazardledger.register.RegisterFilter;
import io.hazardledger.store.EveryKindOfRow;
import io.hazardledger.store.LedgerTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of one row of every projection's table changed by hand, one at a time, and that row deleted: a
 * comparison of the projections ({@link Ledger#compareProjections()}) must say that the projection owning the table
 * differs, and no other; a replay must say the same and put the table back as it was. A column that a replay does not
 * compare would go unreported (and, where the replay writes only what differs, uncorrected). The register's history
 * is a cache: a replay that finds it differing forgets it whole, and the next question as of an earlier position
 * folds it again as it was. A block of recorded times that is not kept is no difference: it is kept again when its
 * entries are next read.
 */
class ProjectionEveryValueTest {

    /** Each projection's tables. */
    private static final Map<String, String> OWNER = new LinkedHashMap<>();

    static {
        for (String t : List.of("enterprise_view", "person_view", "signer_key")) {
            OWNER.put(t, "directory");
        }
        for (String t : List.of("hazard_view", "hazard_version", "hazard_version_head")) {
            OWNER.put(t, "register");
        }
        OWNER.put("signature_entry", "signature-trail");
        for (String t : List.of("inspection_view", "inspection_item", "inspection_cosigner")) {
            OWNER.put(t, "inspections");
        }
        OWNER.put("cadence_record", "cadences");
        OWNER.put("cadence_inspection", "cadences");
        OWNER.put("whistleblower_report", "whistleblower-reports");
        OWNER.put("whistleblower_access", "whistleblower-reports");
        OWNER.put("grade_record", "grades");
        OWNER.put("weekly_fact", "weekly-facts");
        OWNER.put("recorded_time_block", "recorded-times");
    }

    @TempDir
    static Path dir;

    static DataSource ds;
    static Ledger ledger;
    static LedgerTables tables;

    @BeforeAll
    static void park() {
        TestLedgers.h2Only();   // the rows are named by H2's _ROWID_; the tables are the same on PostgreSQL
        ds = TestLedgers.h2(dir);
        EveryKindOfRow park = new EveryKindOfRow();
        ledger = park.builder(ds).recordedTimeBlock(4).build();
        park.fill(ledger);
        tables = new LedgerTables(ds);
        keepBlocks();
        history();
        assertThat(ledger.replayAndReport().corrected()).isFalse();
    }

    @AfterAll
    static void close() {
        if (ledger != null) {   // none where the class is skipped (on PostgreSQL)
            ledger.close();
        }
        ds = null;
    }

    /** Reads each entry's recorded time: the full blocks of them are kept. */
    private static void keepBlocks() {
        for (long i = 0; i < ledger.head().size(); i++) {
            ledger.position(i, null).moment();
        }
    }

    /** Folds the register's history to the head (a question as of the ledger's size). */
    private static void history() {
        ledger.register().find(RegisterFilter.ALL, ledger.position(ledger.head().size(), null));
    }

    @Test
    void everyValueChangedAndEveryRowDeleted_isReportedInItsProjection_andPutBack() throws Exception {
        List<String> surprises = new ArrayList<>();
        int changes = 0;
        for (Map.Entry<String, String> table : OWNER.entrySet()) {
            List<Map<String, Object>> rows = rows(table.getKey());
            assertThat(rows).as(table.getKey()).isNotEmpty();
            Map<String, List<String>> before = snapshot();
            Map<String, Object> row = rows.get(0);
            List<String> columns = new ArrayList<>(row.keySet());
            columns.remove("_ROWID_");
            columns.add(null);   // the row deleted
            for (String column : columns) {
                Object changed = column == null ? null : changed(row.get(column));
                String what = table.getKey() + (column == null ? " row deleted"
                        : "." + column + ": " + shown(row.get(column)) + " -> " + shown(changed));
                Object rowId = rowIdOf(table.getKey(), row);   // a table written again whole gets new ones
                int n;
                try {
                    n = column == null
                            ? tables.update("DELETE FROM " + table.getKey() + " WHERE _ROWID_ = ?", rowId)
                            : tables.update("UPDATE " + table.getKey() + " SET " + column + " = ? WHERE _ROWID_ = ?",
                                    changed, rowId);
                } catch (SQLException refused) {
                    continue;   // a value out of its column's type or range, a check: the schema refuses it
                }
                assertThat(n).as(what).isOne();
                changes++;
                try {
                    List<String> compared = differing(ledger.compareProjections());
                    List<String> replayed = differing(ledger.replayAndReport());
                    if (table.getKey().startsWith("hazard_version")) {
                        history();
                    }
                    // a block of recorded times not kept is kept again when those entries are next read: not a
                    // difference (RecordedTimeBlocks)
                    boolean notKept = column == null && table.getKey().equals("recorded_time_block");
                    if (notKept) {
                        keepBlocks();
                    }
                    List<String> expected = notKept ? List.of() : List.of(table.getValue());
                    if (!compared.equals(expected) || !replayed.equals(compared)) {
                        surprises.add(what + ": compared " + compared + ", replayed " + replayed);
                    }
                } catch (RuntimeException e) {
                    surprises.add(what + ": " + e);
                    ledger.replay();
                    history();
                }
                if (!snapshot().equals(before)) {
                    surprises.add(what + ": not put back");
                    restore(table.getKey(), rows);
                }
            }
        }
        assertThat(changes).as("changes made").isGreaterThan(140);
        assertThat(surprises).as("changes not reported in their projection, or not put back").isEmpty();
    }

    private static List<String> differing(ReplayReport report) {
        return report.projections().stream().filter(Rebuilt::corrected).map(Rebuilt::name).toList();
    }

    /** Every projection table's rows, each rendered, in _ROWID_-independent order. */
    private static Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : OWNER.keySet()) {
            List<String> rendered = new ArrayList<>(tables.rendered("SELECT * FROM " + table));
            rendered.sort(null);
            out.put(table, rendered);
        }
        return out;
    }

    /** The {@code _ROWID_} of the row that holds the values of {@code row} now. */
    private static Object rowIdOf(String table, Map<String, Object> row) throws SQLException {
        for (Map<String, Object> now : rows(table)) {
            if (sameValues(now, row)) {
                return now.get("_ROWID_");
            }
        }
        throw new AssertionError(table + " holds no row " + row);
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        for (Map.Entry<String, Object> e : b.entrySet()) {
            if (!e.getKey().equals("_ROWID_") && !java.util.Objects.deepEquals(e.getValue(), a.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Puts a table back as it was read (after a change that a replay did not undo). */
    private static void restore(String table, List<Map<String, Object>> original) throws SQLException {
        List<Map<String, Object>> now = rows(table);
        for (Map<String, Object> row : now) {
            if (original.stream().noneMatch(o -> sameValues(row, o))) {
                tables.update("DELETE FROM " + table + " WHERE _ROWID_ = ?", row.get("_ROWID_"));
            }
        }
        for (Map<String, Object> row : original) {
            if (now.stream().noneMatch(n -> sameValues(n, row))) {
                List<String> columns = new ArrayList<>(row.keySet());
                columns.remove("_ROWID_");
                tables.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")",
                        columns.stream().map(row::get).toArray());
            }
        }
    }

    /** Every row of a table, with its {@code _ROWID_}, by column name. */
    private static List<Map<String, Object>> rows(String table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT _ROWID_, * FROM " + table + " ORDER BY _ROWID_");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A value of the same kind that differs: the last character or byte moved by one, a number plus one. */
    private static Object changed(Object value) {
        if (value == null) {
            return "x";   // a null column given a value (of a text column; others refuse it, and say so)
        } else if (value instanceof String s) {
            return s.isEmpty() ? "x" : s.substring(0, s.length() - 1) + (char) (s.charAt(s.length() - 1) ^ 1);
        } else if (value instanceof byte[] b) {
            byte[] c = b.clone();
            c[c.length - 1] ^= 1;
            return c;
        } else if (value instanceof Long l) {
            return l + 1;
        } else if (value instanceof Integer i) {
            return i + 1;
        } else if (value instanceof Boolean b) {
            return !b;
        } else if (value instanceof java.sql.Date d) {
            return java.sql.Date.valueOf(d.toLocalDate().plusDays(1));
        } else if (value instanceof java.time.LocalDate d) {
            return d.plusDays(1);
        } else if (value instanceof java.math.BigDecimal d) {
            return d.add(java.math.BigDecimal.ONE);
        }
        throw new IllegalStateException("no change for a " + value.getClass());
    }

    private static String shown(Object value) {
        String s = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
