package io.hazardledger.inspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inspections held in memory, for aggregate fixtures. */
public final class InMemoryInspections implements Inspections {

    private final Map<String, InspectionRecord> inspections = new LinkedHashMap<>();
    private final Map<String, String> hazards = new LinkedHashMap<>();

    public InMemoryInspections with(InspectionRecord inspection) {
        inspections.put(inspection.inspectionId(), inspection);
        return this;
    }

    public InMemoryInspections withHazard(String inspectionId, String itemNo, String hazardId) {
        hazards.put(inspectionId + "/" + itemNo, hazardId);
        return this;
    }

    @Override
    public Optional<InspectionRecord> inspection(String inspectionId) {
        return Optional.ofNullable(inspections.get(inspectionId));
    }

    @Override
    public List<InspectionRecord> inspections(String enterpriseId) {
        return inspections.values().stream().filter(i -> enterpriseId == null || i.enterpriseId().equals(enterpriseId)).toList();
    }

    @Override
    public Optional<String> hazardFor(String inspectionId, String itemNo) {
        return Optional.ofNullable(hazards.get(inspectionId + "/" + itemNo));
    }
}
