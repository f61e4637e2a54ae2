package io.hazardledger.supervision.internal;

import io.hazardledger.InvalidInputException;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.supervision.WeeklyReport;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Which entries a week's report counts, the checkpoint it names, and where it comes from: the kept report of an ended
 * week when the schedule made one, else computed from the {@code weekly_fact} projection ({@link WeeklyTally}), or
 * while that projection waits for a rebuild that could not run, folded from the entries ({@link WeeklyReports}).
 */
public final class WeeklyReporting {

    /**
     * How long after a week's end its report is kept: an entry's recorded time is taken before the writer waits for
     * the chain head, so an entry recorded just before the end can commit a moment after it.
     */
    public static final Duration SETTLED = Duration.ofMinutes(1);

    /** The ledger's size at a moment: the entries before the first one recorded after {@code t}, among {@code head}. */
    @FunctionalInterface
    public interface RecordedSizes {
        long sizeAsOf(Instant t, long head);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WeeklyReporting.class);

    private final Clock clock;
    private final ZoneId zone;
    private final LongSupplier logSize;
    private final RecordedSizes sizes;
    private final Checkpoints checkpoints;
    private final WeeklyTally.Facts facts;
    private final BooleanSupplier factsComplete;
    private final WeeklyReports.Entries entries;
    private final KeptWeeklyReports kept;

    /**
     * @param checkpoints   the signed checkpoints (null: none are signed, and no report can be made)
     * @param factsComplete whether the projection holds every entry's facts (false while a rebuild waits)
     */
    public WeeklyReporting(Clock clock, LongSupplier logSize, RecordedSizes sizes, Checkpoints checkpoints,
                           WeeklyTally.Facts facts, BooleanSupplier factsComplete, WeeklyReports.Entries entries,
                           KeptWeeklyReports kept) {
        this.clock = clock;
        this.zone = clock.getZone();
        this.logSize = logSize;
        this.sizes = sizes;
        this.checkpoints = checkpoints;
        this.facts = facts;
        this.factsComplete = factsComplete;
        this.entries = entries;
        this.kept = kept;
    }

    /** How a report is computed. */
    public enum Source {
        /** The {@code weekly_fact} projection, read below the report's size. */
        FACTS,
        /** Every entry below the report's size, folded (the reference). */
        ENTRIES
    }

    /** The report of the week ending on {@code week}: the kept one of an ended week, else computed now. */
    public WeeklyReport report(LocalDate week) {
        Instant now = begun(week);
        if (!end(week).isAfter(now)) {
            Optional<WeeklyReport> k = kept.find(week);
            if (k.isPresent()) {
                return k.get();
            }
        }
        return compute(week, now, factsComplete.getAsBoolean() ? Source.FACTS : Source.ENTRIES);
    }

    /** The report of the week ending on {@code week} as the ledger stands now, from {@code source}. */
    public WeeklyReport compute(LocalDate week, Source source) {
        return compute(week, begun(week), source);
    }

    /** The kept report of the week ending on {@code week}, if the schedule made one. */
    public Optional<WeeklyReport> kept(LocalDate week) {
        return kept.find(WeeklyReports.thursday(week));
    }

    /** The weeks whose kept report fails its check (its row changed, or its note not signed by the log's keys). */
    public List<LocalDate> keptButNotServed() {
        return kept.failingTheirCheck();
    }

    /** Whether the report kept for the week ending on that Thursday fails its check, and so is not served. */
    public boolean keptButNotServed(LocalDate week) {
        return kept.failsItsCheck(WeeklyReports.thursday(week));
    }

    /** The signed note of the kept report (FORMAT.md 17), when there is one that the log's keys signed. */
    public Optional<String> keptNote(LocalDate week) {
        return kept.note(WeeklyReports.thursday(week));
    }

