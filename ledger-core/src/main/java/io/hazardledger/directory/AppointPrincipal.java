package io.hazardledger.directory;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Appoints the enterprise's principal responsible person (主要负责人), who must be one of its people. */
public record AppointPrincipal(@TargetAggregateIdentifier String enterpriseId, String personId) {
    public AppointPrincipal {
        Checks.id("enterpriseId", enterpriseId);
        Checks.id("personId", personId);
    }
}
