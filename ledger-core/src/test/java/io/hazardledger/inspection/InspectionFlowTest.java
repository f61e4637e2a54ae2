package io.hazardledger.inspection;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.signing.SignedAct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A checklist inspection on a real ledger with signatures required: results, hazards raised, sign-off, co-signing. */
class InspectionFlowTest {

    @TempDir
    Path dir;

    Ledger ledger;
    PemSigner inspector;
    PemSigner expert;
    PemSigner rep;

    @BeforeEach
    void park() {
        ledger = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true).build();
        TestLedgers.park(ledger);
        ledger.execute(new AppointPrincipal(ENTERPRISE, OWNER));
        ledger.execute(new RegisterPerson("inspector", "Wang Tao", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("expert", "Li Na", null, Set.of(Role.INSPECTOR)));
        inspector = key("inspector", SignatureAlgorithm.SM2_SM3);
        expert = key("expert", SignatureAlgorithm.ED25519);
        rep = key(OWNER, SignatureAlgorithm.ED25519);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private PemSigner key(String person, SignatureAlgorithm algorithm) {
        PemSigner key = KeyPairs.generate(algorithm).signer();
        ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(60), person));
        return key;
    }

    private void signed(Object command, PemSigner key) {
        ledger.execute(command, SignedStatement.sign(ledger.statementFor(command, key.verificationKey().keyId(),
                Instant.now()), key));
    }

    private void start(String leader) {
        ledger.execute(new StartInspection("insp-1", ENTERPRISE, "Quarterly hot-work checklist", "inspector", leader,
                List.of(new CoSigner("expert", CoSignerRole.EXPERT), new CoSigner(OWNER, CoSignerRole.ENTERPRISE_REPRESENTATIVE)),
                List.of(new ChecklistItem("1", "GB 30871 5.1", "Hot-work permits signed"),
                        new ChecklistItem("2", "GB 30871 6.2", "Gas detectors calibrated"))));
    }

    private ReportHazard finding(String hazardId, String itemNo) {
        return new ReportHazard(hazardId, ENTERPRISE, HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION, null,
                "gas detection", "Tank farm B", "Detector calibration overdue", null, Instant.now().minusSeconds(30),
                "inspector", List.of(), "insp-1", itemNo);
    }

    @Test
    void inspection_withAFailingItem_raisesALinkedHazard_isSignedOffAndCoSigned() throws Exception {
        start(OWNER);
        ledger.execute(new RecordItemResult("insp-1", "1", ItemResult.PASS, null, null, "inspector"));
        ledger.execute(new RecordItemResult("insp-1", "2", ItemResult.FAIL, "calibration 3 months overdue", null, "inspector"));
        signed(finding("hz-i", "2"), inspector);
        signed(new SignOffInspection("insp-1", "one finding", "inspector"), inspector);
        signed(new CoSignInspection("insp-1", "expert", "agreed"), expert);
        signed(new CoSignInspection("insp-1", OWNER, "acknowledged"), rep);

        InspectionRecord r = ledger.inspections().inspection("insp-1").orElseThrow();
        assertThat(r.status()).isEqualTo("COMPLETED");
        assertThat(r.leaderLed()).isTrue();
        assertThat(r.items()).extracting(InspectionRecord.Item::hazardId).containsExactly(null, "hz-i");
        assertThat(r.coSigners()).allSatisfy(c -> assertThat(c.signedIndex()).isNotNull());
        assertThat(ledger.trail().responsibilityFor("insp-1")).extracting(SignedAct::signerId)
                .containsExactly(null, null, null, "inspector", "expert", OWNER);
        assertThat(ledger.trail().signedBy("inspector")).extracting(SignedAct::action)
                .containsExactly("hazard.report", "inspection.sign-off");
        assertThat(ledger.verify().holds()).isTrue();
        long size = ledger.verify().size();
        ledger.replay();
        assertThat(ledger.inspections().inspection("insp-1")).contains(r);
        assertThat(ledger.verify().size()).isEqualTo(size);
        assertThat(ledger.inspections().inspections(null)).as("the whole list").containsExactly(r);
        assertThat(ledger.inspections().inspections(r.enterpriseId())).containsExactly(r);
        assertThat(ledger.inspections().inspections("no-such-enterprise")).isEmpty();
    }

    @Test
    void inspectionNotLedByThePrincipal_isNotLeaderLed() {
        start(REPORTER);   // a person of the enterprise, not its principal
        assertThat(ledger.inspections().inspection("insp-1").orElseThrow().leaderLed()).isFalse();
    }

    @Test
    void hazardCitingAPassedItem_orTheSameItemTwice_isRejected() {
        start(null);
        ledger.execute(new RecordItemResult("insp-1", "1", ItemResult.PASS, null, null, "inspector"));
        ledger.execute(new RecordItemResult("insp-1", "2", ItemResult.FAIL, "overdue", null, "inspector"));
        assertThatThrownBy(() -> signed(finding("hz-p", "1"), inspector))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("did not fail");
        signed(finding("hz-a", "2"), inspector);
        assertThatThrownBy(() -> signed(finding("hz-b", "2"), inspector))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("already raised hazard hz-a");
        assertThat(ledger.register().get("hz-b")).isEmpty();
    }

    /**
     * A park inspection's failing item is the park's finding: the inspected enterprise's staff may not raise it first
     * (as self-reported, at a level of their choosing, which would leave the inspector's own report refused as the
     * item already raised), and whoever raises an item names the inspection's kind as its source.
     */
    @Test
    void aParkInspectionsItem_isRaisedByThePark_asSupervisory_notByTheInspectedEnterprise() {
        start(null);
        ledger.execute(new RecordItemResult("insp-1", "2", ItemResult.FAIL, "overdue", null, "inspector"));
        PemSigner staff = key(TestLedgers.REPORTER, SignatureAlgorithm.ED25519);
        assertThatThrownBy(() -> signed(by(TestLedgers.REPORTER, HazardSource.SELF_INSPECTION, "hz-s"), staff))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("source");
                    assertThat(e.getMessage()).contains("SUPERVISORY_INSPECTION", "by inspector, of the park");
                });
        assertThatThrownBy(() -> signed(by(TestLedgers.REPORTER, HazardSource.SUPERVISORY_INSPECTION, "hz-s"), staff))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo("item-of-park-inspection"));
        assertThatThrownBy(() -> signed(by("inspector", HazardSource.SELF_INSPECTION, "hz-s"), inspector))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be SUPERVISORY_INSPECTION");
        assertThat(ledger.register().get("hz-s")).isEmpty();
        assertThat(ledger.inspections().inspection("insp-1").orElseThrow().items().get(1).hazardId()).isNull();

        signed(finding("hz-i", "2"), inspector);
        assertThat(ledger.inspections().inspection("insp-1").orElseThrow().items().get(1).hazardId()).isEqualTo("hz-i");
    }

    /** An enterprise's own inspection: its items are self-inspection findings, raised by its staff. */
    @Test
    void anEnterprisesOwnInspectionsItem_isASelfInspectionFinding() {
        ledger.execute(new StartInspection("insp-s", ENTERPRISE, "Daily walk-round", OWNER, null, List.of(),
                List.of(new ChecklistItem("1", "GB 30871 5.1", "Hot-work permits signed"))));
        ledger.execute(new RecordItemResult("insp-s", "1", ItemResult.FAIL, "permit unsigned", null, OWNER));
        PemSigner staff = key(TestLedgers.REPORTER, SignatureAlgorithm.ED25519);
        ReportHazard asSupervisory = selfFinding(HazardSource.SUPERVISORY_INSPECTION);
        assertThatThrownBy(() -> signed(asSupervisory, staff))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be SELF_INSPECTION");
        signed(selfFinding(HazardSource.SELF_INSPECTION), staff);
        assertThat(ledger.register().get("hz-own").orElseThrow().source()).isEqualTo(HazardSource.SELF_INSPECTION);
    }

    private ReportHazard selfFinding(HazardSource source) {
        return new ReportHazard("hz-own", ENTERPRISE, HazardLevel.GENERAL, source, null, "hot work", "Workshop 2",
                "Hot-work permit unsigned", null, Instant.now().minusSeconds(30), TestLedgers.REPORTER, List.of(),
                "insp-s", "1");
    }

    private ReportHazard by(String reporter, HazardSource source, String hazardId) {
        return new ReportHazard(hazardId, ENTERPRISE, HazardLevel.GENERAL, source, null, "gas detection",
                "Tank farm B", "Detector calibration overdue", null, Instant.now().minusSeconds(30), reporter,
                List.of(), "insp-1", "2");
    }

    @Test
    void signOff_withoutTheInspectorsSignature_isRefused() {
        start(null);
        ledger.execute(new RecordItemResult("insp-1", "1", ItemResult.PASS, null, null, "inspector"));
        ledger.execute(new RecordItemResult("insp-1", "2", ItemResult.PASS, null, null, "inspector"));
        assertThatThrownBy(() -> ledger.execute(new SignOffInspection("insp-1", "ok", "inspector")))
                .isInstanceOf(io.hazardledger.SignatureRefusedException.class);
        assertThatThrownBy(() -> signed(new SignOffInspection("insp-1", "ok", "inspector"), expert))
                .isInstanceOf(io.hazardledger.SignatureRefusedException.class);
        assertThat(ledger.inspections().inspection("insp-1").orElseThrow().status()).isEqualTo("IN_PROGRESS");
    }
}
