package io.hazardledger.supervision;

import java.time.LocalDate;
import java.util.List;

/**
 * An enterprise scored as the ledger stood when its first {@code atSize} entries were recorded, judged on the day
 * {@code judgedOn} in the park's time zone {@code zone} (its IANA region id, or a fixed offset for a zone without one:
 * "overdue" and "behind a cadence" are judged on that day, and the days of the entries that decide them in that
 * zone): each factor with its points, their sum {@code score}, and the {@code grade} that the {@code thresholds} give
 * it. {@code flagParameters} are the parameters of the flag rules that raised the {@code OPEN_FLAGS} counted.
 */
public record GradeAssessment(String enterpriseId, int score, SupervisionGrade grade, List<GradeFactor> factors,
                              GradeThresholds thresholds, long atSize, LocalDate judgedOn, String zone,
                              io.hazardledger.flags.FlagParameters flagParameters) {
    public GradeAssessment {
        factors = List.copyOf(factors);
    }

    /** The same assessment with the items of one factor left out (its count, weight and points kept). */
    public GradeAssessment withoutItemsOf(GradeFactor.Factor factor) {
        return new GradeAssessment(enterpriseId, score, grade, GradeFactor.withoutItemsOf(factors, factor), thresholds,
                atSize, judgedOn, zone, flagParameters);
    }
}
