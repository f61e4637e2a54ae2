package io.hazardledger.inspection;

import java.util.List;

/** {@code failedItems}: the failing items, each with the hazard it raised. */
public record InspectionSignedOff(String inspectionId, String summary, String inspectorId, List<FailedItem> failedItems) {

    public record FailedItem(String itemNo, String hazardId) {
    }
}
