package io.hazardledger.inspection;

import io.hazardledger.hazard.Evidence;

import java.util.List;

public record ItemResultRecorded(String inspectionId, String itemNo, ItemResult result, String remarks,
                                 List<Evidence> evidence, String recordedBy) {
}
