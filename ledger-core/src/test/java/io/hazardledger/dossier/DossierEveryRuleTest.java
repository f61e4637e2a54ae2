package io.hazardledger.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.Role;
import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A park in which every flag rule the commands let happen raises its flag (all but
 * {@code closed-without-passed-verification}, which the commands refuse), on real entries: the dossier of every
 * hazard verifies offline with them (and one hazard's before and after its flag was acknowledged); and what
 * FLAGS.md says a flag cites is held to: a flag listed twice, cited entries out of order, repeated, left out, or of
 * another hazard, a flag that touches none of the hazard's entries, an inspection listed twice, and an
 * acknowledgement before its flag are refused.
 */
class DossierEveryRuleTest {

    private static final Instant START = Instant.parse("2026-01-05T02:00:00Z");   // a Monday, 10:00 in the park
    private static final String ENT = "ent";
    private static final String QUIET = "ent-quiet";

    @TempDir
    static Path dir;

    static final SettableClock CLOCK = new SettableClock(START);
    static Clock axonClock;
    static Ledger ledger;
    static final List<String> HAZARDS = new ArrayList<>();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void aParkThatRaisesEveryRule() {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = CLOCK;
        ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(CLOCK).requireSignatures(false)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/ledger",
                        Duration.ZERO)
                .build();
        ledger.execute(new RegisterEnterprise(ENT, "Acme", "chemicals", true));
        ledger.execute(new RegisterEnterprise(QUIET, "Quiet Co", "storage", false));
        for (String p : List.of("reporter", "owner", "closer")) {
            ledger.execute(new RegisterPerson(p, "Person " + p, ENT, Set.of(Role.ENTERPRISE_STAFF)));
        }
        ledger.execute(new RegisterPerson("self-checker", "Self Checker", ENT,
                Set.of(Role.ENTERPRISE_STAFF, Role.VERIFIER)));
        ledger.execute(new RegisterPerson("verifier", "Verifier", null, Set.of(Role.VERIFIER)));
        ledger.execute(new RegisterPerson("inspector", "Inspector", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));

        // after-equals-before: the photo it was reported with, submitted as the rectification
        report("hz-aeb", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("aeb"));
        plan("hz-aeb", 60);
        ledger.execute(new SubmitRectification("hz-aeb", "done", List.of(photo("aeb")), "owner"));
        // evidence-before-fact: a photo captured before the hazard was found
        report("hz-ebf", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("ebf"));
        plan("hz-ebf", 60);
        ledger.execute(new SubmitRectification("hz-ebf", "done", List.of(new Evidence(sha("ebf-after"),
                "image/jpeg", CLOCK.instant().minus(Duration.ofDays(3)), "after.jpg")), "owner"));
        // evidence-reused: hz-ebf's report photo, submitted for another hazard
        report("hz-reuse", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("reuse"));
        plan("hz-reuse", 60);
        ledger.execute(new SubmitRectification("hz-reuse", "done", List.of(photo("ebf")), "owner"));
        // verified-without-evidence, then closed out
        report("hz-vwe", "reporter", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, photo("vwe"));
        plan("hz-vwe", 60);
        ledger.execute(new SubmitRectification("hz-vwe", "done", List.of(), "owner"));
        ledger.execute(new VerifyRectification("hz-vwe", true, "fine", "verifier"));
        ledger.execute(new CloseOutHazard("hz-vwe", "closed", "verifier"));
        // verifier-involved: the enterprise's own finder verifies its rectification
        report("hz-vi", "self-checker", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("vi"));
        plan("hz-vi", 60);
        ledger.execute(new SubmitRectification("hz-vi", "done", List.of(photo("vi-after")), "owner"));
        ledger.execute(new VerifyRectification("hz-vi", true, "fine", "self-checker"));
        // repeated-extensions, and an inspection of the enterprise that passes by it while it is open
        report("hz-rep", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("rep"));
        plan("hz-rep", 30);
        ledger.execute(new ExtendDeadline("hz-rep", date(40), "parts", "verifier"));
        ledger.execute(new ExtendDeadline("hz-rep", date(50), "more parts", "verifier"));
        ledger.execute(new StartInspection("in-1", ENT, "monthly check", "inspector", null, List.of(),
                List.of(new ChecklistItem("1", "GB 1 1.1", "exits clear"))));
        ledger.execute(new RecordItemResult("in-1", "1", ItemResult.PASS, "fine", List.of(), "inspector"));
        ledger.execute(new SignOffInspection("in-1", "all good", "inspector"));
        // closure-burst: five close-outs by one person within minutes
        for (int i = 1; i <= 5; i++) {
            String h = "hz-b" + i;
            report(h, "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo(h));
            plan(h, 60);
            ledger.execute(new SubmitRectification(h, "done", List.of(photo(h + "-after")), "owner"));
            ledger.execute(new VerifyRectification(h, true, "fine", "verifier"));
            ledger.execute(new CloseOutHazard(h, "closed", "closer"));
        }
        // recurrence: a hazard of the same category at the same place, found after the first was closed out
        report("hz-r1", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("r1"), "Panel 7");
        plan("hz-r1", 60);
        ledger.execute(new SubmitRectification("hz-r1", "done", List.of(photo("r1-after")), "owner"));
        ledger.execute(new VerifyRectification("hz-r1", true, "fine", "verifier"));
        ledger.execute(new CloseOutHazard("hz-r1", "closed", "verifier"));
        CLOCK.set(CLOCK.instant().plus(Duration.ofHours(1)));
        report("hz-r2", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION, photo("r2"), "Panel 7");
        // key-not-valid: a signed report whose key a later revocation voids from before it; claimed-time-far: a
        // plan claimed three hours before it was recorded
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey("reporter", key.verificationKey().spkiBase64(),
                CLOCK.instant().minus(Duration.ofHours(5)), "reporter"));
        ReportHazard signed = reportCommand("hz-k", "reporter", HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                photo("k"), "Tank farm hz-k");
        ledger.execute(signed, SignedStatement.sign(ledger.statementFor(signed, key.verificationKey().keyId(),
                CLOCK.instant()), key));
        PlanRectification far = new PlanRectification("hz-k", "fix", "reporter", date(60), null, null, null,
                "reporter");
        ledger.execute(far, SignedStatement.sign(ledger.statementFor(far, key.verificationKey().keyId(),
                CLOCK.instant().minus(Duration.ofHours(3))), key));
        CLOCK.set(CLOCK.instant().plus(Duration.ofMinutes(10)));
        RevokeKey revoke = new RevokeKey("reporter", key.verificationKey().keyId(), "lost",
                CLOCK.instant().minus(Duration.ofHours(4)), "reporter");
        ledger.execute(revoke, SignedStatement.sign(ledger.statementFor(revoke, key.verificationKey().keyId(),
                CLOCK.instant()), key));
        // last-minute-closure: closed out within a day of the deadline, on a submission with nothing new
        report("hz-lmc", "reporter", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, photo("lmc"));
        plan("hz-lmc", 2);
        ledger.execute(new SubmitRectification("hz-lmc", "done", List.of(), "owner"));
        ledger.execute(new VerifyRectification("hz-lmc", true, "fine", "verifier"));
        CLOCK.set(date(2).atTime(20, 0).atZone(Ledger.DEFAULT_ZONE).toInstant());
        ledger.execute(new CloseOutHazard("hz-lmc", "closed", "verifier"));
        // silent-self-inspection: a quarter in which the quiet enterprise's hazards came from supervisory inspections
        report("hz-q", "inspector", HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION, photo("q"), QUIET,
                "Shed 1");
        CLOCK.set(Instant.parse("2026-04-02T02:00:00Z"));
        ledger.execute(new RegisterPerson("late", "Late", null, Set.of(Role.AUDITOR)));
    }

    @AfterAll
    static void close() {
        GenericEventMessage.clock = axonClock;
        if (ledger != null) {
            ledger.close();
        }
    }

    private static String sha(String name) {
        return Hashes.sha256Hex(name.getBytes());
    }

    private static Evidence photo(String name) {
        return new Evidence(sha(name), "image/jpeg", CLOCK.instant().minusSeconds(60), name + ".jpg");
    }

    private static LocalDate date(int daysFromStart) {
        return LocalDate.ofInstant(START, Ledger.DEFAULT_ZONE).plusDays(daysFromStart);
    }

    private static ReportHazard reportCommand(String id, String by, HazardLevel level, HazardSource source,
                                              Evidence evidence, String location) {
        return reportCommand(id, by, level, source, evidence, ENT, location);
    }

    private static ReportHazard reportCommand(String id, String by, HazardLevel level, HazardSource source,
                                              Evidence evidence, String enterprise, String location) {
        HAZARDS.add(id);
        return new ReportHazard(id, enterprise, level, source, "GB 1 1.1", "electrical", location, "a hazard", null,
                CLOCK.instant().minusSeconds(600), by, List.of(evidence), null, null);
    }

    private static void report(String id, String by, HazardLevel level, HazardSource source, Evidence evidence) {
        report(id, by, level, source, evidence, "Place " + id);
    }

    private static void report(String id, String by, HazardLevel level, HazardSource source, Evidence evidence,
                               String location) {
        ledger.execute(reportCommand(id, by, level, source, evidence, location));
    }

    private static void report(String id, String by, HazardLevel level, HazardSource source, Evidence evidence,
                               String enterprise, String location) {
        ledger.execute(reportCommand(id, by, level, source, evidence, enterprise, location));
    }

    private static void plan(String id, int dueInDays) {
        ledger.execute(new PlanRectification(id, "fix", "owner", date(dueInDays), null, null, null, "owner"));
    }

    private static List<String> keys() {
        return ledger.checkpoints().orElseThrow().verifierKeys();
    }

    private static ObjectNode dossier(String hazardId, Long size) throws Exception {
        return (ObjectNode) JSON.readTree(DossierDocuments.json(ledger.dossier(hazardId, ledger.position(size, null))));
    }

    private static String refusal(JsonNode dossier) throws Exception {
        Throwable t = catchThrowable(() -> DossierVerifier.verify(JSON.writeValueAsBytes(dossier), keys()));
        assertThat(t).as("the changed dossier is refused").isInstanceOf(DossierVerifier.DossierException.class);
        return t.getMessage();
    }

    @Test
    void everyRule_isRaised_andEveryHazardsDossierVerifies() throws Exception {
        List<IntegrityFlag> flags = ledger.flags().find(FlagQuery.ALL);
        Set<FlagRule> raised = EnumSet.noneOf(FlagRule.class);
        flags.forEach(f -> raised.add(f.rule()));
        Set<FlagRule> all = EnumSet.allOf(FlagRule.class);
        all.remove(FlagRule.CLOSED_WITHOUT_PASSED_VERIFICATION);
        assertThat(raised).containsExactlyInAnyOrderElementsOf(all);

        Set<FlagRule> shown = EnumSet.noneOf(FlagRule.class);
        for (String h : HAZARDS) {
            ObjectNode d = dossier(h, null);
            d.path("flags").forEach(f -> shown.add(FlagRule.valueOf(f.path("rule").asText())));
            assertThat(DossierVerifier.verify(JSON.writeValueAsBytes(d), keys()).hazardId()).isEqualTo(h);
        }
        assertThat(shown).as("every raised rule is in some hazard's dossier").isEqualTo(raised);
    }

    @Test
    void anAcknowledgedFlag_verifies_andAnAcknowledgementBeforeItsFlagIsRefused() throws Exception {
        IntegrityFlag aeb = ledger.flags().find(FlagQuery.ALL).stream()
                .filter(f -> f.rule() == FlagRule.AFTER_EQUALS_BEFORE).findFirst().orElseThrow();
        long before = ledger.log().size();
        if (aeb.acknowledgement() == null) {
            ledger.execute(new AcknowledgeFlag(aeb.flagId(), "photos mixed up", "office"));
        }
        ObjectNode d = dossier("hz-aeb", null);
        DossierVerifier.verify(JSON.writeValueAsBytes(d), keys());
        DossierVerifier.verify(JSON.writeValueAsBytes(dossier("hz-aeb", before)), keys());
        ObjectNode ack = (ObjectNode) d.path("flags").get(0).path("acknowledgement");
        assertThat(ack.isObject()).isTrue();
        // the acknowledgement's entry made to look earlier than the flag: its index and hash those of the report
        JsonNode report = d.path("timeline").get(0);
        ack.put("index", report.path("index").asLong()).put("entryHash", report.path("entryHash").asText());
        assertThat(refusal(d)).isEqualTo("the acknowledgement of flag " + aeb.flagId() + " (entry "
                + report.path("index").asLong() + ") is not after the entry " + aeb.raisedAtIndex() + " that raised "
                + "the flag");
    }

    @Test
    void whatAFlagCites_isHeldToItsRule() throws Exception {
        ObjectNode d = dossier("hz-aeb", null);
        ArrayNode flags = (ArrayNode) d.path("flags");
        ObjectNode aeb = (ObjectNode) flags.get(0);
        assertThat(aeb.path("rule").asText()).isEqualTo("AFTER_EQUALS_BEFORE");
        String id = aeb.path("flagId").asText();

        assertThat(refusal(changed(d, x -> ((ArrayNode) x.path("flags")).add(x.path("flags").get(0).deepCopy()))))
                .isEqualTo("flag " + id + " is listed twice");
        assertThat(refusal(changed(d, x -> {
            ArrayNode entries = (ArrayNode) x.path("flags").get(0).path("entries");
            List<JsonNode> reversed = new ArrayList<>();
            entries.forEach(reversed::add);
            Collections.reverse(reversed);
            entries.removeAll();
            entries.addAll(reversed);
        }))).startsWith("flag " + id + " cites entry ").contains("a flag cites each entry once, in index order");
        assertThat(refusal(changed(d, x -> ((ArrayNode) x.path("flags").get(0).path("entries"))
                .add(x.path("flags").get(0).path("entries").get(1).deepCopy()))))
                .contains("a flag cites each entry once, in index order");
        // the report left out: the submission alone is not what the rule cites
        assertThat(refusal(changed(d, x -> ((ArrayNode) x.path("flags").get(0).path("entries")).remove(0))))
                .isEqualTo("flag " + id + " cites its entries as [submission], but a AFTER_EQUALS_BEFORE flag cites "
                        + "[report, submission]");
        // the submission left out: the entry that raised the flag is no longer cited
        assertThat(refusal(changed(d, x -> ((ArrayNode) x.path("flags").get(0).path("entries")).remove(1))))
                .startsWith("flag " + id + " does not cite entry " + aeb.path("raisedAtIndex").asLong()
                        + ", which raised it");
    }

    @Test
    void aFlagOfAnotherHazard_isRefused_evenWithItsEntriesProved() throws Exception {
        // hz-rep's repeated-extensions flag, with its proved entries, put into hz-aeb's dossier
        ObjectNode aeb = dossier("hz-aeb", null);
        ObjectNode rep = dossier("hz-rep", null);
        JsonNode flag = null;
        for (JsonNode f : rep.path("flags")) {
            if (f.path("rule").asText().equals("REPEATED_EXTENSIONS")) {
                flag = f;
            }
        }
        assertThat(flag).isNotNull();
        ObjectNode mixed = aeb.deepCopy();
        ((ArrayNode) mixed.path("flags")).add(flag.deepCopy());
        TreeSet<Long> have = new TreeSet<>();
        mixed.path("proofs").path("entries").forEach(e -> have.add(e.path("index").asLong()));
        List<JsonNode> proofs = new ArrayList<>();
        mixed.path("proofs").path("entries").forEach(proofs::add);
        for (JsonNode e : rep.path("proofs").path("entries")) {
            if (have.add(e.path("index").asLong())) {
                proofs.add(e);
            }
        }
        proofs.sort(java.util.Comparator.comparingLong(e -> e.path("index").asLong()));
        ArrayNode entries = (ArrayNode) mixed.path("proofs").path("entries");
        entries.removeAll();
        entries.addAll(proofs);
        assertThat(rep.path("proofs").path("checkpoint")).isEqualTo(aeb.path("proofs").path("checkpoint"));
        assertThat(refusal(mixed)).isEqualTo("flag " + flag.path("flagId").asText() + " cites no entry that the "
                + "dossier shows of hazard hz-aeb (its timeline, its principals, its inspections): it is not a flag "
                + "of this hazard");
    }

    @Test
    void anInspectionListedTwice_isRefused() throws Exception {
        ObjectNode d = dossier("hz-rep", null);
        assertThat(d.path("inspectionsWithoutAction")).hasSize(1);
        long signOff = d.path("inspectionsWithoutAction").get(0).path("signOffIndex").asLong();
        assertThat(refusal(changed(d, x -> ((ArrayNode) x.path("inspectionsWithoutAction"))
                .add(x.path("inspectionsWithoutAction").get(0).deepCopy()))))
                .startsWith("the inspection signed off at entry " + signOff + " comes after the one signed off at "
                        + "entry " + signOff);
    }

    private static ObjectNode changed(ObjectNode d, Consumer<ObjectNode> change) {
        ObjectNode copy = d.deepCopy();
        change.accept(copy);
        return copy;
    }
}
