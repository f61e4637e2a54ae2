package io.hazardledger.whistleblower;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A park-office person asks to open a report's sealed identity, stating why; signed by them. */
public record RevealIdentity(@TargetAggregateIdentifier String reportId, String reason, String revealedBy) {
    public RevealIdentity {
        Checks.id("reportId", reportId);
        Checks.text("reason", reason, 2000);
        Checks.id("revealedBy", revealedBy);
    }
}
