package io.hazardledger.inspection;

import java.util.List;

/**
 * An inspection as it stands: {@code status} is IN_PROGRESS, SIGNED_OFF (awaiting co-signatures) or COMPLETED.
 */
public record InspectionRecord(String inspectionId, String enterpriseId, String checklist, String inspectorId,
                               String leaderId, boolean leaderLed, String status, long firstIndex, long lastIndex,
                               List<Item> items, List<CoSignature> coSigners) {

    /** An item with its result (null until recorded) and the hazard it raised (null if none). */
    public record Item(String itemNo, String criterionRef, String description, ItemResult result, String remarks,
                       String hazardId) {
    }

    /** A co-signer with the index of their co-signature (null until they sign). */
    public record CoSignature(String personId, CoSignerRole role, Long signedIndex) {
    }
}
