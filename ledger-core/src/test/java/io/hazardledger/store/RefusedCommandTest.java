package io.hazardledger.store;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.VerifiedLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refused command changes nothing: no event, no ledger entry, no projection row, the same chain head,
 * and the ledger still verifies. Starts from: the park, hz-closed (closed out), hz-submitted (rectification
 * submitted by the owner) and hz-reported.
 */
class RefusedCommandTest {

    @TempDir
    Path dir;

    private TestDatabase database;
    private Ledger ledger;
    private LedgerTables tables;

    @BeforeEach
    void buildLedger() throws Exception {
        database = TestDatabase.in(dir);
        ledger = database.ledger();
        tables = database.tables();
        TestLedgers.park(ledger);
        TestLedgers.closedLoop(ledger, "hz-closed");
        ledger.execute(TestLedgers.report("hz-submitted", HazardLevel.MAJOR));
        ledger.execute(plan("hz-submitted"));
        ledger.execute(new SubmitRectification("hz-submitted", "done", List.of(TestLedgers.evidence("s")), OWNER));
        ledger.execute(TestLedgers.report("hz-reported", HazardLevel.GENERAL));
    }

    @AfterEach
    void closeLedger() throws Exception {
        ledger.close();
        database.close();
    }

    /** A command the ledger must refuse, with the exception type and code it refuses it with. */
    record Refusal(String why, Object command, Class<? extends LedgerException> type, String code) {
        @Override
        public String toString() {
            return why + " -> " + code;
        }
    }

