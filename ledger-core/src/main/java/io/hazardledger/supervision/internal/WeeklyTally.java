package io.hazardledger.supervision.internal;

import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.supervision.WeeklyReport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A weekly report from the {@link WeeklyFacts} below a ledger size: what {@link WeeklyReports} folds from every entry,
 * from the few rows that count. The open major hazards at each day's end are counted as the facts go by, at the
 * positions where each day ended (the first entry recorded at or after the day's end), which the caller finds from
 * the entries' recorded times; the totals are added up in one pass over the hazards.
 */
public final class WeeklyTally {

    /** Reads the facts of entries {@code [0, size)} in index order. */
    @FunctionalInterface
    public interface Facts {
        void read(long size, Consumer<WeeklyFacts.Fact> consumer);
    }

    private static final HazardLevel[] LEVELS = HazardLevel.values();
    private static final HazardSource[] SOURCES = HazardSource.values();

    private final ZoneId zone;

    public WeeklyTally(ZoneId zone) {
        this.zone = zone;
    }

    private static final class Hazard {
        final String enterpriseId;
        final HazardLevel level;
        final HazardSource source;
        final Instant foundAt;
        final boolean reportedInWeek;
        final OverdueState due = new OverdueState();
        boolean closed;
        long rectifiedInWeek;

        Hazard(WeeklyFacts.Fact f, long weekStart) {
            enterpriseId = f.enterpriseId();
            level = f.level();
            source = f.source();
            foundAt = f.foundAt();
            reportedInWeek = f.index() >= weekStart;
        }

        boolean openMajor() {
            return level == HazardLevel.MAJOR && !closed;
        }
    }

    /**
     * As {@link WeeklyReports#report}; {@code weekStart} is where the week's own entries begin: the size of the kept
     * report of the week before, or without one the number of entries before the first one recorded after the week's
     * start (the size of the week before, ended), and {@code dayEnds[d]} the number recorded
     * before day {@code d} of the week ended (at most {@code size}), the position whose open major hazards that day
     * counts.
     */
    public WeeklyReport report(LocalDate week, long size, boolean complete, LocalDate lastEndedDay, long checkpointSize,
                               String checkpoint, long weekStart, long[] dayEnds, Facts facts) {
        LocalDate from = WeeklyReports.thursday(week).minusDays(6);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = week.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, String> names = new TreeMap<>();
        Map<String, Hazard> hazards = new HashMap<>();
        long[] openMajorAtDayEnd = new long[7];
        long[] openMajor = {0};
        int[] day = {0};
        facts.read(size, f -> {
            while (day[0] < 7 && dayEnds[day[0]] <= f.index()) {
                openMajorAtDayEnd[day[0]++] = openMajor[0];
            }
            if (f.kind() == WeeklyFacts.Kind.ENTERPRISE) {
                names.put(f.subjectId(), f.name());
                return;
            }
            if (f.kind() == WeeklyFacts.Kind.REPORTED) {
                Hazard h = new Hazard(f, weekStart);
                Hazard before = hazards.put(f.subjectId(), h);
                if (before != null) {   // reported again under the same id: the fold keeps its close-outs
                    h.rectifiedInWeek = before.rectifiedInWeek;
                    openMajor[0] -= before.openMajor() ? 1 : 0;
                }
                openMajor[0] += h.openMajor() ? 1 : 0;
                return;
            }
            Hazard h = hazards.get(f.subjectId());
            if (h == null) {
                return;   // an act on a hazard whose report is not in the ledger
            }
            boolean wasOpenMajor = h.openMajor();
            switch (f.kind()) {
                case DUE -> h.due.due(f.dueDate());
                case SUBMITTED -> h.due.submitted(LocalDate.ofInstant(f.recordedAt(), zone));
                case PASSED -> h.due.verified(true);
                case FAILED -> h.due.verified(false);
                case CLOSED_OUT -> {
                    h.closed = true;
                    if (f.index() >= weekStart) {   // the week's own entries, as foundEarlier's
                        h.rectifiedInWeek++;
                    }
                }
                case REOPENED -> {
                    h.closed = false;
                    h.due.reopened();
                }
                default -> throw new IllegalStateException("unexpected fact " + f.kind());
            }
            openMajor[0] += (h.openMajor() ? 1 : 0) - (wasOpenMajor ? 1 : 0);
        });
        while (day[0] < 7) {
            openMajorAtDayEnd[day[0]++] = openMajor[0];
        }
        Totals park = new Totals();
        Map<String, Totals> byEnterprise = new HashMap<>();
        names.keySet().forEach(id -> byEnterprise.put(id, new Totals()));
        for (Hazard h : hazards.values()) {
            park.add(h, start, end, lastEndedDay);
            Totals t = byEnterprise.get(h.enterpriseId);
            if (t != null) {
                t.add(h, start, end, lastEndedDay);
            }
        }
        List<WeeklyReport.DayCount> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate date = from.plusDays(d);
            days.add(new WeeklyReport.DayCount(date, date.isAfter(lastEndedDay) ? null : openMajorAtDayEnd[d]));
        }
        List<WeeklyReport.Totals> perEnterprise = new ArrayList<>();
        names.forEach((id, name) -> perEnterprise.add(byEnterprise.get(id).totals(id, name)));
        return new WeeklyReport(WeeklyReport.FORMAT, week, from, end, complete, size, Math.min(weekStart, size),
                checkpointSize, checkpoint, park.totals(null, null), perEnterprise, days);
    }

    /** One line's counters. */
    private static final class Totals {
        final long[] foundByLevel = new long[LEVELS.length];
        final long[] foundBySource = new long[SOURCES.length];
        final long[] rectifiedByLevel = new long[LEVELS.length];
        long found;
        long foundEarlier;
        long rectified;
        long foundToDate;
        long rectifiedToDate;
        long overdue;
        long openMajor;

        void add(Hazard h, Instant start, Instant end, LocalDate lastDay) {
            if (h.foundAt.isBefore(end)) {
                foundToDate++;
                if (!h.foundAt.isBefore(start)) {
                    found++;
                    foundByLevel[h.level.ordinal()]++;
                    foundBySource[h.source.ordinal()]++;
                } else if (h.reportedInWeek) {
                    foundEarlier++;
                }
            }
            rectified += h.rectifiedInWeek;
            rectifiedByLevel[h.level.ordinal()] += h.rectifiedInWeek;
            if (h.closed) {
                rectifiedToDate++;
            } else {
                if (h.due.overdueBy(lastDay)) {
                    overdue++;
                }
                if (h.level == HazardLevel.MAJOR) {
                    openMajor++;
                }
            }
        }

        WeeklyReport.Totals totals(String enterpriseId, String name) {
            String rate = foundToDate == 0 ? null
                    : BigDecimal.valueOf(rectifiedToDate).divide(BigDecimal.valueOf(foundToDate), 3,
                    RoundingMode.HALF_EVEN).toPlainString();
            return new WeeklyReport.Totals(enterpriseId, name, found, byName(LEVELS, foundByLevel),
                    byName(SOURCES, foundBySource), foundEarlier, rectified, byName(LEVELS, rectifiedByLevel),
                    foundToDate, rectifiedToDate, rate, overdue, openMajor);
        }

        private static TreeMap<String, Long> byName(Enum<?>[] values, long[] counts) {
            TreeMap<String, Long> m = new TreeMap<>();
            for (Enum<?> v : values) {
                m.put(v.name(), counts[v.ordinal()]);
            }
            return m;
        }
    }
}
