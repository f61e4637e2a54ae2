package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;

import java.time.Instant;
import java.util.List;

/** Reports a hazard. A major hazard must cite the criterion clause it falls under ({@code criterionRef}). */
public record ReportHazard(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                           String criterionRef, String category, String location, String description,
                           String cause, Instant foundAt, String reportedBy, List<Evidence> evidence) {
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
        Checks.required("foundAt", foundAt);
        Checks.id("reportedBy", reportedBy);
        evidence = List.copyOf(Checks.maxSize("evidence", evidence == null ? List.of() : evidence, 50));
    }
}
