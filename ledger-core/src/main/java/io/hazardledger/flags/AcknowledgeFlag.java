package io.hazardledger.flags;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A park-office person acknowledges a flag with a reason (for example: "checked on site, the photo was re-used by
 * mistake; the rectification is real"). Signed by that person. The flag stays; the acknowledgement is listed with it.
 */
public record AcknowledgeFlag(@TargetAggregateIdentifier String flagId, String reason, String acknowledgedBy) {
    public AcknowledgeFlag {
        Checks.id("flagId", flagId);
        Checks.text("reason", reason, 4000);
        Checks.id("acknowledgedBy", acknowledgedBy);
    }
}
