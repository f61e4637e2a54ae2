package io.hazardledger.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerPosition;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.dossier.HazardDossier.Deadline;
import io.hazardledger.dossier.HazardDossier.Stage;
import io.hazardledger.dossier.HazardDossier.TimelineEvent;
import io.hazardledger.flags.FlagRule;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One hazard's life over a month, on a clock the test moves: a signed report, a plan, an extension, a submission
 * after the extended due date with the "before" photo as "after", verification and close-out; an inspection of the
 * enterprise that passed the hazard's own criterion meanwhile. The dossier tells all of it, each claim with its
 * entry, and its JSON verifies offline; a changed byte, a dropped entry or a foreign key does not.
 */
class DossierTest {

    private static final ZoneId ZONE = Ledger.DEFAULT_ZONE;
    private static final Instant DAY0 = Instant.parse("2026-03-02T01:00:00Z"); // 09:00 in the park

    @TempDir
    Path dir;

    final MovingClock clock = new MovingClock(DAY0);
    Clock axonClock;
    Ledger ledger;
    PemSigner reporterKey;
    long report;
    long plan;
    long extension;
    long submission;
    long overdue;
    long verification;
    long closeOut;
    long principal;
    long signOff;

    @BeforeEach
    void aMonthOfOneHazard() {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(clock)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/ledger", Duration.ZERO)
                .build();
        TestLedgers.park(ledger);
        ledger.execute(new RegisterPerson("p-boss", "Chen Jie", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        principal = ledger.execute(new AppointPrincipal(ENTERPRISE, "p-boss")).index();
        reporterKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey(REPORTER, reporterKey.verificationKey().spkiBase64(), DAY0.minusSeconds(60), REPORTER));

        ReportHazard reportCommand = new ReportHazard("hz-d", ENTERPRISE, HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                "AQ/T 2023 No.10 Art.4(1)", "fire safety", "Tank farm B", "Flange leak", "gasket aged",
                DAY0.minusSeconds(3600), REPORTER, List.of(photo("before")), null, null);
        report = ledger.execute(reportCommand, SignedStatement.sign(
                ledger.statementFor(reportCommand, reporterKey.verificationKey().keyId(), DAY0), reporterKey)).index();
        clock.days(1);
        plan = ledger.execute(new PlanRectification("hz-d", "replace gasket", OWNER, day(10), "800.00", "cordon",
                "evacuate", OWNER)).index();
        clock.days(2);
        ledger.execute(new io.hazardledger.inspection.StartInspection("in-1", ENTERPRISE, "monthly fire check", VERIFIER,
                null, List.of(), List.of(new ChecklistItem("1", "AQ/T 2023 No.10 Art.4(1)", "flanges tight"))));
        ledger.execute(new RecordItemResult("in-1", "1", ItemResult.PASS, "looks fine", List.of(), VERIFIER));
        signOff = ledger.execute(new SignOffInspection("in-1", "all good", VERIFIER)).index();
        clock.days(5); // day 8
        extension = ledger.execute(new ExtendDeadline("hz-d", day(20), "parts on order", VERIFIER)).index();
        clock.days(17); // day 25: the extended due date (day 20) ended first
        // no server ran its deadline: the late submission's write records the due date overdue right after it
        var late = ledger.execute(new SubmitRectification("hz-d", "gasket replaced", List.of(photo("before")), OWNER));
        assertThat(late.entries()).extracting(io.hazardledger.Receipt.Entry::eventType)
                .containsExactly("RectificationSubmitted", "RectificationOverdue");
        submission = late.entries().get(0).index();
        overdue = late.index();
        clock.days(1);
        verification = ledger.execute(new VerifyRectification("hz-d", true, "checked on site", VERIFIER)).index();
        clock.days(1);
        closeOut = ledger.execute(new CloseOutHazard("hz-d", "closed", VERIFIER)).index();
        clock.days(1);
    }

    @AfterEach
    void close() {
        GenericEventMessage.clock = axonClock;
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void theDossierTellsTheWholeLife_eachClaimWithItsEntry() {
        HazardDossier d = ledger.dossier("hz-d", ledger.position(null, null));

        assertThat(d.timeline()).extracting(TimelineEvent::index, TimelineEvent::eventType, TimelineEvent::statusAfter)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(report, "HazardReported", HazardStatus.REPORTED),
                        org.assertj.core.groups.Tuple.tuple(plan, "RectificationPlanned", HazardStatus.RECTIFICATION_PLANNED),
                        org.assertj.core.groups.Tuple.tuple(extension, "DeadlineExtended", HazardStatus.RECTIFICATION_PLANNED),
                        org.assertj.core.groups.Tuple.tuple(submission, "RectificationSubmitted", HazardStatus.RECTIFICATION_SUBMITTED),
                        org.assertj.core.groups.Tuple.tuple(overdue, "RectificationOverdue",
                                HazardStatus.RECTIFICATION_SUBMITTED),
                        org.assertj.core.groups.Tuple.tuple(verification, "RectificationVerified", HazardStatus.VERIFIED),
                        org.assertj.core.groups.Tuple.tuple(closeOut, "HazardClosedOut", HazardStatus.CLOSED));
        TimelineEvent reported = d.timeline().get(0);
        assertThat(reported.signerId()).isEqualTo(REPORTER);
        assertThat(reported.keyId()).isEqualTo(reporterKey.verificationKey().keyId());
        assertThat(reported.signatureStatus()).isEqualTo("valid");
        assertThat(reported.mode()).isEqualTo("personal");
        assertThat(reported.actorName()).isEqualTo("Li Wei");
        assertThat(d.timeline().get(1).signatureStatus()).isEqualTo("unsigned");
        assertThat(d.timeline().get(1).mode()).isNull();

        assertThat(d.stages()).extracting(Stage::status, Stage::seconds).containsExactly(
                org.assertj.core.groups.Tuple.tuple(HazardStatus.REPORTED, Duration.ofDays(1).toSeconds()),
                org.assertj.core.groups.Tuple.tuple(HazardStatus.RECTIFICATION_PLANNED, Duration.ofDays(24).toSeconds()),
                org.assertj.core.groups.Tuple.tuple(HazardStatus.RECTIFICATION_SUBMITTED, Duration.ofDays(1).toSeconds()),
                org.assertj.core.groups.Tuple.tuple(HazardStatus.VERIFIED, Duration.ofDays(1).toSeconds()),
                org.assertj.core.groups.Tuple.tuple(HazardStatus.CLOSED, 0L));

        assertThat(d.deadlines()).extracting(Deadline::dueDate, Deadline::kind, Deadline::outcome, Deadline::outcomeIndex)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(day(10), "planned", "replaced", extension),
                        org.assertj.core.groups.Tuple.tuple(day(20), "extended", "missed", null));
        assertThat(d.deadlines().get(1).setBy()).isEqualTo(VERIFIER);
        assertThat(d.deadlines().get(1).reason()).isEqualTo("parts on order");
        assertThat(d.escalations()).isEmpty();

        assertThat(d.inspectionsWithoutAction()).singleElement().satisfies(q -> {
            assertThat(q.inspectionId()).isEqualTo("in-1");
            assertThat(q.signOffIndex()).isEqualTo(signOff);
            assertThat(q.passedSameCriterion()).containsExactly("1");
        });

        assertThat(d.flags()).extracting(f -> f.rule()).contains(FlagRule.AFTER_EQUALS_BEFORE);

        assertThat(d.responsibilities()).extracting(r -> r.role() + ":" + r.personId() + ":" + r.fromIndex() + "-"
                + r.toIndex()).containsExactly("reporter:" + REPORTER + ":" + report + "-null",
                "owner:" + OWNER + ":" + plan + "-" + closeOut, "principal:p-boss:" + principal + "-null");

        // every cited index is proved
        List<Long> proved = d.proofs().entries().stream().map(HazardDossier.ProvenEntry::index).toList();
        assertThat(proved).contains(report, plan, extension, submission, verification, closeOut, principal, signOff);
        assertThat(d.proofs().treeSize()).isGreaterThan(closeOut);
    }

