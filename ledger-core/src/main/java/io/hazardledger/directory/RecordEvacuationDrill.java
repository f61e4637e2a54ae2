package io.hazardledger.directory;

import io.hazardledger.internal.Checks;

import java.time.LocalDate;

/** Records an evacuation drill (应急疏散演练) the enterprise held on a day, by who records it. */
public record RecordEvacuationDrill(@org.axonframework.modelling.command.TargetAggregateIdentifier String enterpriseId, LocalDate heldOn, String description, String recordedBy) {
    public RecordEvacuationDrill {
        Checks.id("enterpriseId", enterpriseId);
        Checks.plausible("heldOn", Checks.required("heldOn", heldOn));
        Checks.text("description", description, 1000);
        Checks.id("recordedBy", recordedBy);
    }
}
