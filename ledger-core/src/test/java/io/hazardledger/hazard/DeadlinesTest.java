package io.hazardledger.hazard;

import io.hazardledger.store.internal.SchedulerTimes;
import io.hazardledger.SettableClock;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.StatementSigner;
import io.hazardledger.register.HistoryEntry;
import io.hazardledger.signing.SignedAct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Durable deadlines: a rectification not submitted by the end of its due date becomes overdue at that moment
 * (a ledger entry, by nobody), whether or not anyone asks, and the escalation ladder then takes its steps, each signed
 * by the park office's key. The deadlines live in the ledger's database: they fire after a restart, once however many
 * processes run them, and a close-out or an extension stops or moves them. The clock is the test's own.
 */
class DeadlinesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    static final Instant START = Instant.parse("2026-06-01T02:00:00Z");   // 10:00 in the park

    @TempDir
    Path dir;

    final List<Ledger> open = new ArrayList<>();
    final SettableClock clock = new SettableClock(START);
    final StatementSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
    final StatementSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();

    @AfterEach
    void close() {
        open.forEach(Ledger::close);
    }

    DataSource lastStore;

    private String tasks() {
        return DeadlineRows.describe(lastStore);
    }

    /** The ledger's deadlines (Axon's task) waiting, not running, to fire at {@code from} or later. */
    private long waitingFrom(Instant from) {
        return DeadlineRows.count(lastStore, "execution_time >= ? AND picked = FALSE", from);
    }

    private Ledger ledger(DataSource store) {
        lastStore = store;
        Ledger l = Ledger.builder().dataSource(store).clock(clock).runDeadlines(Duration.ofMillis(200))
                .office("office", officeKey).checkpoints(logKey, "test.example/deadlines", Duration.ZERO).build();
        open.add(l);
        return l;
    }

    private Ledger park(DataSource store) {
        Ledger l = ledger(store);
        people(l);
        return l;
    }

    /** The enterprise, its owner, the office (its key registered) and an approver. */
    static void people(Ledger l) {
        l.execute(new RegisterEnterprise("ent", "Acme", "chemicals", true));
        l.execute(new RegisterPerson("owner", "Owner", "ent", Set.of(Role.ENTERPRISE_STAFF)));
        l.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        l.execute(new RegisterPerson("approver", "Approver", null, Set.of(Role.PARK_OFFICE)));
        assertThat(l.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
    }

    static void reportAndPlan(Ledger l, String hazardId, LocalDate due) {
        l.execute(new ReportHazard(hazardId, "ent", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null, "fire",
                "Store 2", "Blocked exit", null, START.minusSeconds(3600), "owner", List.of(), null, null));
        l.execute(new PlanRectification(hazardId, "Clear the exit", "owner", due, null, null, null, "owner"));
    }

    private static List<String> types(Ledger l, String hazardId) {
        return l.register().history(hazardId).stream().map(HistoryEntry::eventType).toList();
    }

    /** Moves the clock and asks for the due deadlines at once, then waits (at most 30 s) until {@code done} holds. */
    private void at(Instant when, Ledger l, BooleanSupplier done) {
        clock.set(when);
        l.runDueDeadlines();
        io.hazardledger.Await.until("the deadline fired", () -> "the ledger holds " + l.log().size()
                + " entries; tasks " + tasks() + " clock " + clock.instant(), done);
    }

    /** The end of a due date: the start of the next day in the park. */
    static Instant endOf(LocalDate due) {
        return due.plusDays(1).atStartOfDay(PARK).toInstant();
    }

    @Test
    void aRectificationNotClosedByItsDueDate_becomesOverdue_andIsEscalatedStepByStep_signedByTheOffice() throws Exception {
        Ledger l = park(TestLedgers.store(dir));
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(l, "hz-1", due);
        clock.set(endOf(due).minusSeconds(30));   // the clock runs on: a margin for a stalled test thread
        l.runDueDeadlines();
        assertThat(types(l, "hz-1")).as("not before its moment").containsExactly("HazardReported", "RectificationPlanned");

        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-1").contains("HazardEscalated"));
        assertThat(types(l, "hz-1")).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated");
        assertThat(l.register().history("hz-1").get(2).entryJson()).contains("\"overdueSince\":\"" + endOf(due) + "\"");
        assertThat(l.register().history("hz-1").get(3).entryJson()).contains("\"step\":\"NOTICE_LETTER\"");
        // FORMAT.md 12.2: the statement binds the SHA-256 of the stored payload's canonical JSON
        var entry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(l.register().history("hz-1").get(3).entryJson());
        byte[] payload = new org.erdtman.jcs.JsonCanonicalizer(entry.get("payload").toString()).getEncodedUTF8();
        assertThat(entry.at("/metadata/ledgerSignature/statement/contentSha256").asText())
                .isEqualTo(io.hazardledger.integrity.Hashes.sha256Hex(payload));
        assertThat(entry.at("/metadata/ledgerSignature/statement/mode").asText()).isEqualTo("office-server");

        at(endOf(due).plus(Duration.ofDays(7)), l, () -> types(l, "hz-1").size() == 5);
        assertThat(l.register().history("hz-1").get(4).entryJson()).contains("\"step\":\"CIRCULAR\"", "\"stepNo\":2");
        List<SignedAct> signed = l.trail().signedBy("office");
        assertThat(signed).extracting(SignedAct::action).containsExactly("hazard.escalate", "hazard.escalate");
        assertThat(l.verify().holds()).as("the office's signatures verify").isTrue();
        assertThat(l.register().get("hz-1").orElseThrow().overdue()).isTrue();

        // its dossier verifies offline; with another zone named, in which the due date would be met, it does not:
        // the overdue notice and the steps state the instant the due date ended, a midnight in the park's zone only
        byte[] dossier = io.hazardledger.dossier.DossierDocuments.json(l.dossier("hz-1", l.position(null, null)));
        List<String> keys = l.checkpoints().orElseThrow().verifierKeys();
        io.hazardledger.dossier.DossierVerifier.verify(dossier, keys);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(dossier);
        forged.put("zone", "America/Los_Angeles");
        assertThatThrownBy(() -> io.hazardledger.dossier.DossierVerifier.verify(mapper.writeValueAsBytes(forged), keys))
                .isInstanceOf(io.hazardledger.dossier.DossierVerifier.DossierException.class)
                .hasMessageContaining("is not the one the ledger judged the due dates in: entry ");
    }

    @Test
    void aCloseOut_stopsTheLadder_andAnExtension_movesTheDueMoment() {
        Ledger l = park(TestLedgers.store(dir));
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(l, "hz-ext", due);
        l.execute(new ExtendDeadline("hz-ext", due.plusDays(10), "parts on order", "approver"));
        reportAndPlan(l, "hz-late", due);
        // the old due moment passes: only the hazard that kept its date becomes overdue
        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-late").contains("HazardEscalated"));
        assertThat(types(l, "hz-ext")).doesNotContain("RectificationOverdue");
        // hz-late is put right and closed before the circular is due: no further step, ever
        l.execute(new SubmitRectification("hz-late", "cleared", List.of(), "owner"));
        l.execute(new VerifyRectification("hz-late", true, "ok", "approver"));
        l.execute(new CloseOutHazard("hz-late", "done", "approver"));
        at(endOf(due.plusDays(10)).plusSeconds(1), l, () -> types(l, "hz-ext").contains("HazardEscalated"));
        assertThat(types(l, "hz-ext")).containsSubsequence("DeadlineExtended", "RectificationOverdue", "HazardEscalated");
        at(endOf(due.plusDays(10)).plus(Duration.ofDays(31)), l,
                () -> types(l, "hz-ext").stream().filter("HazardEscalated"::equals).count() == 4);
        assertThat(types(l, "hz-late")).endsWith("HazardClosedOut");
        assertThat(types(l, "hz-late").stream().filter("HazardEscalated"::equals).count()).isEqualTo(1);
    }

    @Test
    void aDeadline_firesAfterARestart_andOnceWhenTwoProcessesRunThem() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger first = park(store);
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(first, "hz-r", due);
        first.close();
        open.remove(first);
        // nobody ran while the due date passed; two processes start on the store
        Ledger a = ledger(store);
        Ledger b = ledger(store);
        clock.set(endOf(due).plus(Duration.ofDays(8)));
        a.runDueDeadlines();
        b.runDueDeadlines();
        at(clock.instant(), a, () -> types(a, "hz-r").stream().filter("HazardEscalated"::equals).count() == 2);
        assertThat(types(b, "hz-r")).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated", "HazardEscalated");
        assertThat(a.verify().holds()).isTrue();
    }

    /**
     * Until schema version 20, a stored deadline's time on H2 moved with the JVM's zone: a store set by a server in the
     * park's zone and run by one in UTC found its deadlines 8 hours early. The overdue record and the escalation steps
     * are facts about the park's days, so a deadline that fires before its moment, for whatever reason, records nothing
     * and is set again for it. The test moves the waiting deadline 8 hours early, as such a store had it.
     */
    @Test
    void deadlinesThatFireBeforeTheirMoment_recordNothing_andFireAgainAtIt() throws Exception {
        Ledger l = park(TestLedgers.store(dir));
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(l, "hz-z", due);
        moveTheDeadline(endOf(due).minus(Duration.ofHours(8)));
        at(endOf(due).minus(Duration.ofHours(4)), l, () -> waitingFrom(endOf(due)) == 1);   // fired, set again
        assertThat(types(l, "hz-z")).as("nothing before the due date has ended")
                .containsExactly("HazardReported", "RectificationPlanned");
        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-z").contains("HazardEscalated"));
        assertThat(types(l, "hz-z")).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated");

        Instant circular = endOf(due).plus(Duration.ofDays(7));   // the second step of the default ladder
        moveTheDeadline(circular.minus(Duration.ofHours(8)));
        at(circular.minus(Duration.ofHours(4)), l, () -> waitingFrom(circular) == 1);
        assertThat(types(l, "hz-z")).as("the second step not taken before its moment").containsExactly(
                "HazardReported", "RectificationPlanned", "RectificationOverdue", "HazardEscalated");
        at(circular.plusSeconds(1), l, () -> types(l, "hz-z").stream().filter("HazardEscalated"::equals).count() == 2);
        assertThat(l.verify().holds()).isTrue();
    }

    /**
     * An embedded store keeps its deadlines as instants: one set by a server in one time zone comes due at its moment
     * when the store is run by a server in another (a file moved from an office PC to a server, a restored backup).
     * H2 gives each session the JVM's zone unless told another; the stores here are told, in their URL.
     */
    @ParameterizedTest(name = "set in {0}, run in {1}")
    @CsvSource({"America/New_York, Asia/Shanghai", "Asia/Shanghai, America/New_York", "UTC, Asia/Shanghai"})
    void anEmbeddedStore_firesItsDeadlinesAtTheirMoment_whateverZoneSetThemOrRunsThem(String setIn, String runIn) {
        LocalDate due = LocalDate.of(2026, 6, 3);
        Ledger setter = park(h2InZone("moved", setIn));
        reportAndPlan(setter, "hz-tz", due);
        assertThat(waitingDeadlines(lastStore)).as("stored as the instant the due date ends")
                .containsExactly(endOf(due));
        setter.close();
        open.remove(setter);

        Ledger runner = ledger(h2InZone("moved", runIn));
        clock.set(endOf(due).minusSeconds(30));
        runner.runDueDeadlines();
        assertThat(types(runner, "hz-tz")).as("not before its moment")
                .containsExactly("HazardReported", "RectificationPlanned");
        at(endOf(due).plusSeconds(1), runner, () -> types(runner, "hz-tz").contains("HazardEscalated"));
        assertThat(types(runner, "hz-tz")).containsExactly("HazardReported", "RectificationPlanned",
                "RectificationOverdue", "HazardEscalated");
        assertThat(waitingDeadlines(lastStore)).as("the second step, set in the zone that runs the store")
                .containsExactly(endOf(due).plus(Duration.ofDays(7)));
    }

    /**
     * A store from before schema version 20 held the scheduler's times as db-scheduler binds them with a UTC calendar,
     * and H2 stored that wall clock with the writing session's offset. Its first start with version 20 rewrites each as
     * the instant it stood for, whichever zone wrote it and whichever runs the migration; a time not set stays unset.
     */
    @ParameterizedTest(name = "written in {0}")
    @ValueSource(strings = {"Asia/Shanghai", "America/New_York", "UTC"})
    void anEmbeddedStoreFromBeforeVersion20_getsItsSchedulerTimesAsInstants(String writtenIn) throws Exception {
        Instant due = Instant.parse("2026-06-03T16:00:00Z");
        Instant heartbeat = Instant.parse("2026-06-01T02:00:05.123Z");
        DataSource before = h2InZone("old", writtenIn);
        Ledger.schemaMigrations(before).target("19").load().migrate();
        try (var c = before.getConnection(); var ps = c.prepareStatement("INSERT INTO scheduled_tasks (task_name, "
                + "task_instance, execution_time, picked, last_heartbeat, version) VALUES (?, ?, ?, ?, ?, 1)")) {
            var utc = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
            // as db-scheduler's alwaysPersistTimestampInUTC bound them until version 20
            for (String instance : List.of("due", "running")) {
                ps.setString(1, "AxonDeadline");
                ps.setString(2, instance);
                ps.setTimestamp(3, java.sql.Timestamp.from(due), utc);
                ps.setBoolean(4, instance.equals("running"));
                ps.setTimestamp(5, instance.equals("running") ? java.sql.Timestamp.from(heartbeat) : null, utc);
                ps.executeUpdate();
            }
        }
        DataSource after = h2InZone("old", "Europe/London");
        Ledger.schemaMigrations(after).load().migrate();
        assertThat(storedTimes(after)).containsExactly("due " + due + " null", "running " + due + " " + heartbeat);
    }

    /** On PostgreSQL the scheduler's times were stored as instants already: version 20 leaves them as they are. */
    @Test
    void onPostgreSql_version20_leavesTheSchedulerTimesAsTheyAre() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestLedgers.postgres(), "runs with -Dledger.test.store=postgres");
        Instant due = Instant.parse("2026-06-03T16:00:00Z");
        DataSource store = TestLedgers.emptyStore(dir);
        Ledger.schemaMigrations(store).target("19").load().migrate();
        try (var c = store.getConnection(); var st = c.createStatement()) {
            st.execute("SET TIME ZONE 'Asia/Shanghai'");
            st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                    + "VALUES ('AxonDeadline', 'due', TIMESTAMP WITH TIME ZONE '" + due + "', FALSE, 1)");
        }
        Ledger.schemaMigrations(store).load().migrate();
        assertThat(storedTimes(store)).containsExactly("due " + due + " null");
    }

    /** An H2 file store under the test's directory whose sessions run in {@code zone}. */
    private DataSource h2InZone(String file, String zone) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(file).toAbsolutePath() + ";LOCK_TIMEOUT=10000;TIME ZONE=" + zone);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** The instants at which the ledger's deadlines wait (not running), read as stored. */
    private static List<Instant> waitingDeadlines(DataSource store) {
        List<Instant> times = new ArrayList<>();
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT execution_time FROM "
                + "scheduled_tasks WHERE task_name = 'AxonDeadline' AND picked = FALSE ORDER BY execution_time")) {
            while (rs.next()) {
                times.add(SchedulerTimes.read(rs, "execution_time"));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return times;
    }

    /** Each deadline row's instance, execution time and last heartbeat, as instants. */
    private static List<String> storedTimes(DataSource store) throws java.sql.SQLException {
        List<String> rows = new ArrayList<>();
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT task_instance, "
                + "execution_time, last_heartbeat FROM scheduled_tasks ORDER BY task_instance")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + SchedulerTimes.read(rs, "execution_time")
                        + " " + SchedulerTimes.read(rs, "last_heartbeat"));
            }
        }
        return rows;
    }

    /** Moves the one waiting deadline to {@code to}. */
    private void moveTheDeadline(Instant to) {
        try (var c = lastStore.getConnection(); var st = c.prepareStatement(
                "UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = 'AxonDeadline' AND picked = FALSE")) {
            SchedulerTimes.bind(st, 1, to);
            assertThat(st.executeUpdate()).as("one deadline waits").isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutTheOfficeKeyListed_theStepWaits_andIsTakenOnceItIs() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger l = ledger(store);
        l.execute(new RegisterEnterprise("ent", "Acme", "chemicals", true));
        l.execute(new RegisterPerson("owner", "Owner", "ent", Set.of(Role.ENTERPRISE_STAFF)));
        // the office registered through a ledger not given its key (another node, a tool): this one would list the key
        // at its next start
        try (Ledger other = Ledger.builder().dataSource(store).clock(clock).build()) {
            other.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
        }
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(l, "hz-w", due);
        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-w").contains("RectificationOverdue"));
        // the first step runs, finds no office key and puts itself 15 minutes on; only then is the key listed
        Instant retry = endOf(due).plus(Duration.ofMinutes(15));
        io.hazardledger.Await.until("the step put off by 15 minutes", () -> "tasks " + tasks(),
                () -> waitingFrom(retry) == 1);
        assertThat(waitingFrom(retry.plusSeconds(60))).as("put off by 15 minutes, not more").isZero();
        assertThat(types(l, "hz-w")).doesNotContain("HazardEscalated");
        assertThat(l.registerOfficeKey()).startsWith("registered the office key");
        // a step that finds no office key waits 15 minutes, by the ledger's clock
        at(endOf(due).plus(Duration.ofMinutes(16)), l, () -> types(l, "hz-w").contains("HazardEscalated"));
        assertThat(l.verify().holds()).isTrue();
    }

    @Test
    void aReopenedHazardPlannedAgain_isOverdueAndEscalatedAgain_fromTheFirstStep() {
        Ledger l = park(TestLedgers.store(dir));
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(l, "hz-again", due);
        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-again").contains("HazardEscalated"));
        l.execute(new SubmitRectification("hz-again", "cleared", List.of(), "owner"));
        l.execute(new VerifyRectification("hz-again", true, "ok", "approver"));
        l.execute(new CloseOutHazard("hz-again", "done", "approver"));
        l.execute(new ReopenHazard("hz-again", "blocked again", "approver"));
        l.execute(new PlanRectification("hz-again", "Clear it for good", "owner", due, null, null, null, "owner"));
        at(endOf(due).plus(Duration.ofMinutes(1)), l,
                () -> types(l, "hz-again").stream().filter("HazardEscalated"::equals).count() == 2);
        List<HistoryEntry> history = l.register().history("hz-again");
        assertThat(history.stream().map(HistoryEntry::eventType).toList()).endsWith("HazardReopened",
                "RectificationPlanned", "RectificationOverdue", "HazardEscalated");
        assertThat(history.get(history.size() - 1).entryJson()).contains("\"stepNo\":1", "\"step\":\"NOTICE_LETTER\"");
    }

    @Test
    void aStoreFromBeforeDeadlines_getsTheDueDatesOfItsOpenHazards_atItsFirstStart() throws Exception {
        DataSource store = TestLedgers.store(dir);
        Ledger old = park(store);
        LocalDate due = LocalDate.of(2026, 6, 3);
        reportAndPlan(old, "hz-old", due);
        old.close();
        open.remove(old);
        // what a store migrated from V11 looks like: no deadline rows, and the backfill asked for
        try (var c = store.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DELETE FROM scheduled_tasks");
            st.executeUpdate("INSERT INTO deadline_backfill (pending) VALUES (TRUE)");
        }
        Ledger l = ledger(store);
        at(endOf(due).plusSeconds(1), l, () -> types(l, "hz-old").contains("HazardEscalated"));
        assertThat(types(l, "hz-old")).containsExactly("HazardReported", "RectificationPlanned", "RectificationOverdue",
                "HazardEscalated");
        try (var c = store.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM deadline_backfill")) {
            rs.next();
            assertThat(rs.getLong(1)).as("done once").isZero();
        }
    }
}
