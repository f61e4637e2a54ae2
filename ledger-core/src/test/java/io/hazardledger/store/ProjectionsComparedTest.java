package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.ReplayReport;
import io.hazardledger.ReplayReport.Rebuilt;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections that a replay writes again whole (the directory, the inspections, the cadences, the whistleblower
 * reports, the grades) are compared with what they held before: a row changed, deleted or made up outside the ledger
 * is counted once, in its projection, and is as the entries make it after the replay. Before, such a replay put the
 * rows back and said only "rewritten": a name changed by hand in the directory left no trace. And {@link
 * Ledger#compareProjections()} says the same of every projection without changing anything.
 */
class ProjectionsComparedTest {

    /** Each table of those projections, with its projection's name and its primary key. */
    private record Table(String projection, String name, String... key) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("directory", "enterprise_view", "enterprise_id"),
            new Table("directory", "person_view", "person_id"),
            new Table("directory", "signer_key", "key_id"),
            new Table("inspections", "inspection_view", "inspection_id"),
            new Table("inspections", "inspection_item", "inspection_id", "item_no"),
            new Table("inspections", "inspection_cosigner", "inspection_id", "person_id"),
            new Table("cadences", "cadence_record", "ledger_index"),
            new Table("cadences", "cadence_inspection", "inspection_id"),
            new Table("whistleblower-reports", "whistleblower_report", "report_id"),
            new Table("whistleblower-reports", "whistleblower_access", "ledger_index"),
            new Table("grades", "grade_record", "ledger_index"));

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables tables;

    @BeforeEach
    void parkWithEveryKindOfRow() throws Exception {
        database = TestDatabase.in(dir);
        EveryKindOfRow park = new EveryKindOfRow();
        ledger = park.builder(database.dataSource()).build();
        tables = database.tables();
        park.fill(ledger);
        for (Table table : TABLES) {
            assertThat(tables.count(table.name())).as(table.name()).isPositive();
        }
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
        database.close();
    }

    @Test
    void aReplayOverRowsThatAreRight_findsNoneThatDiffer() throws Exception {
        Map<String, List<String>> before = rows();

        ReplayReport report = ledger.replayAndReport();

        assertThat(report.projections()).allSatisfy(p -> {
            assertThat(p.rewritten()).as(p.name()).isFalse();
            assertThat(p.rowsChanged()).as(p.name()).isZero();
        });
        assertThat(report.corrected()).isFalse();
        assertThat(rows()).isEqualTo(before);
    }

    /** In every table on its own: one value changed, one row deleted, one row made up; each counted once. */
    @Test
    void aRowChangedDeletedOrMadeUp_isCountedInItsProjection_andPutBack() throws Exception {
        Map<String, List<String>> right = rows();
        for (Table table : TABLES) {
            for (String damage : List.of("changed", "deleted", "made up")) {
                switch (damage) {
                    case "changed" -> change(table);
                    case "deleted" -> delete(table);
                    default -> makeUp(table);
                }
                assertThat(rows()).as(table.name() + ": " + damage).isNotEqualTo(right);

                ReplayReport report = ledger.replayAndReport();

                assertThat(report.projections()).as(table.name() + ": " + damage).filteredOn(Rebuilt::corrected)
                        .extracting(Rebuilt::name, Rebuilt::rowsChanged)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(table.projection(), 1L));
                assertThat(rows()).as(table.name() + ": " + damage).isEqualTo(right);
            }
        }
    }

    /** Several rows in several tables at once: each projection counts its own. */
    @Test
    void damageInSeveralTables_isCountedPerProjection() throws Exception {
        Map<String, List<String>> right = rows();
        tables.update("UPDATE person_view SET name = 'Mallory' WHERE person_id = ?", VERIFIER);   // directory: 3
        tables.update("DELETE FROM enterprise_view WHERE enterprise_id = 'ent-big'");
        tables.update("UPDATE signer_key SET revoked_at = '2026-01-01T00:00:00Z'");
        tables.update("DELETE FROM inspection_item");                                                // inspections: 2
        tables.update("UPDATE whistleblower_report SET identity_state = 'SEALED'");                  // reports: 2
        tables.update("DELETE FROM whistleblower_access");

        ReplayReport report = ledger.replayAndReport();

        assertThat(report.projections()).filteredOn(Rebuilt::corrected)
                .extracting(Rebuilt::name, Rebuilt::rowsChanged).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("directory", 3L),
                        org.assertj.core.groups.Tuple.tuple("inspections", 2L),
                        org.assertj.core.groups.Tuple.tuple("whistleblower-reports", 2L));
        assertThat(rows()).isEqualTo(right);
        assertThat(ledger.replayAndReport().corrected()).as("a second replay").isFalse();
    }

    /**
     * Comparing the projections with what the entries make says, projection by projection, how many rows a replay
     * would correct, and changes nothing: not the damaged rows, not the verified mark; writers go on after it.
     */
    @Test
    void comparingTheProjections_saysWhatAReplayWouldCorrect_andChangesNothing() throws Exception {
        ReplayReport intact = ledger.compareProjections();
        assertThat(intact.entries()).isEqualTo(tables.head().size());
        assertThat(intact.projections()).hasSize(9).allSatisfy(p -> assertThat(p.rowsChanged()).as(p.name()).isZero());
        assertThat(tables.count("verified_mark")).as("no mark left by a comparison").isZero();

        // the register's history, folded to answer a question as of an earlier position, and one of its versions
        ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(size() - 2, null));
        assertThat(tables.count("hazard_version")).isPositive();
        tables.update("UPDATE hazard_version SET status = 'CLOSED' WHERE hazard_id = 'hz-1' AND last_index = "
                + "(SELECT MIN(last_index) FROM hazard_version)");
        long history = tables.count("hazard_version");
        tables.update("UPDATE person_view SET name = 'Mallory' WHERE person_id = ?", VERIFIER);
        tables.update("DELETE FROM inspection_item WHERE item_no = '2'");
        tables.update("UPDATE hazard_view SET status = 'CLOSED' WHERE hazard_id = 'hz-1'");
        tables.update("DELETE FROM weekly_fact WHERE ledger_index = (SELECT MIN(ledger_index) FROM weekly_fact)");
        Map<String, List<String>> damaged = everyProjection();
        long size = size();

        ReplayReport compared = ledger.compareProjections();

        assertThat(compared.projections()).filteredOn(Rebuilt::corrected)
                .extracting(Rebuilt::name, Rebuilt::rowsChanged).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("directory", 1L),
                        // its row, and its history: every version deleted, to be folded again, and the history's reach
                        org.assertj.core.groups.Tuple.tuple("register", 1L + history + 1),
                        org.assertj.core.groups.Tuple.tuple("inspections", 1L),
                        org.assertj.core.groups.Tuple.tuple("weekly-facts", 1L));
        assertThat(everyProjection()).as("nothing changed").isEqualTo(damaged);
        assertThat(tables.count("verified_mark")).isZero();
        assertThat(ledger.compareProjections().projections()).as("compared again")
                .isEqualTo(compared.projections());
        ledger.execute(TestLedgers.report("hz-after", io.hazardledger.hazard.HazardLevel.GENERAL));
        assertThat(tables.head().size()).as("a writer after it").isEqualTo(size + 1);

        ReplayReport replayed = ledger.replayAndReport();
        assertThat(replayed.projections()).filteredOn(Rebuilt::corrected)
                .extracting(Rebuilt::name, Rebuilt::rowsChanged)
                .containsExactlyElementsOf(compared.projections().stream().filter(Rebuilt::corrected)
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.name(), r.rowsChanged())).toList());
        assertThat(tables.count("verified_mark")).as("the replay's mark").isOne();
        assertThat(ledger.compareProjections().corrected()).isFalse();
    }

    /**
     * On a ledger that does not verify, comparing names the entry that breaks, as a replay does, and changes nothing:
     * below a verified mark too, whose signatures a comparison takes as checked until the entries do not make its root.
     */
    @Test
    void comparingTheProjectionsOfATamperedLedger_namesTheEntryThatBreaks() throws Exception {
        ledger.replay();
        assertThat(tables.count("verified_mark")).isOne();
        tables.update("UPDATE person_view SET name = 'Mallory' WHERE person_id = ?", VERIFIER);
        long index = ((Number) tables.scalar("SELECT MIN(ledger_index) FROM ledger_entry WHERE aggregate_id = 'hz-1'"))
                .longValue();
        tables.replaceInEvent(index, "payload", "Tank farm B", "Tank farm C");
        Map<String, List<String>> before = everyProjection();

        assertThatThrownBy(ledger::compareProjections).isInstanceOfSatisfying(
                io.hazardledger.IntegrityRefusalException.class, e -> assertThat(e.index()).isEqualTo(index));

        assertThat(everyProjection()).isEqualTo(before);
        ledger.execute(TestLedgers.report("hz-after", io.hazardledger.hazard.HazardLevel.GENERAL));
    }

    private long size() throws SQLException {
        return tables.head().size();
    }

    private Map<String, List<String>> rows() throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Table table : TABLES) {
            out.put(table.name(), tables.rendered("SELECT * FROM " + table.name() + " ORDER BY "
                    + String.join(", ", table.key())));
        }
        return out;
    }

    /**
     * {@link #rows()}, and those of the compared projections (the register and its history, the trail, the weekly
     * facts, the recorded times' blocks), the verified mark and the rebuilds that migrations ask for.
     */
    private Map<String, List<String>> everyProjection() throws SQLException {
        Map<String, List<String>> out = rows();
        out.putAll(tables.projections());
        for (String table : List.of("signature_entry ORDER BY ledger_index", "hazard_version ORDER BY hazard_id, "
                + "last_index", "hazard_version_head", "recorded_time_block ORDER BY block",
                "verified_mark ORDER BY tree_size", "projection_rebuild ORDER BY reason")) {
            out.put(table, tables.rendered("SELECT * FROM " + table));
        }
        return out;
    }

    /** The row whose key is least, as stored: column name (lower case) to value. */
    private Map<String, Object> firstRow(Connection c, Table table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table.name() + " ORDER BY "
                + String.join(", ", table.key()) + " FETCH FIRST 1 ROWS ONLY"); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(table.name()).isTrue();
            Map<String, Object> row = new LinkedHashMap<>();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
            }
            return row;
        }
    }

    private String where(Table table) {
        return String.join(" AND ", java.util.Arrays.stream(table.key()).map(k -> k + " = ?").toList());
    }

    private Object[] keyOf(Table table, Map<String, Object> row) {
        return java.util.Arrays.stream(table.key()).map(row::get).toArray();
    }

    /** The first text column that is not part of the key, in the least row, set to "Z". */
    private void change(Table table) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            Map<String, Object> row = firstRow(c, table);
            String column = null;
            try (ResultSet rs = c.prepareStatement("SELECT * FROM " + table.name()).executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount() && column == null; i++) {
                    String name = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    int type = meta.getColumnType(i);
                    if ((type == Types.VARCHAR || type == Types.CHAR) && !List.of(table.key()).contains(name)
                            && !"Z".equals(row.get(name))) {
                        column = name;
                    }
                }
            }
            assertThat(column).as(table.name() + " has a text column outside its key").isNotNull();
            List<Object> params = new ArrayList<>(List.of(keyOf(table, row)));
            assertThat(tables.update("UPDATE " + table.name() + " SET " + column + " = 'Z' WHERE " + where(table),
                    params.toArray())).isOne();
        }
    }

    private void delete(Table table) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            Map<String, Object> row = firstRow(c, table);
            assertThat(tables.update("DELETE FROM " + table.name() + " WHERE " + where(table), keyOf(table, row)))
                    .isOne();
        }
    }

    /** A copy of the least row under a key that no entry makes (its last key column changed). */
    private void makeUp(Table table) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            Map<String, Object> row = firstRow(c, table);
            String last = table.key()[table.key().length - 1];
            row.put(last, row.get(last) instanceof Number n ? (Object) (n.longValue() + 1_000_000) : "ghost");
            String columns = String.join(", ", row.keySet());
            String marks = String.join(", ", java.util.Collections.nCopies(row.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.name() + " (" + columns
                    + ") VALUES (" + marks + ")")) {
                int i = 1;
                for (Object value : row.values()) {
                    ps.setObject(i++, value);
                }
                assertThat(ps.executeUpdate()).isOne();
            }
        }
    }
}
