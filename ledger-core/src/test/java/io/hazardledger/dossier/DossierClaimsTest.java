package io.hazardledger.dossier;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.hazardledger.Await;
import io.hazardledger.Ledger;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.FlagRule;
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
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every claim of a dossier that its cited entries determine is checked by {@code verify-dossier}: a hazard's whole
 * life (a failed verification, an extension, a new principal, a close-out, a reopening, a new plan that runs overdue
 * and is escalated, an inspection that did not act, a flag and its acknowledgement) gives dossiers that verify at
 * every position, and its final dossier changed in any one value is refused, but in the values FORMAT.md 16.5 names
 * as not re-checked (names and sentences for people, deadline outcomes, what depends on the directory, on entries
 * the dossier does not cite or on the flag rules).
 */
class DossierClaimsTest {

    private static final ZoneId PARK = Ledger.DEFAULT_ZONE;
    private static final Instant START = Instant.parse("2026-06-01T02:00:00Z");   // 10:00 in the park
    private static final String ENT = "ent";
    private static final String HAZARD = "hz-c";

    /** The members a changed value of passes: FORMAT.md 16.5 says the verifier does not re-check them. */
    private static final Pattern NOT_RE_CHECKED = Pattern.compile("/hazard/(selfReported|outsideFindingIndex"
            + "|selfReportedFirst)|/enterpriseName|/timeline/\\d+/(actorName|detail)"
            + "|/inspectionsWithoutAction/\\d+/(checklist|leaderLed|passedSameCriterion/\\d+)"
            + "|/flags/\\d+/(enterpriseId|hazardId|personId|summary)|/responsibilities/\\d+/name");

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(START);
    final StatementSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    Clock axonClock;
    Ledger ledger;
    long report;

