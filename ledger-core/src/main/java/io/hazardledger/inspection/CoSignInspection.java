package io.hazardledger.inspection;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A co-signer the checklist names signs the signed-off result. */
public record CoSignInspection(@TargetAggregateIdentifier String inspectionId, String personId, String remarks) {
    public CoSignInspection {
        Checks.id("inspectionId", inspectionId);
        Checks.id("personId", personId);
        Checks.optionalText("remarks", remarks, 4000);
    }
}
