package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Moves the due date later (延期), with a reason and the approver who allowed it. */
public record ExtendDeadline(@TargetAggregateIdentifier String hazardId, LocalDate newDueDate, String reason,
                             String approverId) {
    public ExtendDeadline {
        Checks.id("hazardId", hazardId);
        Checks.plausible("newDueDate", Checks.required("newDueDate", newDueDate));
        Checks.text("reason", reason, 4000);
        Checks.id("approverId", approverId);
    }
}
