package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.hazardledger.hazard.Hazards.DUE;
import static io.hazardledger.hazard.Hazards.ENTERPRISE;
import static io.hazardledger.hazard.Hazards.FOUND_AT;
import static io.hazardledger.hazard.Hazards.HAZARD;
import static io.hazardledger.hazard.Hazards.OFFICE;
import static io.hazardledger.hazard.Hazards.OWNER;
import static io.hazardledger.hazard.Hazards.REPORTER;
import static io.hazardledger.hazard.Hazards.VERIFIER;
import static io.hazardledger.hazard.Hazards.evidence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hazard command records check their own fields when constructed; each refusal names the field. */
class HazardCommandValidationTest {

    private static final String SHA = "a".repeat(64);
    private static final Instant CAPTURED = Instant.parse("2026-11-02T01:50:00Z");

    @Test
    void reportHazard_blankDescription_isInvalidDescription() {
        assertInvalid("description", () -> report(HAZARD, " \t ", List.of()));
    }

    /**
     * C0 controls but tab and line breaks (DEL, the C1 controls and bidirectional overrides are refused in what a
     * command asks to record: {@code RefusedCommandTest}, since stored events read back through these checks).
     */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001b", "001f"})
    void reportHazard_descriptionWithAControl_isInvalidDescription(String hex) {
        String text = "leak " + (char) Integer.parseInt(hex, 16) + "here";
        assertInvalid("description", () -> report(HAZARD, text, List.of()));
        assertThatThrownBy(() -> report(HAZARD, text, List.of())).hasMessageContaining("U+" + hex.toUpperCase()
                + " at 5");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0009", "000a", "000d", "007f", "009b", "202e", "00a0", "00ad", "200d", "3000", "4e2d"})
    void reportHazard_descriptionWithTabsLineBreaksAndOtherCharacters_isAccepted_asAStoredEventIsRead(String hex) {
        String text = "leak " + (char) Integer.parseInt(hex, 16) + "here";
        assertThat(report(HAZARD, text, List.of()).description()).isEqualTo(text);
    }

    @Test
    void reportHazard_descriptionLongerThan4000Characters_isInvalidDescription() {
        assertInvalid("description", () -> report(HAZARD, "x".repeat(4001), List.of()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "hz 1", "-hz1", "hz/1", "hz\u00e91",
            "h1234567890123456789012345678901234567890123456789012345678901234"})
    void reportHazard_malformedHazardId_isInvalidHazardId(String id) {
        assertInvalid("hazardId", () -> report(id, "Flange leak", List.of()));
    }

    @Test
    void reportHazard_withoutLevel_isInvalidLevel() {
        assertInvalid("level", () -> new ReportHazard(HAZARD, ENTERPRISE, null, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Tank farm B", "Flange leak", null, FOUND_AT, REPORTER, List.of()));
    }

    @Test
    void reportHazard_withoutEvidenceList_hasEmptyEvidence() {
        assertThat(report(HAZARD, "Flange leak", null).evidence()).isEmpty();
    }

    @Test
    void reportHazard_evidenceListWithNullItem_isInvalidEvidence() {
        assertInvalid("evidence", () -> report(HAZARD, "Flange leak", Arrays.asList(evidence("before"), null)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void evidence_sha256NotSixtyFourLowercaseHexDigits_isInvalidSha256(String sha256) {
        assertInvalid("evidence.sha256", () -> new Evidence(sha256, "image/jpeg", CAPTURED, "after.jpg"));
    }

    @Test
    void evidence_mediaTypeWithoutSubtype_isInvalidMediaType() {
        assertInvalid("evidence.mediaType", () -> new Evidence(SHA, "jpeg", CAPTURED, "after.jpg"));
    }

    @Test
    void evidence_withoutCaptureTime_isInvalidCapturedAt() {
        assertInvalid("evidence.capturedAt", () -> new Evidence(SHA, "image/jpeg", null, "after.jpg"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12,000", "12000.123", "-5", "012", "1e5", "", " 12000"})
    void planRectification_malformedFunding_isInvalidFunding(String funding) {
        assertInvalid("funding", () -> new PlanRectification(HAZARD, "replace gasket", OWNER, DUE, funding,
                null, null, OWNER));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"12000.00", "12000", "0", "0.5"})
    void planRectification_decimalYuanFunding_isAccepted(String funding) {
        assertThatCode(() -> new PlanRectification(HAZARD, "replace gasket", OWNER, DUE, funding, null, null, OWNER))
                .doesNotThrowAnyException();
    }

    @Test
    void planRectification_withoutDueDate_isInvalidDueDate() {
        assertInvalid("dueDate", () -> new PlanRectification(HAZARD, "replace gasket", OWNER, null, null,
                null, null, OWNER));
    }

    @Test
    void verifyRectification_failedWithoutRemarks_isInvalidRemarks() {
        assertInvalid("remarks", () -> new VerifyRectification(HAZARD, false, " ", VERIFIER));
    }

    @Test
    void verifyRectification_passedWithoutRemarks_isAccepted() {
        assertThatCode(() -> new VerifyRectification(HAZARD, true, null, VERIFIER)).doesNotThrowAnyException();
    }

    @Test
    void extendDeadline_withoutNewDueDate_isInvalidNewDueDate() {
        assertInvalid("newDueDate", () -> new ExtendDeadline(HAZARD, null, "spare part on back order", OFFICE));
    }

    @Test
    void extendDeadline_withoutReason_isInvalidReason() {
        assertInvalid("reason", () -> new ExtendDeadline(HAZARD, DUE.plusDays(7), "", OFFICE));
    }

    @Test
    void closeOutHazard_malformedClosedBy_isInvalidClosedBy() {
        assertInvalid("closedBy", () -> new CloseOutHazard(HAZARD, null, "p office"));
    }

    private static ReportHazard report(String hazardId, String description, List<Evidence> evidence) {
        return new ReportHazard(hazardId, ENTERPRISE, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                "fire safety", "Tank farm B", description, null, FOUND_AT, REPORTER, evidence);
    }

    static void assertInvalid(String field, ThrowingCallable construction) {
        assertThatThrownBy(construction)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid-input");
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }
}
