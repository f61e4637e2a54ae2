package io.hazardledger.supervision;

import io.hazardledger.store.internal.SchedulerTimes;
import io.hazardledger.SettableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.EnterpriseSize;
import io.hazardledger.directory.RecordEvacuationDrill;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.signing.SignedAct;
import io.hazardledger.supervision.GradeFactor.Factor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Supervision grades (docs/FORMAT.md section 19): each factor moves the score by its documented points, the
 * thresholds give the grade, a review records a change as one entry that states its inputs and is signed by the park
 * office, records nothing when the grade is unchanged (run twice, or by two processes on one store), and keeps each
 * enterprise's history. The clock is the test's own: overdue rectifications and cadences fall behind as it moves.
 */
class GradesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    final List<Ledger> open = new ArrayList<>();
    final SettableClock clock = new SettableClock(Instant.now());
    final StatementSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    /** The park day the enterprises were registered (entries are recorded at the real time), from the first entry. */
    LocalDate registered;

    @AfterEach
    void close() {
        open.forEach(Ledger::close);
    }

    private Ledger ledger(DataSource store, Ledger.Builder builder) {
        Ledger l = builder.dataSource(store).clock(clock).office("office", officeKey).build();
        open.add(l);
        return l;
    }

    private Ledger ledger(DataSource store) {
        return ledger(store, Ledger.builder());
    }

    /**
     * Two enterprises: chem (hazardous chemicals, high-risk, LARGE: 20 + 10 = 30, grade B) and pack (light industry,
     * SMALL: 0, grade A); their staff, a verifier, and the park office with its key listed.
     */
    private Ledger park(Ledger l) {
        l.execute(new RegisterEnterprise("chem", "Chem Co", "hazardous chemicals", true, EnterpriseSize.LARGE));
        registered = LocalDate.ofInstant(Instant.parse(json(l.log().entries(0, 1).get(0)).get("recordedAt").asText()),
                PARK);
        l.execute(new RegisterEnterprise("pack", "Pack Co", "light industry", false, EnterpriseSize.SMALL));
        l.execute(new RegisterPerson("chem-li", "Li", "chem", Set.of(Role.ENTERPRISE_STAFF)));
        l.execute(new RegisterPerson("pack-wu", "Wu", "pack", Set.of(Role.ENTERPRISE_STAFF)));
        l.execute(new RegisterPerson("verifier", "Zhao", null, Set.of(Role.VERIFIER)));
        l.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        assertThat(l.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
        return l;
    }

    private static JsonNode json(byte[] bytes) {
        return json(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void report(Ledger l, String hazardId, String enterprise, HazardLevel level) {
        String reporter = enterprise.equals("chem") ? "chem-li" : "pack-wu";
        l.execute(new ReportHazard(hazardId, enterprise, level, HazardSource.SELF_INSPECTION,
                level == HazardLevel.MAJOR ? "MEM Order No.10 Art.4(1)" : null, "fire", "Store 2", "Blocked exit",
                null, Instant.now().minusSeconds(3600), reporter, List.of(evidence("b-" + hazardId)), null, null));
    }

    /** A photo taken a minute ago (after the hazards were found: evidence from before would raise a flag). */
    private static io.hazardledger.hazard.Evidence evidence(String name) {
        return new io.hazardledger.hazard.Evidence(Hashes.sha256Hex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "image/jpeg", Instant.now().minusSeconds(60), name + ".jpg");
    }

    private static void plan(Ledger l, String hazardId, String owner, LocalDate due) {
        l.execute(new PlanRectification(hazardId, "Clear it", owner, due, null, null, null, owner));
    }

    private static GradeAssessment assess(Ledger l, String enterprise) {
        return l.grades().assess(enterprise).orElseThrow();
    }

    private static GradeFactor factor(GradeAssessment a, Factor f) {
        return a.factors().stream().filter(x -> x.factor() == f).findFirst().orElseThrow();
    }

    /** The clock at noon in the park on {@code day}. */
    private void on(LocalDate day) {
        clock.set(day.atTime(LocalTime.NOON).atZone(PARK).toInstant());
    }

    private static List<String> gradeEvents(Ledger l, String enterprise) {
        return l.register().history(enterprise).stream().map(HistoryEntry::eventType)
                .filter("SupervisionGradeChanged"::equals).toList();
    }

    // --- each factor, as documented ------------------------------------------------------------------------------

    @Test
    void theStaticFactors_scoreHighRiskSizeAndSector_asDocumented() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        l.execute(new RegisterEnterprise("mid", "Mid Co", "metal smelting", false, EnterpriseSize.MEDIUM));
        l.execute(new RegisterEnterprise("old", "Old Co", "light industry", false));

        GradeAssessment chem = assess(l, "chem");
        assertThat(chem.factors()).extracting(GradeFactor::factor).containsExactly(Factor.values());
        assertThat(factor(chem, Factor.HIGH_RISK)).isEqualTo(new GradeFactor(Factor.HIGH_RISK, "true", 1, 20, 20, List.of()));
        assertThat(factor(chem, Factor.SIZE)).isEqualTo(new GradeFactor(Factor.SIZE, "LARGE", 1, 10, 10, List.of()));
        assertThat(factor(chem, Factor.SECTOR)).isEqualTo(new GradeFactor(Factor.SECTOR, "hazardous chemicals", 1, 0, 0,
                List.of()));
        assertThat(chem.score()).isEqualTo(30);
        assertThat(chem.grade()).isEqualTo(SupervisionGrade.B);
        assertThat(assess(l, "mid").score()).as("MEDIUM 5").isEqualTo(5);
        assertThat(assess(l, "pack").score()).as("SMALL 0, not high-risk").isZero();
        assertThat(assess(l, "pack").grade()).isEqualTo(SupervisionGrade.A);
        GradeFactor unstated = factor(assess(l, "old"), Factor.SIZE);
        assertThat(unstated.value()).as("a size not stated").isNull();
        assertThat(unstated.points()).isZero();
        assertThat(l.directory().enterprise("old").orElseThrow().size()).isNull();
        assertThat(l.directory().enterprise("chem").orElseThrow().size()).isEqualTo(EnterpriseSize.LARGE);
        assertThat(l.grades().assess("nobody")).isEmpty();
    }

    @Test
    void sectorPointsAndWeights_comeFromTheSettings() {
        GradingRules rules = GradingRules.parse("HIGH_RISK:25,LARGE:0", "hazardous chemicals:10, metal smelting:7",
                "B:10,C:30,D:50");
        Ledger l = park(ledger(TestLedgers.store(dir), Ledger.builder().grading(rules)));
        GradeAssessment chem = assess(l, "chem");
        assertThat(factor(chem, Factor.SECTOR).points()).isEqualTo(10);
        assertThat(factor(chem, Factor.HIGH_RISK).points()).isEqualTo(25);
        assertThat(factor(chem, Factor.SIZE).points()).isZero();
        assertThat(chem.score()).isEqualTo(35);
        assertThat(chem.grade()).as("C from 30 under these thresholds").isEqualTo(SupervisionGrade.C);
        assertThat(chem.thresholds()).isEqualTo(new GradeThresholds(10, 30, 50));
        assertThat(l.grades().rules()).isEqualTo(rules);
    }

    @Test
    void eachOpenMajorHazard_adds15_untilItIsClosedOut_andAGeneralOneNothing() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        report(l, "hz-gen", "pack", HazardLevel.GENERAL);
        assertThat(assess(l, "pack").score()).isZero();
        report(l, "hz-maj", "pack", HazardLevel.MAJOR);
        report(l, "hz-maj-2", "pack", HazardLevel.MAJOR);
        GradeFactor open = factor(assess(l, "pack"), Factor.OPEN_MAJOR_HAZARDS);
        assertThat(open).isEqualTo(new GradeFactor(Factor.OPEN_MAJOR_HAZARDS, null, 2, 15, 30,
                List.of("hz-maj", "hz-maj-2")));
        assertThat(assess(l, "pack").grade()).isEqualTo(SupervisionGrade.B);

        plan(l, "hz-maj", "pack-wu", LocalDate.now(clock).plusDays(30));
        l.execute(new SubmitRectification("hz-maj", "fixed", List.of(evidence("a-hz-maj")), "pack-wu"));
        l.execute(new VerifyRectification("hz-maj", true, "ok", "verifier"));
        assertThat(factor(assess(l, "pack"), Factor.OPEN_MAJOR_HAZARDS).count()).as("verified is still open").isEqualTo(2);
        l.execute(new CloseOutHazard("hz-maj", "done", "verifier"));
        assertThat(factor(assess(l, "pack"), Factor.OPEN_MAJOR_HAZARDS).items()).containsExactly("hz-maj-2");
        assertThat(factor(assess(l, "pack"), Factor.OPEN_FLAGS).count()).as("a clean closed loop").isZero();
        assertThat(assess(l, "pack").score()).isEqualTo(15);
        assertThat(assess(l, "chem").score()).as("another enterprise's hazards count for it only").isEqualTo(30);
    }

    @Test
    void eachOverdueRectification_adds10_fromTheDayAfterItsDueDate() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        LocalDate due = LocalDate.now(clock).plusDays(3);
        report(l, "hz-late", "pack", HazardLevel.GENERAL);
        plan(l, "hz-late", "pack-wu", due);
        report(l, "hz-later", "pack", HazardLevel.GENERAL);
        plan(l, "hz-later", "pack-wu", due.plusDays(1));
        on(due);
        assertThat(factor(assess(l, "pack"), Factor.OVERDUE_RECTIFICATIONS).count()).as("on its due date").isZero();
        on(due.plusDays(1));
        GradeAssessment late = assess(l, "pack");
        assertThat(factor(late, Factor.OVERDUE_RECTIFICATIONS)).isEqualTo(new GradeFactor(
                Factor.OVERDUE_RECTIFICATIONS, GradeFactor.UNANSWERED, 1, 10, 10, List.of("hz-late")));
        assertThat(late.judgedOn()).isEqualTo(due.plusDays(1));
        on(due.plusDays(2));
        assertThat(factor(assess(l, "pack"), Factor.OVERDUE_RECTIFICATIONS).items()).containsExactly("hz-late", "hz-later");
        assertThat(assess(l, "pack").score()).isEqualTo(20);
    }

    @Test
    void eachUnacknowledgedFlag_adds10_untilTheParkOfficeAcknowledgesIt() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        report(l, "hz-ext", "pack", HazardLevel.GENERAL);
        LocalDate due = LocalDate.now(clock).plusDays(10);
        plan(l, "hz-ext", "pack-wu", due);
        l.execute(new ExtendDeadline("hz-ext", due.plusDays(10), "parts", "office"));
        l.execute(new ExtendDeadline("hz-ext", due.plusDays(20), "more parts", "office"));
        var flag = l.flags().find(FlagQuery.ALL).get(0);
        assertThat(flag.rule()).isEqualTo(FlagRule.REPEATED_EXTENSIONS);
        assertThat(factor(assess(l, "pack"), Factor.OPEN_FLAGS)).isEqualTo(new GradeFactor(Factor.OPEN_FLAGS, null, 1,
                10, 10, List.of(flag.flagId())));
        // by another person of the park office than the approver the flag questions
        l.execute(new RegisterPerson("office-2", "Park office, second desk", null, Set.of(Role.PARK_OFFICE)));
        l.execute(new AcknowledgeFlag(flag.flagId(), "parts really were on order", "office-2"));
        assertThat(factor(assess(l, "pack"), Factor.OPEN_FLAGS).count()).isZero();
        assertThat(assess(l, "pack").score()).isZero();
    }

    @Test
    void eachCadenceBehind_adds10_fromTheDayItFallsBehind_andADrillPutsItsCadenceRight() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        on(registered.plusMonths(1));
        assertThat(factor(assess(l, "chem"), Factor.CADENCES_BEHIND).count()).as("the last day it is due").isZero();
        on(registered.plusMonths(1).plusDays(1));
        assertThat(factor(assess(l, "chem"), Factor.CADENCES_BEHIND)).as("monthly leader-led inspection, high-risk")
                .isEqualTo(new GradeFactor(Factor.CADENCES_BEHIND, GradeFactor.COMPLETED, 1, 10, 10,
                        List.of("LEADER_LED_INSPECTION")));
        assertThat(factor(assess(l, "pack"), Factor.CADENCES_BEHIND).count()).as("quarterly for pack").isZero();
        LocalDate halfYear = registered.plusMonths(6).plusDays(1);
        on(halfYear);
        assertThat(factor(assess(l, "chem"), Factor.CADENCES_BEHIND).items())
                .containsExactly("LEADER_LED_INSPECTION", "EVACUATION_DRILL");
        assertThat(assess(l, "chem").score()).isEqualTo(50);
        assertThat(assess(l, "chem").grade()).isEqualTo(SupervisionGrade.C);
        l.execute(new RecordEvacuationDrill("chem", halfYear, "whole site", "chem-li"));
        assertThat(factor(assess(l, "chem"), Factor.CADENCES_BEHIND).items()).containsExactly("LEADER_LED_INSPECTION");
    }

    @Test
    void theThresholds_giveTheGrade() {
        GradeThresholds t = GradingRules.defaults().thresholds();
        assertThat(t).isEqualTo(new GradeThresholds(20, 40, 60));
        assertThat(List.of(0, 19, 20, 39, 40, 59, 60, 500).stream().map(t::grade).toList()).containsExactly(
                SupervisionGrade.A, SupervisionGrade.A, SupervisionGrade.B, SupervisionGrade.B, SupervisionGrade.C,
                SupervisionGrade.C, SupervisionGrade.D, SupervisionGrade.D);
        assertThatThrownBy(() -> new GradeThresholds(20, 20, 60)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ledger.grading.thresholds");
        assertThatThrownBy(() -> GradingRules.parse("HIGH_RISK:-1", "", "")).hasMessageContaining("ledger.grading.points");
        assertThatThrownBy(() -> GradingRules.parse("BIG:5", "", "")).hasMessageContaining("not a factor");
        assertThatThrownBy(() -> GradingRules.parse("", "chemicals", "")).hasMessageContaining("ledger.grading.sector-points");
        assertThatThrownBy(() -> GradingRules.parse("", "", "B:x")).hasMessageContaining("not a whole number");
    }

    // --- recording -------------------------------------------------------------------------------------------------

    @Test
    void aReview_recordsAChangeAsOneEntryStatingItsInputs_signedByTheOffice_andNothingWhenTheGradeHoldsItsBand()
            throws Exception {
        var flagRules = new io.hazardledger.flags.FlagParameters(Duration.ofHours(12), 3, 4, Duration.ofMinutes(5),
                Duration.ofDays(30), Duration.ofMinutes(90), PARK);
        Ledger l = park(ledger(TestLedgers.store(dir), Ledger.builder().flagParameters(flagRules)));
        List<Receipt> first = l.reviewGrades();
        assertThat(first).as("every enterprise's first grade").hasSize(2);
        assertThat(l.reviewGrades()).as("reviewed again: unchanged").isEmpty();

        report(l, "hz-m1", "pack", HazardLevel.MAJOR);
        long before = l.head().size();
        assertThat(l.reviewGrades()).as("15 points: still A, nothing recorded").isEmpty();
        assertThat(l.head().size()).isEqualTo(before);
        report(l, "hz-m2", "pack", HazardLevel.MAJOR);
        long atSize = l.head().size();
        List<Receipt> changed = l.reviewGrades();
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).entries()).extracting(Receipt.Entry::eventType).containsExactly("SupervisionGradeChanged");
        assertThat(l.reviewGrades()).isEmpty();

        HistoryEntry entry = l.register().history("pack").get(l.register().history("pack").size() - 1);
        assertThat(entry.index()).isEqualTo(changed.get(0).index());
        JsonNode e = json(entry.entryJson());
        JsonNode p = e.get("payload");
        assertThat(e.get("aggregateType").asText()).isEqualTo("Enterprise");
        assertThat(p.get("previousGrade").asText()).isEqualTo("A");
        assertThat(p.get("grade").asText()).isEqualTo("B");
        assertThat(p.get("score").asInt()).isEqualTo(30);
        assertThat(p.get("atSize").asLong()).isEqualTo(atSize);
        assertThat(p.get("judgedOn").asText()).isEqualTo(LocalDate.now(clock).toString());
        assertThat(p.get("zone").asText()).as("the zone judgedOn and the entries' days were judged in")
                .isEqualTo(PARK.getId());
        assertThat(l.grades().history("pack")).last().extracting(GradeRecord::zone).isEqualTo(PARK.getId());
        assertThat(p.get("flagParameters").toString()).as("the flag rules' parameters, which raised the open flags")
                .isEqualTo("{\"burstClosures\":4,\"burstWindow\":\"PT5M\",\"claimedTimeTolerance\":\"PT1H30M\","
                        + "\"extensions\":3,\"lastMinute\":\"PT12H\",\"recurrenceWindow\":\"PT720H\",\"zone\":\""
                        + PARK.getId() + "\"}");
        assertThat(l.grades().history("pack")).last().extracting(GradeRecord::flagParameters).isEqualTo(flagRules);
        assertThat(p.get("issuedBy").asText()).isEqualTo("office");
        assertThat(p.get("thresholds").toString()).isEqualTo("{\"b\":20,\"c\":40,\"d\":60}");
        assertThat(p.get("factors")).hasSize(7);
        JsonNode open = p.get("factors").get(3);
        assertThat(open.toString()).as("the entry is canonical JSON: members sorted").isEqualTo("{\"count\":2,"
                + "\"factor\":\"OPEN_MAJOR_HAZARDS\",\"items\":[\"hz-m1\",\"hz-m2\"],\"points\":30,\"value\":null,"
                + "\"weight\":15}");
        // an outsider recomputes the grade from the stated inputs alone
        int sum = 0;
        for (JsonNode f : p.get("factors")) {
            assertThat(f.get("points").asInt()).isEqualTo(f.get("count").asInt() * f.get("weight").asInt());
            sum += f.get("points").asInt();
        }
        assertThat(sum).isEqualTo(p.get("score").asInt());

        // signed like an escalation step: the office's key, mode office-server, the stored payload's digest
        JsonNode statement = e.at("/metadata/ledgerSignature/statement");
        assertThat(statement.get("action").asText()).isEqualTo("enterprise.grade");
        assertThat(statement.get("aggregateId").asText()).isEqualTo("pack");
        assertThat(statement.get("mode").asText()).isEqualTo("office-server");
        assertThat(statement.get("signerId").asText()).isEqualTo("office");
        assertThat(statement.get("keyId").asText()).isEqualTo(officeKey.verificationKey().keyId());
        assertThat(statement.get("contentSha256").asText()).isEqualTo(Hashes.sha256Hex(
                new org.erdtman.jcs.JsonCanonicalizer(p.toString()).getEncodedUTF8()));
        assertThat(statement.get("prevEntryHash").asText())
                .isEqualTo(l.register().history("pack").get(l.register().history("pack").size() - 2).entryHash());
        assertThat(l.trail().signedBy("office")).extracting(SignedAct::action).containsOnly("enterprise.grade");
        assertThat(l.trail().signedBy("office")).extracting(SignedAct::status).containsOnly("valid");
        assertThat(l.verify().holds()).as("verify checks the office's signatures").isTrue();
    }

    @Test
    void theHistory_isOldestFirst_andTheCurrentGradeIsTheLatest_alsoAfterAReplay() {
        Ledger l = park(ledger(TestLedgers.store(dir)));
        l.reviewGrades();
        report(l, "hz-m1", "pack", HazardLevel.MAJOR);
        report(l, "hz-m2", "pack", HazardLevel.MAJOR);
        l.reviewGrades();
        LocalDate due = LocalDate.now(clock).plusDays(1);
        plan(l, "hz-m1", "pack-wu", due);
        on(due.plusDays(1));   // hz-m1 overdue: 30 + 10 = 40
        l.reviewGrades();

        List<GradeRecord> history = l.grades().history("pack");
        assertThat(history).extracting(GradeRecord::grade).containsExactly(SupervisionGrade.A, SupervisionGrade.B,
                SupervisionGrade.C);
        assertThat(history).extracting(GradeRecord::previousGrade).containsExactly(null, SupervisionGrade.A,
                SupervisionGrade.B);
        assertThat(history.get(2).score()).isEqualTo(40);
        assertThat(history.get(2).judgedOn()).isEqualTo(due.plusDays(1));
        assertThat(history.get(2).enterpriseName()).isEqualTo("Pack Co");
        assertThat(history.get(2).index()).isGreaterThan(history.get(1).index());
        List<GradeRecord> current = l.grades().current();
        assertThat(current).extracting(GradeRecord::enterpriseId).containsExactly("chem", "pack");
        assertThat(current.get(1)).isEqualTo(history.get(2));
        assertThat(l.grades().history("nobody")).isEmpty();
        l.replay();
        assertThat(l.grades().history("pack")).isEqualTo(history);
        assertThat(l.grades().current()).isEqualTo(current);
    }

    @Test
    void twoProcessesReviewingOneStoreAtOnce_recordEachChangeOnce() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger a = park(ledger(store));
        Ledger b = ledger(store);
        for (int round = 0; round < 4; round++) {
            if (round > 0) {
                report(a, "hz-" + round, "chem", HazardLevel.MAJOR);   // chem: 30, 45, 60, 75: B, C, D, D
            }
            CountDownLatch go = new CountDownLatch(1);
            var first = CompletableFuture.supplyAsync(() -> awaitThen(go, a::reviewGrades));
            var second = CompletableFuture.supplyAsync(() -> awaitThen(go, b::reviewGrades));
            go.countDown();
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        }
        assertThat(a.grades().history("chem")).extracting(GradeRecord::grade).containsExactly(SupervisionGrade.B,
                SupervisionGrade.C, SupervisionGrade.D);
        assertThat(gradeEvents(b, "chem")).hasSize(3);
        assertThat(gradeEvents(b, "pack")).hasSize(1);
        assertThat(a.verify().holds()).isTrue();
    }

    private static <T> T awaitThen(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    @Test
    void withoutTheOfficesKey_aChangedGradeIsNotRecorded_andTheReviewSaysWhy() {
        Ledger l = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(clock).build();
        open.add(l);
        l.execute(new RegisterEnterprise("chem", "Chem Co", "hazardous chemicals", true, EnterpriseSize.LARGE));
        long size = l.head().size();
        assertThatThrownBy(l::reviewGrades).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot sign").hasMessageContaining("no office key");
        assertThat(l.head().size()).isEqualTo(size);
        assertThatThrownBy(() -> l.execute(new io.hazardledger.supervision.internal.ReviewGrade("chem")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reviewGrades");
    }

    // --- on a schedule ---------------------------------------------------------------------------------------------

    /** Moves the clock, asks for what is due at once, then waits (at most 30 s) until {@code done} holds. */
    private void at(Instant when, Ledger l, BooleanSupplier done) {
        clock.set(when);
        l.runDueDeadlines();
        io.hazardledger.Await.until("the review ran", () -> "grades " + l.grades().current(), done);
    }

    private static SupervisionGrade current(Ledger l, String enterprise) {
        return l.grades().current().stream().filter(g -> g.enterpriseId().equals(enterprise))
                .map(GradeRecord::grade).findFirst().orElse(null);
    }

    @Test
    void theScheduledReview_recordsFirstGradesByItself_andACadenceFallingBehindWithNoEntry() {
        Ledger l = park(ledger(TestLedgers.store(dir), Ledger.builder().runDeadlines(Duration.ofMillis(200))
                .reviewGrades(Duration.ofMillis(200))));
        at(clock.instant(), l, () -> current(l, "chem") != null && current(l, "pack") != null);
        assertThat(current(l, "chem")).isEqualTo(SupervisionGrade.B);
        long size = l.head().size();

        // a month on, chem (high-risk) is behind its monthly leader-led inspection: no entry says so, the day does
        at(registered.plusMonths(1).plusDays(1).atTime(LocalTime.NOON).atZone(PARK).toInstant(), l,
                () -> current(l, "chem") == SupervisionGrade.C);
        GradeRecord c = l.grades().history("chem").get(1);
        assertThat(c.atSize()).as("nothing was written in between").isEqualTo(size);
        assertThat(c.factors().get(Factor.CADENCES_BEHIND.ordinal()).items()).containsExactly("LEADER_LED_INSPECTION");
        assertThat(c.score()).isEqualTo(40);
        assertThat(l.grades().history("pack")).hasSize(1);
    }

    @Test
    void resumingTheDeadlines_bringsTheScheduledReviewForward() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger l = ledger(store, Ledger.builder().runDeadlines(Duration.ofMillis(200)).reviewGrades(Duration.ofHours(1)));
        Instant start = clock.instant();
        at(start, l, () -> reviewWaitsAfter(store, start.plus(Duration.ofMinutes(30))));   // the first round ran
        park(l);
        assertThat(l.grades().current()).as("the next round is an hour away").isEmpty();
        l.pauseDeadlines();   // as the demo does while it loads its story
        l.resumeDeadlines();
        at(clock.instant(), l, () -> l.grades().current().size() == 2);
        // the grades are written inside the round; the scheduler reschedules it only once the round has returned
        io.hazardledger.Await.until("the round rescheduled an hour on", () -> "the review's row " + reviewRow(store),
                () -> reviewWaitsAfter(store, start.plus(Duration.ofMinutes(30))));
    }

    @Test
    void aProcessThatDoesNotReview_leavesTheReviewsRowAlone_forTheOneThatDoes() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger reviewer = park(ledger(store, Ledger.builder().runDeadlines(Duration.ofMillis(200))
                .reviewGrades(Duration.ofHours(1))));
        Instant start = clock.instant();
        at(start, reviewer, () -> reviewWaitsAfter(store, start.plus(Duration.ofMinutes(30))));   // its row, an hour on
        String row = reviewRow(store);
        reviewer.close();
        open.remove(reviewer);

        // another process (no review: say, a node without the office's key) polls while the review's row is due, with
        // a due date's row after it
        Ledger other = ledger(store, Ledger.builder().runDeadlines(Duration.ofMillis(200)));
        report(other, "hz-1", "pack", HazardLevel.GENERAL);
        plan(other, "hz-1", "pack-wu", LocalDate.ofInstant(start, PARK).plusDays(1));
        var err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(new io.hazardledger.Tee(stderr, err), true,
                java.nio.charset.StandardCharsets.UTF_8));
        try {
            clock.set(start.plus(Duration.ofDays(3)));
            other.runDueDeadlines();
            io.hazardledger.Await.until("the due date ran out", () -> "history " + other.register().history("hz-1"),
                    () -> other.register().history("hz-1").stream()
                            .anyMatch(h -> h.eventType().equals("RectificationOverdue")));
        } finally {
            System.setErr(stderr);
        }
        // db-scheduler would have warned that it has no implementation for the review, and deleted its row 14 days on
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("supervision-grade-review");
        assertThat(reviewRow(store)).as("left to the process that reviews").isEqualTo(row);
    }

    /** Whether the review waits (not running) to run after {@code t}; bound as the ledger binds it. */
    private static boolean reviewWaitsAfter(DataSource store, Instant t) {
        try (var c = store.getConnection(); var ps = c.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks "
                + "WHERE task_name = 'supervision-grade-review' AND picked = FALSE AND execution_time > ?")) {
            SchedulerTimes.bind(ps, 1, t);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String reviewRow(DataSource store) {
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT execution_time, picked "
                + "FROM scheduled_tasks WHERE task_name = 'supervision-grade-review'")) {
            return rs.next() ? rs.getString(1) + (rs.getBoolean(2) ? " (running)" : "") : "none";
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aScheduledReview_needsTheDeadlineScheduler() {
        assertThatThrownBy(() -> Ledger.builder().dataSource(TestLedgers.store(dir)).reviewGrades(Duration.ofMinutes(1))
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("runDeadlines");
    }

    // --- the size -------------------------------------------------------------------------------------------------

    @Test
    void anEnterpriseRegisteredBeforeSizes_readsBackWithoutOne() throws Exception {
        var mapper = io.hazardledger.store.internal.LedgerSerializer.objectMapper();
        var old = mapper.readValue("{\"enterpriseId\":\"ent-acme\",\"highRisk\":true,\"name\":\"Acme Chemicals\","
                + "\"sector\":\"hazardous chemicals\"}", io.hazardledger.directory.EnterpriseRegistered.class);
        assertThat(old.size()).isNull();
        assertThat(mapper.writeValueAsString(new io.hazardledger.directory.EnterpriseRegistered("e", "n", "s", false,
                EnterpriseSize.MICRO))).contains("\"size\":\"MICRO\"");
    }

    @Test
    void aGradeEntryOfAnEarlierVersion_withoutItsZone_isReadWithTheZoneNull() throws Exception {
        String payload = "{\"enterpriseId\":\"pack\",\"previousGrade\":null,\"grade\":\"A\",\"score\":0,"
                + "\"factors\":[],\"thresholds\":{\"b\":20,\"c\":40,\"d\":60},\"atSize\":9,"
                + "\"judgedOn\":\"2026-06-01\",\"issuedBy\":\"office\"}";
        SupervisionGradeChanged e = io.hazardledger.store.internal.LedgerSerializer.objectMapper()
                .readValue(payload, SupervisionGradeChanged.class);
        assertThat(e.zone()).isNull();
        assertThat(e.flagParameters()).isNull();
        assertThat(e.judgedOn()).isEqualTo(LocalDate.of(2026, 6, 1));
    }
}
