package io.hazardledger.hazard;

import io.hazardledger.directory.InMemoryDirectory;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.Hashes;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A small park and a hazard's commands and events for the {@link Hazard} aggregate tests.
 *
 * <p>Time is fixed: the injected {@link Clock} stands at {@link #NOW} in the park's zone, and each test sets the
 * fixture's current time (the timestamp that both {@code given} events and applied events get) to {@link #NOW}.
 * {@code NOW} is 10:00 in Shanghai on {@link #REPORT_DAY}, and the hazard was found an hour earlier, so the day it
 * was found and the day it was reported are the same, in UTC and in the park.
 */
final class Hazards {

    static final ZoneId PARK_ZONE = ZoneId.of("Asia/Shanghai");
    /** 2026-11-02 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-02T02:00:00Z");
    /** The day the hazard was found and reported, in the park's zone. */
    static final LocalDate REPORT_DAY = LocalDate.of(2026, 11, 2);
    static final LocalDate DUE = REPORT_DAY.plusDays(30);
    static final Clock CLOCK = Clock.fixed(NOW, PARK_ZONE);

    static final String HAZARD = "hz-1";
    static final String ENTERPRISE = "ent-acme";
    static final String REPORTER = "p-reporter";
    /** Rectification owner (整改责任人); also the person who plans. */
    static final String OWNER = "p-owner";
    /** A fitter of the enterprise who does the work and submits it, so that submitter and owner differ. */
    static final String FITTER = "p-fitter";
    static final String VERIFIER = "p-verifier";
    /** Park safety office: approves extensions, closes out, reopens. */
    static final String OFFICE = "p-office";
    static final String NOBODY = "p-nobody";

    static final String CRITERION = "MEM Order No.10 Art.4(1)";
    static final Instant FOUND_AT = NOW.minusSeconds(3600);

    private Hazards() {
    }

    static InMemoryDirectory park() {
        return new InMemoryDirectory()
                .withEnterprise(ENTERPRISE)
                .withPerson(REPORTER, ENTERPRISE, Role.ENTERPRISE_STAFF)
                .withPerson(OWNER, ENTERPRISE, Role.ENTERPRISE_STAFF)
                .withPerson(FITTER, ENTERPRISE, Role.ENTERPRISE_STAFF)
                .withPerson(VERIFIER, null, Role.VERIFIER, Role.INSPECTOR)
                .withPerson(OFFICE, null, Role.PARK_OFFICE);
    }

    /** A fixture with the park directory and the fixed clock injected into command and event-sourcing handlers. */
    static FixtureConfiguration<Hazard> fixture() {
        AggregateTestFixture<Hazard> fixture = new AggregateTestFixture<>(Hazard.class);
        fixture.registerInjectableResource(park());
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(EscalationLadder.defaults());
        fixture.registerInjectableResource(DueDateHorizon.defaults());
        fixture.registerInjectableResource(new io.hazardledger.inspection.InMemoryInspections());
        return fixture;
    }

    static Evidence evidence(String name) {
        return new Evidence(Hashes.sha256Hex(name.getBytes(StandardCharsets.UTF_8)), "image/jpeg", NOW.minusSeconds(600), name + ".jpg");
    }

    // --- report ---

    static ReportHazard report(HazardLevel level, String criterionRef) {
        return new ReportHazard(HAZARD, ENTERPRISE, level, HazardSource.SELF_INSPECTION, criterionRef, "fire safety",
                "Tank farm B, pump 3", "Flange leak near the pump", "gasket aged", FOUND_AT, REPORTER,
                List.of(evidence("before")));
    }

    static ReportHazard report(HazardLevel level) {
        return report(level, level == HazardLevel.MAJOR ? CRITERION : null);
    }

    static HazardReported reported(HazardLevel level) {
        return reported(level, FOUND_AT);
    }

    static HazardReported reported(HazardLevel level, Instant foundAt) {
        ReportHazard c = report(level);
        return new HazardReported(c.hazardId(), c.enterpriseId(), c.level(), c.source(), c.criterionRef(),
                c.category(), c.location(), c.description(), c.cause(), foundAt, c.reportedBy(), c.evidence());
    }

    // --- plan ---

    static PlanRectification plan(String ownerId, LocalDate dueDate) {
        return new PlanRectification(HAZARD, "replace gasket", ownerId, dueDate, "12000.00",
                "cordon and gas detector", "evacuate on alarm", OWNER);
    }

    static PlanRectification plan(LocalDate dueDate) {
        return plan(OWNER, dueDate);
    }

    static RectificationPlanned planned(LocalDate dueDate) {
        PlanRectification c = plan(dueDate);
        return new RectificationPlanned(HAZARD, c.measures(), c.ownerId(), c.dueDate(), c.funding(),
                c.interimControls(), c.contingencyPlan(), c.plannedBy());
    }

    // --- submit ---

    static SubmitRectification submit(String submittedBy, List<Evidence> evidence) {
        return new SubmitRectification(HAZARD, "gasket replaced", evidence, submittedBy);
    }

    static SubmitRectification submit() {
        return submit(FITTER, List.of(evidence("after")));
    }

    static RectificationSubmitted submitted(int submissionNo, String submittedBy, List<Evidence> evidence) {
        return new RectificationSubmitted(HAZARD, submissionNo, "gasket replaced", evidence, submittedBy);
    }

    static RectificationSubmitted submitted(int submissionNo) {
        return submitted(submissionNo, FITTER, List.of(evidence("after")));
    }

    // --- verify ---

    static VerifyRectification verify(boolean passed, String verifierId) {
        return new VerifyRectification(HAZARD, passed, passed ? "checked on site" : "still leaking", verifierId);
    }

    static RectificationVerified verified(int submissionNo, boolean passed) {
        return new RectificationVerified(HAZARD, submissionNo, passed, passed ? "checked on site" : "still leaking",
                VERIFIER);
    }

    // --- close out, reopen ---

    static CloseOutHazard closeOut() {
        return new CloseOutHazard(HAZARD, "closed after on-site check", OFFICE);
    }

    static HazardClosedOut closedOut(int submissionNo) {
        return new HazardClosedOut(HAZARD, submissionNo, "closed after on-site check", OFFICE);
    }

    static ReopenHazard reopen() {
        return new ReopenHazard(HAZARD, "leak recurred", OFFICE);
    }

    static HazardReopened reopened() {
        return new HazardReopened(HAZARD, "leak recurred", OFFICE);
    }

    // --- extend ---

    static ExtendDeadline extend(LocalDate newDueDate) {
        return new ExtendDeadline(HAZARD, newDueDate, "spare part on back order", OFFICE);
    }

    static DeadlineExtended extended(LocalDate previousDueDate, LocalDate newDueDate) {
        return new DeadlineExtended(HAZARD, previousDueDate, newDueDate, "spare part on back order", OFFICE);
    }

    // --- histories ---

    /** A major hazard reported, planned (due {@link #DUE}), submitted once, passed and closed out. */
    static List<Object> closedHistory() {
        return List.of(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, true), closedOut(1));
    }
}
