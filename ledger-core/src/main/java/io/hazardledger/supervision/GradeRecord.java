package io.hazardledger.supervision;

import java.time.Instant;

/**
 * A recorded grade: the {@link SupervisionGradeChanged} event and its ledger entry ({@code index}, {@code entryHash},
 * {@code recordedAt}), with the enterprise's name.
 */
public record GradeRecord(String enterpriseId, String enterpriseName, SupervisionGrade grade,
                          SupervisionGrade previousGrade, int score, java.util.List<GradeFactor> factors,
                          GradeThresholds thresholds, long atSize, java.time.LocalDate judgedOn, String zone,
                          io.hazardledger.flags.FlagParameters flagParameters, String issuedBy, long index,
                          String entryHash, Instant recordedAt) {

    public GradeRecord {
        factors = java.util.List.copyOf(factors);
    }

    /** The same record with the items of one factor left out (its count, weight and points stay). */
    public GradeRecord withoutItemsOf(GradeFactor.Factor factor) {
        return new GradeRecord(enterpriseId, enterpriseName, grade, previousGrade, score,
                GradeFactor.withoutItemsOf(factors, factor), thresholds, atSize, judgedOn, zone, flagParameters,
                issuedBy, index, entryHash, recordedAt);
    }

    /** The record of a grade change stored at {@code index}. */
    public static GradeRecord of(String enterpriseName, SupervisionGradeChanged e, long index, String entryHash,
                          Instant recordedAt) {
        return new GradeRecord(e.enterpriseId(), enterpriseName, e.grade(), e.previousGrade(), e.score(), e.factors(),
                e.thresholds(), e.atSize(), e.judgedOn(), e.zone(), e.flagParameters(), e.issuedBy(), index, entryHash,
                recordedAt);
    }
}
