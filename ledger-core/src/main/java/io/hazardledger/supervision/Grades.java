package io.hazardledger.supervision;

import java.util.List;
import java.util.Optional;

/**
 * The supervision grades (分级分类, A–D): as recorded in the ledger, and as the rules would score an enterprise now.
 * A grade is recorded (a {@link SupervisionGradeChanged} entry) when a review finds it changed: see
 * {@code Ledger.reviewGrades()}.
 */
public interface Grades {

    /** The current recorded grade of each enterprise that has one, in enterprise id order. */
    List<GradeRecord> current();

    /** Every grade recorded for one enterprise, oldest first (empty when it has none, or is unknown). */
    List<GradeRecord> history(String enterpriseId);

    /**
     * The enterprise scored now: at the ledger's current size, judged today in the park. Empty when the enterprise is
     * unknown. Nothing is recorded.
     */
    Optional<GradeAssessment> assess(String enterpriseId);

    /** The rules grades are scored by. */
    GradingRules rules();
}
