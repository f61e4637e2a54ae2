package io.hazardledger.api.hazard;

import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the hazard endpoints: plain shapes, checked when turned into commands. */
final class HazardRequests {

    private HazardRequests() {
    }

    record EvidenceBody(String sha256, String mediaType, Instant capturedAt, String name) {
        Evidence toEvidence() {
            return new Evidence(sha256, mediaType, capturedAt, name);
        }

        static List<Evidence> all(List<EvidenceBody> bodies) {
            return bodies == null ? List.of() : bodies.stream().map(b -> {
                if (b == null) {
                    throw new io.hazardledger.InvalidInputException("evidence", "must not contain null items");
                }
                return b.toEvidence();
            }).toList();
        }
    }

    /** {@code hazardId} is optional: the server assigns one when it is absent. */
    record Report(String hazardId, String enterpriseId, HazardLevel level, HazardSource source, String criterionRef,
                  String category, String location, String description, String cause, Instant foundAt,
                  String reportedBy, List<EvidenceBody> evidence) {
    }

    record Plan(String measures, String ownerId, LocalDate dueDate, String funding, String interimControls,
                String contingencyPlan, String plannedBy) {
    }

    record Submission(String summary, List<EvidenceBody> evidence, String submittedBy) {
    }

    record Verification(Boolean passed, String remarks, String verifierId) {
    }

    record CloseOut(String remarks, String closedBy) {
    }

    record Reopen(String reason, String reopenedBy) {
    }

    record Extension(LocalDate newDueDate, String reason, String approverId) {
    }
}
