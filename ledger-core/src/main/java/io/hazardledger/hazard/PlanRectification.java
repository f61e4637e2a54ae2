package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * The rectification plan, "five in place" (五落实): measures, funding (yuan, decimal string),
 * owner, due date, interim controls and contingency plan. {@code plannedBy} is the acting person.
 */
public record PlanRectification(@TargetAggregateIdentifier String hazardId, String measures, String ownerId,
                                LocalDate dueDate, String funding, String interimControls,
                                String contingencyPlan, String plannedBy) {
    public PlanRectification {
        Checks.id("hazardId", hazardId);
        Checks.text("measures", measures, 4000);
        Checks.id("ownerId", ownerId);
        Checks.plausible("dueDate", Checks.required("dueDate", dueDate));
        Checks.amount("funding", funding);
        Checks.optionalText("interimControls", interimControls, 2000);
        Checks.optionalText("contingencyPlan", contingencyPlan, 2000);
        Checks.id("plannedBy", plannedBy);
    }
}
