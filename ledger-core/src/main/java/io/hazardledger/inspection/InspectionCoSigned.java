package io.hazardledger.inspection;

/** {@code complete}: every co-signer the checklist names has now signed. */
public record InspectionCoSigned(String inspectionId, String personId, CoSignerRole role, String remarks,
                                 boolean complete) {
}