    private static ReportHazard reportWith(String hazardId, String description,
                                           List<io.hazardledger.hazard.Evidence> evidence) {
        return new ReportHazard(hazardId, TestLedgers.ENTERPRISE, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION,
                null, "fire safety", "Tank farm B", description, null, Instant.parse("2026-11-01T08:00:00Z"),
                TestLedgers.REPORTER, evidence);
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                // Characters refused in what a command asks to record (stored events holding them still read).
                new Refusal("a description with an 8-bit CSI (U+009B)", reportWith("hz-csi", "leak \u009b31m red",
                        List.of()), InvalidInputException.class, "invalid-input"),
                new Refusal("an evidence name with a right-to-left override", reportWith("hz-rlo", "leak",
                        List.of(new io.hazardledger.hazard.Evidence("a".repeat(64), "image/jpeg",
                                java.time.Instant.parse("2026-11-01T08:00:00Z"), "photo\u202egpj.exe"))),
                        InvalidInputException.class, "invalid-input"),
                new Refusal("a description of no-break spaces only", reportWith("hz-nbsp", "\u00a0\u00a0",
                        List.of()), InvalidInputException.class, "invalid-input"),
                new Refusal("a plan's measures of a zero-width space and an ideographic space",
                        new PlanRectification("hz-reported", "\u200b\u3000", OWNER, LocalDate.now().plusDays(5), null,
                                null, null, OWNER), InvalidInputException.class, "invalid-input"),
                new Refusal("a plan's measures with DEL", new PlanRectification("hz-reported", "fix\u007f", OWNER,
                        LocalDate.now().plusDays(5), null, null, null, OWNER), InvalidInputException.class,
                        "invalid-input"),
                // Business rules.
                new Refusal("close-out before a passed verification", new CloseOutHazard("hz-reported", "done", VERIFIER),
                        RuleViolationException.class, "close-out-without-passed-verification"),
                new Refusal("the owner verifies their own rectification",
                        new VerifyRectification("hz-submitted", true, "fine", OWNER),
                        RuleViolationException.class, "verifier-is-owner"),
                new Refusal("plan on a closed-out hazard", plan("hz-closed"), RuleViolationException.class, "hazard-closed"),
                new Refusal("reopen a hazard that is not closed", new ReopenHazard("hz-reported", "again", VERIFIER),
                        RuleViolationException.class, "illegal-transition"),
                new Refusal("extend to an earlier due date",
                        new ExtendDeadline("hz-submitted", LocalDate.now().plusDays(1), "late", VERIFIER),
                        RuleViolationException.class, "extension-not-later"),
                new Refusal("principal from outside the enterprise", new AppointPrincipal(ENTERPRISE, VERIFIER),
                        RuleViolationException.class, "principal-not-of-enterprise"),
                // Invalid input found by the handler.
                new Refusal("major hazard without a criterion clause", report("hz-new", HazardLevel.MAJOR, null, Instant.now()),
                        InvalidInputException.class, "invalid-input"),
                new Refusal("found in the future", report("hz-new", HazardLevel.GENERAL, null, Instant.now().plus(1, ChronoUnit.DAYS)),
                        InvalidInputException.class, "invalid-input"),
                // Unknown references.
                new Refusal("report for an unknown enterprise", new ReportHazard("hz-new", "ent-nobody", HazardLevel.GENERAL,
                        HazardSource.PUBLIC_REPORT, null, "c", "l", "d", null, Instant.now(), REPORTER, List.of()),
                        UnknownReferenceException.class, "unknown-enterprise"),
                new Refusal("plan for an unknown hazard", plan("hz-nobody"), UnknownReferenceException.class, "unknown-hazard"),
                new Refusal("plan with an unknown owner", new PlanRectification("hz-reported", "m", "p-nobody",
                        LocalDate.now().plusDays(5), null, null, null, OWNER), UnknownReferenceException.class, "unknown-person"),
                new Refusal("principal of an unknown enterprise", new AppointPrincipal("ent-nobody", OWNER),
                        UnknownReferenceException.class, "unknown-enterprise"),
                new Refusal("person of an unknown enterprise", new RegisterPerson("p-new", "N", "ent-nobody", Set.of(Role.AUDITOR)),
                        UnknownReferenceException.class, "unknown-enterprise"),
                // Duplicate ids: refused by the event store's unique key, inside the append.
                new Refusal("enterprise registered twice", new RegisterEnterprise(ENTERPRISE, "Other", "other", false),
                        RuleViolationException.class, "duplicate-id"),
                new Refusal("person registered twice", new RegisterPerson(OWNER, "Other", null, Set.of(Role.AUDITOR)),
                        RuleViolationException.class, "duplicate-id"),
                new Refusal("hazard reported twice", TestLedgers.report("hz-reported", HazardLevel.GENERAL),
                        RuleViolationException.class, "duplicate-id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedCommand_storesNothing(Refusal refusal) throws Exception {
        LedgerTables.Counts countsBefore = tables.counts();
        Map<String, List<String>> projectionsBefore = tables.projections();

        assertThatThrownBy(() -> ledger.execute(refusal.command()))
                .isInstanceOf(refusal.type())
                .satisfies(e -> assertThat(((LedgerException) e).code()).isEqualTo(refusal.code()));

        assertThat(tables.counts()).isEqualTo(countsBefore);
        assertThat(tables.projections()).isEqualTo(projectionsBefore);
        VerifiedLedger verified = ledger.verify();
        assertThat(verified.size()).isEqualTo(countsBefore.head().size());
        assertThat(verified.headHash()).isEqualTo(countsBefore.head().hash());
    }

    /** A record a command acts on that does not exist is named by the command's member, and marked as its target. */
    @org.junit.jupiter.api.Test
    void anUnknownTarget_isNamedByTheCommandsMember() {
        assertThatThrownBy(() -> ledger.execute(plan("hz-nobody")))
                .isInstanceOfSatisfying(UnknownReferenceException.class, e -> {
                    assertThat(e.field()).isEqualTo("hazardId");
                    assertThat(e.isTarget()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("hazardId: no hazard with id 'hz-nobody'");
                });
        assertThatThrownBy(() -> ledger.execute(new AppointPrincipal("ent-nobody", OWNER)))
                .isInstanceOfSatisfying(UnknownReferenceException.class, e -> {
                    assertThat(e.field()).isEqualTo("enterpriseId");
                    assertThat(e.isTarget()).isTrue();
                });
        // a reference that is not the target keeps its own member, and is not marked
        assertThatThrownBy(() -> ledger.execute(new PlanRectification("hz-reported", "m", "p-nobody",
                LocalDate.now().plusDays(5), null, null, null, OWNER)))
                .isInstanceOfSatisfying(UnknownReferenceException.class, e -> {
                    assertThat(e.field()).isEqualTo("ownerId");
                    assertThat(e.isTarget()).isFalse();
                });
    }

    /** The refusal names the text's place in the command, the character and where it stands. */
    @org.junit.jupiter.api.Test
    void aRefusedCharacter_isNamedWithItsField() {
        ReportHazard rlo = reportWith("hz-rlo", "leak", List.of(new io.hazardledger.hazard.Evidence("a".repeat(64),
                "image/jpeg", Instant.parse("2026-11-01T08:00:00Z"), "photo\u202egpj.exe")));
        assertThatThrownBy(() -> ledger.execute(rlo)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("evidence.name");
            assertThat(e.getMessage()).contains("bidirectional", "U+202E at 5");
        });
        assertThatThrownBy(() -> ledger.fileWhistleblowerReport(new io.hazardledger.whistleblower.FileReport(
                ENTERPRISE, "Dock \u009b2J", "Leak", null))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("location"));
        assertThatThrownBy(() -> ledger.fileWhistleblowerReport(new io.hazardledger.whistleblower.FileReport(
                ENTERPRISE, "Dock 2", "\u200b \ufeff\u2060", null))).isInstanceOfSatisfying(
                InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("description");
                    assertThat(e.getMessage()).contains("no visible character");
                });
        // text with a visible character among them is kept as it is
        assertThat(ledger.execute(reportWith("hz-visible", "\u00a0leak\u200b", List.of())).index()).isPositive();
    }

    private static PlanRectification plan(String hazardId) {
        return new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30), "100.00",
                null, null, OWNER);
    }

    private static ReportHazard report(String hazardId, HazardLevel level, String criterionRef, Instant foundAt) {
        return new ReportHazard(hazardId, ENTERPRISE, level, HazardSource.SELF_INSPECTION, criterionRef, "fire safety",
                "Tank farm B", "Flange leak", null, foundAt, REPORTER, List.of());
    }
}
