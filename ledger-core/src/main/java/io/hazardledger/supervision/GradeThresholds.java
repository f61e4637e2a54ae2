package io.hazardledger.supervision;

import io.hazardledger.InvalidInputException;

/**
 * The lowest score of grades B, C and D ({@code 0 < b < c < d}): a score below {@code b} is grade A, from {@code b}
 * B, from {@code c} C, from {@code d} D.
 */
public record GradeThresholds(int b, int c, int d) {

    public GradeThresholds {
        if (b < 1 || c <= b || d <= c) {
            throw new InvalidInputException("ledger.grading.thresholds", "the thresholds must rise: 0 < B < C < D, got B "
                    + b + ", C " + c + ", D " + d);
        }
    }

    /** The grade of a score. */
    public SupervisionGrade grade(int score) {
        return score >= d ? SupervisionGrade.D : score >= c ? SupervisionGrade.C : score >= b ? SupervisionGrade.B
                : SupervisionGrade.A;
    }
}
