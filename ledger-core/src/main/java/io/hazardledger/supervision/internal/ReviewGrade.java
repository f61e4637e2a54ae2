package io.hazardledger.supervision.internal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an enterprise to score itself now and record its grade if it changed (the Enterprise aggregate handles it).
 * Sent only by the ledger's grade review ({@code Ledger.reviewGrades()}): it carries no input, so a caller cannot
 * choose the grade; it writes nothing when the grade is unchanged.
 */
public record ReviewGrade(@TargetAggregateIdentifier String enterpriseId) {
}
