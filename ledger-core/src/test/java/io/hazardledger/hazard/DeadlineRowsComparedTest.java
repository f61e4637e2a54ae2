package io.hazardledger.hazard;

import io.hazardledger.Await;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.store.internal.SchedulerTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hazard's pending deadline is a row of the deadline scheduler's table, not a ledger entry: deleted or moved later by
 * hand, the hazard would never go overdue, or its escalation would stop. {@code compareDeadlines} compares each open
 * hazard's pending deadline, folded from its events, with the rows and reports those that no row serves, writing
 * nothing; {@code restoreDeadlines} sets them again. The clock is the test's own.
 */
class DeadlineRowsComparedTest {

    static final Instant START = DeadlinesTest.START;
    static final LocalDate DUE = LocalDate.of(2026, 6, 3);

    @TempDir
    Path dir;

    final List<Ledger> open = new ArrayList<>();
    final SettableClock clock = new SettableClock(START);
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.hazardledger.AxonEventClock axonClock = new io.hazardledger.AxonEventClock(clock);
    final StatementSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    DataSource store;

    @AfterEach
    void close() {
        open.forEach(Ledger::close);
    }

    private Ledger park(boolean runDeadlines) {
        store = TestLedgers.store(dir);
        var b = Ledger.builder().dataSource(store).clock(clock).office("office", officeKey);
        Ledger l = (runDeadlines ? b.runDeadlines(Duration.ofMillis(200)) : b).build();
        open.add(l);
        DeadlinesTest.people(l);
        return l;
    }

    private static void reportAndPlan(Ledger l, String hazardId, LocalDate due) {
        DeadlinesTest.reportAndPlan(l, hazardId, due);
    }

    private static Instant endOf(LocalDate due) {
        return DeadlinesTest.endOf(due);
    }

    /** How many pending deadlines no row serves, by a comparison that changes nothing. */
    private static long unserved(Ledger l) {
        DeadlineCheck check = l.compareDeadlines();
        assertThat(check.setAgain()).isFalse();
        assertThat(check.holds()).isEqualTo(check.unserved().isEmpty());
        return check.unserved().size();
    }

    /** How many pending deadlines no row served, each set again. */
    private static long restored(Ledger l) {
        DeadlineCheck check = l.restoreDeadlines();
        assertThat(check.setAgain()).isTrue();
        return check.unserved().size();
    }

