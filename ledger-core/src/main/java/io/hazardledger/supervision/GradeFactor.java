package io.hazardledger.supervision;

import java.util.List;

/**
 * One input of a grade: {@code points = count × weight}, and the score is the sum of the factors' points.
 *
 * <ul>
 *   <li>static: {@code HIGH_RISK} ({@code value} "true" or "false"; count 1 when true), {@code SIZE} ({@code value}
 *       the size class or null; count 1 when stated, weight the class's points), {@code SECTOR} ({@code value} the
 *       sector; count 1, weight the sector's points, 0 when the setting names none for it);</li>
 *   <li>dynamic, as the ledger stood at the assessment's size and day ({@code value} null but for
 *       {@code OVERDUE_RECTIFICATIONS}, {@link #UNANSWERED}, and {@code CADENCES_BEHIND}, {@link #COMPLETED};
 *       {@code items} what was counted):
 *       {@code OPEN_MAJOR_HAZARDS} (hazard ids), {@code OVERDUE_RECTIFICATIONS} (hazard ids), {@code OPEN_FLAGS}
 *       (flag ids), {@code CADENCES_BEHIND} (cadence names).</li>
 * </ul>
 */
public record GradeFactor(Factor factor, String value, int count, int weight, int points, List<String> items) {

    /** The factors, in the order an assessment lists them. */
    public enum Factor {
        HIGH_RISK, SIZE, SECTOR, OPEN_MAJOR_HAZARDS, OVERDUE_RECTIFICATIONS, OPEN_FLAGS, CADENCES_BEHIND
    }

    public GradeFactor {
        items = List.copyOf(items);
        if (points != count * weight) {
            throw new IllegalArgumentException(factor + ": points " + points + " are not count " + count + " × weight "
                    + weight);
        }
    }

    /** These factors, with the items of one of them left out (its count, weight and points kept). */
    static List<GradeFactor> withoutItemsOf(List<GradeFactor> factors, Factor factor) {
        return factors.stream().map(f -> f.factor() != factor ? f
                : new GradeFactor(f.factor(), f.value(), f.count(), f.weight(), f.points(), List.of())).toList();
    }

    /** A static factor: count 1 when it applies, else 0. */
    static GradeFactor of(Factor factor, String value, boolean applies, int weight) {
        return new GradeFactor(factor, value, applies ? 1 : 0, weight, applies ? weight : 0, List.of());
    }

    /**
     * The {@code value} of {@code OVERDUE_RECTIFICATIONS} since the rule that a due date is answered by a rectification
     * submitted before its end whose verification passes (docs/FORMAT.md sections 8.1 and 19): it counts the hazards
     * overdue by that rule. Entries recorded before it have a null value, and counted every hazard not closed out
     * whose due date had ended.
     */
    public static final String UNANSWERED = "unanswered";

    /**
     * The {@code value} of {@code CADENCES_BEHIND} since the rule that a leader-led inspection counts for its cadence
     * once complete, signed off and co-signed by every co-signer it names, on the day of the entry that completed it
     * (docs/FORMAT.md section 19). Entries recorded by earlier versions (store schema version 22 or before) have a null
     * value, and counted an inspection led by the principal from the day it was started, complete or not.
     */
    public static final String COMPLETED = "completed";

    /** A dynamic factor: the items counted. */
    static GradeFactor counting(Factor factor, List<String> items, int weight) {
        return counting(factor, null, items, weight);
    }

    /** A dynamic factor with a value that names how it counts: the items counted. */
    static GradeFactor counting(Factor factor, String value, List<String> items, int weight) {
        return new GradeFactor(factor, value, items.size(), weight, items.size() * weight, items);
    }
}
