package io.hazardledger.supervision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * The park's weekly report (每周四), computed from the ledger's first {@code atSize} entries: the week that ends on the
 * Thursday {@code week} (Friday {@code from} to Thursday {@code week}, days in the park's time zone; {@code end} is the
 * start of the next Friday), park-wide and per enterprise, and the signed checkpoint ({@code checkpoint}, of
 * {@code checkpointSize} entries, at least {@code atSize}) against which each counted entry can be proved. For a week
 * that has ended, {@code atSize} is the ledger's size at {@code end} (as it stood when the report was made); for the
 * current week, its size when asked. {@code fromSize}: where the week's own entries begin, those its close-outs and
 * its hazards found earlier are counted from (the size of the kept report of the week before, or the entries before
 * the first one recorded after {@code from}'s start); null in a report kept in a format before {@code /4}.
 */
public record WeeklyReport(String format, LocalDate week, LocalDate from, Instant end, boolean complete, long atSize,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long fromSize,
                           long checkpointSize, String checkpoint, Totals park, List<Totals> enterprises,
                           List<DayCount> openMajorByDay) {

    /** The document's format name. */
    public static final String FORMAT = "hazard-ledger-weekly/4";

    /**
     * One line of the report ({@code enterpriseId} null for the park). {@code found}: hazards found in the week (by
     * {@code foundAt}); {@code foundEarlier}: hazards reported in the week that were found before it (so in no earlier
     * week's report; null only in a report of format {@code hazard-ledger-weekly/1}, kept before it was counted);
     * {@code rectified}: closed out in the week; {@code foundToDate}, {@code rectifiedToDate}: the
     * same from the start of the ledger to the week's end, and {@code rectificationRate} their ratio with three
     * decimals (null when nothing was found); {@code overdue}: at the week's end, due by its last day and unanswered
     * (docs/FORMAT.md 8.1: planned, or submitted after the due date ended; in formats {@code /2} and {@code /1}, kept
     * before 2026-12-07: not closed out); {@code openMajor}: major hazards open at the week's end.
     */
    public record Totals(String enterpriseId, String enterpriseName, long found, SortedMap<String, Long> foundByLevel,
                         SortedMap<String, Long> foundBySource,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long foundEarlier, long rectified,
                         SortedMap<String, Long> rectifiedByLevel,
                         long foundToDate, long rectifiedToDate, String rectificationRate, long overdue,
                         long openMajor) {
    }

    /**
     * Major hazards open at the end of one day of the week (dynamic zeroing, 动态清零); null (left out of the JSON) for a
     * day of the current week that has not ended.
     */
    public record DayCount(LocalDate day, @JsonInclude(JsonInclude.Include.NON_NULL) Long openMajor) {
    }
}
