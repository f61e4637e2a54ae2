package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** On-site acceptance (验收) of the latest submission: passed, or failed and back to the owner. */
public record VerifyRectification(@TargetAggregateIdentifier String hazardId, boolean passed, String remarks,
                                  String verifierId) {
    public VerifyRectification {
        Checks.id("hazardId", hazardId);
        Checks.optionalText("remarks", remarks, 4000);
        if (!passed) {
            Checks.text("remarks", remarks, 4000);
        }
        Checks.id("verifierId", verifierId);
    }
}
