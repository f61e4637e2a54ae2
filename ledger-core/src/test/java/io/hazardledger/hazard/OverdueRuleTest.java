package io.hazardledger.hazard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.Await;
import io.hazardledger.AxonEventClock;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.Receipt;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.register.HazardSummary;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.register.RegisterFilter;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.supervision.GradeFactor;
import io.hazardledger.supervision.WeeklyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overdue rule: a due date D ends at E, the start of day D+1 in the park. A rectification submitted before E
 * answers D if its verification passes, whenever that comes: verification and close-out are the park's work, and
 * their delay does not make the enterprise overdue. Overdue at t (E &lt;= t): the hazard is RECTIFICATION_PLANNED
 * (nothing submitted, or the latest submission failed), or RECTIFICATION_SUBMITTED by a submission recorded at or
 * after E; not when it is VERIFIED, CLOSED, or SUBMITTED by a submission recorded before E; never without a due date.
 * {@code RectificationOverdue{dueDate D, overdueSince E}} is recorded once per due date, by the first of: the deadline
 * at E, when the hazard is then RECTIFICATION_PLANNED; a submission at or after E (right after it, in its write: a
 * signed submission names the entry before it, the one its signer saw); a failed verification at or after E of an
 * in-time submission (right after it, in its write). The escalation ladder starts when the overdue is recorded (step k due at E + its delay; steps already due are taken at once, in order) and
 * stops when the hazard is VERIFIED or CLOSED, reopened, or its due date extended.
 *
 * <p>Asked through the library as a user asks it: the hazard's history, the register (now, filtered and as of an
 * earlier position), the weekly report and the grade assessment. The clock is the test's own; a deadline fires on the
 * scheduler's threads, so each test waits for what it left in the store (an entry, or the deadline's row gone), never
 * for a while.
 */
class OverdueRuleTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-06-01T02:00:00Z");   // Monday, 10:00 in the park
    /** The due date of most hazards here (a Wednesday), and its end: Thursday 2026-06-04 00:00 in the park. */
    static final LocalDate DUE = LocalDate.of(2026, 6, 3);
    static final Instant END = endOf(DUE);
    /** The Thursday whose week holds {@link #END}, and the end of that week. */
    static final LocalDate WEEK = LocalDate.of(2026, 6, 4);
    static final Instant WEEK_END = endOf(WEEK);

    @TempDir
    Path dir;

    final List<Ledger> open = new ArrayList<>();
    final SettableClock clock = new SettableClock(START);
    final StatementSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    final StatementSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    final ObjectMapper json = new ObjectMapper();

    DataSource lastStore;

    /**
     * The entries' recorded times (whether a submission came before E, where an as-of question cuts, which week an
     * entry is of) follow the test's clock.
     */
    @RegisterExtension
    final AxonEventClock axonClock = new AxonEventClock(clock);

    @AfterEach
    void close() {
        open.forEach(Ledger::close);
    }

    // ---------------------------------------------------------------- 1. in time, verification pending at the end

    @Test
    void submittedInTime_verificationPendingAtTheEnd_isNotOverdue_andAPassAfterTheEndRecordsNothingOverdue() {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-1", DUE);
        submit(l, "hz-1");

        settle(END.plusSeconds(1), l);   // the deadline at the end of the due date has run
        assertThat(types(l, "hz-1")).as("the deadline at E finds a submission made in time: nothing is recorded")
                .containsExactly("HazardReported", "RectificationPlanned", "RectificationSubmitted");
        assertNotOverdue(l, "hz-1");

        clock.set(END.plus(Duration.ofDays(2)));
        Receipt passed = verify(l, "hz-1", true);
        assertThat(eventTypes(passed)).as("a pass after E of an in-time submission records nothing overdue")
                .containsExactly("RectificationVerified");
        assertThat(types(l, "hz-1")).containsExactly("HazardReported", "RectificationPlanned",
                "RectificationSubmitted", "RectificationVerified");
        assertNotOverdue(l, "hz-1");

        // nothing comes later either: the ladder never started
        settle(END.plus(Duration.ofDays(31)), l);
        assertThat(types(l, "hz-1")).doesNotContain("RectificationOverdue", "HazardEscalated");
        assertNotOverdue(l, "hz-1");
        assertThat(failedDeadlines()).isZero();
    }

    // ---------------------------------------------------------------- 2. in time, verification fails after the end

    @Test
    void submittedInTime_verificationFailingAfterTheEnd_recordsTheOverdueRightAfterIt_andTheLadderStarts()
            throws Exception {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-2", DUE);
        submit(l, "hz-2");
        settle(END.plusSeconds(1), l);
        assertThat(types(l, "hz-2")).as("in time at E: nothing recorded")
                .containsExactly("HazardReported", "RectificationPlanned", "RectificationSubmitted");
        assertNotOverdue(l, "hz-2");

        clock.set(END.plus(Duration.ofDays(1)));
        Receipt failed = verify(l, "hz-2", false);
        assertThat(eventTypes(failed)).as("the overdue comes in the failed verification's own write, right after it")
                .startsWith("RectificationVerified", "RectificationOverdue");
        assertThat(types(l, "hz-2")).startsWith("HazardReported", "RectificationPlanned", "RectificationSubmitted",
                "RectificationVerified", "RectificationOverdue");
        assertOverdueEntry(l, "hz-2", DUE, END);
        assertThat(l.register().get("hz-2").orElseThrow().status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        assertOverdue(l, "hz-2");

        // the first step (due at E + 0) has passed: it follows, signed by the office
        at(clock.instant(), l, () -> count(l, "hz-2", "HazardEscalated") == 1);
        assertThat(types(l, "hz-2")).containsExactly("HazardReported", "RectificationPlanned",
                "RectificationSubmitted", "RectificationVerified", "RectificationOverdue", "HazardEscalated");
        assertThat(steps(l, "hz-2")).containsExactly("1 NOTICE_LETTER " + DUE + " " + END);
        HistoryEntry step = last(l, "hz-2");
        assertThat(json.readTree(step.entryJson()).at("/metadata/ledgerSignature/statement/mode").asText())
                .isEqualTo("office-server");
        assertThat(l.trail().signedBy("office")).extracting(SignedAct::aggregateId, SignedAct::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hz-2", "hazard.escalate"));

        // the ladder goes on from E, not from the verification: the circular at E + 7 days
        at(END.plus(Duration.ofDays(7)).plusSeconds(1), l, () -> count(l, "hz-2", "HazardEscalated") == 2);
        assertThat(steps(l, "hz-2")).containsExactly("1 NOTICE_LETTER " + DUE + " " + END,
                "2 CIRCULAR " + DUE + " " + END);
        assertThat(count(l, "hz-2", "RectificationOverdue")).as("once per due date").isEqualTo(1);
        assertOverdue(l, "hz-2");
        assertThat(l.verify().holds()).isTrue();
    }

    // ---------------------------------------------------------------- 3. nothing submitted at the end

    @Test
    void nothingSubmittedAtTheEnd_isOverdue_untilALateSubmissionPasses_andThenTheLadderTakesNoFurtherStep() {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-3", DUE);
        at(END.plusSeconds(1), l, () -> types(l, "hz-3").contains("HazardEscalated"));
        assertThat(types(l, "hz-3")).containsExactly("HazardReported", "RectificationPlanned",
                "RectificationOverdue", "HazardEscalated");
        assertOverdueEntry(l, "hz-3", DUE, END);
        assertOverdue(l, "hz-3");

        clock.set(END.plus(Duration.ofDays(1)));
        Receipt late = submit(l, "hz-3");
        assertThat(eventTypes(late)).as("the overdue for D is recorded already").containsExactly(
                "RectificationSubmitted");
        assertOverdue(l, "hz-3");   // a late submission awaiting verification

        clock.set(END.plus(Duration.ofDays(2)));
        assertThat(eventTypes(verify(l, "hz-3", true))).containsExactly("RectificationVerified");
        assertThat(l.register().get("hz-3").orElseThrow().status()).isEqualTo(HazardStatus.VERIFIED);
        assertNotOverdue(l, "hz-3");   // VERIFIED, though not closed out

        // the circular's moment passes: whatever waited for it has run, and taken no step
        settle(END.plus(Duration.ofDays(7)).plusSeconds(1), l);
        assertThat(count(l, "hz-3", "HazardEscalated")).as("no step after VERIFIED").isEqualTo(1);
        settle(END.plus(Duration.ofDays(31)), l);   // and none of the later steps either
        assertThat(count(l, "hz-3", "HazardEscalated")).as("no step after VERIFIED").isEqualTo(1);
        assertThat(failedDeadlines()).as("the deadlines ran and did nothing; none failed").isZero();
        assertThat(types(l, "hz-3")).endsWith("RectificationSubmitted", "RectificationVerified");
        assertNotOverdue(l, "hz-3");
    }

    // ---------------------------------------------------------------- 4. rule 2: late, before the deadline fired

    @Test
    void aLateSubmission_beforeTheDeadlineFired_recordsTheOverdueRightAfterIt_andTheStepsDueAreTakenInOrder()
            throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger first = park(store);
        reportAndPlan(first, "hz-4", DUE);
        shut(first);

        // nobody ran the deadlines when D ended; 8 days on, a process that runs none records a submission
        clock.set(END.plus(Duration.ofDays(8)));
        Ledger tool = ledger(store, false);
        Receipt late = submit(tool, "hz-4");
        assertThat(eventTypes(late)).as("the overdue comes in the submission's own write, right after it")
                .startsWith("RectificationSubmitted", "RectificationOverdue");
        assertThat(types(tool, "hz-4")).startsWith("HazardReported", "RectificationPlanned", "RectificationSubmitted",
                "RectificationOverdue");
        assertOverdueEntry(tool, "hz-4", DUE, END);   // since E, not since the submission
        assertOverdue(tool, "hz-4");   // late, awaiting verification
        shut(tool);

        // a server starts: the deadline at E finds the overdue recorded; the steps due by now (E + 0, E + 7 days)
        // are taken, in order, and the next one (E + 14 days) is not
        Ledger server = ledger(store, true);
        at(clock.instant(), server, () -> count(server, "hz-4", "HazardEscalated") == 2);
        settle(clock.instant(), server);
        assertThat(types(server, "hz-4")).containsExactly("HazardReported", "RectificationPlanned",
                "RectificationSubmitted", "RectificationOverdue", "HazardEscalated", "HazardEscalated");
        assertThat(steps(server, "hz-4")).containsExactly("1 NOTICE_LETTER " + DUE + " " + END,
                "2 CIRCULAR " + DUE + " " + END);
        assertThat(server.trail().signedBy("office")).extracting(SignedAct::action)
                .containsExactly("hazard.escalate", "hazard.escalate");
        assertOverdue(server, "hz-4");
        assertThat(server.verify().holds()).isTrue();
    }

    // ---------------------------------------------------------------- 5. the register, as-of, weekly report, grades

    @Test
    void theRegister_itsOverdueFilterAndRows_followTheRule() {
        Ledger l = park(TestLedgers.store(dir));
        mixedPark(l);
        assertThat(overdueIds(l, true, null)).containsExactlyInAnyOrder("hz-b", "hz-d", "hz-e");
        assertThat(overdueIds(l, false, null)).containsExactlyInAnyOrder("hz-a", "hz-c", "hz-f", "hz-g", "hz-r",
                "hz-v");
        for (String id : List.of("hz-b", "hz-d", "hz-e")) {
            assertThat(l.register().get(id).orElseThrow().overdue()).as(id).isTrue();
        }
        for (String id : List.of("hz-a", "hz-c", "hz-f", "hz-g", "hz-r", "hz-v")) {
            assertThat(l.register().get(id).orElseThrow().overdue()).as(id).isFalse();
        }
        // the filter and the rows agree
        assertThat(l.register().find(RegisterFilter.ALL)).filteredOn(HazardSummary::overdue)
                .extracting(HazardSummary::hazardId).containsExactlyInAnyOrder("hz-b", "hz-d", "hz-e");
    }

    @Test
    void theOpenMajorHazards_countOverdueByTheRule_nowAndAsOfEarlier() {
        Ledger l = park(TestLedgers.store(dir));
        for (String id : List.of("hz-m1", "hz-m2", "hz-m3")) {
            l.execute(new ReportHazard(id, "ent", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, "Art.4(1)", "fire",
                    "Tank farm", "Flange leak", null, START.minusSeconds(3600), "owner", List.of(), null, null));
            l.execute(new PlanRectification(id, "Replace it", "owner", DUE, null, null, null, "owner"));
        }
        Evidence photo = new Evidence("a".repeat(64), "image/jpeg", START, "after.jpg");
        l.execute(new SubmitRectification("hz-m1", "replaced", List.of(photo), "owner"));   // in time
        at(END, l, () -> count(l, "hz-m2", "RectificationOverdue") == 1);
        at(END.plusSeconds(60), l, () -> count(l, "hz-m3", "RectificationOverdue") == 1);
        clock.set(END.plus(Duration.ofHours(2)));
        l.execute(new SubmitRectification("hz-m3", "replaced", List.of(photo), "owner"));   // late
        Receipt failed = verify(l, "hz-m1", false);   // the in-time one fails after the end
        LedgerPosition beforeFailure = l.position(failed.entries().get(0).index(), null);
        assertThat(l.register().openMajorHazards()).singleElement().satisfies(o -> {
            assertThat(o.open()).isEqualTo(3);
            assertThat(o.overdue()).as("planned, late, failed after the end").isEqualTo(3);
        });
        assertThat(l.register().openMajorHazards(beforeFailure)).singleElement().satisfies(o -> {
            assertThat(o.open()).isEqualTo(3);
            assertThat(o.overdue()).as("hz-m1's in-time submission awaited verification").isEqualTo(2);
        });
    }

    @Test
    void asOfAnEarlierPosition_theRegisterJudgesTheRuleThere() {
        Ledger l = park(TestLedgers.store(dir));
        Story s = mixedPark(l);

        // an hour after E: only what was planned and not submitted (hz-d's submission came later)
        LedgerPosition hourAfter = l.position(null, END.plus(Duration.ofHours(1)));
        assertThat(overdueIds(l, true, hourAfter)).containsExactlyInAnyOrder("hz-b", "hz-d");
        assertThat(l.register().get("hz-a", hourAfter).orElseThrow().overdue()).isFalse();
        assertThat(l.register().get("hz-v", hourAfter).orElseThrow().overdue()).isFalse();

        // just before hz-c's pass: hz-c awaits verification of an in-time submission, hz-d of a late one
        LedgerPosition beforePass = l.position(s.cVerified(), null);
        assertThat(overdueIds(l, true, beforePass)).containsExactlyInAnyOrder("hz-b", "hz-d");
        HazardSummary c = l.register().get("hz-c", beforePass).orElseThrow();
        assertThat(c.status()).isEqualTo(HazardStatus.RECTIFICATION_SUBMITTED);
        assertThat(c.overdue()).isFalse();
        assertThat(overdueIds(l, false, beforePass)).contains("hz-a", "hz-c", "hz-e", "hz-v")
                .doesNotContain("hz-b", "hz-d");

        // hz-e before and after its failed verification
        LedgerPosition beforeFail = l.position(s.eFailed(), null);
        assertThat(l.register().get("hz-e", beforeFail).orElseThrow().overdue()).isFalse();
        assertThat(overdueIds(l, true, beforeFail)).containsExactlyInAnyOrder("hz-b", "hz-d");
        LedgerPosition afterFail = l.position(s.eFailed() + 1, null);
        assertThat(l.register().get("hz-e", afterFail).orElseThrow().overdue()).isTrue();
        assertThat(overdueIds(l, true, afterFail)).containsExactlyInAnyOrder("hz-b", "hz-d", "hz-e");

        // as of now, by either question
        assertThat(overdueIds(l, true, l.position(null, clock.instant().minusSeconds(1))))
                .containsExactlyInAnyOrder("hz-b", "hz-d", "hz-e");
        assertThat(overdueIds(l, true, l.position(l.log().size(), null)))
                .containsExactlyInAnyOrder("hz-b", "hz-d", "hz-e");
    }

    @Test
    void theWeeklyReport_countsOverdueByTheRule() {
        Ledger l = park(TestLedgers.store(dir));
        mixedPark(l);
        clock.set(WEEK_END.plus(Duration.ofHours(1)));   // the week of E has ended
        WeeklyReport report = l.weeklyReport(WEEK);
        assertThat(report.complete()).isTrue();
        assertThat(report.park().overdue()).as("hz-b, hz-d, hz-e").isEqualTo(3);
        assertThat(report.enterprises()).filteredOn(t -> t.enterpriseId().equals("ent"))
                .extracting(WeeklyReport.Totals::overdue).containsExactly(3L);
    }

    @Test
    void theGradeAssessment_countsOverdueRectificationsByTheRule() {
        Ledger l = park(TestLedgers.store(dir));
        mixedPark(l);
        assertThat(overdueFactor(l).items()).containsExactly("hz-b", "hz-d", "hz-e");
        assertThat(overdueFactor(l).count()).isEqualTo(3);
        clock.set(WEEK_END.plus(Duration.ofHours(1)));
        GradeFactor later = overdueFactor(l);
        assertThat(later.items()).containsExactly("hz-b", "hz-d", "hz-e");
        assertThat(later.points()).isEqualTo(3 * later.weight());
    }

    // ---------------------------------------------------------------- an extension while a submission awaits

    @Test
    void anExtension_whileALateSubmissionAwaitsVerification_countsItForTheNewDueDate() {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-x", DUE);
        at(END.plusSeconds(1), l, () -> types(l, "hz-x").contains("HazardEscalated"));
        clock.set(END.plus(Duration.ofDays(1)));   // Friday 2026-06-05 in the park
        submit(l, "hz-x");
        assertOverdue(l, "hz-x");

        LocalDate newDue = DUE.plusDays(5);
        Instant newEnd = endOf(newDue);
        clock.set(END.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
        l.execute(new ExtendDeadline("hz-x", newDue, "the verifier is away", "approver"));
        assertNotOverdue(l, "hz-x");   // submitted before the new date's end, awaiting verification

        // the new date ends: the submission counts for it, so nothing is recorded
        settle(newEnd.plusSeconds(1), l);
        assertThat(count(l, "hz-x", "RectificationOverdue")).as("none for " + newDue).isEqualTo(1);
        assertNotOverdue(l, "hz-x");
        // and the extension stopped the first due date's ladder: its circular (E + 7 days) is not taken
        settle(END.plus(Duration.ofDays(7)).plusSeconds(1), l);
        assertThat(count(l, "hz-x", "HazardEscalated")).isEqualTo(1);
        assertNotOverdue(l, "hz-x");

        // its verification fails after the new end: overdue for the new date, since its end, and a new ladder
        Receipt failed = verify(l, "hz-x", false);
        assertThat(eventTypes(failed)).startsWith("RectificationVerified", "RectificationOverdue");
        assertThat(count(l, "hz-x", "RectificationOverdue")).isEqualTo(2);
        assertOverdueEntry(l, "hz-x", newDue, newEnd);
        assertOverdue(l, "hz-x");
        at(clock.instant(), l, () -> count(l, "hz-x", "HazardEscalated") == 2);
        assertThat(steps(l, "hz-x")).containsExactly("1 NOTICE_LETTER " + DUE + " " + END,
                "1 NOTICE_LETTER " + newDue + " " + newEnd);
    }

    // ---------------------------------------------------------------- where the old rule and the new agree

    @Test
    void nothingSubmitted_isOverdueFromTheEnd_aLateSubmissionOrAFailedOneRecordsNoSecondOverdue_untilClosedOut() {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-n", DUE);
        clock.set(END.minusSeconds(30));
        l.runDueDeadlines();
        assertThat(types(l, "hz-n")).as("not before E").containsExactly("HazardReported", "RectificationPlanned");
        assertNotOverdue(l, "hz-n");

        at(END.plusSeconds(1), l, () -> types(l, "hz-n").contains("HazardEscalated"));
        assertOverdueEntry(l, "hz-n", DUE, END);
        assertOverdue(l, "hz-n");

        clock.set(END.plus(Duration.ofDays(1)));
        assertThat(eventTypes(submit(l, "hz-n"))).containsExactly("RectificationSubmitted");
        assertOverdue(l, "hz-n");
        clock.set(END.plus(Duration.ofDays(2)));
        assertThat(eventTypes(verify(l, "hz-n", false))).as("a late submission's failure: D was recorded already")
                .containsExactly("RectificationVerified");
        assertOverdue(l, "hz-n");

        at(END.plus(Duration.ofDays(7)).plusSeconds(1), l, () -> count(l, "hz-n", "HazardEscalated") == 2);
        assertThat(steps(l, "hz-n")).containsExactly("1 NOTICE_LETTER " + DUE + " " + END,
                "2 CIRCULAR " + DUE + " " + END);

        clock.set(END.plus(Duration.ofDays(8)));
        submit(l, "hz-n");
        assertOverdue(l, "hz-n");
        verify(l, "hz-n", true);
        l.execute(new CloseOutHazard("hz-n", "done", "approver"));
        assertNotOverdue(l, "hz-n");
        settle(END.plus(Duration.ofDays(14)).plusSeconds(1), l);
        assertThat(count(l, "hz-n", "HazardEscalated")).as("no step after the close-out").isEqualTo(2);
        assertThat(count(l, "hz-n", "RectificationOverdue")).isEqualTo(1);
        assertNotOverdue(l, "hz-n");
    }

    @Test
    void beforeTheEnd_andWithoutADueDate_nothingIsOverdue() {
        Ledger l = park(TestLedgers.store(dir));
        reportAndPlan(l, "hz-p", DUE);
        report(l, "hz-r");
        clock.set(END.minus(Duration.ofMinutes(1)));
        assertNotOverdue(l, "hz-p");
        assertNotOverdue(l, "hz-r");
        assertThat(overdueFactor(l).items()).isEmpty();

        settle(END.plusSeconds(1), l);
        assertOverdue(l, "hz-p");
        assertNotOverdue(l, "hz-r");   // no due date: never overdue
        LedgerPosition before = l.position(null, END.minus(Duration.ofMinutes(1)));
        assertThat(overdueIds(l, true, before)).isEmpty();
        assertThat(l.register().get("hz-p", before).orElseThrow().overdue()).isFalse();
        assertThat(overdueIds(l, true, l.position(null, END.plusSeconds(2)))).containsExactly("hz-p");
        assertThat(overdueFactor(l).items()).containsExactly("hz-p");
    }

    // ---------------------------------------------------------------- the mixed park of the register tests

    /** Where the as-of questions ask: the index of hz-c's passed verification and of hz-e's failed one. */
    record Story(long cVerified, long eFailed) {
    }

    /**
     * Nine hazards of one enterprise, most due on {@link #DUE}; afterwards the clock stands at E + 5 hours and the
     * overdue ones are hz-b, hz-d and hz-e:
     * <ul>
     *   <li>hz-a submitted in time, awaiting verification: not overdue;</li>
     *   <li>hz-b nothing submitted: overdue;</li>
     *   <li>hz-c submitted in time, passed at E + 3 h (not closed out): not overdue;</li>
     *   <li>hz-d submitted late, at E + 2 h, awaiting verification: overdue;</li>
     *   <li>hz-e submitted in time, failed at E + 4 h: overdue;</li>
     *   <li>hz-f closed out before E; hz-g due 17 days later; hz-r reported only; hz-v passed before E, not closed
     *       out: none overdue.</li>
     * </ul>
     */
    private Story mixedPark(Ledger l) {
        reportAndPlan(l, "hz-a", DUE);
        submit(l, "hz-a");
        reportAndPlan(l, "hz-b", DUE);
        reportAndPlan(l, "hz-c", DUE);
        submit(l, "hz-c");
        reportAndPlan(l, "hz-d", DUE);
        reportAndPlan(l, "hz-e", DUE);
        submit(l, "hz-e");
        reportAndPlan(l, "hz-f", DUE);
        submit(l, "hz-f");
        verify(l, "hz-f", true);
        l.execute(new CloseOutHazard("hz-f", "done", "approver"));
        reportAndPlan(l, "hz-g", DUE.plusDays(17));
        report(l, "hz-r");
        reportAndPlan(l, "hz-v", DUE);
        submit(l, "hz-v");
        verify(l, "hz-v", true);

        settle(END.plusSeconds(1), l);
        clock.set(END.plus(Duration.ofHours(2)));
        submit(l, "hz-d");
        clock.set(END.plus(Duration.ofHours(3)));
        long cVerified = verify(l, "hz-c", true).entries().get(0).index();
        clock.set(END.plus(Duration.ofHours(4)));
        long eFailed = verify(l, "hz-e", false).entries().get(0).index();
        clock.set(END.plus(Duration.ofHours(5)));
        return new Story(cVerified, eFailed);
    }

    // ---------------------------------------------------------------- 7. a signed act's write: the notice unsigned

    @Test
    void theOverdueNoticeInASignedActsWrite_carriesNoSignature_andTheLedgerVerifies() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger l = ledger(store, false);   // no deadline runs: the acts after the end record the notices
        people(l);
        StatementSigner ownerKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        StatementSigner approverKey = KeyPairs.generate(SignatureAlgorithm.SM2_SM3).signer();
        l.execute(new io.hazardledger.directory.RegisterKey("owner", ownerKey.verificationKey().spkiBase64(),
                START.minusSeconds(60), "owner"));
        l.execute(new io.hazardledger.directory.RegisterKey("approver", approverKey.verificationKey().spkiBase64(),
                START.minusSeconds(60), "approver"));
        reportAndPlan(l, "hz-s", DUE);
        reportAndPlan(l, "hz-t", DUE);
        SubmitRectification inTime = new SubmitRectification("hz-t", "cleared", List.of(), "owner");
        l.execute(inTime, signed(l, inTime, ownerKey));

        clock.set(END.plus(Duration.ofDays(2)));
        SubmitRectification late = new SubmitRectification("hz-s", "cleared", List.of(), "owner");
        assertThat(eventTypes(l.execute(late, signed(l, late, ownerKey))))
                .containsExactly("RectificationSubmitted", "RectificationOverdue");
        VerifyRectification failed = new VerifyRectification("hz-t", false, "still blocked", "approver");
        assertThat(eventTypes(l.execute(failed, signed(l, failed, approverKey))))
                .containsExactly("RectificationVerified", "RectificationOverdue");

        for (String hazard : List.of("hz-s", "hz-t")) {
            List<HistoryEntry> h = l.register().history(hazard);
            JsonNode act = json.readTree(h.get(h.size() - 2).entryJson());
            JsonNode notice = json.readTree(h.get(h.size() - 1).entryJson());
            assertThat(act.path("metadata").has("ledgerSignature")).as("the act is signed").isTrue();
            assertThat(notice.path("eventType").asText()).isEqualTo("RectificationOverdue");
            assertThat(notice.path("metadata").has("ledgerSignature")).as("the ledger's notice is nobody's act")
                    .isFalse();
            assertOverdue(l, hazard);
        }
        assertThat(l.verify().holds()).isTrue();
        assertThat(l.trail().signedBy("owner")).extracting(SignedAct::action)
                .containsExactly("hazard.submit", "hazard.submit");
    }

    private io.hazardledger.integrity.sig.SignedStatement signed(Ledger l, Object command, StatementSigner key) {
        return io.hazardledger.integrity.sig.SignedStatement.sign(
                l.statementFor(command, key.verificationKey().keyId(), clock.instant()), key);
    }

    // ---------------------------------------------------------------- 8. a store from before the rule

    @Test
    void aStoreWrittenBeforeV22_isRebuiltOnceAtItsFirstStart_andAnswersByTheRule() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger l = ledger(store, false);
        people(l);
        reportAndPlan(l, "hz-late", DUE);
        reportAndPlan(l, "hz-intime", DUE);
        submit(l, "hz-intime");
        clock.set(END.plus(Duration.ofHours(1)));
        submit(l, "hz-late");   // its write records the due date overdue
        shut(l);
        // as V22 finds a store written before it: no submitted_on, no facts of submissions or verifications
        try (java.sql.Connection c = store.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE hazard_view DROP COLUMN submitted_on");
            st.executeUpdate("ALTER TABLE hazard_version DROP COLUMN submitted_on");
            st.executeUpdate("DELETE FROM weekly_fact WHERE kind IN ('S', 'P', 'F')");
            st.executeUpdate("DROP TABLE cadence_inspection");   // V23, after it
            st.executeUpdate("DELETE FROM \"ledger_schema_history\" WHERE CAST(\"version\" AS INTEGER) >= 22");
        }

        clock.set(WEEK_END.plus(Duration.ofHours(1)));
        Ledger again = ledger(store, false);
        assertOverdue(again, "hz-late");
        assertNotOverdue(again, "hz-intime");
        assertThat(again.weeklyReport(WEEK).park().overdue()).as("hz-late; hz-intime awaits verification").isOne();
        assertThat(again.verify().holds()).isTrue();
    }

    // ---------------------------------------------------------------- the park and its ledgers

    private Ledger ledger(DataSource store, boolean runsDeadlines) {
        lastStore = store;
        Ledger.Builder b = Ledger.builder().dataSource(store).clock(clock).office("office", officeKey)
                .checkpoints(logKey, "test.example/overdue", Duration.ZERO);
        if (runsDeadlines) {
            b.runDeadlines(Duration.ofMillis(200));
        }
        Ledger l = b.build();
        open.add(l);
        return l;
    }

    private Ledger park(DataSource store) {
        Ledger l = ledger(store, true);
        people(l);
        return l;
    }

    private void shut(Ledger l) {
        l.close();
        open.remove(l);
    }

    /** The enterprise, its owner, the office (its key registered) and an approver, who also verifies. */
    static void people(Ledger l) {
        l.execute(new RegisterEnterprise("ent", "Acme", "chemicals", true));
        l.execute(new RegisterPerson("owner", "Owner", "ent", Set.of(Role.ENTERPRISE_STAFF)));
        l.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        l.execute(new RegisterPerson("approver", "Approver", null, Set.of(Role.PARK_OFFICE)));
        assertThat(l.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
    }

    static void report(Ledger l, String hazardId) {
        l.execute(new ReportHazard(hazardId, "ent", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null, "fire",
                "Store 2", "Blocked exit", null, START.minusSeconds(3600), "owner", List.of(), null, null));
    }

    static void reportAndPlan(Ledger l, String hazardId, LocalDate due) {
        report(l, hazardId);
        l.execute(new PlanRectification(hazardId, "Clear the exit", "owner", due, null, null, null, "owner"));
    }

    static Receipt submit(Ledger l, String hazardId) {
        return l.execute(new SubmitRectification(hazardId, "cleared", List.of(), "owner"));
    }

    static Receipt verify(Ledger l, String hazardId, boolean passed) {
        return l.execute(new VerifyRectification(hazardId, passed, passed ? "ok" : "still blocked", "approver"));
    }

    /** The end of a due date: the start of the next day in the park. */
    static Instant endOf(LocalDate due) {
        return due.plusDays(1).atStartOfDay(PARK).toInstant();
    }

    // ---------------------------------------------------------------- what the ledger answers

    private static List<String> types(Ledger l, String hazardId) {
        return l.register().history(hazardId).stream().map(HistoryEntry::eventType).toList();
    }

    private static long count(Ledger l, String hazardId, String type) {
        return types(l, hazardId).stream().filter(type::equals).count();
    }

    private static List<String> eventTypes(Receipt r) {
        return r.entries().stream().map(Receipt.Entry::eventType).toList();
    }

    private static HistoryEntry last(Ledger l, String hazardId) {
        List<HistoryEntry> h = l.register().history(hazardId);
        return h.get(h.size() - 1);
    }

    private JsonNode payload(HistoryEntry e) {
        try {
            return json.readTree(e.entryJson()).get("payload");
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            throw new AssertionError(x);
        }
    }

    /** The latest RectificationOverdue of the hazard states {@code due} and {@code since}. */
    private void assertOverdueEntry(Ledger l, String hazardId, LocalDate due, Instant since) {
        List<HistoryEntry> overdue = l.register().history(hazardId).stream()
                .filter(e -> e.eventType().equals("RectificationOverdue")).toList();
        assertThat(overdue).as("a RectificationOverdue entry").isNotEmpty();
        JsonNode p = payload(overdue.get(overdue.size() - 1));
        assertThat(p.get("dueDate").asText()).isEqualTo(due.toString());
        assertThat(Instant.parse(p.get("overdueSince").asText())).isEqualTo(since);
    }

    /** Each HazardEscalated: "stepNo step dueDate overdueSince". */
    private List<String> steps(Ledger l, String hazardId) {
        return l.register().history(hazardId).stream().filter(e -> e.eventType().equals("HazardEscalated"))
                .map(this::payload).map(p -> p.get("stepNo").asInt() + " " + p.get("step").asText() + " "
                        + p.get("dueDate").asText() + " " + Instant.parse(p.get("overdueSince").asText()))
                .toList();
    }

    /** The register's row says overdue, and the overdue filter lists it (and the not-overdue filter does not). */
    private static void assertOverdue(Ledger l, String hazardId) {
        assertThat(l.register().get(hazardId).orElseThrow().overdue()).as(hazardId + " overdue").isTrue();
        assertThat(overdueIds(l, true, null)).as("overdue=true lists " + hazardId).contains(hazardId);
        assertThat(overdueIds(l, false, null)).as("overdue=false does not list " + hazardId)
                .doesNotContain(hazardId);
    }

    private static void assertNotOverdue(Ledger l, String hazardId) {
        assertThat(l.register().get(hazardId).orElseThrow().overdue()).as(hazardId + " not overdue").isFalse();
        assertThat(overdueIds(l, true, null)).as("overdue=true does not list " + hazardId)
                .doesNotContain(hazardId);
        assertThat(overdueIds(l, false, null)).as("overdue=false lists " + hazardId).contains(hazardId);
    }

    /** The hazards the register's overdue filter finds, now ({@code at} null) or as of {@code at}. */
    private static List<String> overdueIds(Ledger l, boolean overdue, LedgerPosition at) {
        RegisterFilter f = new RegisterFilter(null, null, null, null, overdue, 1000, 0);
        List<HazardSummary> rows = at == null ? l.register().find(f) : l.register().find(f, at);
        return rows.stream().map(HazardSummary::hazardId).toList();
    }

    private static GradeFactor overdueFactor(Ledger l) {
        return l.grades().assess("ent").orElseThrow().factors().stream()
                .filter(f -> f.factor() == GradeFactor.Factor.OVERDUE_RECTIFICATIONS).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the scheduler's rows

    /** Moves the clock and asks for the due deadlines at once, then waits (at most 30 s) until {@code done} holds. */
    private void at(Instant when, Ledger l, BooleanSupplier done) {
        clock.set(when);
        l.runDueDeadlines();
        Await.until("the deadline fired", () -> "the ledger holds " + l.log().size() + " entries; tasks " + tasks()
                + " clock " + clock.instant(), done);
    }

    /**
     * Moves the clock and waits until every deadline due by then has run: no row of Axon's deadline task is left
     * with its moment at or before the clock (a one-time task's row is deleted once it ran; a deadline that set
     * another already due left that one's row first). Proves that what was due fired, whatever it did.
     */
    private void settle(Instant when, Ledger l) {
        at(when, l, () -> dueDeadlines() == 0);
    }

    private long dueDeadlines() {
        return countTasks("execution_time <= ?", clock.instant());
    }

    private long failedDeadlines() {
        return countTasks("consecutive_failures > 0", null);
    }

    private long countTasks(String where, Instant bound) {
        return DeadlineRows.count(lastStore, where, bound);
    }

    private String tasks() {
        return DeadlineRows.describe(lastStore);
    }
}
