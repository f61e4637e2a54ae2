package io.hazardledger.whistleblower;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A park-office person links a report to the hazard that substantiates it (查实); signed by them. */
public record LinkReport(@TargetAggregateIdentifier String reportId, String hazardId, String linkedBy) {
    public LinkReport {
        Checks.id("reportId", reportId);
        Checks.id("hazardId", hazardId);
        Checks.id("linkedBy", linkedBy);
    }
}