    /**
     * Keeps the report of each week that ended (at least {@link #SETTLED} ago) since the latest kept one, or of the
     * latest such week when none is kept yet. The schedule's task; returns the weeks it kept.
     */
    public List<LocalDate> keepEndedWeeks() {
        Instant now = clock.instant();
        LocalDate settledDay = LocalDate.ofInstant(now.minus(SETTLED), zone);
        LocalDate latest = settledDay.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.THURSDAY));
        LocalDate first = kept.latest().map(w -> w.plusWeeks(1)).orElse(latest);
        List<LocalDate> made = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(latest); week = week.plusWeeks(1)) {
            WeeklyReport r;
            try {
                r = compute(week, now, factsComplete.getAsBoolean() ? Source.FACTS : Source.ENTRIES);
            } catch (InvalidInputException e) {
                LOG.info("no weekly report kept for {}: {}", week, e.getMessage());   // an empty ledger
                continue;
            }
            if (kept.keep(r, now)) {
                LOG.info("kept the weekly report of {} ({} entries, checkpoint of {})", week, r.atSize(),
                        r.checkpointSize());
                made.add(week);
            }
        }
        return made;
    }

    private Instant end(LocalDate week) {
        return week.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Now, once {@code week} is a Thursday whose week has begun. */
    private Instant begun(LocalDate week) {
        WeeklyReports.thursday(week);
        Instant now = clock.instant();
        if (week.minusDays(6).atStartOfDay(zone).toInstant().isAfter(now)) {
            throw new InvalidInputException("week", "the week ending on " + week + " has not begun");
        }
        return now;
    }

    /**
     * From the entries recorded by the week's end (for the current week, all of them so far), against the smallest
     * signed checkpoint that covers them (made now if none does yet).
     */
    private WeeklyReport compute(LocalDate week, Instant now, Source source) {
        Instant end = end(week);
        boolean complete = !end.isAfter(now);
        long head = logSize.getAsLong();
        long byTimes = complete ? sizes.sizeAsOf(end, head) : head;
        // a week computed again while the next week's kept report is served ends where that one began, so that an
        // entry committed late (recorded in this week, after this week's report was kept) counts in one week
        long size = complete ? Math.min(byTimes, kept.fromSize(week.plusWeeks(1)).orElse(byTimes)) : byTimes;
        if (checkpoints == null) {
            throw new InvalidInputException("week", "this ledger signs no checkpoints, which a weekly report names");
        }
        // the smallest the log signed (a row it did not sign is not served, so not named)
        java.util.function.Supplier<Optional<Long>> covering = () -> checkpoints.sizes().stream()
                .filter(s -> s >= size && s > 0).sorted().filter(s -> checkpoints.at(s).isPresent()).findFirst();
        long checkpointSize = covering.get().orElseGet(() -> {
            checkpoints.checkpointNow();
            return covering.get().orElseThrow(() -> new InvalidInputException("week",
                    "the ledger is empty: there is nothing to report"));
        });
        String checkpoint = checkpoints.at(checkpointSize).orElseThrow();
        LocalDate lastEndedDay = complete ? week : LocalDate.ofInstant(now, zone).minusDays(1);
        // where the kept report of the week before ended, if one is: an entry recorded before this week's start that
        // committed after that report was made counts in this week, not in none
        long keptStart = kept.atSize(week.minusWeeks(1)).orElse(-1L);
        if (source == Source.ENTRIES) {
            return new WeeklyReports(zone).report(week, size, complete, lastEndedDay, checkpointSize, checkpoint,
                    keptStart, entries);
        }
        // where each day of the week ended: before the first entry recorded at or after its end
        long[] dayEnds = new long[7];
        LocalDate from = week.minusDays(6);
        for (int d = 0; d < 7; d++) {
            Instant dayEnd = from.plusDays(d + 1).atStartOfDay(zone).toInstant();
            dayEnds[d] = Math.min(size, sizes.sizeAsOf(dayEnd.minusNanos(1), size));
        }
        // where the week began: where the week before ended (its kept report's size, or the entries before the first
        // one recorded after its end), so that no entry is of both
        long weekStart = Math.min(size, keptStart >= 0 ? keptStart
                : sizes.sizeAsOf(from.atStartOfDay(zone).toInstant(), size));
        return new WeeklyTally(zone).report(week, size, complete, lastEndedDay, checkpointSize, checkpoint, weekStart,
                dayEnds, facts);
    }
}
