package io.hazardledger.register;

import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;

import java.time.LocalDate;

/**
 * One row of the hazard register. {@code lastIndex}/{@code lastEntryHash} name the latest ledger entry.
 * {@code selfReported}: the enterprise reported it itself; {@code outsideFindingIndex}:
 * the entry of the earliest outside finding of it (a whistleblower report linked to it) filed before its report, or
 * null; {@code selfReportedFirst}: self-reported with no outside finding before, the basis of the exemption from
 * penalty for an enterprise that reports its own hazard (null where the outside findings are not shown).
 * {@code selfReported} needs the source {@code SELF_INSPECTION} and a reporter registered with the hazard's enterprise.
 */
public record HazardSummary(String hazardId, String enterpriseId, HazardLevel level, HazardSource source,
                            HazardStatus status, boolean overdue, String criterionRef, String category,
                            String location, String description, String foundAt, String reportedBy,
                            String reportedAt, String ownerId, LocalDate dueDate, String funding,
                            int submissions, String lastSubmittedBy, String lastVerifierId, int extensions,
                            int reopenings, String closedAt, long firstIndex, long lastIndex, String lastEntryHash,
                            boolean selfReported, Long outsideFindingIndex, Boolean selfReportedFirst) {

    /** The same row with the earliest outside finding before its report. */
    public HazardSummary withOutsideFinding(Long index) {
        return withSelfReport(selfReported, index, selfReported && index == null);
    }

    /** The same row, not self-reported (its reporter is not of its enterprise). */
    public HazardSummary notSelfReported() {
        return withSelfReport(false, null, false);
    }

    /** The same row without its outside findings: {@code outsideFindingIndex} and {@code selfReportedFirst} null. */
    public HazardSummary withoutOutsideFindings() {
        return withSelfReport(selfReported, null, null);
    }

    private HazardSummary withSelfReport(boolean self, Long outsideIndex, Boolean first) {
        return new HazardSummary(hazardId, enterpriseId, level, source, status, overdue, criterionRef, category,
                location, description, foundAt, reportedBy, reportedAt, ownerId, dueDate, funding, submissions,
                lastSubmittedBy, lastVerifierId, extensions, reopenings, closedAt, firstIndex, lastIndex, lastEntryHash,
                self, outsideIndex, first);
    }
}
