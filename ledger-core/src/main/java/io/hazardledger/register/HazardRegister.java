package io.hazardledger.register;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Queries of the hazard register. "Overdue" means: the due date has passed and the hazard is not closed out. */
public interface HazardRegister {

    List<HazardSummary> find(RegisterFilter filter);

    Optional<HazardSummary> get(String hazardId);

    /** Open major hazards per enterprise, every enterprise listed (zero included). */
    List<OpenMajorHazards> openMajorHazards();

    /** Every event of one aggregate, in ledger order, with its entry. Empty when the id is unknown. */
    List<HistoryEntry> history(String aggregateId);

    /** Today's date in the park's time zone: the day against which "overdue" is judged. */
    LocalDate today();
}