    @Test
    void asOfAnEarlierPosition_theDossierEndsThere_andJudgesDeadlinesThen() {
        LedgerPosition beforeSubmission = ledger.position(submission, null);
        HazardDossier d = ledger.dossier("hz-d", beforeSubmission);
        assertThat(d.timeline()).extracting(TimelineEvent::index).containsExactly(report, plan, extension);
        assertThat(d.hazard().status()).isEqualTo(HazardStatus.RECTIFICATION_PLANNED);
        assertThat(d.moment()).isEqualTo(DAY0.plus(Duration.ofDays(25))); // when the submission came
        assertThat(d.deadlines()).extracting(Deadline::outcome).containsExactly("replaced", "missed");
        Stage open = d.stages().get(d.stages().size() - 1);
        assertThat(open.toIndex()).isNull();
        assertThat(open.seconds()).isEqualTo(Duration.ofDays(24).toSeconds());
        assertThat(ledger.dossier("hz-d", ledger.position(extension, null)).deadlines())
                .extracting(Deadline::outcome).containsExactly("pending");

        assertThatThrownBy(() -> ledger.dossier("hz-d", ledger.position(report, null)))
                .isInstanceOf(UnknownReferenceException.class);
        assertThatThrownBy(() -> ledger.dossier("no-such", ledger.position(null, null)))
                .isInstanceOf(UnknownReferenceException.class);
    }

