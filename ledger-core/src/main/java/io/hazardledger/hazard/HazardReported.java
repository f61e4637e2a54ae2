package io.hazardledger.hazard;

import java.time.Instant;
import java.util.List;

public record HazardReported(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                             String criterionRef, String category, String location, String description,
                             String cause, Instant foundAt, String reportedBy, List<Evidence> evidence) {
}
