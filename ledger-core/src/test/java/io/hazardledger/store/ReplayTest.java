package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.ReplayReport;
import io.hazardledger.ReplayReport.Rebuilt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.register.HazardSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Replay feeds the projections every entry from the start, and must rebuild exactly what the live path built. */
class ReplayTest {

    static final LocalDate DUE = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(30);

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables tables;

    @BeforeEach
    void buildMixedHistory() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        tables = database.tables();
        TestLedgers.park(ledger);
        ledger.execute(new AppointPrincipal(ENTERPRISE, OWNER));
        ledger.execute(new RegisterPerson("p-auditor", "Sun Li", null, Set.of(Role.AUDITOR, Role.PARK_OFFICE)));
        TestLedgers.closedLoop(ledger, "hz-1");
        // hz-2: failed verification, extension, resubmission, close-out, reopening, a new plan and another extension.
        ledger.execute(TestLedgers.report("hz-2", HazardLevel.MAJOR));
        ledger.execute(plan("hz-2"));
        ledger.execute(new SubmitRectification("hz-2", "first try", List.of(TestLedgers.evidence("try-1")), OWNER));
        ledger.execute(new VerifyRectification("hz-2", false, "still leaking", VERIFIER));
        ledger.execute(new ExtendDeadline("hz-2", DUE.plusDays(15), "parts on order", VERIFIER));
        ledger.execute(new SubmitRectification("hz-2", "second try", List.of(TestLedgers.evidence("try-2")), OWNER));
        ledger.execute(new VerifyRectification("hz-2", true, "holds", VERIFIER));
        ledger.execute(new CloseOutHazard("hz-2", "closed", VERIFIER));
        ledger.execute(new ReopenHazard("hz-2", "leak came back", VERIFIER));
        ledger.execute(plan("hz-2"));
        ledger.execute(new ExtendDeadline("hz-2", DUE.plusDays(60), "shutdown needed", VERIFIER));
        ledger.execute(TestLedgers.report("hz-3", HazardLevel.GENERAL));
        ledger.execute(plan("hz-3"));
        ledger.execute(new SubmitRectification("hz-3", "done", List.of(), OWNER));
        ledger.execute(TestLedgers.report("hz-4", HazardLevel.GENERAL));
    }

    @AfterEach
    void closeLedger() throws Exception {
        ledger.close();
        database.close();
    }

    @Test
    void replay_rebuildsTheSameProjectionRows() throws Exception {
        HazardSummary hz2 = ledger.register().get("hz-2").orElseThrow();
        assertThat(hz2.status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        assertThat(hz2.reopenings()).isOne();
        assertThat(hz2.extensions()).isEqualTo(2);
        assertThat(hz2.submissions()).isEqualTo(2);
        Map<String, List<String>> live = tables.projections();
        long size = tables.head().size();

        long replayed = ledger.replay();

        assertThat(replayed).isEqualTo(size);
        assertThat(tables.projections()).isEqualTo(live);
        assertThat(ledger.verify().size()).isEqualTo(size);
    }

    @Test
    void replay_repairsDamagedProjections() throws Exception {
        Map<String, List<String>> live = tables.projections();
        tables.update("DELETE FROM hazard_view WHERE hazard_id = 'hz-1'");
        tables.update("UPDATE hazard_view SET status = 'CLOSED', extensions = 7 WHERE hazard_id = 'hz-2'");
        tables.update("UPDATE person_view SET name = 'Mallory' WHERE person_id = ?", VERIFIER);
        tables.update("DELETE FROM enterprise_view");
        tables.update("INSERT INTO person_view (person_id, name, roles) VALUES ('p-ghost', 'Ghost', 'ADMIN')");
        // a hazard the ledger never reported; facts missing, changed, and made by no entry (among them and beyond)
        tables.update("INSERT INTO hazard_view SELECT 'hz-ghost', enterprise_id, level, source, status, criterion_ref, "
                + "category, location, description, found_at, reported_by, reported_at, owner_id, due_date, funding, "
                + "submissions, last_submitted_by, last_verifier_id, extensions, reopenings, closed_at, first_index, "
                + "last_index, last_entry_hash, submitted_on FROM hazard_view WHERE hazard_id = 'hz-3'");
        List<Long> facts = tables.query("SELECT ledger_index FROM weekly_fact ORDER BY ledger_index").stream()
                .map(r -> ((Number) r.get(0)).longValue()).toList();
        tables.update("DELETE FROM weekly_fact WHERE ledger_index = ?", facts.get(0));
        tables.update("DELETE FROM weekly_fact WHERE ledger_index = ?", facts.get(facts.size() - 1));
        tables.update("UPDATE weekly_fact SET subject_id = 'hz-9', recorded_at = NULL WHERE ledger_index = ?",
                facts.get(2));
        // the same instant written otherwise, and a kind no fact has: written again as the entries make them
        assertThat(tables.update("UPDATE weekly_fact SET found_at = REPLACE(found_at, 'Z', '+00:00') WHERE "
                + "ledger_index = (SELECT MIN(ledger_index) FROM weekly_fact WHERE kind = 'R') AND found_at LIKE '%Z'"))
                .isOne();
        assertThat(tables.update("UPDATE weekly_fact SET kind = 'X' WHERE ledger_index = ?", facts.get(3))).isOne();
        long notAFact = java.util.stream.LongStream.range(facts.get(0), facts.get(facts.size() - 1))
                .filter(i -> !facts.contains(i)).findFirst().orElseThrow();
        for (long index : List.of(notAFact, tables.head().size() + 5, -1L)) {   // -1: before the first entry
            tables.update("INSERT INTO weekly_fact (ledger_index, kind, subject_id) VALUES (?, 'O', 'hz-9')", index);
        }

        ledger.replay();

        assertThat(tables.projections()).isEqualTo(live);
    }

    /**
     * The register, the signature trail and the weekly facts are rebuilt by comparison: a replay over rows that are right
     * writes none of them (counted on the replay's connection), and over damaged ones writes exactly the rows that
     * differ. The other projections are written again whole, and compared with what they held.
     */
    @Test
    void replay_writesOnlyTheRegisterRowsAndFactsThatDiffer() throws Exception {
        Map<String, List<String>> live = tables.projections();
        WriteCounter counter = new WriteCounter("hazard_view", "weekly_fact", "signature_entry");
        try (Ledger counted = Ledger.builder().dataSource(counter.over(database.dataSource())).build()) {
            ReplayReport intact = counted.replayAndReport();
            assertThat(counter.rows()).isZero();
            // the report says what was compared and found right
            assertThat(intact.entries()).isEqualTo(tables.head().size());
            assertThat(intact.projections()).extracting(Rebuilt::name).containsExactly(
                    "directory", "register", "signature-trail", "inspections", "cadences", "whistleblower-reports",
                    "grades", "weekly-facts", "recorded-times");
            // every projection compared: those written again whole with what they held before
            assertThat(intact.projections()).allSatisfy(r -> {
                assertThat(r.rewritten()).isFalse();
                assertThat(r.rowsChanged()).isZero();
            });
            assertThat(intact.corrected()).isFalse();

            tables.update("UPDATE hazard_view SET status = 'CLOSED' WHERE hazard_id = 'hz-2'");   // 1 row updated
            tables.update("DELETE FROM hazard_view WHERE hazard_id = 'hz-4'");                    // 1 inserted
            tables.update("UPDATE weekly_fact SET subject_id = 'hz-9' WHERE ledger_index = "      // 1 updated
                    + "(SELECT MIN(ledger_index) FROM weekly_fact)");
            tables.update("INSERT INTO weekly_fact (ledger_index, kind, subject_id) VALUES (?, 'O', 'hz-9')",
                    tables.head().size());                                                           // 1 deleted
            ReplayReport repaired = counted.replayAndReport();
            assertThat(counter.rows()).isEqualTo(4);
            // and reports the rows it corrected, as many as it wrote
            assertThat(repaired.projections()).filteredOn(Rebuilt::corrected)
                    .extracting(Rebuilt::name, Rebuilt::rowsChanged)
                    .containsExactly(tuple("register", 2L), tuple("weekly-facts", 2L));
            assertThat(repaired.corrected()).isTrue();
        }
        assertThat(tables.projections()).isEqualTo(live);
    }

    /**
     * The register's history (folded when a question as of an earlier position needs it) is kept by a replay when its
     * rows are those the entries make, and forgotten when any differs (a status, a version's end, a row missing or
     * made by no entry, a version beyond the entries it reaches): folded again at the next question, with the same
     * answers.
     */
    @Test
    void replay_keepsTheRegistersHistoryWhenItIsRight_andForgetsItWhenAVersionDiffers() throws Exception {
        long size = tables.head().size();
        io.hazardledger.LedgerPosition at = ledger.position(size - 3, null);
        List<HazardSummary> asOf = ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, at);
        long folded = at.size();
        long versions = tables.count("hazard_version");
        assertThat(versions).isGreaterThan(10);
        assertThat(foldedTo()).isEqualTo(folded);
        String firstOfHz2 = "(SELECT MIN(last_index) FROM hazard_version WHERE hazard_id = 'hz-2')";
        String[] damages = {
                "UPDATE hazard_version SET status = 'CLOSED' WHERE hazard_id = 'hz-2' AND last_index = " + firstOfHz2,
                "UPDATE hazard_version SET valid_to = valid_to + 1 WHERE hazard_id = 'hz-2' AND last_index = "
                        + firstOfHz2,
                "DELETE FROM hazard_version WHERE hazard_id = 'hz-3'",
                "INSERT INTO hazard_version SELECT 'hz-ghost', enterprise_id, level, source, status, criterion_ref, "
                        + "category, location, description, found_at, reported_by, reported_at, owner_id, due_date, "
                        + "funding, submissions, last_submitted_by, last_verifier_id, extensions, reopenings, "
                        + "closed_at, first_index, last_index, last_entry_hash, valid_to, submitted_on "
                        + "FROM hazard_version "
                        + "WHERE hazard_id = 'hz-1'",
                // a version of an entry the history does not reach yet
                "INSERT INTO hazard_version SELECT 'hz-ghost', enterprise_id, level, source, status, criterion_ref, "
                        + "category, location, description, found_at, reported_by, reported_at, owner_id, due_date, "
                        + "funding, submissions, last_submitted_by, last_verifier_id, extensions, reopenings, "
                        + "closed_at, " + folded + ", " + folded + ", last_entry_hash, valid_to, submitted_on FROM "
                        + "hazard_version "
                        + "WHERE hazard_id = 'hz-1' AND valid_to = " + Long.MAX_VALUE};
        WriteCounter counter = new WriteCounter("hazard_version");
        try (Ledger counted = Ledger.builder().dataSource(counter.over(database.dataSource())).build()) {
            assertThat(counted.replayAndReport().corrected()).isFalse();
            assertThat(counter.rows()).as("the history kept").isZero();
            assertThat(foldedTo()).isEqualTo(folded);
            assertThat(counted.register().find(io.hazardledger.register.RegisterFilter.ALL, at)).isEqualTo(asOf);

            for (String damage : damages) {
                tables.update(damage);
                long stored = tables.count("hazard_version");
                ReplayReport report = counted.replayAndReport();
                // reported as the register's: every stored version deleted, and the history's reach set back
                assertThat(report.projections()).as(damage).filteredOn(Rebuilt::corrected)
                        .extracting(Rebuilt::name, Rebuilt::rowsChanged).containsExactly(tuple("register", stored + 1));
                assertThat(counter.rows()).as(damage).isGreaterThanOrEqualTo(versions - 1);
                assertThat(tables.count("hazard_version")).as(damage).isZero();
                assertThat(foldedTo()).as(damage).isZero();
                assertThat(counted.register().find(io.hazardledger.register.RegisterFilter.ALL, at)).as(damage)
                        .isEqualTo(asOf);
                assertThat(tables.count("hazard_version")).isEqualTo(versions);
                counter.rows();
            }
        }
    }

    /** A history said to reach beyond the ledger would never fold the entries appended up to there: forgotten. */
    @Test
    void replay_forgetsAHistorySaidToReachBeyondTheLedger() throws Exception {
        long size = tables.head().size();
        ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, ledger.position(null, null));
        assertThat(foldedTo()).isEqualTo(size);
        ledger.replay();
        assertThat(foldedTo()).as("a history that is right is kept").isEqualTo(size);

        tables.update("UPDATE hazard_version_head SET next_index = ?", size + 5);
        long stored = tables.count("hazard_version");
        assertThat(ledger.replayAndReport().projections()).filteredOn(Rebuilt::corrected)
                .extracting(Rebuilt::name, Rebuilt::rowsChanged).containsExactly(tuple("register", stored + 1));

        assertThat(foldedTo()).isZero();
        assertThat(tables.count("hazard_version")).isZero();
    }

    /** The history's head row deleted by hand: a replay writes it again (and says so), and the history folds again. */
    @Test
    void replay_writesTheHistorysHeadRowAgain_whenItWasDeleted() throws Exception {
        io.hazardledger.LedgerPosition at = ledger.position(tables.head().size() - 3, null);
        List<HazardSummary> asOf = ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, at);
        long versions = tables.count("hazard_version");
        tables.update("DELETE FROM hazard_version_head");
        assertThatThrownBy(() -> ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, at))
                .hasStackTraceContaining("a replay writes it again");

        assertThat(ledger.replayAndReport().projections()).filteredOn(Rebuilt::corrected)
                .extracting(Rebuilt::name, Rebuilt::rowsChanged).containsExactly(tuple("register", versions + 1));

        assertThat(foldedTo()).isZero();
        assertThat(ledger.register().find(io.hazardledger.register.RegisterFilter.ALL, at)).isEqualTo(asOf);
    }

    private long foldedTo() throws java.sql.SQLException {
        return ((Number) tables.scalar("SELECT next_index FROM hazard_version_head")).longValue();
    }

    @Test
    void replay_overATamperedEvent_failsNamingTheIndex_andChangesNothing() throws Exception {
        Map<String, List<String>> live = tables.projections();
        long index = ledger.register().get("hz-1").orElseThrow().firstIndex();
        tables.replaceInEvent(index, "payload", "Flange leak", "Flange fine");

        assertThatThrownBy(() -> ledger.replay()).hasMessageContaining("ledger breaks at index " + index);

        assertThat(tables.projections()).isEqualTo(live);
    }

    /**
     * Replay checks in its one pass everything {@code verify} checks, not only the chain: a forged Merkle node, a
     * head moved back (an entry beyond it) and an event without an entry each refuse it at the index {@code verify}
     * names, and change nothing.
     */
    @Test
    void replay_refusesWhatVerifyRefuses_atTheSameIndex_andChangesNothing() throws Exception {
        Map<String, List<String>> live = tables.projections();
        String node = (String) tables.scalar("SELECT hash FROM merkle_node WHERE level = 2 AND node_index = 1");
        String[][] forgeries = {
                {"UPDATE merkle_node SET hash = '" + "ab".repeat(32) + "' WHERE level = 2 AND node_index = 1",
                        "UPDATE merkle_node SET hash = '" + node + "' WHERE level = 2 AND node_index = 1"},
                {"UPDATE ledger_head SET size = size - 1", "UPDATE ledger_head SET size = size + 1"},
                {"INSERT INTO ledger_domain_event (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "SELECT global_index + 1000, 'forged-event', aggregate_identifier, sequence_number + 1000, "
                        + "type, time_stamp, payload_type, payload_revision, payload, meta_data "
                        + "FROM ledger_domain_event WHERE global_index = (SELECT MAX(global_index) FROM ledger_domain_event)",
                        "DELETE FROM ledger_domain_event WHERE event_identifier = 'forged-event'"}};
        for (String[] forgery : forgeries) {
            tables.update(forgery[0]);
            io.hazardledger.integrity.LedgerIntegrityException byVerify = org.assertj.core.api.Assertions
                    .catchThrowableOfType(io.hazardledger.integrity.LedgerIntegrityException.class, ledger::verify);
            assertThat(byVerify).as("verify after %s", forgery[0]).isNotNull();

            assertThatThrownBy(() -> ledger.replay()).as(forgery[0])
                    .isInstanceOfSatisfying(io.hazardledger.IntegrityRefusalException.class,
                            e -> assertThat(e.index()).isEqualTo(byVerify.index()));
            assertThat(tables.projections()).isEqualTo(live);

            tables.update(forgery[1]);
            assertThat(ledger.verify().holds()).isTrue();
        }
    }

    @Test
    void writesAfterReplay_continueTheChain() throws Exception {
        long size = tables.head().size();
        ledger.replay();

        assertThat(ledger.execute(plan("hz-4")).index()).isEqualTo(size);
        assertThat(ledger.register().get("hz-4").orElseThrow().status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        assertThat(ledger.verify().size()).isEqualTo(size + 1);
    }

    private static PlanRectification plan(String hazardId) {
        return new PlanRectification(hazardId, "replace gasket", OWNER, DUE, "8000.50", "cordon", "evacuate", OWNER);
    }
}
