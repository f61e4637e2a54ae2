package io.hazardledger.api.inspection;

import io.hazardledger.api.hazard.HazardRequests;
import io.hazardledger.api.support.SignatureBody;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.CoSigner;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;

import java.util.List;

/** Request bodies of the inspection endpoints. */
public final class InspectionRequests {

    private InspectionRequests() {
    }

    public record Start(String inspectionId, String enterpriseId, String checklist, String inspectorId, String leaderId,
                        List<CoSigner> coSigners, List<ChecklistItem> items) {
        public StartInspection toCommand() {
            return new StartInspection(inspectionId, enterpriseId, checklist, inspectorId, leaderId, coSigners, items);
        }
    }

    public record Result(String itemNo, ItemResult result, String remarks, List<HazardRequests.EvidenceBody> evidence,
                         String recordedBy) {
        public RecordItemResult toCommand(String inspectionId) {
            return new RecordItemResult(inspectionId, itemNo, result, remarks, HazardRequests.EvidenceBody.all(evidence),
                    recordedBy);
        }
    }

    public record SignOff(String summary, String inspectorId, SignatureBody signature) {
        public SignOffInspection toCommand(String inspectionId) {
            return new SignOffInspection(inspectionId, summary, inspectorId);
        }
    }

    public record CoSign(String personId, String remarks, SignatureBody signature) {
        public CoSignInspection toCommand(String inspectionId) {
            return new CoSignInspection(inspectionId, personId, remarks);
        }
    }
}
