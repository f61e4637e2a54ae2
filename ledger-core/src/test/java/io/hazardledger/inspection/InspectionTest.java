package io.hazardledger.inspection;

import io.hazardledger.RuleViolationException;
import io.hazardledger.UnknownReferenceException;
import io.hazardledger.directory.EnterpriseRecord;
import io.hazardledger.directory.InMemoryDirectory;
import io.hazardledger.directory.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The rules of a checklist inspection, one test each. */
class InspectionTest {

    static final String ID = "insp-1";
    static final List<ChecklistItem> ITEMS = List.of(
            new ChecklistItem("1", "GB 30871 5.1", "Hot-work permits are signed"),
            new ChecklistItem("2", "GB 30871 6.2", "Gas detectors calibrated"));
    static final List<CoSigner> CO_SIGNERS = List.of(new CoSigner("expert", CoSignerRole.EXPERT),
            new CoSigner("rep", CoSignerRole.ENTERPRISE_REPRESENTATIVE));

    AggregateTestFixture<Inspection> fixture;
    InMemoryInspections inspections;

    @BeforeEach
    void fixture() {
        InMemoryDirectory directory = new InMemoryDirectory()
                .withEnterprise("ent")
                .withPerson("inspector", null, Role.INSPECTOR)
                .withPerson("expert", null, Role.INSPECTOR)
                .withPerson("rep", "ent", Role.ENTERPRISE_STAFF)
                .withPerson("boss", "ent", Role.ENTERPRISE_STAFF);
        inspections = new InMemoryInspections();
        fixture = new AggregateTestFixture<>(Inspection.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(inspections);
    }

    private static InspectionStarted started(String leaderId, boolean leaderLed) {
        return new InspectionStarted(ID, "ent", "Hot work", "inspector", leaderId, leaderLed, CO_SIGNERS, ITEMS);
    }

    private static ItemResultRecorded result(String itemNo, ItemResult result) {
        return new ItemResultRecorded(ID, itemNo, result, result == ItemResult.FAIL ? "detector overdue" : null, List.of(),
                "inspector");
    }

    @Test
    void start_recordsItemsAndCoSigners_notLeaderLedWithoutThePrincipal() {
        fixture.givenNoPriorActivity()
               .when(new StartInspection(ID, "ent", "Hot work", "inspector", "boss", CO_SIGNERS, ITEMS))
               .expectEvents(started("boss", false));
    }

    @Test
    void start_ledByThePrincipal_isLeaderLed() {
        InMemoryDirectory directory = new InMemoryDirectory().withPerson("inspector", null, Role.INSPECTOR)
                .withPerson("expert", null, Role.INSPECTOR).withPerson("rep", "ent", Role.ENTERPRISE_STAFF)
                .withPerson("boss", "ent", Role.ENTERPRISE_STAFF);
        directory.withEnterpriseRecord(new EnterpriseRecord("ent", "Ent", "chemicals", true, "boss"));
        fixture = new AggregateTestFixture<>(Inspection.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(inspections);
        fixture.givenNoPriorActivity()
               .when(new StartInspection(ID, "ent", "Hot work", "inspector", "boss", CO_SIGNERS, ITEMS))
               .expectEvents(started("boss", true));
    }

    /**
     * Named to co-sign or to lead, a person who never could (another enterprise's staff, an auditor, a representative
     * who is not of the enterprise) is refused at the start: the inspection would wait for them for good.
     */
    @Test
    void start_withAPersonWhoCannotCoSignOrLead_isRejected() {
        fixture = new AggregateTestFixture<>(Inspection.class);
        fixture.registerInjectableResource(new InMemoryDirectory().withPerson("inspector", null, Role.INSPECTOR)
                .withPerson("expert", null, Role.INSPECTOR).withPerson("rep", "ent", Role.ENTERPRISE_STAFF)
                .withPerson("other-gm", "other", Role.ENTERPRISE_STAFF).withPerson("auditor", null, Role.AUDITOR)
                // a person of the enterprise who is not its staff; a park inspector registered as staff too
                .withPerson("ent-auditor", "ent", Role.AUDITOR)
                .withPerson("park-staff", null, Role.ENTERPRISE_STAFF, Role.INSPECTOR)
                .withEnterprise("ent").withEnterprise("other"));
        fixture.registerInjectableResource(inspections);
        for (var coSigners : List.of(List.of(new CoSigner("other-gm", CoSignerRole.EXPERT)),
                List.of(new CoSigner("ent-auditor", CoSignerRole.EXPERT)),
                List.of(new CoSigner("park-staff", CoSignerRole.EXPERT)),
                List.of(new CoSigner("auditor", CoSignerRole.EXPERT)),
                List.of(new CoSigner("expert", CoSignerRole.ENTERPRISE_REPRESENTATIVE)),
                List.of(new CoSigner("other-gm", CoSignerRole.ENTERPRISE_REPRESENTATIVE)))) {
            fixture.givenNoPriorActivity()
                   .when(new StartInspection(ID, "ent", "Hot work", "inspector", null, coSigners, ITEMS))
                   .expectException(RuleViolationException.class)
                   .expectExceptionMessage(org.hamcrest.Matchers.startsWith(coSigners.get(0).personId()
                           + " cannot co-sign"))
                   .expectNoEvents();
        }
        fixture.givenNoPriorActivity()
               .when(new StartInspection(ID, "ent", "Hot work", "inspector", "other-gm", CO_SIGNERS, ITEMS))
               .expectException(RuleViolationException.class)
               .expectExceptionMessage("the leader other-gm is a person of enterprise other, not of ent: an "
                       + "inspection is led by a leader of the enterprise it inspects, or of the park")
               .expectNoEvents();
    }

    @Test
    void start_unknownInspector_isRejected() {
        fixture.givenNoPriorActivity()
               .when(new StartInspection(ID, "ent", "Hot work", "ghost", null, CO_SIGNERS, ITEMS))
               .expectException(UnknownReferenceException.class)
               .expectNoEvents();
    }

    @Test
    void recordResult_byAnotherThanTheInspector_isRejected() {
        fixture.given(started(null, false))
               .when(new RecordItemResult(ID, "1", ItemResult.PASS, null, null, "expert"))
               .expectException(RuleViolationException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("only the inspector"))
               .expectNoEvents();
    }

    @Test
    void recordResult_ofAnUnknownItem_isRejected() {
        fixture.given(started(null, false))
               .when(new RecordItemResult(ID, "9", ItemResult.PASS, null, null, "inspector"))
               .expectException(UnknownReferenceException.class)
               .expectNoEvents();
    }

    @Test
    void signOff_withAnItemWithoutResult_isRejected() {
        fixture.given(started(null, false), result("1", ItemResult.PASS))
               .when(new SignOffInspection(ID, "done", "inspector"))
               .expectException(RuleViolationException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("item 2 has no result"))
               .expectNoEvents();
    }

    @Test
    void signOff_withAFailingItemThatRaisedNoHazard_isRejected() {
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.FAIL))
               .when(new SignOffInspection(ID, "done", "inspector"))
               .expectException(RuleViolationException.class)
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("failing item 2 has not raised a hazard"))
               .expectNoEvents();
    }

    @Test
    void signOff_listsEachFailingItemWithItsHazard() {
        inspections.withHazard(ID, "2", "hz-9");
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.FAIL))
               .when(new SignOffInspection(ID, "one finding", "inspector"))
               .expectEvents(new InspectionSignedOff(ID, "one finding", "inspector",
                       List.of(new InspectionSignedOff.FailedItem("2", "hz-9"))));
    }

    @Test
    void signOff_byAnotherThanTheInspector_isRejected() {
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.PASS))
               .when(new SignOffInspection(ID, "done", "expert"))
               .expectException(RuleViolationException.class)
               .expectNoEvents();
    }

    @Test
    void results_cannotChangeAfterSignOff() {
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.PASS),
                       new InspectionSignedOff(ID, "ok", "inspector", List.of()))
               .when(new RecordItemResult(ID, "1", ItemResult.FAIL, "changed my mind", null, "inspector"))
               .expectException(RuleViolationException.class)
               .expectNoEvents();
    }

    @Test
    void coSign_beforeSignOff_isRejected() {
        fixture.given(started(null, false))
               .when(new CoSignInspection(ID, "expert", null))
               .expectException(RuleViolationException.class)
               .expectNoEvents();
    }

    @Test
    void coSign_bySomeoneNotNamed_isRejected_andTheLastCoSignatureCompletes() {
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.PASS),
                       new InspectionSignedOff(ID, "ok", "inspector", List.of()))
               .when(new CoSignInspection(ID, "boss", null))
               .expectException(RuleViolationException.class)
               .expectNoEvents();
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.PASS),
                       new InspectionSignedOff(ID, "ok", "inspector", List.of()),
                       new InspectionCoSigned(ID, "expert", CoSignerRole.EXPERT, null, false))
               .when(new CoSignInspection(ID, "rep", "agreed"))
               .expectEvents(new InspectionCoSigned(ID, "rep", CoSignerRole.ENTERPRISE_REPRESENTATIVE, "agreed", true));
    }

    @Test
    void coSign_twice_isRejected() {
        fixture.given(started(null, false), result("1", ItemResult.PASS), result("2", ItemResult.PASS),
                       new InspectionSignedOff(ID, "ok", "inspector", List.of()),
                       new InspectionCoSigned(ID, "expert", CoSignerRole.EXPERT, null, false))
               .when(new CoSignInspection(ID, "expert", null))
               .expectException(RuleViolationException.class)
               .expectNoEvents();
    }
}
