package io.hazardledger.register;

import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;

import java.time.LocalDate;

/** One row of the hazard register. {@code lastIndex}/{@code lastEntryHash} name the latest ledger entry. */
public record HazardSummary(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                            HazardStatus status, boolean overdue, String criterionRef, String category,
                            String location, String description, String foundAt, String reportedBy,
                            String reportedAt, String ownerId, LocalDate dueDate, String funding,
                            int submissions, String lastSubmittedBy, String lastVerifierId, int extensions,
                            int reopenings, String closedAt, long firstIndex, long lastIndex, String lastEntryHash) {
}
