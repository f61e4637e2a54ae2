package io.hazardledger.hazard;

import java.time.Instant;
import java.util.List;

/** {@code inspectionId}/{@code itemNo}: the checklist inspection item that found it, or null. */
public record HazardReported(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                             String criterionRef, String category, String location, String description,
                             String cause, Instant foundAt, String reportedBy, List<Evidence> evidence,
                             String inspectionId, String itemNo) {

    public HazardReported(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                          String criterionRef, String category, String location, String description,
                          String cause, Instant foundAt, String reportedBy, List<Evidence> evidence) {
        this(hazardId, enterpriseId, level, source, criterionRef, category, location, description, cause, foundAt,
                reportedBy, evidence, null, null);
    }
}
