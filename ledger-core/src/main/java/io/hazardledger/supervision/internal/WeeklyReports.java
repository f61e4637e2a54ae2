package io.hazardledger.supervision.internal;

import io.hazardledger.InvalidInputException;
import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.supervision.WeeklyReport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Folds the ledger's first entries into a weekly report: one pass, in ledger order, over what each hazard is at each
 * moment (the entries' positions, cut where their recorded times pass the week's start and each day's end, decide
 * the week a report or a close-out counts in, and the day an open major hazard is counted at). Nothing here reads a
 * projection, so the same entries always give the same report. Reading every entry, it is the reference that
 * {@link WeeklyTally} (from the {@code weekly_fact} projection) is tested against, and the fallback while that
 * projection cannot be trusted. An act on a hazard whose report is not among the entries is not counted.
 */
public final class WeeklyReports {

    /** Reads entries {@code [0, size)} in order. */
    public interface Entries {
        void read(long size, Consumer<RecordedEvent> consumer);
    }

    private final ZoneId zone;

    public WeeklyReports(ZoneId zone) {
        this.zone = zone;
    }

    private static final class HazardState {
        String enterpriseId;
        HazardLevel level;
        HazardSource source;
        Instant foundAt;
        boolean reportedInWeek;
        final OverdueState due = new OverdueState();
        boolean closed;
        Instant closedAt;
    }

    /** The Thursday a week ends on: {@code week} itself, which must be a Thursday. */
    public static LocalDate thursday(LocalDate week) {
        io.hazardledger.internal.Checks.plausible("week", week);   // as every other date: 1970 to 2200
        if (week.getDayOfWeek() != DayOfWeek.THURSDAY) {
            throw new InvalidInputException("week", "a weekly report is for the week ending on a Thursday; " + week
                    + " is a " + week.getDayOfWeek());
        }
        return week;
    }

    /**
     * The report of the week ending on {@code week} from the first {@code size} entries; checkpoint given.
     * {@code lastEndedDay}: the latest day that has ended (the Thursday for a week that has; yesterday otherwise), by
     * which a due date must have ended to count as overdue.
     */
    public WeeklyReport report(LocalDate week, long size, boolean complete, LocalDate lastEndedDay, long checkpointSize,
                               String checkpoint, Entries entries) {
        return report(week, size, complete, lastEndedDay, checkpointSize, checkpoint, -1, entries);
    }

