package io.hazardledger.supervision;

import java.time.LocalDate;
import java.util.List;

/**
 * An enterprise's supervision grade changed (or was set for the first time: {@code previousGrade} null), recorded for
 * the park office and signed with its key (statement action {@code enterprise.grade}, mode {@code office-server};
 * docs/FORMAT.md section 19). It states every input: each factor with its count, weight and points, their sum
 * {@code score}, the {@code thresholds} that gave {@code grade}, and where the dynamic factors were read: the first
 * {@code atSize} entries of the ledger, judged on the day {@code judgedOn} in the park's time zone {@code zone} (its
 * IANA region id, or a fixed offset for a zone without one, as a dossier names it; absent, so null, in entries
 * recorded by earlier versions, store schema version 22 or before), and with the parameters of the flag rules that
 * raised the {@code OPEN_FLAGS} counted, {@code flagParameters} (durations in ISO 8601, as {@code PT24H}; absent, so
 * null, in entries recorded by earlier versions, store schema version 23 or before). {@code issuedBy} is the office's person.
 */
public record SupervisionGradeChanged(String enterpriseId, SupervisionGrade previousGrade, SupervisionGrade grade,
                                      int score, List<GradeFactor> factors, GradeThresholds thresholds, long atSize,
                                      LocalDate judgedOn, String zone,
                                      io.hazardledger.flags.FlagParameters flagParameters, String issuedBy) {
    public SupervisionGradeChanged {
        factors = List.copyOf(factors);
    }
}
