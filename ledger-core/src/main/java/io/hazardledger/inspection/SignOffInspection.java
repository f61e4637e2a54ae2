package io.hazardledger.inspection;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The inspector signs the result (检查结果签名化): every item has a result and every failing item its hazard. */
public record SignOffInspection(@TargetAggregateIdentifier String inspectionId, String summary, String inspectorId) {
    public SignOffInspection {
        Checks.id("inspectionId", inspectionId);
        Checks.optionalText("summary", summary, 4000);
        Checks.id("inspectorId", inspectorId);
    }
}
