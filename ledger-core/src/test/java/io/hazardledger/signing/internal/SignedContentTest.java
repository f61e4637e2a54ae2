package io.hazardledger.signing.internal;

import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagAcknowledged;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.InspectionCoSigned;
import io.hazardledger.inspection.InspectionSignedOff;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.integrity.CanonicalJson;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.whistleblower.LinkReport;
import io.hazardledger.whistleblower.RevealIdentity;
import io.hazardledger.whistleblower.ShredIdentity;
import io.hazardledger.whistleblower.WhistleblowerIdentityRevealed;
import io.hazardledger.whistleblower.WhistleblowerIdentityShredded;
import io.hazardledger.whistleblower.WhistleblowerReportLinked;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rebuilding of a signed entry's command from its payload (FORMAT.md 12.3) against the records themselves: each
 * event, written as the ledger writes it, without the members it adds, hashes as its command does.
 */
@Tag("store-independent")
class SignedContentTest {

    /** Each event type a person's signed act produces, and that act's command (key events aside). */
    private static final Map<Class<? extends Record>, Class<? extends Record>> COMMAND_OF = Map.ofEntries(
            Map.entry(HazardReported.class, ReportHazard.class),
            Map.entry(RectificationPlanned.class, PlanRectification.class),
            Map.entry(RectificationSubmitted.class, SubmitRectification.class),
            Map.entry(RectificationVerified.class, VerifyRectification.class),
            Map.entry(HazardClosedOut.class, CloseOutHazard.class),
            Map.entry(DeadlineExtended.class, ExtendDeadline.class),
            Map.entry(HazardReopened.class, ReopenHazard.class),
            Map.entry(InspectionSignedOff.class, SignOffInspection.class),
            Map.entry(InspectionCoSigned.class, CoSignInspection.class),
            Map.entry(FlagAcknowledged.class, AcknowledgeFlag.class),
            Map.entry(WhistleblowerIdentityRevealed.class, RevealIdentity.class),
            Map.entry(WhistleblowerIdentityShredded.class, ShredIdentity.class),
            Map.entry(WhistleblowerReportLinked.class, LinkReport.class));

    @Test
    void everyEventTypeASignedActProduces_hasARule() {
        assertThat(SignedActions.signedEventTypes()).allSatisfy(type ->
                assertThat(SignedContent.knows(type)).as(type).isTrue());
        assertThatThrownBy(() -> SignedContent.expectedDigest("HazardEscalatedTwice", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SignedContent.expectedDigest("KeyRegistered", "{\"keyId\":\"k\"}")).isEmpty();
        assertThat(SignedContent.expectedDigest("KeyRevoked", "{\"keyId\":\"k\"}")).isEmpty();
        // the acts of a person, and the two the office's server takes (their content is the payload itself)
        assertThat(COMMAND_OF.keySet().stream().map(Class::getSimpleName))
                .containsExactlyInAnyOrderElementsOf(SignedActions.signedEventTypes().stream()
                        .filter(t -> !Set.of("KeyRegistered", "KeyRevoked", "HazardEscalated",
                                "SupervisionGradeChanged").contains(t)).toList());
        assertThat(SignedContent.added("HazardEscalated")).isEmpty();
        assertThat(SignedContent.added("SupervisionGradeChanged")).isEmpty();
    }

    @Test
    void eachEvent_withoutTheMembersItAdds_hasItsCommandsMembers() {
        COMMAND_OF.forEach((event, command) -> {
            Set<String> eventMembers = new java.util.HashSet<>(names(event));
            eventMembers.removeAll(SignedContent.added(event.getSimpleName()));
            assertThat(eventMembers).as(event.getSimpleName()).isEqualTo(Set.copyOf(names(command)));
            assertThat(names(event)).as(event.getSimpleName())
                    .containsAll(SignedContent.added(event.getSimpleName()));
        });
    }

    /** The event the aggregate would write for the command (the same values by name), as the ledger stores it. */
    @Test
    void eachEventAsStored_hashesAsTheCommandItsSignerSigned() throws Exception {
        for (var pair : COMMAND_OF.entrySet()) {
            Record command = SampleRecords.of(pair.getValue(), Map.of());
            Map<String, Object> values = new HashMap<>();
            for (RecordComponent c : pair.getValue().getRecordComponents()) {
                values.put(c.getName(), c.getAccessor().invoke(command));
            }
            Record event = SampleRecords.of(pair.getKey(), values);
            String payload = LedgerSerializer.objectMapper().writeValueAsString(event);
            assertThat(SignedContent.expectedDigest(pair.getKey().getSimpleName(), payload)).as(payload)
                    .contains(ContentDigest.of(command));
        }
    }

    @Test
    void aChangedMember_isAnotherDigest_anAddedMemberChangedIsNot() throws Exception {
        var signed = new VerifyRectification("hz-1", false, "still leaks", "p-verifier");
        String stored = LedgerSerializer.objectMapper().writeValueAsString(
                new RectificationVerified("hz-1", 2, false, "still leaks", "p-verifier"));
        assertThat(SignedContent.expectedDigest("RectificationVerified", stored)).contains(ContentDigest.of(signed));
        assertThat(SignedContent.expectedDigest("RectificationVerified",
                stored.replace("\"passed\":false", "\"passed\":true"))).isNotEqualTo(java.util.Optional.of(
                ContentDigest.of(signed)));
        assertThat(SignedContent.expectedDigest("RectificationVerified",
                stored.replace("\"submissionNo\":2", "\"submissionNo\":3"))).contains(ContentDigest.of(signed));
        // a member the command does not have, added to the payload, is other content
        assertThat(SignedContent.expectedDigest("RectificationVerified", stored.replace("{", "{\"extra\":1,")))
                .isNotEqualTo(java.util.Optional.of(ContentDigest.of(signed)));
        assertThatThrownBy(() -> SignedContent.expectedDigest("RectificationVerified", "[1]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void canonicalizeWithout_leavesOutTopLevelMembersOnly_andStillReadsThem() throws IOException {
        assertThat(CanonicalJson.canonicalizeWithout("{\"b\":1,\"n\":{\"n\":2,\"a\":3},\"a\":true,\"n2\":[]}",
                Set.of("n", "n2"))).isEqualTo("{\"a\":true,\"b\":1}");
        assertThat(CanonicalJson.canonicalizeWithout("{\"x\":{\"n\":1},\"n\":2}", Set.of("n")))
                .isEqualTo("{\"x\":{\"n\":1}}");
        assertThat(CanonicalJson.canonicalizeWithout("{\"n\":1}", Set.of("n"))).isEqualTo("{}");
        for (String bad : List.of("{\"n\":01}", "{\"n\":1,\"n\":2}", "{\"a\":1} x", "\"a\"", "{\"n\":[1,}")) {
            assertThatThrownBy(() -> CanonicalJson.canonicalizeWithout(bad, Set.of("n"))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
