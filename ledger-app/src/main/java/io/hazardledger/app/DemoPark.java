package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.CoSigner;
import io.hazardledger.inspection.CoSignerRole;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * With {@code --demo}: loads a demo park through the same command path as every other write: enterprises,
 * people, inspection findings, and hazards at every stage of the closed loop, some of them overdue.
 * Idempotent: a park that is already loaded is left as it is; one that a stop cut short is left too, with a warning
 * (entries are never taken out, so the rest cannot be added over it).
 */
@Component
class DemoPark implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPark.class);
    /** The story's first step registers it: a ledger that has it has the demo park, whole or in part. */
    static final String MARKER = "demo-chem";
    /** The demo's one inspection: its co-signatures are the story's last steps. */
    static final String INSPECTION = "demo-insp-001";
    /** The office's account in the demo ({@code --demo} sets {@code ledger.office.person} to it). */
    static final String OFFICE = "park-office";

    private final Ledger ledger;

    /**
     * Demo signing: the server holds a key for every demo person (in memory, generated at load) and signs their
     * acts with it, in statement mode {@code demo-server}, so every such entry says it was not signed by a person.
     */
    static final class DemoSigner {
        private final Ledger ledger;
        private final java.time.Clock clock;
        private final java.util.Map<String, io.hazardledger.integrity.sig.PemSigner> keys = new java.util.HashMap<>();
        private final java.util.function.Predicate<Object> stopBefore;

        DemoSigner(Ledger ledger, java.time.Clock clock, java.util.function.Predicate<Object> stopBefore) {
            this.ledger = ledger;
            this.clock = clock;
            this.stopBefore = stopBefore;
        }

        void keyFor(String personId) {
            var alg = keys.size() % 3 == 2 ? io.hazardledger.integrity.sig.SignatureAlgorithm.SM2_SM3
                    : io.hazardledger.integrity.sig.SignatureAlgorithm.ED25519;
            var key = io.hazardledger.integrity.sig.KeyPairs.generate(alg).signer();
            ledger.execute(new io.hazardledger.directory.RegisterKey(personId, key.verificationKey().spkiBase64(),
                    clock.instant().minusSeconds(1), personId));
            keys.put(personId, key);
        }

        /** Executes a command, signed by its acting person's demo key when it is a signed act. */
        void execute(Object command) {
            if (stopBefore.test(command)) {
                throw new IllegalStateException("the demo park's load stopped before " + command);
            }
            var signer = ledger.signerFor(command);
            if (signer.isEmpty() || command instanceof io.hazardledger.directory.RegisterKey) {
                ledger.execute(command);
                return;
            }
            var key = keys.get(signer.get());
            var s = ledger.statementFor(command, key.verificationKey().keyId(), clock.instant());
            var demo = new io.hazardledger.integrity.sig.Statement(s.action(), s.aggregateId(), s.contentSha256(),
                    s.prevEntryHash(), s.signerId(), s.keyId(), s.claimedAt(),
                    io.hazardledger.integrity.sig.Statement.DEMO_SERVER);
            ledger.execute(command, io.hazardledger.integrity.sig.SignedStatement.sign(demo, key));
        }
    }

    private final org.springframework.beans.factory.ObjectProvider<DemoTime> time;

    DemoPark(Ledger ledger, org.springframework.beans.factory.ObjectProvider<DemoTime> time) {
        this.ledger = ledger;
        this.time = time;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo")) {
            return;
        }
        if (ledger.directory().enterprise(MARKER).isEmpty()) {
            load();
        } else if (complete(ledger)) {
            log.info("demo park already loaded; left as it is");
        } else {
            // its first step is in the ledger and its last is not: a stop (or a failure) while it loaded
            log.warn("the demo park is only part-loaded: its first step is in the ledger and its last is not (a stop "
                    + "while an earlier --demo loaded it). Entries are never taken out of a ledger, so the rest cannot "
                    + "be loaded over it; for the whole park, start with --demo on an empty database (for the default "
                    + "embedded store, stop the server and move ./data, which also holds its keys, away)");
            registerOffice();
        }
        log.info("demo park: {} enterprises, {} people, {} hazards", ledger.directory().enterprises().size(),
                ledger.directory().people(null).size(), ledger.register().find(
                        new io.hazardledger.register.RegisterFilter(null, null, null, null, null, 1000, 0)).size());
    }

    private void load() {
        // Weeks of history only into an empty ledger: entries recorded back then after today's would put the
        // ledger's recorded times out of order, and every question "as of" a time would stop at them.
        boolean empty = ledger.log().size() == 0;
        if (!empty) {
            log.info("the ledger already has entries: the demo park is loaded as of now, without its history");
        }
        // no deadline fires while the story's clock is set back: they run once the park is loaded, on today's clock
        ledger.pauseDeadlines();
        try {
            load(ledger, ledger.register().today(), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    empty ? time.getIfAvailable() : null);
            // before the deadlines resume: the overdue hazards' escalation steps are signed with the office's key
            registerOffice();
        } finally {
            ledger.resumeDeadlines();
        }
        log.info("demo park loaded");
    }

    /** The office's account, whose key (held by the server) signs the escalation steps of overdue hazards. */
    private void registerOffice() {
        if (ledger.directory().person(OFFICE).isEmpty()) {
            ledger.execute(new io.hazardledger.directory.RegisterPerson(OFFICE, "Park safety office (automatic acts)",
                    null, java.util.Set.of(Role.PARK_OFFICE)));
        }
        log.info(ledger.registerOfficeKey());
    }

    /** Whether the story's last step, the last co-signature of {@code demo-insp-001}, is in the ledger. */
    static boolean complete(Ledger ledger) {
        return ledger.inspections().inspection(INSPECTION)
                .map(i -> i.coSigners().stream().allMatch(c -> c.signedIndex() != null))
                .orElse(false);
    }

    /**
     * The demo park's story, in the order it happened: the directory two months ago, then each hazard's steps on
     * their days (with {@code time}, the entries are recorded on those days; without it, all now), ending a few hours
     * ago with a leader-led inspection.
     */
    static void load(Ledger ledger, LocalDate today, Instant now, DemoTime time) {
        load(ledger, today, now, time, command -> false);
    }

    /**
     * {@link #load(Ledger, LocalDate, Instant, DemoTime)}, stopped before the first command that {@code stopBefore}
     * accepts, as a stop of the server there would leave it (an {@link IllegalStateException} says where).
     */
    static void load(Ledger ledger, LocalDate today, Instant now, DemoTime time,
                     java.util.function.Predicate<Object> stopBefore) {
        DemoSigner l = new DemoSigner(ledger, time == null ? java.time.Clock.system(ledger.zone()) : time, stopBefore);
        java.util.function.Consumer<Duration> ago = d -> {
            if (time != null) {
                time.travelTo(now.minus(d));
            }
        };
        try {
            story(l, today, now, ago);
        } finally {
            if (time != null) {
                time.backToNow();
            }
        }
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static void story(DemoSigner l, LocalDate today, Instant now, java.util.function.Consumer<Duration> ago) {
        ago.accept(days(60));
        l.execute(new RegisterEnterprise(MARKER, "Huaxin Fine Chemicals Co.", "hazardous chemicals", true,
                io.hazardledger.directory.EnterpriseSize.MEDIUM));
        l.execute(new RegisterEnterprise("demo-steel", "Dongfang Metal Smelting Co.", "metal smelting", true,
                io.hazardledger.directory.EnterpriseSize.LARGE));
        l.execute(new RegisterEnterprise("demo-pack", "Lianhe Packaging Co.", "light industry", false,
                io.hazardledger.directory.EnterpriseSize.SMALL));

        person(l, "chem-gm", "Chen Jianguo (GM)", MARKER, Role.ENTERPRISE_STAFF);
        person(l, "chem-safety", "Liu Yang (safety officer)", MARKER, Role.ENTERPRISE_STAFF);
        person(l, "chem-maint", "Zhou Qiang (maintenance lead)", MARKER, Role.ENTERPRISE_STAFF);
        person(l, "steel-gm", "Sun Hai (GM)", "demo-steel", Role.ENTERPRISE_STAFF);
        person(l, "steel-eng", "Wu Lei (equipment engineer)", "demo-steel", Role.ENTERPRISE_STAFF);
        person(l, "pack-gm", "He Ping (GM)", "demo-pack", Role.ENTERPRISE_STAFF);
        person(l, "pack-staff", "Ma Li (workshop head)", "demo-pack", Role.ENTERPRISE_STAFF);
        person(l, "office-zhang", "Zhang Min (park safety office)", null, Role.PARK_OFFICE, Role.VERIFIER);
        person(l, "insp-wang", "Wang Tao (inspector)", null, Role.INSPECTOR, Role.VERIFIER);
        person(l, "expert-li", "Li Na (hired expert)", null, Role.INSPECTOR, Role.VERIFIER);
        person(l, "auditor-gao", "Gao Jing (auditor)", null, Role.AUDITOR);
        l.execute(new AppointPrincipal(MARKER, "chem-gm"));
        l.execute(new AppointPrincipal("demo-steel", "steel-gm"));
        l.execute(new AppointPrincipal("demo-pack", "pack-gm"));

        // demo-hz-001: major hazard, closed loop completed in time.
        ago.accept(days(40));
        report(l, "demo-hz-001", MARKER, HazardLevel.MAJOR, HazardSource.SUPERVISORY_INSPECTION,
                "MEM Order No.10 Art.4(3)", "process safety", "Reactor R-201 area",
                "Safety interlock of reactor R-201 bypassed", now.minus(days(40)).minusSeconds(3600), "insp-wang");
        ago.accept(days(39));
        l.execute(new PlanRectification("demo-hz-001", "Restore interlock, retrain operators", "chem-maint",
                today.minusDays(20), "85000.00", "Manual temperature watch every 30 min", "Emergency shutdown drill",
                "chem-maint"));
        // demo-hz-002: major hazard, overdue: its due date passed with nothing submitted.
        ago.accept(days(38));
        report(l, "demo-hz-002", "demo-steel", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                "MEM Order No.10 Art.6(2)", "molten metal", "Ladle crane bay 2",
                "Ladle crane brake wear beyond limit", now.minus(days(38)).minusSeconds(7200), "steel-eng");
        ago.accept(days(37));
        l.execute(new PlanRectification("demo-hz-002", "Replace brake pads and limit switch", "steel-eng",
                today.minusDays(10), "42000.00", "Crane load limited to 50 %", "Evacuate bay on brake alarm",
                "steel-eng"));
        // demo-hz-006: general hazard from a whistleblower, overdue and never rectified.
        ago.accept(days(36));
        report(l, "demo-hz-006", "demo-pack", HazardLevel.GENERAL, HazardSource.WHISTLEBLOWER, null,
                "occupational health", "Printing workshop", "Solvent fume extraction fan broken",
                now.minus(days(36)).minusSeconds(3600), "office-zhang");
        ago.accept(days(35));
        l.execute(new PlanRectification("demo-hz-006", "Repair extraction fan", "pack-gm", today.minusDays(5),
                "3000.00", "Doors open, masks issued", null, "pack-gm"));
        ago.accept(days(26));
        l.execute(new SubmitRectification("demo-hz-001", "Interlock restored and tested",
                List.of(evidence("interlock-test-report.pdf", "application/pdf", now.minus(days(26)).minusSeconds(600))),
                "chem-maint"));
        ago.accept(days(25));
        l.execute(new VerifyRectification("demo-hz-001", true, "Interlock trips at 180 °C as designed", "insp-wang"));
        ago.accept(days(24));
        l.execute(new CloseOutHazard("demo-hz-001", "Closed after on-site test", "office-zhang"));

        // demo-hz-004: major hazard, failed verification, back to the owner, deadline extended.
        ago.accept(days(20));
        report(l, "demo-hz-004", MARKER, HazardLevel.MAJOR, HazardSource.PUBLIC_REPORT,
                "MEM Order No.10 Art.4(1)", "storage", "Tank farm B",
                "Toxic gas detector at tank T-3 out of calibration", now.minus(days(20)).minusSeconds(3600),
                "office-zhang");
        ago.accept(days(19));
        l.execute(new PlanRectification("demo-hz-004", "Recalibrate and add a second detector", "chem-safety",
                today.plusDays(2), "16000.00", "Portable detectors on rounds", "Tank farm evacuation plan",
                "chem-safety"));

        // demo-hz-007: general hazard, closed, then reopened because it came back.
        ago.accept(days(15));
        report(l, "demo-hz-007", MARKER, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "housekeeping", "Loading dock", "Oil spill not cleaned", now.minus(days(15)).minusSeconds(3600),
                "chem-safety");
        ago.accept(days(15).minusHours(2));
        l.execute(new PlanRectification("demo-hz-007", "Clean and add drip trays", "chem-maint",
                today.minusDays(12), "800.00", null, null, "chem-maint"));
        ago.accept(days(13));
        l.execute(new SubmitRectification("demo-hz-007", "Cleaned, drip trays installed",
                List.of(evidence("dock-after.jpg", "image/jpeg", now.minus(days(13)).minusSeconds(600))), "chem-maint"));
        ago.accept(days(13).minusHours(3));
        l.execute(new VerifyRectification("demo-hz-007", true, "Clean on inspection", "insp-wang"));
        ago.accept(days(12));
        l.execute(new CloseOutHazard("demo-hz-007", null, "office-zhang"));

        // demo-hz-012 (planted): a deadline extended twice.
        ago.accept(days(12).minusHours(2));
        report(l, "demo-hz-012", "demo-steel", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "machinery", "Rolling mill, stand 3", "Guard rail loose", now.minus(days(12)).minusSeconds(7200),
                "steel-eng");
        ago.accept(days(12).minusHours(4));
        l.execute(new PlanRectification("demo-hz-012", "Re-anchor the guard rail", "steel-eng", today.plusDays(2),
                "900.00", "Area taped off", null, "steel-eng"));
        ago.accept(days(6));
        l.execute(new ExtendDeadline("demo-hz-012", today.plusDays(12), "Anchor bolts on order", "office-zhang"));
        // demo-hz-009: general hazard, rectified and verified, awaiting close-out.
        ago.accept(days(6).minusHours(2));
        report(l, "demo-hz-009", "demo-pack", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "machinery", "Die-cutting line 2", "Guard interlock of die cutter disabled",
                now.minus(days(6)).minusSeconds(3600), "pack-staff");
        ago.accept(days(6).minusHours(3));
        l.execute(new PlanRectification("demo-hz-009", "Restore guard interlock", "pack-staff", today.plusDays(3),
                "1200.00", "Line stopped", null, "pack-staff"));
        ago.accept(days(5));
        l.execute(new SubmitRectification("demo-hz-004", "Detector recalibrated",
                List.of(evidence("calibration-cert.pdf", "application/pdf", now.minus(days(5)).minusSeconds(600))),
                "chem-safety"));
        ago.accept(days(4));
        l.execute(new VerifyRectification("demo-hz-004", false, "Second detector not installed", "expert-li"));
        ago.accept(days(4).minusHours(1));
        l.execute(new ExtendDeadline("demo-hz-004", today.plusDays(20), "Detector delivery delayed by supplier",
                "office-zhang"));

        // demo-hz-010 (planted): the "rectification" shows the photo the hazard was reported with.
        ago.accept(days(4).minusHours(2));
        Instant door = now.minus(days(4)).minusSeconds(3 * 3600);
        report(l, "demo-hz-010", "demo-pack", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Warehouse B, door 2", "Fire door wedged open", door, "pack-staff");
        ago.accept(days(4).minusHours(3));
        l.execute(new PlanRectification("demo-hz-010", "Remove the wedge, fit a hold-open magnet", "pack-staff",
                today.plusDays(10), "600.00", null, null, "pack-staff"));
        // demo-hz-003: general hazard, rectification submitted, awaiting verification.
        ago.accept(days(3));
        report(l, "demo-hz-003", "demo-pack", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Warehouse A, aisle 4", "Fire exit blocked by pallets",
                now.minus(days(3)).minusSeconds(3600), "pack-staff");
        ago.accept(days(3).minusHours(1));
        l.execute(new PlanRectification("demo-hz-003", "Clear aisle, mark keep-clear zone", "pack-staff",
                today.plusDays(4), "500.00", null, null, "pack-staff"));
        ago.accept(days(2));
        l.execute(new SubmitRectification("demo-hz-010", "Door closes on alarm",
                List.of(evidence("demo-hz-010-before.jpg", "image/jpeg", door)), "pack-staff"));
        ago.accept(days(2).minusHours(1));
        l.execute(new ReopenHazard("demo-hz-007", "Spill found again during night inspection", "insp-wang"));
        // demo-hz-011 (planted): its "after" photo is another hazard's (demo-hz-003's).
        ago.accept(days(2).minusHours(2));
        report(l, "demo-hz-011", "demo-pack", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Warehouse A, aisle 7", "Fire exit blocked by cartons",
                now.minus(days(2)).minusSeconds(3 * 3600), "pack-staff");
        ago.accept(days(2).minusHours(3));
        l.execute(new PlanRectification("demo-hz-011", "Clear the aisle", "pack-staff", today.plusDays(3), "200.00",
                null, null, "pack-staff"));
        ago.accept(days(1));
        Instant aisle = now.minus(days(1)).minusSeconds(600);
        l.execute(new SubmitRectification("demo-hz-003", "Aisle cleared and marked",
                List.of(evidence("aisle-after.jpg", "image/jpeg", aisle)), "pack-staff"));
        ago.accept(days(1).minusHours(1));
        l.execute(new SubmitRectification("demo-hz-011", "Aisle cleared",
                List.of(evidence("aisle-after.jpg", "image/jpeg", aisle)), "pack-staff"));
        ago.accept(days(1).minusHours(2));
        l.execute(new SubmitRectification("demo-hz-009", "Interlock restored",
                List.of(evidence("die-cutter-guard.jpg", "image/jpeg", now.minus(days(1)).minusSeconds(7200))),
                "pack-staff"));
        ago.accept(days(1).minusHours(4));
        l.execute(new VerifyRectification("demo-hz-009", true, "Guard trips the line as designed", "expert-li"));
        ago.accept(days(1).minusHours(5));
        l.execute(new ExtendDeadline("demo-hz-012", today.plusDays(30), "Supplier delayed again", "office-zhang"));

        // demo-hz-005: general hazard, just reported.
        ago.accept(Duration.ofHours(5));
        report(l, "demo-hz-005", "demo-steel", HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION, null,
                "electrical", "Rolling mill control room", "Cable trays without covers",
                now.minus(Duration.ofHours(5)).minusSeconds(600), "expert-li");

        // demo-insp-001: a leader-led checklist inspection of the chemicals plant: one item fails and raises
        // demo-hz-008; signed off and co-signed. It did not act on demo-hz-004, open at the same tank farm.
        ago.accept(Duration.ofHours(3));
        l.execute(new StartInspection(INSPECTION, MARKER, "Quarterly hazardous-chemicals checklist", "insp-wang",
                "chem-gm", List.of(new CoSigner("expert-li", CoSignerRole.EXPERT),
                new CoSigner("chem-safety", CoSignerRole.ENTERPRISE_REPRESENTATIVE)),
                List.of(new ChecklistItem("1", "GB 30871-2022 5.2", "Hot-work permits signed and on file"),
                        new ChecklistItem("2", "GB 50493-2019 4.1", "Toxic gas detectors installed and calibrated"),
                        new ChecklistItem("3", "AQ 3013-2008 5.3", "Emergency shower within 10 s reach"))));
        l.execute(new RecordItemResult(INSPECTION, "1", ItemResult.PASS, null, null, "insp-wang"));
        Instant tank = now.minus(Duration.ofHours(2)).minusSeconds(600);
        ago.accept(Duration.ofHours(2));
        l.execute(new RecordItemResult(INSPECTION, "2", ItemResult.FAIL, "Detector D-7 at tank T-5 missing",
                List.of(evidence("tank-t5-no-detector.jpg", "image/jpeg", tank)), "insp-wang"));
        l.execute(new RecordItemResult(INSPECTION, "3", ItemResult.PASS, null, null, "insp-wang"));
        l.execute(new ReportHazard("demo-hz-008", MARKER, HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION,
                null, "toxic gas detection", "Tank farm B, tank T-5", "No toxic gas detector at tank T-5", null,
                tank, "insp-wang", List.of(evidence("tank-t5-no-detector.jpg", "image/jpeg", tank)),
                INSPECTION, "2"));
        ago.accept(Duration.ofHours(1));
        l.execute(new SignOffInspection(INSPECTION, "One finding, raised as demo-hz-008", "insp-wang"));
        l.execute(new CoSignInspection(INSPECTION, "expert-li", "Agreed"));
        l.execute(new CoSignInspection(INSPECTION, "chem-safety", "Acknowledged for the enterprise"));
    }

    private static void person(DemoSigner l, String id, String name, String enterpriseId, Role... roles) {
        l.execute(new RegisterPerson(id, name, enterpriseId, Set.of(roles)));
        l.keyFor(id);
    }

    private static void report(DemoSigner l, String id, String enterpriseId, HazardLevel level, HazardSource source,
                               String criterion, String category, String location, String description, Instant foundAt,
                               String reportedBy) {
        l.execute(new ReportHazard(id, enterpriseId, level, source, criterion, category, location, description, null,
                foundAt, reportedBy, List.of(evidence(id + "-before.jpg", "image/jpeg", foundAt))));
    }

    private static Evidence evidence(String name, String mediaType, Instant capturedAt) {
        return new Evidence(Hashes.sha256Hex(name.getBytes(StandardCharsets.UTF_8)), mediaType, capturedAt, name);
    }

}
