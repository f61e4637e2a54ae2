package io.hazardledger.whistleblower;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whistleblower reports and the trail of accesses to their identities. */
public interface WhistleblowerReports {

    /** Every report, or one enterprise's ({@code enterpriseId} non-null), in ledger order. */
    List<ReportSummary> find(String enterpriseId);

    Optional<ReportSummary> get(String reportId);

    /** The reveals and the shredding of one report's identity, in ledger order. */
    List<IdentityAccess> accesses(String reportId);

    /** Every reveal and shredding of any report, in ledger order, optionally of one person. */
    List<IdentityAccess> accesses(String personId, int limit, int offset);

    /**
     * For each of the hazards, the index of the earliest report linked to it (by an entry below {@code size}, or any
     * when null) that was filed before {@code before.get(hazardId)}: an outside finding that preceded the hazard's
     * own report. Hazards without one are absent.
     */
    Map<String, Long> outsideFindingsBefore(Map<String, Long> before, Long size);
}
