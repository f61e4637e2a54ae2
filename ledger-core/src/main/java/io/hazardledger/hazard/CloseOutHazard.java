package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the hazard out (销号) after a passed verification of its latest submission. */
public record CloseOutHazard(@TargetAggregateIdentifier String hazardId, String remarks, String closedBy) {
    public CloseOutHazard {
        Checks.id("hazardId", hazardId);
        Checks.optionalText("remarks", remarks, 4000);
        Checks.id("closedBy", closedBy);
    }
}
