package io.hazardledger.api.hazard;

import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.internal.Checks;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the hazard endpoints: plain shapes, checked when turned into commands. */
public final class HazardRequests {

    private HazardRequests() {
    }

    public record EvidenceBody(String sha256, String mediaType, Instant capturedAt, String name) {
        public Evidence toEvidence() {
            return new Evidence(sha256, mediaType, capturedAt, name);
        }

        /** The photos of a request; one refused is named by its place in the list: {@code evidence[1].sha256}. */
        public static List<Evidence> all(List<EvidenceBody> bodies) {
            if (bodies == null) {
                return List.of();
            }
            List<Evidence> all = new java.util.ArrayList<>(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                EvidenceBody b = bodies.get(i);
                if (b == null) {
                    throw new io.hazardledger.InvalidInputException("evidence", "must not contain null items");
                }
                try {
                    all.add(b.toEvidence());
                } catch (io.hazardledger.InvalidInputException e) {
                    String member = e.field().substring(e.field().indexOf('.') + 1);
                    throw new io.hazardledger.InvalidInputException("evidence[" + i + "]." + member,
                            e.getMessage().substring(e.field().length() + 2));
                }
            }
            return List.copyOf(all);
        }
    }

    /**
     * {@code hazardId} is optional: the server assigns one when it is absent (a signed report names it, since
     * its statement binds it).
     */
    public record Report(String hazardId, String enterpriseId, HazardLevel level, HazardSource source, String criterionRef,
                  String category, String location, String description, String cause, Instant foundAt,
                  String reportedBy, List<EvidenceBody> evidence, String inspectionId, String itemNo,
                  SignatureBody signature) {
        public ReportHazard toCommand(String id) {
            return new ReportHazard(id, enterpriseId, level, source, criterionRef, category, location, description,
                    cause, foundAt, reportedBy, EvidenceBody.all(evidence), inspectionId, itemNo);
        }
    }

    public record Plan(String measures, String ownerId, LocalDate dueDate, String funding, String interimControls,
                String contingencyPlan, String plannedBy, SignatureBody signature) {
        public PlanRectification toCommand(String hazardId) {
            return new PlanRectification(hazardId, measures, ownerId, dueDate, funding, interimControls,
                    contingencyPlan, plannedBy);
        }
    }

    public record Submission(String summary, List<EvidenceBody> evidence, String submittedBy, SignatureBody signature) {
        public SubmitRectification toCommand(String hazardId) {
            return new SubmitRectification(hazardId, summary, EvidenceBody.all(evidence), submittedBy);
        }
    }

    public record Verification(Boolean passed, String remarks, String verifierId, SignatureBody signature) {
        public VerifyRectification toCommand(String hazardId) {
            return new VerifyRectification(hazardId, Checks.required("passed", passed), remarks, verifierId);
        }
    }

    public record CloseOut(String remarks, String closedBy, SignatureBody signature) {
        public CloseOutHazard toCommand(String hazardId) {
            return new CloseOutHazard(hazardId, remarks, closedBy);
        }
    }

    public record Reopen(String reason, String reopenedBy, SignatureBody signature) {
        public ReopenHazard toCommand(String hazardId) {
            return new ReopenHazard(hazardId, reason, reopenedBy);
        }
    }

    public record Extension(LocalDate newDueDate, String reason, String approverId, SignatureBody signature) {
        public ExtendDeadline toCommand(String hazardId) {
            return new ExtendDeadline(hazardId, newDueDate, reason, approverId);
        }
    }
}
