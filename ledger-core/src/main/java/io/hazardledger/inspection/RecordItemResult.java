package io.hazardledger.inspection;

import io.hazardledger.hazard.Evidence;
import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records the result of one item (again, to correct it, until sign-off). A failing item needs remarks. */
public record RecordItemResult(@TargetAggregateIdentifier String inspectionId, String itemNo, ItemResult result,
                               String remarks, List<Evidence> evidence, String recordedBy) {
    public RecordItemResult {
        Checks.id("inspectionId", inspectionId);
        Checks.id("itemNo", itemNo);
        Checks.required("result", result);
        Checks.optionalText("remarks", remarks, 4000);
        if (result == ItemResult.FAIL) {
            Checks.text("remarks", remarks, 4000);
        }
        evidence = List.copyOf(Checks.maxSize("evidence", evidence == null ? List.of() : evidence, 50));
        Checks.id("recordedBy", recordedBy);
    }
}
