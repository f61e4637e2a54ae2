package io.hazardledger.inspection;

import java.util.List;

public record InspectionStarted(String inspectionId, String enterpriseId, String checklist, String inspectorId,
                                String leaderId, boolean leaderLed, List<CoSigner> coSigners,
                                List<ChecklistItem> items) {
}
