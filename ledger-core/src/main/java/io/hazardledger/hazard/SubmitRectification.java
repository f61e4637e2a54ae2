package io.hazardledger.hazard;

import io.hazardledger.internal.Checks;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Submits the rectification as done, with evidence (required for a major hazard). */
public record SubmitRectification(@TargetAggregateIdentifier String hazardId, String summary,
                                  List<Evidence> evidence, String submittedBy) {
    public SubmitRectification {
        Checks.id("hazardId", hazardId);
        Checks.text("summary", summary, 4000);
        evidence = List.copyOf(Checks.maxSize("evidence", evidence == null ? List.of() : evidence, 50));
        Checks.id("submittedBy", submittedBy);
    }
}
