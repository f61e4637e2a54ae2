package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopens a closed-out hazard; it then needs a new rectification plan. */
public record ReopenHazard(@TargetAggregateIdentifier String hazardId, String reason, String reopenedBy) {
    public ReopenHazard {
        Checks.id("hazardId", hazardId);
        Checks.text("reason", reason, 4000);
        Checks.id("reopenedBy", reopenedBy);
    }
}
