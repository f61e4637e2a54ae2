package io.hazardledger;

import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.supervision.WeeklyReport;
import io.hazardledger.supervision.WeeklyReportDocuments;
import io.hazardledger.supervision.internal.WeeklyReporting;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Weekly reports of a real store: from the {@code weekly_fact} projection the same bytes as the fold of the entries
 * (random histories through the commands, after a replay, and after the rebuild V16 asks of a store written before it);
 * made on the schedule once a Thursday ended, once for two processes, and the same bytes as on demand.
 */
class WeeklyReportLedgerTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final Instant START = LocalDate.of(2026, 11, 2).atTime(9, 0).atZone(PARK).toInstant();   // a Monday

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(START);
    final StatementSigner checkpointKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    final List<Ledger> open = new ArrayList<>();

    /** Axon stamps events with its own clock: the entries' recorded times follow the test's. */
    private Clock axonClock;

    @BeforeEach
    void axonClock() {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
    }

    @AfterEach
    void close() {
        Collections.reverse(open);
        open.forEach(Ledger::close);
        GenericEventMessage.clock = axonClock;
    }

    private Ledger ledger(DataSource store, boolean scheduled) {
        Ledger.Builder b = Ledger.builder().dataSource(store).clock(clock)
                .checkpoints(checkpointKey, "test.example/ledger", Duration.ZERO);
        if (scheduled) {
            b.runDeadlines(Duration.ofMillis(200)).scheduleWeeklyReports();
        }
        Ledger l = b.build();
        open.add(l);
        return l;
    }

    @Test
    void theProjection_givesTheFoldsBytes_forEveryWeekOfRandomHistories_andAfterAReplay() {
        for (long seed = 1; seed <= 3; seed++) {
            clock.set(START);
            Ledger l = ledger(TestLedgers.store(dir), false);
            randomHistory(l, new Random(seed), 160, 20 * 60);
            assertSameAsTheFold(l, "seed " + seed);
            l.replay();
            assertSameAsTheFold(l, "seed " + seed + " after a replay");
        }
    }

    @Test
    void aStoreWrittenBeforeV16_rebuildsItsFacts_once() throws SQLException {
        DataSource store = TestLedgers.store(dir);
        Ledger before = ledger(store, false);
        randomHistory(before, new Random(7), 80, 20 * 60);
        before.close();
        open.remove(before);
        // as V16 finds a store with entries: no facts, and a rebuild asked for
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM weekly_fact");
            s.executeUpdate("INSERT INTO projection_rebuild (reason) VALUES ('V16: weekly report facts')");
        }
        Ledger after = ledger(store, false);
        assertThat(count(store, "SELECT COUNT(*) FROM projection_rebuild")).isZero();
        assertThat(count(store, "SELECT COUNT(*) FROM weekly_fact")).isPositive();
        assertSameAsTheFold(after, "rebuilt");
    }

    @Test
    void theScheduledReport_isKeptOnceAfterThursdayEnds_andIsTheOnDemandOnesBytes() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger a = ledger(store, true);
        Ledger b = ledger(store, true);   // a second process on the same store
        LocalDate thursday = LocalDate.of(2026, 11, 5);
        Instant end = thursday.plusDays(1).atStartOfDay(PARK).toInstant();
        assertThat(count(store, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'weekly-report'"))
                .as("one schedule for both").isEqualTo(1);
        randomHistory(a, new Random(11), 60, 120);   // Monday to Wednesday or Thursday
        clock.set(end.minusSeconds(1));
        // Both ledgers run deadlines in the background, stamping their entries with this clock: every one due by now
        // is committed before the week ends, so that none stamped within the week commits after the report asked
        // below (it would count in the kept report and not in that one).
        a.runDueDeadlines();
        deadlinesRun(store, clock.instant());
        a.execute(new ReportHazard("hz-late", "ent-a", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "Art.4",
                "fire", "store", "blocked", null, clock.instant(), "p-rep-a", List.of(), null, null));

        // the week ended, but not a minute ago: asked now, it is computed, and nothing is kept yet
        clock.set(end.plusSeconds(30));
        a.runDueDeadlines();
        byte[] onDemand = WeeklyReportDocuments.json(a.weeklyReport(thursday));
        assertThat(a.keptWeeklyReport(thursday)).isEmpty();
        a.execute(new ReportHazard("hz-next-week", "ent-a", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "Art.4",
                "fire", "store", "blocked", null, clock.instant(), "p-rep-a", List.of(), null, null));

        clock.set(end.plusSeconds(125));
        a.runDueDeadlines();
        b.runDueDeadlines();
        awaitThat(() -> a.keptWeeklyReport(thursday).isPresent());
        byte[] kept = WeeklyReportDocuments.json(a.keptWeeklyReport(thursday).orElseThrow());
        assertThat(text(kept)).isEqualTo(text(onDemand))
                .isEqualTo(text(WeeklyReportDocuments.json(a.weeklyReport(thursday))))
                .isEqualTo(text(WeeklyReportDocuments.json(b.weeklyReport(thursday))))
                .isEqualTo(text(WeeklyReportDocuments.json(
                        a.weeklyReporting().compute(thursday, WeeklyReporting.Source.ENTRIES))))
                .contains("\"complete\" : true");
        assertThat(a.keptWeeklyReport(thursday).orElseThrow().park().found()).as("hz-late counted").isPositive();
        // its signed note names the SHA-256 of the document served, and verifies under the log's key
        String note = a.keptWeeklyReportNote(thursday).orElseThrow();
        List<io.hazardledger.integrity.note.NoteVerifier> logKeys = new java.util.ArrayList<>();
        for (String key : a.checkpoints().orElseThrow().verifierKeys()) {
            logKeys.add(io.hazardledger.integrity.note.NoteVerifier.parse(key));
        }
        String signed = io.hazardledger.integrity.note.NoteVerifier.verifyWithAny(logKeys, note).orElseThrow();
        assertThat(signed.split("\n")).hasSize(5);
        assertThat(signed.split("\n")[1]).isEqualTo("weekly-report " + thursday);
        assertThat(signed.split("\n")[4]).isEqualTo(io.hazardledger.integrity.Hashes.sha256Hex(kept));
        assertThat(a.keptWeeklyReportNote(thursday.minusWeeks(1))).as("not kept").isEmpty();
        assertThat(count(store, "SELECT COUNT(*) FROM weekly_report")).as("made once").isEqualTo(1);
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sha256, document FROM weekly_report")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(io.hazardledger.integrity.Hashes.sha256Hex(rs.getBytes(2)));
            assertThat(rs.getBytes(2)).isEqualTo(kept);
        }

        // a document and its SHA-256 replaced together in the table (a week with no hazard found): not the log's,
        // so not served as the kept report; the week's report is computed again from the ledger
        byte[] forged = text(kept).replaceFirst("\"found\" : [1-9][0-9]*", "\"found\" : 0")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(forged).isNotEqualTo(kept);
        setKeptDocument(store, thursday, forged, "");
        assertThat(a.keptWeeklyReport(thursday)).isEmpty();
        assertThat(text(WeeklyReportDocuments.json(a.weeklyReport(thursday)))).isEqualTo(text(kept));
        // the schedule leaves a document it does not make as it is (and does not serve it)
        assertThat(a.weeklyReporting().keepEndedWeeks()).isEmpty();
        assertThat(a.keptWeeklyReport(thursday)).isEmpty();
        // a row kept before V18: the report's own document, no note; not served until the schedule signs it
        setKeptDocument(store, thursday, kept, ", note = NULL");
        assertThat(a.keptWeeklyReport(thursday)).isEmpty();
        assertThat(a.weeklyReporting().keepEndedWeeks()).containsExactly(thursday);
        assertThat(a.keptWeeklyReport(thursday)).hasValueSatisfying(r ->
                assertThat(WeeklyReportDocuments.json(r)).isEqualTo(kept));

        // no process ran for three weeks: the next start of the schedule keeps each week it missed
        clock.set(end.plus(Duration.ofDays(21)).plusSeconds(120));
        a.runDueDeadlines();
        b.runDueDeadlines();
        awaitThat(() -> a.keptWeeklyReport(thursday.plusWeeks(3)).isPresent());
        assertThat(a.keptWeeklyReport(thursday.plusWeeks(1))).isPresent();
        assertThat(a.keptWeeklyReport(thursday.plusWeeks(2))).isPresent();
        assertThat(count(store, "SELECT COUNT(*) FROM weekly_report")).isEqualTo(4);
        assertThat(text(WeeklyReportDocuments.json(a.keptWeeklyReport(thursday.plusWeeks(1)).orElseThrow())))
                .isEqualTo(text(WeeklyReportDocuments.json(
                        a.weeklyReporting().compute(thursday.plusWeeks(1), WeeklyReporting.Source.ENTRIES))));
    }

    /**
     * An entry recorded a moment before a week's end whose write commits after that week's report was kept (no entry
     * recorded after the end is before it) counts in the next week: it begins where the kept report ended.
     */
    static final LocalDate LATE_WEEK = LocalDate.of(2026, 11, 5);

    /**
     * hz-1 reported in the week ending on {@link #LATE_WEEK}, whose report is then kept; hz-late recorded a second
     * before that week's end, its write committed only after: the kept report.
     */
    private WeeklyReport keptBeforeALateEntry(Ledger l) {
        enterprise(l, "ent-a");
        Instant end = LATE_WEEK.plusDays(1).atStartOfDay(PARK).toInstant();
        l.execute(new ReportHazard("hz-1", "ent-a", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "Art.4", "fire",
                "store", "blocked", null, clock.instant(), "p-rep-a", List.of(), null, null));
        clock.set(end.plusSeconds(61));
        assertThat(l.weeklyReporting().keepEndedWeeks()).containsExactly(LATE_WEEK);
        WeeklyReport kept = l.keptWeeklyReport(LATE_WEEK).orElseThrow();
        clock.set(end.minusSeconds(1));   // recorded then, committed only now
        l.execute(new ReportHazard("hz-late", "ent-a", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "Art.4", "fire",
                "store", "blocked", null, end.minusSeconds(2), "p-rep-a", List.of(), null, null));
        return kept;
    }

    @Test
    void anEntryCommittedAfterTheWeeksReportWasKept_countsInTheNextWeek() {
        Ledger l = ledger(TestLedgers.store(dir), false);
        WeeklyReport kept = keptBeforeALateEntry(l);
        LocalDate thursday = LATE_WEEK;
        Instant end = thursday.plusDays(1).atStartOfDay(PARK).toInstant();
        clock.set(end.plusSeconds(180));
        l.execute(new ReportHazard("hz-next", "ent-a", HazardLevel.MAJOR, HazardSource.WHISTLEBLOWER, "Art.4", "fire",
                "store", "blocked", null, clock.instant(), "p-rep-a", List.of(), null, null));

        WeeklyReport next = l.weeklyReport(thursday.plusWeeks(1));
        assertThat(text(WeeklyReportDocuments.json(next))).isEqualTo(text(WeeklyReportDocuments.json(
                l.weeklyReporting().compute(thursday.plusWeeks(1), WeeklyReporting.Source.ENTRIES))));
        assertThat(kept.park().found()).as("hz-1").isEqualTo(1);
        assertThat(next.park().found()).as("hz-next").isEqualTo(1);
        assertThat(next.park().foundEarlier()).as("hz-late, found in the kept week, not counted there").isEqualTo(1);
        assertThat(next.fromSize()).as("the week begins where the kept report ended").isEqualTo(kept.atSize());
        assertThat(kept.park().found() + next.park().found() + next.park().foundEarlier())
                .isEqualTo(next.park().foundToDate()).isEqualTo(3);
    }

    /**
     * The late entry's week computed again (its kept row no longer served) while the next week's kept report is
     * served: it ends where that one began, so the late entry counts in the next week only, as that report says.
     */
    @Test
    void aWeekComputedAgain_endsWhereTheNextWeeksKeptReportBegan() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger l = ledger(store, false);
        WeeklyReport kept = keptBeforeALateEntry(l);
        LocalDate thursday = LATE_WEEK;
        Instant end = thursday.plusDays(1).atStartOfDay(PARK).toInstant();
        clock.set(end.plus(Duration.ofDays(7)).plusSeconds(61));
        assertThat(l.weeklyReporting().keepEndedWeeks()).containsExactly(thursday.plusWeeks(1));
        WeeklyReport next = l.keptWeeklyReport(thursday.plusWeeks(1)).orElseThrow();
        assertThat(next.fromSize()).isEqualTo(kept.atSize());
        assertThat(next.park().foundEarlier()).as("hz-late").isEqualTo(1);
        // the first week's kept row changed outside the ledger: no longer served, computed again
        try (var c = store.getConnection(); var st = c.prepareStatement(
                "UPDATE weekly_report SET sha256 = ? WHERE week = ?")) {
            st.setString(1, "0".repeat(64));
            st.setObject(2, thursday);
            assertThat(st.executeUpdate()).isOne();
        }
        assertThat(l.keptWeeklyReport(thursday)).isEmpty();
        assertThat(l.weeklyReportKeptButNotServed(thursday)).isTrue();
        assertThat(l.weeklyReportKeptButNotServed(thursday.plusWeeks(1))).isFalse();
        assertThat(l.weeklyReportKeptButNotServed(thursday.plusWeeks(2))).as("none kept").isFalse();
        assertThat(l.verify().weeklyReportsNotServed()).as("a warning of verify").containsExactly(thursday);
        // a row kept before reports were signed (no note yet) waits for the schedule to sign it: no warning
        String note = l.keptWeeklyReportNote(thursday.plusWeeks(1)).orElseThrow();
        execute(store, "UPDATE weekly_report SET note = NULL WHERE week = ?", thursday.plusWeeks(1));
        assertThat(l.weeklyReportKeptButNotServed(thursday.plusWeeks(1))).isFalse();
        assertThat(l.verify().weeklyReportsNotServed()).containsExactly(thursday);
        execute(store, "UPDATE weekly_report SET note = ? WHERE week = ?", note, thursday.plusWeeks(1));
        WeeklyReport again = l.weeklyReport(thursday);
        assertThat(again.atSize()).as("ends where the next week's kept report began").isEqualTo(next.fromSize());
        assertThat(again.park().found()).as("hz-1 only; hz-late counts in the next week").isEqualTo(1);
        assertThat(again.park().found() + next.park().found() + next.park().foundEarlier())
                .isEqualTo(next.park().foundToDate()).isEqualTo(2);
    }

    @Test
    void aLedgerNotAskedToSchedule_keepsNoReport() throws SQLException {
        DataSource store = TestLedgers.store(dir);
        Ledger l = Ledger.builder().dataSource(store).clock(clock).runDeadlines(Duration.ofMillis(200))
                .checkpoints(checkpointKey, "test.example/ledger", Duration.ZERO).build();
        open.add(l);
        assertThat(count(store, "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'weekly-report'")).isZero();
        assertThatThrownBy(() -> Ledger.builder().dataSource(store).clock(clock).scheduleWeeklyReports()
                .checkpoints(checkpointKey, "test.example/ledger", Duration.ZERO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("runDeadlines");
        assertThatThrownBy(() -> Ledger.builder().dataSource(store).clock(clock).scheduleWeeklyReports()
                .runDeadlines(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoints");
    }

    private void assertSameAsTheFold(Ledger l, String what) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), PARK);
        LocalDate first = LocalDate.ofInstant(START, PARK).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        LocalDate current = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
        int weeks = 0;
        long found = 0;
        long rectified = 0;
        long overdue = 0;
        long openMajor = 0;
        long foundInSomeWeek = 0;
        long foundEarlier = 0;
        long foundToDate = 0;
        for (LocalDate week = first; !week.isAfter(current); week = week.plusWeeks(1)) {
            WeeklyReport r = l.weeklyReporting().compute(week, WeeklyReporting.Source.FACTS);
            byte[] fold = WeeklyReportDocuments.json(l.weeklyReporting().compute(week, WeeklyReporting.Source.ENTRIES));
            assertThat(text(WeeklyReportDocuments.json(r))).as("%s, week %s", what, week).isEqualTo(text(fold));
            weeks++;
            found += r.park().found();
            rectified += r.park().rectifiedByLevel().get("MAJOR");
            overdue += r.park().overdue();
            foundInSomeWeek += r.park().found() + r.park().foundEarlier();
            foundEarlier += r.park().foundEarlier();
            foundToDate = r.park().foundToDate();
            openMajor += r.openMajorByDay().stream().filter(d -> d.openMajor() != null)
                    .mapToLong(WeeklyReport.DayCount::openMajor).sum();
        }
        assertThat(weeks).as("weeks compared").isGreaterThanOrEqualTo(3);
        // every hazard is counted in one week: the week it was found in, or the later one it was reported in
        assertThat(foundInSomeWeek).as("%s: found and found earlier over the weeks", what).isEqualTo(foundToDate);
        assertThat(foundEarlier).as("%s: hazards reported in a later week than found", what).isPositive();
        assertThat(List.of(found, rectified, overdue, openMajor)).as("%s: found, major rectified, overdue, open major", what)
                .allMatch(n -> n > 0);
    }

    /**
     * {@code steps} steps of a park of three enterprises (the third registered on the way), every step 10 to
     * {@code maxMinutes} minutes after the last: hazards of every level and source reported, planned, submitted, verified (some fail),
     * closed out, reopened and their deadlines extended, in a random order that the rules allow.
     */
    private void randomHistory(Ledger l, Random r, int steps, int maxMinutes) {
        l.execute(new RegisterPerson("p-verifier", "Verifier", null, Set.of(Role.VERIFIER, Role.INSPECTOR)));
        for (String e : List.of("ent-a", "ent-b")) {
            enterprise(l, e);
        }
        List<String> hazards = new ArrayList<>();
        java.util.Map<String, String> enterpriseOf = new java.util.HashMap<>();
        for (int i = 0; i < steps; i++) {
            clock.set(clock.instant().plus(Duration.ofMinutes(10 + r.nextInt(maxMinutes - 10))));
            if (i == steps / 2) {
                enterprise(l, "ent-c");
            }
            if (hazards.isEmpty() || r.nextInt(3) == 0) {
                String id = "hz-" + hazards.size();
                String e = List.of("ent-a", "ent-b", i > steps / 2 ? "ent-c" : "ent-a").get(r.nextInt(3));
                HazardLevel level = r.nextInt(3) == 0 ? HazardLevel.MAJOR : HazardLevel.GENERAL;
                HazardSource source = HazardSource.values()[r.nextInt(HazardSource.values().length)];
                l.execute(new ReportHazard(id, e, level, source, level == HazardLevel.MAJOR ? "Art.4" : null, "fire",
                        "store", "blocked", null, clock.instant().minus(Duration.ofHours(r.nextInt(24 * 9))),
                        source == HazardSource.SUPERVISORY_INSPECTION ? "p-verifier" : "p-rep-" + e.substring(4),
                        List.of(), null, null));
                hazards.add(id);
                enterpriseOf.put(id, e);
                continue;
            }
            String id = hazards.get(r.nextInt(hazards.size()));
            String e = enterpriseOf.get(id);
            String owner = "p-own-" + e.substring(4);
            LocalDate today = LocalDate.ofInstant(clock.instant(), PARK);
            List<Object> tries = new ArrayList<>(List.of(
                    new PlanRectification(id, "fix", owner, today.plusDays(r.nextInt(6)), null, null, null, owner),
                    new SubmitRectification(id, "done", List.of(TestLedgers.evidence("after-" + id + "-" + i)), owner),
                    new VerifyRectification(id, r.nextInt(5) > 0, "checked", "p-verifier"),
                    new CloseOutHazard(id, "closed", "p-verifier"),
                    new ExtendDeadline(id, today.plusDays(6 + r.nextInt(5)), "parts", "p-verifier")));
            if (r.nextInt(3) == 0) {
                tries.add(new ReopenHazard(id, "came back", "p-verifier"));
            }
            Collections.shuffle(tries, r);
            for (Object command : tries) {
                try {
                    l.execute(command);
                    break;
                } catch (LedgerException refused) {
                    // not allowed in the hazard's state: the next one
                }
            }
        }
    }

    private static void enterprise(Ledger l, String e) {
        String n = e.substring(4);
        l.execute(new RegisterEnterprise(e, "Enterprise " + n.toUpperCase(), "chemicals", n.equals("a")));
        l.execute(new RegisterPerson("p-rep-" + n, "Reporter " + n, e, Set.of(Role.ENTERPRISE_STAFF)));
        l.execute(new RegisterPerson("p-own-" + n, "Owner " + n, e, Set.of(Role.ENTERPRISE_STAFF)));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static void execute(DataSource store, String sql, Object... values) throws SQLException {
        try (var c = store.getConnection(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    private static long count(DataSource store, String sql) throws SQLException {
        try (Connection c = store.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until no deadline due by {@code t} is left to run (a run ends after its entries are committed). */
    private static void deadlinesRun(DataSource store, Instant t) {
        Await.until("every deadline due by " + t + " run", () -> "some were not", () -> {
            try (Connection c = store.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM scheduled_tasks WHERE execution_time <= ?")) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until {@code done} holds: the schedule runs on the scheduler's threads. */
    /** Sets a kept report's document and its SHA-256 by hand, with {@code more} of the row's columns. */
    private static void setKeptDocument(DataSource store, LocalDate week, byte[] document, String more)
            throws SQLException {
        try (Connection c = store.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE weekly_report SET document = ?, sha256 = ?" + more + " WHERE week = ?")) {
            ps.setBytes(1, document);
            ps.setString(2, io.hazardledger.integrity.Hashes.sha256Hex(document));
            ps.setObject(3, week);
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    private static void awaitThat(BooleanSupplier done) {
        Await.until("the weekly report was kept", () -> "it was not", done);
    }
}