    @Test
    void anExtensionWhileASubmissionAwaitsVerification_isMetByThatSubmission() {
        ledger.execute(new ReportHazard("hz-e", ENTERPRISE, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "electrical", "Workshop 2", "Cable tray open", null, clock.instant().minusSeconds(60), REPORTER,
                List.of(photo("tray-before")), null, null));
        ledger.execute(new PlanRectification("hz-e", "close it", OWNER, day(40), null, null, null, OWNER));
        ledger.execute(new SubmitRectification("hz-e", "closed", List.of(photo("tray-after")), OWNER));
        clock.days(1);
        long extended = ledger.execute(new ExtendDeadline("hz-e", day(50), "verifier away", VERIFIER)).index();
        clock.days(20); // past the first due date (day 40), before the second
        long verified = ledger.execute(new VerifyRectification("hz-e", true, "ok", VERIFIER)).index();
        assertThat(ledger.dossier("hz-e", ledger.position(null, null)).deadlines())
                .extracting(Deadline::dueDate, Deadline::outcome, Deadline::outcomeIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(day(40), "replaced", extended),
                        org.assertj.core.groups.Tuple.tuple(day(50), "met", verified));
    }

    @Test
    void theJsonVerifiesOffline_andEveryTamperingIsNamed() throws Exception {
        // a checkpoint that covers every cited entry but not the ledger's later growth is not the one used
        ledger.checkpoints().orElseThrow().checkpointNow();
        ledger.execute(new RegisterPerson("p-late", "Late Comer", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        HazardDossier d = ledger.dossier("hz-d", ledger.position(null, null));
        assertThat(d.proofs().treeSize()).isGreaterThanOrEqualTo(d.atSize());
        byte[] json = DossierDocuments.json(d);
        List<String> keys = ledger.checkpoints().orElseThrow().verifierKeys();
        DossierVerifier.Report ok = DossierVerifier.verify(json, keys);
        assertThat(ok.timelineEntries()).isEqualTo(7);
        assertThat(ok.provedEntries()).isEqualTo(d.proofs().entries().size());
        assertThat(ok.serverSigned()).as("signatures made by a server").isZero();

        ObjectMapper mapper = new ObjectMapper();
        // a changed byte in an entry
        ObjectNode changed = (ObjectNode) mapper.readTree(json);
        for (JsonNode e : changed.path("proofs").path("entries")) {
            if (e.path("index").asLong() == report) {
                ((ObjectNode) e).put("entry", e.path("entry").asText().replace("Flange leak", "Flange leek"));
            }
        }
        assertRefused(mapper.writeValueAsBytes(changed), keys, "entry " + report + ": its bytes hash to");

        // an entry left out of the timeline (and of the proofs)
        ObjectNode dropped = (ObjectNode) mapper.readTree(json);
        ((com.fasterxml.jackson.databind.node.ArrayNode) dropped.path("timeline")).remove(2);
        assertRefused(mapper.writeValueAsBytes(dropped), keys, "misses an entry");

        // a claim citing a different hash
        ObjectNode cited = (ObjectNode) mapper.readTree(json);
        ((ObjectNode) cited.path("timeline").get(1)).put("entryHash", "0".repeat(64));
        assertRefused(mapper.writeValueAsBytes(cited), keys, "cites entry " + plan);

        // a proof that leads elsewhere
        ObjectNode proof = (ObjectNode) mapper.readTree(json);
        ((com.fasterxml.jackson.databind.node.ArrayNode) proof.path("proofs").path("entries").get(1)
                .path("inclusionProof")).remove(0);
        assertRefused(mapper.writeValueAsBytes(proof), keys, "inclusion proof");

        // derived claims that the entries contradict
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(0)).put("recordedAt", "2026-01-01T00:00:00Z")),
                keys, "recorded at");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(4)).put("statusAfter", "RECTIFICATION_PLANNED")),
                keys, "status became");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("stages").get(1)).put("seconds", 3600)), keys, "stage 1");
        assertRefused(edit(json, n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("timeline"))
                .remove(n.path("timeline").size() - 1)), keys, "register row");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("flags").get(0).path("entries").get(0)).remove("entryHash")),
                keys, "flag");
        assertRefused(edit(json, n -> ((ObjectNode) n).put("atSize", closeOut)), keys, "beyond the dossier's position");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(0)).put("signerId", OWNER)), keys, "signerId");
        // who made a signature: a person's shown as the server's, or the other way round
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(0)).put("mode", "office-server")), keys,
                "timeline entry " + report + " says mode office-server but the entry's signed statement says personal");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(1)).put("mode", "personal")), keys,
                "says mode personal but the entry's signed statement says null");
        // the member left out of some items only: that would hide which signatures a server made
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(0)).remove("mode")), keys,
                "says who made the signatures (mode) for 6 of its 7 items");
        // a dossier made before the member was added says nothing of it, and still verifies
        assertThat(DossierVerifier.verify(edit(json, n -> n.path("timeline").forEach(t -> ((ObjectNode) t)
                .remove("mode"))), keys).timelineEntries()).isEqualTo(7);
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(0)).put("signatureStatus", "unsigned")),
                keys, "signature");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(1)).put("signerId", REPORTER)), keys,
                "signerId");
        assertRefused(edit(json, n -> ((ObjectNode) n).putArray("timeline")), keys, "timeline is empty");
        // summaries a reader sees first, with every entry intact: each is what the entries make
        assertRefused(edit(json, n -> ((ObjectNode) n.path("hazard")).put("status", "VERIFIED")), keys,
                "register row says status \"VERIFIED\" but its timeline's entries make CLOSED");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("hazard")).put("level", "GENERAL")), keys,
                "register row says level");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("deadlines").get(1)).put("outcome", "met")), keys,
                "due date 1");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("timeline").get(5)).put("actorId", OWNER)), keys,
                "says its actor is \"" + OWNER + "\" but the entry's RectificationVerified names " + VERIFIER);
        assertRefused(edit(json, n -> ((ObjectNode) n.path("responsibilities").get(1)).put("personId", VERIFIER)),
                keys, "owner responsibility");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("flags").get(0)).put("severity", "LOW")), keys,
                "is not a flag of rule AFTER_EQUALS_BEFORE");
        assertRefused(edit(json, n -> ((ObjectNode) n).put("zone", "Mars/Olympus")), keys, "zone is not an IANA");
        assertRefused(edit(json, n -> ((ObjectNode) n).put("zone", "UTC+8")), keys, "zone is not an IANA");
        assertRefused(edit(json, n -> ((ObjectNode) n).remove("zone")), keys, "names no zone");
        // a member twice: a viewer may show the first value, a lenient parser keep the last
        String text = new String(json, StandardCharsets.UTF_8);
        String status = "\"status\" : \"CLOSED\",";
        assertThat(text).contains(status);
        assertRefused(text.replaceFirst(status, "\"status\" : \"VERIFIED\", " + status).getBytes(StandardCharsets.UTF_8),
                keys, "Duplicate field 'status'");
        assertRefused((text + " {}").getBytes(StandardCharsets.UTF_8), keys, "not JSON");
        // numbers a long does not hold, members that are not arrays, times out of range: refused, never thrown
        assertRefused(text.replaceFirst("\"atSize\" : (\\d+)", "\"atSize\" : 1844674407370955161$1")
                .getBytes(StandardCharsets.UTF_8), keys, "whole numbers");
        assertRefused(edit(json, n -> ((ObjectNode) n).put("stages", "none")), keys, "stages must be an array");
        assertRefused(edit(json, n -> ((ObjectNode) n).remove("inspectionsWithoutAction")), keys,
                "inspectionsWithoutAction must be an array");
        assertRefused(edit(json, n -> ((ObjectNode) n).put("moment", "+300000000-01-01T00:00:00Z")), keys,
                "out of range");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("hazard")).put("firstIndex", String.valueOf(report))), keys,
                "register row");
        // the principal: one appointment, in force to the end
        assertRefused(edit(json, n -> ((ObjectNode) n.path("responsibilities").get(2)).put("toIndex", closeOut)), keys,
                "principal responsibility of \"p-boss\"");
        assertRefused(edit(json, n -> ((ObjectNode) n.path("stages").get(0)).put("seconds", 86400.0)), keys, "stage 0");
        assertRefused(edit(json, n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("proofs").path("entries")
                .get(0).path("inclusionProof")).set(0, n.path("proofs").path("entries").get(0).path("inclusionProof")
                .get(0).asText().replace("=", ""))), keys, "padded base64");
        assertRefused(edit(json, n -> ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("proofs").path("entries")
                .get(0).path("inclusionProof")).set(0, "not base64!")), keys, "inclusion proof");

        // another log's key
        String foreign;
        try (Ledger other = Ledger.builder().dataSource(TestLedgers.store(dir))
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/ledger", Duration.ZERO)
                .build()) {
            foreign = other.checkpoints().orElseThrow().verifierKey();
        }
        assertRefused(json, List.of(foreign), "checkpoint does not verify");
    }

    @Test
    void aDossierNamesItsZone_asARegion_orAsAFixedOffset() {
        assertThat(io.hazardledger.dossier.internal.DeadlineOutcomes.idOf(ZONE)).isEqualTo("Asia/Shanghai");
        assertThat(io.hazardledger.dossier.internal.DeadlineOutcomes.idOf(ZoneId.of("UTC+8"))).isEqualTo("+08:00");
        assertThat(io.hazardledger.dossier.internal.DeadlineOutcomes.idOf(java.time.ZoneOffset.UTC)).isEqualTo("Z");
        for (String named : List.of("Asia/Shanghai", "+08:00", "Z", "UTC")) {
            assertThat(io.hazardledger.dossier.internal.DeadlineOutcomes.parse(named)).as(named).isNotNull();
        }
        for (String not : List.of("UTC+8", "GMT+08:00", "+8", "Mars/Olympus", "")) {
            assertThat(io.hazardledger.dossier.internal.DeadlineOutcomes.parse(not)).as(not).isNull();
        }
        assertThat(ledger.dossier("hz-d", ledger.position(null, null)).zone()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void theHtmlReportIsStandalone_andDrawsTheTimeline() {
        HazardDossier d = ledger.dossier("hz-d", ledger.position(null, null));
        String html = DossierDocuments.html(d, ZONE);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"timeline\"")
                .contains("due " + day(20) + " missed").contains("id=\"entry-" + closeOut + "\"")
                .contains("href=\"#entry-" + report + "\"").contains("signature valid")
                .contains("@media print")
                .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http")
                .doesNotContain("url(");
        // user text is escaped, not markup
        assertThat(DossierDocuments.esc("<b>&\"'")).isEqualTo("&lt;b&gt;&amp;&quot;&#39;");
        assertThat(new String(DossierDocuments.json(d), StandardCharsets.UTF_8)).contains("\"format\" : \""
                + HazardDossier.FORMAT + "\"");
    }

    /** The dossier's JSON with one change made to its tree. */
    private static byte[] edit(byte[] json, java.util.function.Consumer<JsonNode> change) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree(json);
        change.accept(tree);
        return mapper.writeValueAsBytes(tree);
    }

    private static void assertRefused(byte[] json, List<String> keys, String message) {
        assertThatThrownBy(() -> DossierVerifier.verify(json, keys))
                .isInstanceOf(DossierVerifier.DossierException.class).hasMessageContaining(message);
    }

    private static LocalDate day(int n) {
        return LocalDate.ofInstant(DAY0, ZONE).plusDays(n);
    }

    private Evidence photo(String name) {
        return new Evidence(io.hazardledger.integrity.Hashes.sha256Hex(name.getBytes()), "image/jpeg",
                clock.instant().minusSeconds(600), name + ".jpg");
    }

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void days(int n) {
            now = now.plus(Duration.ofDays(n));
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