    /** The scheduler's rows of the ledger's deadlines, each as its time and instance (the instance is random). */
    private List<String> rows() {
        List<String> rows = new ArrayList<>();
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT task_instance, "
                + "execution_time FROM scheduled_tasks WHERE task_name = 'AxonDeadline' ORDER BY task_instance")) {
            while (rs.next()) {
                rows.add(SchedulerTimes.read(rs, "execution_time") + " " + rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private int update(String sql) throws SQLException {
        try (var c = store.getConnection(); var st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private static List<String> types(Ledger l, String hazardId) {
        return l.register().history(hazardId).stream().map(HistoryEntry::eventType).toList();
    }

    private void at(Instant when, Ledger l, java.util.function.BooleanSupplier done) {
        clock.set(when);
        l.runDueDeadlines();
        Await.until("the deadline fired", () -> "the ledger holds " + l.log().size() + " entries; clock "
                + clock.instant(), done);
    }

    @Test
    void aDeletedDueDate_isReportedByAComparison_withNothingWritten_andSetAgain_thenFiresAtItsMoment()
            throws Exception {
        Ledger l = park(true);
        reportAndPlan(l, "hz-1", DUE);
        reportAndPlan(l, "hz-2", DUE.plusDays(1));
        DeadlineCheck intact = l.compareDeadlines();
        assertThat(intact.holds()).as("their rows serve them").isTrue();
        assertThat(intact.hazardsWaiting()).isEqualTo(2);
        assertThat(intact.rowsRead()).isEqualTo(2);

        try (var c = store.getConnection(); var st = c.prepareStatement(
                "DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND execution_time = ?")) {
            SchedulerTimes.bind(st, 1, endOf(DUE));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        DeadlineCheck found = l.compareDeadlines();
        assertThat(found.holds()).isFalse();
        assertThat(found.hazardsWaiting()).isEqualTo(2);
        assertThat(found.rowsRead()).isEqualTo(1);
        assertThat(found.unserved()).singleElement().satisfies(p -> {
            assertThat(p.hazardId()).isEqualTo("hz-1");
            assertThat(p.deadlineName()).isEqualTo("rectification-due");
            assertThat(p.payload()).isEqualTo(new Hazard.DueDeadline(DUE, 0));
            assertThat(p.moment()).isEqualTo(endOf(DUE));
        });
        assertThat(rows()).as("a comparison writes nothing").hasSize(1);
        assertThat(unserved(l)).isEqualTo(1);

        assertThat(restored(l)).isEqualTo(1);
        assertThat(rows()).hasSize(2).anySatisfy(r -> assertThat(r).startsWith(endOf(DUE).toString()));
        assertThat(unserved(l)).isZero();
        assertThat(restored(l)).as("nothing more to set").isZero();
        assertThat(rows()).hasSize(2);

        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-1").contains("HazardEscalated"));
        assertThat(types(l, "hz-1")).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated");
        assertThat(types(l, "hz-2")).as("its due date has not ended").hasSize(2);
        assertThat(unserved(l)).as("the next step has its row").isZero();
    }

    @Test
    void aStepMovedLater_isSetAgainAtItsMoment_andTheLadderGoesOn() throws Exception {
        Ledger l = park(true);
        reportAndPlan(l, "hz-2", DUE);
        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-2").contains("HazardEscalated"));
        Await.until("the first step's row gone", () -> "rows " + rows(), () -> rows().size() == 1);
        Instant circular = endOf(DUE).plus(Duration.ofDays(7));
        assertThat(rows()).singleElement().asString().startsWith(circular.toString());
        // the circular put off by a year: the hazard would stay at its first step
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'AxonDeadline'")) {
            SchedulerTimes.bind(st, 1, circular.plus(Duration.ofDays(365)));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        assertThat(unserved(l)).isEqualTo(1);
        assertThat(restored(l)).isEqualTo(1);
        assertThat(rows()).hasSize(2).anySatisfy(r -> assertThat(r).startsWith(circular.toString()));

        at(circular.plusSeconds(1), l,
                () -> types(l, "hz-2").stream().filter("HazardEscalated"::equals).count() == 2);
        assertThat(l.register().history("hz-2").get(4).entryJson()).contains("\"step\":\"CIRCULAR\"", "\"stepNo\":2");
        assertThat(unserved(l)).as("the summons has its row").isZero();
        assertThat(l.verify().holds()).isTrue();
    }

    @Test
    void rowsThatServeNoPendingDeadline_areLeft_andAClosedHazard_waitsForNone() throws Exception {
        Ledger l = park(false);
        reportAndPlan(l, "hz-closed", DUE);
        l.execute(new SubmitRectification("hz-closed", "cleared", List.of(), "owner"));
        l.execute(new VerifyRectification("hz-closed", true, "ok", "approver"));
        l.execute(new CloseOutHazard("hz-closed", "done", "approver"));
        reportAndPlan(l, "hz-ext", DUE);
        l.execute(new ExtendDeadline("hz-ext", DUE.plusDays(10), "parts on order", "approver"));
        assertThat(rows()).as("the closed hazard's, the old and the new due date of the extended one").hasSize(3);
        assertThat(unserved(l)).isZero();

        // the closed hazard's row and the replaced due date's serve nothing: deleted, nothing is missing
        Instant old = endOf(DUE);
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND execution_time = ?")) {
            SchedulerTimes.bind(st, 1, old);
            assertThat(st.executeUpdate()).isEqualTo(2);
        }
        assertThat(unserved(l)).isZero();
        // the new due date's row is the one that serves the extended hazard
        assertThat(update("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")).isEqualTo(1);
        assertThat(unserved(l)).isEqualTo(1);
        assertThat(restored(l)).isEqualTo(1);
        assertThat(rows()).singleElement().asString().startsWith(endOf(DUE.plusDays(10)).toString());
    }

    /**
     * What a hazard waits for is folded from its events, not read from the register: a register row changed by hand
     * (the due date moved a year on) changes neither the comparison nor the deadline set again.
     */
    @Test
    void aRegisterChangedByHand_doesNotChangeWhatTheHazardWaitsFor() throws Exception {
        Ledger l = park(false);
        reportAndPlan(l, "hz-r", DUE);
        assertThat(update("UPDATE hazard_view SET due_date = DATE '2027-06-03' WHERE hazard_id = 'hz-r'")).isOne();
        assertThat(unserved(l)).isZero();
        assertThat(update("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")).isOne();
        assertThat(l.compareDeadlines().unserved()).singleElement()
                .satisfies(p -> assertThat(p.moment()).isEqualTo(endOf(DUE)));
        assertThat(restored(l)).isOne();
        assertThat(rows()).singleElement().asString().startsWith(endOf(DUE).toString());
    }

    /** A reopened hazard waits for nothing until it is planned again; then for its new plan's due date. */
    @Test
    void aReopenedHazard_waitsForTheDueDateOfItsNewPlan() throws Exception {
        Ledger l = park(true);
        reportAndPlan(l, "hz-o", DUE);
        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-o").contains("HazardEscalated"));
        l.execute(new SubmitRectification("hz-o", "cleared", List.of(), "owner"));
        l.execute(new VerifyRectification("hz-o", true, "ok", "approver"));
        l.execute(new CloseOutHazard("hz-o", "done", "approver"));
        l.execute(new ReopenHazard("hz-o", "blocked again", "approver"));
        assertThat(update("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")).isOne();
        assertThat(unserved(l)).as("reopened, not planned: nothing pending").isZero();
        LocalDate again = DUE.plusDays(20);
        l.execute(new PlanRectification("hz-o", "Clear it for good", "owner", again, null, null, null, "owner"));
        assertThat(update("DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")).isOne();
        assertThat(restored(l)).isOne();
        at(endOf(again).plusSeconds(1), l,
                () -> types(l, "hz-o").stream().filter("HazardEscalated"::equals).count() == 2);
        assertThat(types(l, "hz-o")).endsWith("HazardReopened", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated");
    }

    @Test
    void aRowWhoseDataCannotBeRead_servesNoDeadline_andDoesNotStopTheComparison() throws Exception {
        Ledger l = park(false);
        reportAndPlan(l, "hz-a", DUE);
        reportAndPlan(l, "hz-b", DUE.plusDays(1));
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "UPDATE scheduled_tasks SET task_data = ? WHERE task_name = 'AxonDeadline' AND execution_time = ?")) {
            st.setBytes(1, new byte[] {1, 2, 3});
            SchedulerTimes.bind(st, 2, endOf(DUE));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        DeadlineCheck check = l.compareDeadlines();
        assertThat(check.rowsRead()).isEqualTo(2);
        assertThat(check.unreadableRows()).isOne();
        assertThat(check.unserved()).extracting(PendingDeadline::hazardId).containsExactly("hz-a");
        assertThat(restored(l)).isEqualTo(1);
        assertThat(unserved(l)).isZero();
        assertThat(rows()).hasSize(3);
    }

    /**
     * A row marked picked whose pick may never end serves nothing, and is reported and set again: its heartbeat ahead
     * of now (marked by hand, so the scheduler never finds it missing), or older than an hour (the scheduler takes a
     * dead node's pick back after half an hour). A pick with a recent heartbeat is a deadline firing: it serves.
     */
    @Test
    void aRowPickedAndNeverFinished_servesNone_byItsHeartbeat() throws Exception {
        Ledger l = park(false);
        reportAndPlan(l, "hz-p", DUE);
        clock.set(endOf(DUE).plus(Duration.ofMinutes(5)));
        java.util.function.Function<Instant, Long> pickedWithHeartbeat = beat -> {
            try (var c = store.getConnection(); var st = c.prepareStatement("UPDATE scheduled_tasks SET picked = "
                    + "TRUE, picked_by = 'ghost-node', last_heartbeat = ? WHERE task_name = 'AxonDeadline'")) {
                SchedulerTimes.bind(st, 1, beat);
                assertThat(st.executeUpdate()).isOne();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            return unserved(l);
        };
        assertThat(pickedWithHeartbeat.apply(clock.instant().minusSeconds(20))).as("firing now").isZero();
        assertThat(pickedWithHeartbeat.apply(clock.instant().minus(Duration.ofMinutes(40))))
                .as("its node died half an hour ago or more: the scheduler takes it back").isZero();
        assertThat(pickedWithHeartbeat.apply(START.plus(Duration.ofDays(365 * 70)))).as("a heartbeat ahead").isOne();
        assertThat(pickedWithHeartbeat.apply(clock.instant().minus(Duration.ofMinutes(61))))
                .as("not taken back in an hour").isOne();
        assertThat(restored(l)).isOne();
        assertThat(rows()).hasSize(2);
        assertThat(unserved(l)).as("the new row serves it").isZero();
    }

    /**
     * A row that failed when it fired (the scheduler tries it again a few minutes later) still serves its deadline,
     * but the escalation does not go on meanwhile: the comparison names it, with how often and when it last failed.
     */
    @Test
    void aRowThatFailedWhenItFired_isNamedWithItsFailures() throws Exception {
        Ledger l = park(false);
        reportAndPlan(l, "hz-f", DUE);
        reportAndPlan(l, "hz-g", DUE);
        assertThat(l.compareDeadlines().failing()).isEmpty();
        Instant failed = endOf(DUE).minusSeconds(60);
        try (var c = store.getConnection(); var st = c.prepareStatement("UPDATE scheduled_tasks SET "
                + "consecutive_failures = 3, last_failure = ? WHERE task_name = 'AxonDeadline' AND task_instance = "
                + "(SELECT MIN(task_instance) FROM scheduled_tasks WHERE task_name = 'AxonDeadline')")) {
            SchedulerTimes.bind(st, 1, failed);
            assertThat(st.executeUpdate()).isOne();
        }
        DeadlineCheck check = l.compareDeadlines();
        assertThat(check.holds()).as("its row is there").isTrue();
        assertThat(check.failing()).singleElement().satisfies(f -> {
            assertThat(f.deadline().hazardId()).isIn("hz-f", "hz-g");
            assertThat(f.deadline().payload()).isEqualTo(new Hazard.DueDeadline(DUE, 0));
            assertThat(f.consecutiveFailures()).isEqualTo(3);
            assertThat(f.lastFailure()).isEqualTo(failed);
        });
        assertThat(restored(l)).as("nothing to set again: its row is there").isZero();
    }

    /**
     * A step that finds no office key is set again 15 minutes on: its row, due after the step's moment, serves it (the
     * escalation waits for the key, it has not stopped).
     */
    @Test
    void aStepWaitingForTheOfficeKey_isServedByItsRetry() throws Exception {
        store = TestLedgers.store(dir);
        Ledger l = Ledger.builder().dataSource(store).clock(clock).office("office", officeKey)
                .runDeadlines(Duration.ofMillis(200)).build();
        open.add(l);
        l.execute(new RegisterEnterprise("ent", "Acme", "chemicals", true));
        l.execute(new RegisterPerson("owner", "Owner", "ent", Set.of(Role.ENTERPRISE_STAFF)));
        // registered through a ledger not given the office's key: this one lists the key only at its next start
        try (Ledger other = Ledger.builder().dataSource(store).clock(clock).build()) {
            other.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        }
        reportAndPlan(l, "hz-w", DUE);
        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-w").contains("RectificationOverdue"));
        Instant retry = endOf(DUE).plusSeconds(1).plus(Duration.ofMinutes(15));
        Await.until("the first step put off by 15 minutes", () -> "rows " + rows(),
                () -> rows().size() == 1 && !rows().get(0).startsWith(endOf(DUE).toString()));
        assertThat(rows().get(0).substring(0, 19)).isGreaterThanOrEqualTo(retry.toString().substring(0, 19));
        DeadlineCheck check = l.compareDeadlines();
        assertThat(check.hazardsWaiting()).isOne();
        assertThat(check.holds()).as("the retry serves the first step, whose moment has passed").isTrue();
        // moved an hour on, the retry no longer comes in time
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'AxonDeadline'")) {
            SchedulerTimes.bind(st, 1, endOf(DUE).plus(Duration.ofHours(1)));
            assertThat(st.executeUpdate()).isOne();
        }
        assertThat(l.compareDeadlines().unserved()).singleElement().satisfies(p -> {
            assertThat(p.payload()).isEqualTo(new Hazard.StepDeadline(DUE, 1, 0));
            assertThat(p.moment()).isEqualTo(endOf(DUE));
        });
    }

    /** Extended after it went overdue, a hazard waits for its new due date, not for the old date's next step. */
    @Test
    void anExtensionAfterTheHazardWentOverdue_makesItWaitForTheNewDueDate() throws Exception {
        Ledger l = park(true);
        reportAndPlan(l, "hz-e", DUE);
        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-e").contains("HazardEscalated"));
        Await.until("the first step's row gone", () -> "rows " + rows(), () -> rows().size() == 1);
        LocalDate later = DUE.plusDays(10);
        l.execute(new ExtendDeadline("hz-e", later, "parts on order", "approver"));
        assertThat(rows()).as("the circular's, and the new due date's").hasSize(2);
        assertThat(unserved(l)).isZero();
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "DELETE FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND execution_time = ?")) {
            SchedulerTimes.bind(st, 1, endOf(later));
            assertThat(st.executeUpdate()).isOne();
        }
        assertThat(l.compareDeadlines().unserved()).singleElement()
                .satisfies(p -> assertThat(p.payload()).isEqualTo(new Hazard.DueDeadline(later, 0)));
        assertThat(restored(l)).isOne();
        at(endOf(later).plusSeconds(1), l,
                () -> types(l, "hz-e").stream().filter("HazardEscalated"::equals).count() == 2);
        assertThat(types(l, "hz-e")).endsWith("DeadlineExtended", "RectificationOverdue", "HazardEscalated");
    }

    @Test
    void theLadder_whenItsLastStepIsTaken_leavesNothingPending() throws Exception {
        store = TestLedgers.store(dir);
        Ledger l = Ledger.builder().dataSource(store).clock(clock).office("office", officeKey)
                .escalation(EscalationLadder.parse("NOTICE_LETTER:P0D")).runDeadlines(Duration.ofMillis(200)).build();
        open.add(l);
        DeadlinesTest.people(l);
        reportAndPlan(l, "hz-3", DUE);
        at(endOf(DUE).plusSeconds(1), l, () -> types(l, "hz-3").contains("HazardEscalated"));
        Await.until("no row left", () -> "rows " + rows(), () -> rows().isEmpty());
        assertThat(unserved(l)).isZero();
        assertThat(l.compareDeadlines().hazardsWaiting()).as("the last step taken: it waits for none").isZero();
        assertThat(l.register().get("hz-3").orElseThrow().overdue()).isTrue();
    }
}
