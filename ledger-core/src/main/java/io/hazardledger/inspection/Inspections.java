package io.hazardledger.inspection;

import java.util.List;
import java.util.Optional;

/** Queries of inspections; the Inspection aggregate uses {@link #hazardFor} to check that failing items raised one. */
public interface Inspections {

    Optional<InspectionRecord> inspection(String inspectionId);

    List<InspectionRecord> inspections(String enterpriseIdOrNull);

    /** The hazard raised for an item, if any. */
    Optional<String> hazardFor(String inspectionId, String itemNo);
}
