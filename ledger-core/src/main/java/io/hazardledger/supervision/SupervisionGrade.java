package io.hazardledger.supervision;

/**
 * An enterprise's supervision grade (分级分类): A needs the least supervision, D the most. It follows from the
 * enterprise's score and the thresholds of {@link GradingRules} (docs/FORMAT.md section 19).
 */
public enum SupervisionGrade {
    A, B, C, D
}
