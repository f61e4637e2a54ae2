package io.hazardledger.supervision;

import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.supervision.internal.WeeklyFacts;
import io.hazardledger.supervision.internal.WeeklyReports;
import io.hazardledger.supervision.internal.WeeklyTally;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly report from the {@code weekly_fact} projection ({@link WeeklyTally}) is the same bytes as the fold of
 * every entry ({@link WeeklyReports}, the reference), for random histories written to the projection's table and read
 * back: several enterprises (one never registered), every level and source, plans, extensions, close-outs and
 * reopenings across week and day boundaries (some exactly on a midnight), recorded times a little out of order, acts
 * on hazards never reported; for every week they touch, at random ledger sizes, ended or not.
 */
class WeeklyTallyProperties {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final Instant BASE = LocalDate.of(2026, 11, 1).atStartOfDay(PARK).toInstant();

    private static final JdbcDataSource DB = new JdbcDataSource();

    static {
        DB.setURL("jdbc:h2:mem:weekly-tally-properties;DB_CLOSE_DELAY=-1");
        DB.setUser("sa");
        io.hazardledger.Ledger.schemaMigrations(DB).load().migrate();
    }

    private final WeeklyFacts facts = new WeeklyFacts(DB, 7);   // a query per 7 indexes: many chunk boundaries

    @Property(tries = 150)
    void theTallyOfTheFacts_isTheFoldOfTheEntries(@ForAll long seed) throws SQLException {
        Random r = new Random(seed);
        List<RecordedEvent> history = history(r);
        try (Connection c = DB.getConnection()) {
            facts.reset(c);
            for (RecordedEvent ev : history) {
                facts.apply(c, ev);
            }
        }
        LocalDate first = LocalDate.ofInstant(BASE, PARK).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        LocalDate last = LocalDate.ofInstant(history.get(history.size() - 1).recordedAt(), PARK).plusWeeks(1);
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            for (int k = 0; k < 3; k++) {
                long size = k == 0 ? history.size() : r.nextInt(history.size() + 1);
                boolean complete = r.nextBoolean();
                LocalDate lastEndedDay = complete ? week : week.minusDays(r.nextInt(8));
                WeeklyReport folded = new WeeklyReports(PARK).report(week, size, complete, lastEndedDay, size + 3,
                        "checkpoint\n", (n, consumer) -> history.subList(0, (int) n).forEach(consumer));
                WeeklyReport tallied = new WeeklyTally(PARK).report(week, size, complete, lastEndedDay, size + 3,
                        "checkpoint\n", firstAfter(history, week.minusDays(6), size), dayEnds(history, week, size),
                        facts::read);
                assertThat(json(tallied)).as("seed %d, week %s, size %d", seed, week, size).isEqualTo(json(folded));
            }
        }
    }

    /** Where each day of the week ended: before the first of the first {@code size} entries recorded at or after it. */
    static long[] dayEnds(List<RecordedEvent> history, LocalDate week, long size) {
        long[] ends = new long[7];
        for (int d = 0; d < 7; d++) {
            ends[d] = firstAtOrAfter(history, week.minusDays(5 - d), size);
        }
        return ends;
    }

    /** The first of the first {@code size} entries recorded after {@code day} began ({@code size}: none). */
    static long firstAfter(List<RecordedEvent> history, LocalDate day, long size) {
        Instant start = day.atStartOfDay(PARK).toInstant();
        for (int i = 0; i < size; i++) {
            if (history.get(i).recordedAt().isAfter(start)) {
                return i;
            }
        }
        return size;
    }

    /** The first of the first {@code size} entries recorded at or after {@code day} began ({@code size}: none). */
    static long firstAtOrAfter(List<RecordedEvent> history, LocalDate day, long size) {
        Instant start = day.atStartOfDay(PARK).toInstant();
        for (int i = 0; i < size; i++) {
            if (!history.get(i).recordedAt().isBefore(start)) {
                return i;
            }
        }
        return size;
    }

    private static String json(WeeklyReport r) {
        return new String(WeeklyReportDocuments.json(r), StandardCharsets.UTF_8);
    }

    /** 20 to 200 entries over about a month, recorded mostly in order. */
    static List<RecordedEvent> history(Random r) {
        List<RecordedEvent> out = new ArrayList<>();
        Instant t = BASE;
        int hazards = 0;
        int n = 20 + r.nextInt(181);
        for (int i = 0; i < n; i++) {
            int step = r.nextInt(10);
            if (step == 0) {
                t = t.minus(Duration.ofMinutes(r.nextInt(120)));   // a writer that took its time a little earlier
            } else if (step == 1) {
                t = LocalDate.ofInstant(t, PARK).plusDays(1).atStartOfDay(PARK).toInstant();   // exactly at midnight
            } else {
                t = t.plus(Duration.ofMinutes(r.nextInt(16 * 60)));
            }
            String hazard = hazards == 0 || r.nextInt(20) == 0 ? "hz-never-reported" : "hz-" + r.nextInt(hazards);
            Object payload = switch (hazards == 0 ? 1 : r.nextInt(9)) {
                case 0 -> new EnterpriseRegistered("ent-" + r.nextInt(4), "Enterprise, \"" + r.nextInt(4) + "\"",
                        "chemicals", r.nextBoolean());
                case 1, 2 -> reported("hz-" + hazards++, r, t);
                case 3 -> new RectificationPlanned(hazard, "fix", "p", day(r, t), null, null, null, "p");
                case 4 -> new DeadlineExtended(hazard, null, day(r, t), "later", "p");
                case 5, 6 -> new HazardClosedOut(hazard, 1, "ok", "v");
                case 7 -> new HazardReopened(hazard, "again", "v");
                default -> new RectificationSubmitted(hazard, 1, "done", List.of(), "p");   // counted nowhere
            };
            out.add(new RecordedEvent(i, "h" + i, hazard, t, payload, null));
        }
        return out;
    }

    private static HazardReported reported(String id, Random r, Instant t) {
        HazardLevel level = HazardLevel.values()[r.nextInt(HazardLevel.values().length)];
        HazardSource source = HazardSource.values()[r.nextInt(HazardSource.values().length)];
        // found before it was reported, sometimes the week before, sometimes exactly at a day's start
        Instant found = r.nextInt(5) == 0 ? LocalDate.ofInstant(t, PARK).atStartOfDay(PARK).toInstant()
                : t.minus(Duration.ofMinutes(r.nextInt(10 * 24 * 60))).plusNanos(r.nextInt(1_000_000_000));
        return new HazardReported(id, "ent-" + r.nextInt(5), level, source, null, "fire", "store", "blocked", null,
                found, "p", List.of(), null, null);
    }

    private static LocalDate day(Random r, Instant t) {
        return LocalDate.ofInstant(t, PARK).plusDays(r.nextInt(15) - 5);
    }
}