    /**
     * As {@link #report(LocalDate, long, boolean, LocalDate, long, String, Entries)}, the week's own entries (those
     * that its rectified and found earlier count) beginning at {@code keptStart}, the size of the kept report of the
     * week before, when it is not negative; else at the first entry recorded after the week's start.
     */
    public WeeklyReport report(LocalDate week, long size, boolean complete, LocalDate lastEndedDay, long checkpointSize,
                               String checkpoint, long keptStart, Entries entries) {
        LocalDate from = thursday(week).minusDays(6);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = week.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, String> names = new TreeMap<>();
        Map<String, HazardState> hazards = new LinkedHashMap<>();
        Map<String, Long> rectifiedInWeek = new HashMap<>();   // hazard → close-outs in the week
        long[] openMajorAtDayEnd = new long[7];
        Instant[] dayEnds = new Instant[7];
        for (int d = 0; d < 7; d++) {
            dayEnds[d] = from.plusDays(d + 1).atStartOfDay(zone).toInstant();
        }
        int[] nextDay = {0};
        // the week's own entries: from where the kept report of the week before ended, or without one from the first
        // entry recorded after the week's start (the week before, ended, counted the entries before it)
        boolean[] weekBegun = {false};
        long[] fromSize = {size};   // the first of the week's own entries (the size, if none is yet)
        entries.read(size, ev -> {
            if (!weekBegun[0] && (keptStart >= 0 ? ev.index() >= keptStart : ev.recordedAt().isAfter(start))) {
                weekBegun[0] = true;
                fromSize[0] = ev.index();
            }
            while (nextDay[0] < 7 && !ev.recordedAt().isBefore(dayEnds[nextDay[0]])) {
                openMajorAtDayEnd[nextDay[0]++] = openMajor(hazards);
            }
            Object p = ev.payload();
            if (p instanceof EnterpriseRegistered e) {
                names.put(e.enterpriseId(), e.name());
            } else if (p instanceof HazardReported e) {
                HazardState h = new HazardState();
                h.enterpriseId = e.enterpriseId();
                h.level = e.level();
                h.source = e.source();
                h.foundAt = e.foundAt();
                h.reportedInWeek = weekBegun[0];
                hazards.put(e.hazardId(), h);
            } else if (p instanceof RectificationPlanned e && hazards.containsKey(e.hazardId())) {
                hazards.get(e.hazardId()).due.due(e.dueDate());
            } else if (p instanceof DeadlineExtended e && hazards.containsKey(e.hazardId())) {
                hazards.get(e.hazardId()).due.due(e.newDueDate());
            } else if (p instanceof RectificationSubmitted e && hazards.containsKey(e.hazardId())) {
                hazards.get(e.hazardId()).due.submitted(LocalDate.ofInstant(ev.recordedAt(), zone));
            } else if (p instanceof RectificationVerified e && hazards.containsKey(e.hazardId())) {
                hazards.get(e.hazardId()).due.verified(e.passed());
            } else if (p instanceof HazardClosedOut e && hazards.containsKey(e.hazardId())) {
                HazardState h = hazards.get(e.hazardId());
                h.closed = true;
                h.closedAt = ev.recordedAt();
                if (weekBegun[0]) {   // among the week's own entries: each close-out counts in one week only
                    rectifiedInWeek.merge(e.hazardId(), 1L, Long::sum);
                }
            } else if (p instanceof HazardReopened e && hazards.containsKey(e.hazardId())) {
                HazardState h = hazards.get(e.hazardId());
                h.closed = false;
                h.closedAt = null;
                h.due.reopened();
            }
        });
        while (nextDay[0] < 7) {   // days with no entry after their end (for the current week: so far)
            openMajorAtDayEnd[nextDay[0]++] = openMajor(hazards);
        }
        List<WeeklyReport.DayCount> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate date = from.plusDays(d);
            days.add(new WeeklyReport.DayCount(date, date.isAfter(lastEndedDay) ? null : openMajorAtDayEnd[d]));
        }
        List<WeeklyReport.Totals> perEnterprise = new ArrayList<>();
        for (Map.Entry<String, String> e : names.entrySet()) {
            perEnterprise.add(totals(e.getKey(), e.getValue(), hazards, rectifiedInWeek, start, end, lastEndedDay));
        }
        return new WeeklyReport(WeeklyReport.FORMAT, week, from, end, complete, size, fromSize[0], checkpointSize,
                checkpoint, totals(null, null, hazards, rectifiedInWeek, start, end, lastEndedDay), perEnterprise,
                days);
    }

    private static long openMajor(Map<String, HazardState> hazards) {
        return hazards.values().stream().filter(h -> h.level == HazardLevel.MAJOR && !h.closed).count();
    }

    private static WeeklyReport.Totals totals(String enterpriseId, String name, Map<String, HazardState> hazards,
                                              Map<String, Long> rectifiedInWeek, Instant start, Instant end,
                                              LocalDate lastDay) {
        TreeMap<String, Long> foundByLevel = zeros(HazardLevel.values());
        TreeMap<String, Long> foundBySource = zeros(HazardSource.values());
        TreeMap<String, Long> rectifiedByLevel = zeros(HazardLevel.values());
        long found = 0;
        long foundEarlier = 0;
        long rectified = 0;
        long foundToDate = 0;
        long rectifiedToDate = 0;
        long overdue = 0;
        long openMajor = 0;
        for (Map.Entry<String, HazardState> e : hazards.entrySet()) {
            HazardState h = e.getValue();
            if (enterpriseId != null && !enterpriseId.equals(h.enterpriseId)) {
                continue;
            }
            if (h.foundAt.isBefore(end)) {
                foundToDate++;
                if (!h.foundAt.isBefore(start)) {
                    found++;
                    foundByLevel.merge(h.level.name(), 1L, Long::sum);
                    foundBySource.merge(h.source.name(), 1L, Long::sum);
                } else if (h.reportedInWeek) {
                    foundEarlier++;
                }
            }
            long closedInWeek = rectifiedInWeek.getOrDefault(e.getKey(), 0L);
            if (closedInWeek > 0) {
                rectified += closedInWeek;
                rectifiedByLevel.merge(h.level.name(), closedInWeek, Long::sum);
            }
            if (h.closed) {
                rectifiedToDate++;
            } else {
                if (h.due.overdueBy(lastDay)) {   // its due date ended by the week's end, unanswered
                    overdue++;
                }
                if (h.level == HazardLevel.MAJOR) {
                    openMajor++;
                }
            }
        }
        String rate = foundToDate == 0 ? null
                : BigDecimal.valueOf(rectifiedToDate).divide(BigDecimal.valueOf(foundToDate), 3, RoundingMode.HALF_EVEN)
                .toPlainString();
        return new WeeklyReport.Totals(enterpriseId, name, found, foundByLevel, foundBySource, foundEarlier, rectified,
                rectifiedByLevel, foundToDate, rectifiedToDate, rate, overdue, openMajor);
    }

    private static TreeMap<String, Long> zeros(Enum<?>[] values) {
        TreeMap<String, Long> m = new TreeMap<>();
        for (Enum<?> v : values) {
            m.put(v.name(), 0L);
        }
        return m;
    }
}