    @BeforeEach
    void aHazardsWholeLife() {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).clock(clock).runDeadlines(Duration.ofMillis(200))
                .office("office", officeKey)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/ledger", Duration.ZERO)
                .build();
        ledger.execute(new RegisterEnterprise(ENT, "Acme", "chemicals", true));
        for (String p : List.of("reporter", "owner", "boss", "boss2")) {
            ledger.execute(new RegisterPerson(p, "Person " + p, ENT, Set.of(Role.ENTERPRISE_STAFF)));
        }
        ledger.execute(new RegisterPerson("verifier", "Verifier", null, Set.of(Role.VERIFIER, Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        assertThat(ledger.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
        ledger.execute(new AppointPrincipal(ENT, "boss"));

        Evidence before = evidence("before");
        report = ledger.execute(new ReportHazard(HAZARD, ENT, HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                "GB 30871 5.1", "fire", "Store 2", "Blocked exit", "pallets", START.minusSeconds(3600), "reporter",
                List.of(before), null, null)).index();
        day(1);
        ledger.execute(new PlanRectification(HAZARD, "Clear the exit", "owner", date(10), "100.00", "cordon", null,
                "owner"));
        day(1);
        ledger.execute(new SubmitRectification(HAZARD, "cleared", List.of(before), "owner"));   // after = before
        day(1);
        ledger.execute(new VerifyRectification(HAZARD, false, "still blocked", "verifier"));
        ledger.execute(new StartInspection("in-1", ENT, "monthly fire check", "verifier", null, List.of(),
                List.of(new ChecklistItem("1", "GB 30871 5.1", "exits clear"))));
        ledger.execute(new RecordItemResult("in-1", "1", ItemResult.PASS, "looks fine", List.of(), "verifier"));
        ledger.execute(new SignOffInspection("in-1", "all good", "verifier"));
        day(1);
        ledger.execute(new ExtendDeadline(HAZARD, date(20), "pallets to move", "verifier"));
        day(1);
        ledger.execute(new AppointPrincipal(ENT, "boss2"));
        ledger.execute(new SubmitRectification(HAZARD, "cleared for real", List.of(evidence("after")), "owner"));
        day(1);
        ledger.execute(new VerifyRectification(HAZARD, true, "clear now", "verifier"));
        day(1);
        ledger.execute(new CloseOutHazard(HAZARD, "done", "verifier"));
        day(2);
        ledger.execute(new ReopenHazard(HAZARD, "blocked again", "verifier"));
        day(1);
        LocalDate due = date(2);
        ledger.execute(new PlanRectification(HAZARD, "Clear it again", "boss", due, null, null, null, "boss"));
        clock.set(due.plusDays(1).atStartOfDay(PARK).toInstant().plusSeconds(1));
        ledger.runDueDeadlines();
        Await.until("the overdue plan was escalated", () -> "the ledger holds " + ledger.log().size() + " entries",
                () -> ledger.register().history(HAZARD).stream().anyMatch(h -> h.eventType().equals("HazardEscalated")));
        var flag = ledger.flags().find(FlagQuery.ALL).stream()
                .filter(f -> f.rule() == FlagRule.AFTER_EQUALS_BEFORE).findFirst().orElseThrow();
        day(1);
        ledger.execute(new AcknowledgeFlag(flag.flagId(), "photos mixed up", "office"));
    }

    @AfterEach
    void close() {
        GenericEventMessage.clock = axonClock;
        ledger.close();
    }

    private void day(int n) {
        clock.set(clock.instant().plus(Duration.ofDays(n)));
    }

    private LocalDate date(int daysFromNow) {
        return LocalDate.ofInstant(clock.instant(), PARK).plusDays(daysFromNow);
    }

    private Evidence evidence(String name) {
        return new Evidence(Hashes.sha256Hex(name.getBytes()), "image/jpeg", clock.instant().minusSeconds(600),
                name + ".jpg");
    }

    private byte[] dossierAt(Long size) {
        return DossierDocuments.json(ledger.dossier(HAZARD, ledger.position(size, null)));
    }

    private List<String> keys() {
        return ledger.checkpoints().orElseThrow().verifierKeys();
    }

    @Test
    void theDossierAtEveryPositionOfTheLife_verifies() throws Exception {
        HazardDossier whole = ledger.dossier(HAZARD, ledger.position(null, null));
        assertThat(whole.hazard().reopenings()).isOne();
        assertThat(whole.escalations()).isNotEmpty();
        assertThat(whole.inspectionsWithoutAction()).isNotEmpty();
        assertThat(whole.flags()).anySatisfy(f -> assertThat(f.acknowledgement()).isNotNull());
        assertThat(whole.responsibilities()).extracting(r -> r.role() + ":" + r.personId()).containsExactly(
                "reporter:reporter", "owner:owner", "owner:boss", "principal:boss", "principal:boss2");
        assertThat(whole.deadlines()).hasSize(3);

        long size = ledger.log().size();
        for (long at = report + 1; at <= size; at++) {
            DossierVerifier.Report r = DossierVerifier.verify(dossierAt(at), keys());
            assertThat(r.hazardId()).isEqualTo(HAZARD);
        }
    }

    @Test
    void everyValueOfTheDossierChanged_isRefused_butThoseNotReChecked() throws Exception {
        byte[] json = dossierAt(null);
        ObjectMapper mapper = new ObjectMapper();
        List<String> leaves = new ArrayList<>();
        leaves(mapper.readTree(json), "", leaves);
        List<String> passed = new ArrayList<>();
        int notReChecked = 0;
        for (String leaf : leaves) {
            JsonNode tree = mapper.readTree(json);
            change(tree, JsonPointer.compile(leaf));
            try {
                DossierVerifier.verify(mapper.writeValueAsBytes(tree), keys());
                if (NOT_RE_CHECKED.matcher(leaf).matches()) {
                    notReChecked++;
                } else {
                    passed.add(leaf);
                }
            } catch (DossierVerifier.DossierException refused) {
                // the change is caught
            }
        }
        assertThat(leaves).hasSizeGreaterThan(300);
        assertThat(passed).as("values changed without the verifier noticing").isEmpty();
        assertThat(notReChecked).isPositive();
    }

    @Test
    void thePrincipals_followOneAnother_toTheLast() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree(dossierAt(null));
        ArrayNode responsibilities = (ArrayNode) tree.path("responsibilities");
        assertThat(responsibilities.get(responsibilities.size() - 1).path("personId").asText()).isEqualTo("boss2");
        responsibilities.remove(responsibilities.size() - 1);   // boss's successor left out
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> DossierVerifier.verify(
                mapper.writeValueAsBytes(tree), keys()))).isInstanceOf(DossierVerifier.DossierException.class)
                .hasMessageContaining("principal responsibility of \"boss\"")
                .hasMessageContaining("does not end at the next appointment listed (none: it is the last)");
    }

    private static void leaves(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(f -> leaves(n.get(f), at + "/" + f, out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), at + "/" + i, out);
            }
        } else {
            out.add(at);
        }
    }

    /** Another value of the same kind: a string's first character changed, a number + 2, a boolean flipped. */
    private static void change(JsonNode tree, JsonPointer at) {
        JsonNode value = tree.at(at);
        JsonNode other;
        if (value.isTextual()) {
            String s = value.asText();
            other = TextNode.valueOf(s.isEmpty() ? "x" : (s.charAt(0) == 'X' ? "Y" : "X") + s.substring(1));
        } else if (value.isNumber()) {
            other = LongNode.valueOf(value.asLong() + 2);
        } else if (value.isBoolean()) {
            other = BooleanNode.valueOf(!value.asBoolean());
        } else {
            other = TextNode.valueOf("x");
        }
        JsonNode parent = tree.at(at.head());
        if (parent.isObject()) {
            ((ObjectNode) parent).set(at.last().getMatchingProperty(), other);
        } else {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), other);
        }
    }
}
