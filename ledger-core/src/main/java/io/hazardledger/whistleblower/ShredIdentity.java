package io.hazardledger.whistleblower;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A park-office person destroys a report's wrapped data key (crypto-shredding), stating why; signed by them. */
public record ShredIdentity(@TargetAggregateIdentifier String reportId, String reason, String shreddedBy) {
    public ShredIdentity {
        Checks.id("reportId", reportId);
        Checks.text("reason", reason, 2000);
        Checks.id("shreddedBy", shreddedBy);
    }
}
