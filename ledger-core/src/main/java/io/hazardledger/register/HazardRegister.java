package io.hazardledger.register;

import io.hazardledger.LedgerPosition;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Queries of the hazard register. "Overdue" means (docs/FORMAT.md 8.1): the due date has ended, and the rectification
 * is planned (nothing submitted, or the latest submission failed verification) or was submitted after that end and
 * awaits verification.
 */
public interface HazardRegister {

    List<HazardSummary> find(RegisterFilter filter);

    Optional<HazardSummary> get(String hazardId);

    /** Open major hazards per enterprise, every enterprise listed (zero included). */
    List<OpenMajorHazards> openMajorHazards();

    /** Every event of one aggregate, in ledger order, with its entry. Empty when the id is unknown. */
    List<HistoryEntry> history(String aggregateId);

    /**
     * The register as the ledger stood at {@code at}: the same rows a register rebuilt from the first
     * {@code at.size()} entries gives, "overdue" judged against the date of {@code at.moment()}.
     */
    List<HazardSummary> find(RegisterFilter filter, LedgerPosition at);

    /** One hazard as the ledger stood at {@code at}; empty when it was not reported yet. */
    Optional<HazardSummary> get(String hazardId, LedgerPosition at);

    /** Open major hazards per enterprise as the ledger stood at {@code at} (enterprises registered by then). */
    List<OpenMajorHazards> openMajorHazards(LedgerPosition at);

    /** The events of one aggregate among the ledger's first {@code at.size()} entries. */
    List<HistoryEntry> history(String aggregateId, LedgerPosition at);

    /** Today's date in the park's time zone: the day against which "overdue" is judged. */
    LocalDate today();
}
