package io.hazardledger.supervision;

import io.hazardledger.InvalidInputException;
import io.hazardledger.directory.EnterpriseSize;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How an enterprise's supervision grade is scored (docs/FORMAT.md section 19): risk points, higher meaning more
 * supervision, summed over the factors of {@link GradeFactor}, and the thresholds that turn the score into a grade.
 * Every weight is a whole number from 0 to 1000.
 *
 * <p>The defaults: a high-risk sector 20; size LARGE 10, MEDIUM 5, SMALL and MICRO 0; no sector points; each open
 * major hazard 15, each overdue rectification 10, each unacknowledged integrity flag 10, each cadence behind 10; grade
 * B from 20, C from 40, D from 60. Written as settings ({@link #parse}):
 * {@code HIGH_RISK:20,LARGE:10,MEDIUM:5,SMALL:0,MICRO:0,OPEN_MAJOR_HAZARD:15,OVERDUE_RECTIFICATION:10,OPEN_FLAG:10,CADENCE_BEHIND:10},
 * sector points {@code hazardous chemicals:10,metal smelting:10} (a sector matched exactly) and thresholds
 * {@code B:20,C:40,D:60}.
 */
public record GradingRules(int highRisk, Map<EnterpriseSize, Integer> sizes, Map<String, Integer> sectors,
                           int openMajorHazard, int overdueRectification, int openFlag, int cadenceBehind,
                           GradeThresholds thresholds) {

    static final int MAX_WEIGHT = 1000;
    private static final String POINTS = "ledger.grading.points";
    private static final String SECTORS = "ledger.grading.sector-points";

    public GradingRules {
        weight(POINTS, "HIGH_RISK", highRisk);
        weight(POINTS, "OPEN_MAJOR_HAZARD", openMajorHazard);
        weight(POINTS, "OVERDUE_RECTIFICATION", overdueRectification);
        weight(POINTS, "OPEN_FLAG", openFlag);
        weight(POINTS, "CADENCE_BEHIND", cadenceBehind);
        EnumMap<EnterpriseSize, Integer> all = new EnumMap<>(EnterpriseSize.class);
        for (EnterpriseSize s : EnterpriseSize.values()) {
            all.put(s, weight(POINTS, s.name(), sizes.getOrDefault(s, 0)));
        }
        sizes = java.util.Collections.unmodifiableMap(all);
        TreeMap<String, Integer> bySector = new TreeMap<>();
        sectors.forEach((sector, points) -> {
            if (sector == null || sector.isBlank() || !sector.equals(sector.strip())) {
                throw new InvalidInputException(SECTORS, "a sector is a non-blank name without surrounding spaces: '"
                        + sector + "'");
            }
            bySector.put(sector, weight(SECTORS, sector, points));
        });
        sectors = java.util.Collections.unmodifiableSortedMap(bySector);
        java.util.Objects.requireNonNull(thresholds, "thresholds");
    }

    private static int weight(String setting, String name, Integer points) {
        if (points == null || points < 0 || points > MAX_WEIGHT) {
            throw new InvalidInputException(setting, name + ": the points must be a whole number from 0 to " + MAX_WEIGHT
                    + ", got " + points);
        }
        return points;
    }

    /** The defaults (see the class comment). */
    public static GradingRules defaults() {
        return parse("", "", "");
    }

    /**
     * Reads the three settings; an empty text keeps the defaults of that setting, and a points setting changes only
     * the weights it names. {@code points}: {@code NAME:POINTS,...} with the names {@code HIGH_RISK}, the size classes
     * and {@code OPEN_MAJOR_HAZARD}, {@code OVERDUE_RECTIFICATION}, {@code OPEN_FLAG}, {@code CADENCE_BEHIND};
     * {@code sectorPoints}: {@code SECTOR:POINTS,...} (split at the last colon, so a sector holds no comma);
     * {@code thresholds}: {@code B:n,C:n,D:n}.
     *
     * @throws InvalidInputException naming the setting that does not read
     */
    public static GradingRules parse(String points, String sectorPoints, String thresholds) {
        Map<String, Integer> weights = new LinkedHashMap<>(Map.of("HIGH_RISK", 20, "LARGE", 10, "MEDIUM", 5, "SMALL", 0,
                "MICRO", 0, "OPEN_MAJOR_HAZARD", 15, "OVERDUE_RECTIFICATION", 10, "OPEN_FLAG", 10, "CADENCE_BEHIND", 10));
        for (Map.Entry<String, Integer> e : pairs(POINTS, points).entrySet()) {
            if (!weights.containsKey(e.getKey())) {
                throw new InvalidInputException(POINTS, "'" + e.getKey() + "' is not a factor: one of " + weights.keySet());
            }
            weights.put(e.getKey(), e.getValue());
        }
        Map<String, Integer> levels = new LinkedHashMap<>(Map.of("B", 20, "C", 40, "D", 60));
        for (Map.Entry<String, Integer> e : pairs("ledger.grading.thresholds", thresholds).entrySet()) {
            if (!levels.containsKey(e.getKey())) {
                throw new InvalidInputException("ledger.grading.thresholds", "'" + e.getKey() + "' is not B, C or D");
            }
            levels.put(e.getKey(), e.getValue());
        }
        Map<EnterpriseSize, Integer> sizes = new EnumMap<>(EnterpriseSize.class);
        for (EnterpriseSize s : EnterpriseSize.values()) {
            sizes.put(s, weights.get(s.name()));
        }
        return new GradingRules(weights.get("HIGH_RISK"), sizes, pairs(SECTORS, sectorPoints),
                weights.get("OPEN_MAJOR_HAZARD"), weights.get("OVERDUE_RECTIFICATION"), weights.get("OPEN_FLAG"),
                weights.get("CADENCE_BEHIND"), new GradeThresholds(levels.get("B"), levels.get("C"), levels.get("D")));
    }

    private static Map<String, Integer> pairs(String setting, String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            if (colon < 0) {
                throw new InvalidInputException(setting, "each item is NAME:POINTS, not '" + part.strip() + "'");
            }
            String name = part.substring(0, colon).strip();
            try {
                if (out.put(name, Integer.parseInt(part.substring(colon + 1).strip())) != null) {
                    throw new InvalidInputException(setting, "'" + name + "' is given twice");
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException(setting, name + ": '" + part.substring(colon + 1).strip()
                        + "' is not a whole number");
            }
        }
        return out;
    }

    /**
     * Scores an enterprise: its static factors, then the items counted by each dynamic factor, each weighed as these
     * rules say. Returns the factors in {@link GradeFactor.Factor} order.
     */
    public List<GradeFactor> factors(boolean highRisk, EnterpriseSize size, String sector, List<String> openMajorHazards,
                                     List<String> overdueRectifications, List<String> openFlags,
                                     List<String> cadencesBehind) {
        List<GradeFactor> out = new ArrayList<>();
        out.add(GradeFactor.of(GradeFactor.Factor.HIGH_RISK, Boolean.toString(highRisk), highRisk, this.highRisk));
        out.add(GradeFactor.of(GradeFactor.Factor.SIZE, size == null ? null : size.name(), size != null,
                size == null ? 0 : sizes.get(size)));
        out.add(GradeFactor.of(GradeFactor.Factor.SECTOR, sector, true, sectors.getOrDefault(sector, 0)));
        out.add(GradeFactor.counting(GradeFactor.Factor.OPEN_MAJOR_HAZARDS, openMajorHazards, openMajorHazard));
        out.add(GradeFactor.counting(GradeFactor.Factor.OVERDUE_RECTIFICATIONS, GradeFactor.UNANSWERED,
                overdueRectifications, overdueRectification));
        out.add(GradeFactor.counting(GradeFactor.Factor.OPEN_FLAGS, openFlags, openFlag));
        out.add(GradeFactor.counting(GradeFactor.Factor.CADENCES_BEHIND, GradeFactor.COMPLETED, cadencesBehind,
                cadenceBehind));
        return out;
    }

    /** The sum of the factors' points. */
    public static int score(List<GradeFactor> factors) {
        return factors.stream().mapToInt(GradeFactor::points).sum();
    }
}
