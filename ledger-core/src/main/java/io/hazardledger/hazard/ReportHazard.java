package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;

import java.time.Instant;
import java.util.List;

/**
 * Reports a hazard. A major hazard must cite the criterion clause it falls under ({@code criterionRef}). A hazard
 * found by a checklist inspection names the inspection and its failing item ({@code inspectionId}, {@code itemNo}).
 */
public record ReportHazard(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                           String criterionRef, String category, String location, String description,
                           String cause, Instant foundAt, String reportedBy, List<Evidence> evidence,
                           String inspectionId, String itemNo) {

    /** A hazard not found by a checklist inspection. */
    public ReportHazard(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                        String criterionRef, String category, String location, String description,
                        String cause, Instant foundAt, String reportedBy, List<Evidence> evidence) {
        this(hazardId, enterpriseId, level, source, criterionRef, category, location, description, cause, foundAt,
                reportedBy, evidence, null, null);
    }

    public ReportHazard {
        Checks.id("hazardId", hazardId);
        Checks.id("enterpriseId", enterpriseId);
        Checks.required("level", level);
        Checks.required("source", source);
        Checks.optionalText("criterionRef", criterionRef, 200);
        Checks.text("category", category, 100);
        Checks.text("location", location, 200);
        Checks.text("description", description, 4000);
        Checks.optionalText("cause", cause, 2000);
        Checks.plausible("foundAt", Checks.required("foundAt", foundAt));
        Checks.id("reportedBy", reportedBy);
        evidence = List.copyOf(Checks.maxSize("evidence", evidence == null ? List.of() : evidence, 50));
        if ((inspectionId == null) != (itemNo == null)) {
            throw new io.hazardledger.InvalidInputException(inspectionId == null ? "inspectionId" : "itemNo",
                    "inspectionId and itemNo go together");
        }
        if (inspectionId != null) {
            Checks.id("inspectionId", inspectionId);
            Checks.id("itemNo", itemNo);
        }
    }
}
