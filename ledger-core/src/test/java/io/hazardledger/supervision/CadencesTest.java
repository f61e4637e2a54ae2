package io.hazardledger.supervision;

import io.hazardledger.AxonEventClock;
import io.hazardledger.Receipt;
import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.RuleViolationException;
import io.hazardledger.SettableClock;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RecordEvacuationDrill;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.CoSigner;
import io.hazardledger.inspection.CoSignerRole;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.store.internal.Sql;
import io.hazardledger.supervision.internal.CadenceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan's cadences: a leader-led inspection at least quarterly (monthly in a high-risk sector), counted once it is
 * complete (signed off, and co-signed by every co-signer it names) on the day of the entry that completed it; an
 * evacuation drill yearly (half-yearly in a high-risk sector); counted from the latest one, or from the enterprise's
 * registration; behind from the day after the last day it was due, with the entry that proves the latest one. The
 * clock is the test's own, and stamps the entries' {@code recordedAt}.
 */
class CadencesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    /** The day the enterprises were registered (entries are recorded at the real time), read from the first entry. */
    LocalDate REGISTERED;

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T02:00:00Z"));
    @RegisterExtension
    final AxonEventClock axonClock = new AxonEventClock(clock);
    DataSource store;
    Ledger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Ledger open() {
        ledger = Ledger.builder().dataSource(store).clock(clock).build();
        return ledger;
    }

    private Ledger park() {
        store = TestLedgers.store(dir);
        open();
        ledger.execute(new RegisterEnterprise("chem", "Chem Co", "hazardous chemicals", true));
        try {
            REGISTERED = LocalDate.ofInstant(java.time.Instant.parse(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(ledger.log().entries(0, 1).get(0)).get("recordedAt").asText()), PARK);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        ledger.execute(new RegisterEnterprise("pack", "Pack Co", "light industry", false));
        ledger.execute(new RegisterPerson("chem-gm", "GM", "chem", Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson("insp", "Inspector", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("expert", "Expert", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterPerson("chem-rep", "Representative", "chem", Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new AppointPrincipal("chem", "chem-gm"));
        return ledger;
    }

    private void days(int days) {
        clock.set(clock.instant().plus(Duration.ofDays(days)));
    }

    private static long index(Receipt result) {
        return result.entries().get(result.entries().size() - 1).index();
    }

    /** A one-item inspection of chem started and its item passed; led by {@code leader}, co-signed by whom it names. */
    private static void inspect(Ledger l, String id, String leader, CoSigner... coSigners) {
        l.execute(new StartInspection(id, "chem", "monthly check", "insp", leader, List.of(coSigners),
                List.of(new ChecklistItem("1", null, "exits clear"))));
        l.execute(new RecordItemResult(id, "1", ItemResult.PASS, null, null, "insp"));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), PARK);
    }

    private static CadenceStatus of(List<CadenceStatus> all, String enterprise, Cadence cadence) {
        return all.stream().filter(s -> s.enterpriseId().equals(enterprise) && s.cadence() == cadence).findFirst()
                .orElseThrow();
    }

    @Test
    void withNothingDone_anEnterpriseIsBehindFromTheDayAfterItsFirstPeriodSinceRegistration() {
        Ledger l = park();
        var chemInspection = of(l.cadences().on(REGISTERED.plusMonths(1)), "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(chemInspection.every()).isEqualTo(Period.ofMonths(1));
        assertThat(chemInspection.dueBy()).isEqualTo(REGISTERED.plusMonths(1));
        assertThat(chemInspection.behind()).as("on the last day it is due, not behind").isFalse();
        var nextDay = of(l.cadences().on(REGISTERED.plusMonths(1).plusDays(1)), "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(nextDay.behind()).isTrue();
        assertThat(nextDay.behindSince()).isEqualTo(REGISTERED.plusMonths(1).plusDays(1));
        assertThat(nextDay.last()).isNull();
        var pack = of(l.cadences().on(REGISTERED.plusMonths(2)), "pack", Cadence.LEADER_LED_INSPECTION);
        assertThat(pack.every()).isEqualTo(Period.ofMonths(3));
        assertThat(pack.behind()).isFalse();
        assertThat(of(l.cadences().on(REGISTERED.plusMonths(7)), "chem", Cadence.EVACUATION_DRILL).behind()).isTrue();
        assertThat(of(l.cadences().on(REGISTERED.plusMonths(7)), "pack", Cadence.EVACUATION_DRILL).behind()).isFalse();
    }

    @Test
    void theLatestCompletedLeaderLedInspectionAndDrill_startTheNextPeriod_andAreProvedByTheirEntries() {
        Ledger l = park();
        inspect(l, "in-1", "chem-gm");
        days(3);
        var signedOff = l.execute(new SignOffInspection("in-1", "all clear", "insp"));
        LocalDate completed = today();
        inspect(l, "in-2", null);
        l.execute(new SignOffInspection("in-2", "not led by the principal", "insp"));
        var drilled = l.execute(new RecordEvacuationDrill("chem", REGISTERED.minusDays(3), "whole site, 120 people",
                "chem-gm"));
        List<CadenceStatus> later = l.cadences().on(REGISTERED.plusDays(40));
        var inspection = of(later, "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(inspection.last()).as("the day it was signed off, not started").isEqualTo(REGISTERED.plusDays(3))
                .isEqualTo(completed);
        assertThat(inspection.lastIndex()).isEqualTo(index(signedOff));
        assertThat(inspection.lastEntryHash()).isEqualTo(signedOff.entries().get(0).entryHash());
        assertThat(inspection.dueBy()).isEqualTo(completed.plusMonths(1));
        assertThat(inspection.behind()).isTrue();
        var drill = of(later, "chem", Cadence.EVACUATION_DRILL);
        assertThat(drill.last()).isEqualTo(REGISTERED.minusDays(3));
        assertThat(drill.lastIndex()).isEqualTo(drilled.entries().get(0).index());
        assertThat(drill.dueBy()).isEqualTo(REGISTERED.minusDays(3).plusMonths(6));
        assertThat(drill.behind()).isFalse();
        long size = l.head().size();
        l.replay();
        assertThat(l.cadences().on(REGISTERED.plusDays(40))).isEqualTo(later);
        assertThat(l.head().size()).isEqualTo(size);
    }

    @Test
    void aLeaderLedInspectionOnlyStartedOrNotYetCoSigned_countsForNothing_untilItsLastCoSignature() {
        Ledger l = park();
        LocalDate judged = REGISTERED.plusMonths(1).plusDays(1);   // the first month ended without one
        inspect(l, "in-1", "chem-gm", new CoSigner("expert", CoSignerRole.EXPERT),
                new CoSigner("chem-rep", CoSignerRole.ENTERPRISE_REPRESENTATIVE));
        inspect(l, "in-not-led", "chem-rep", new CoSigner("expert", CoSignerRole.EXPERT));
        l.execute(new SignOffInspection("in-not-led", "led by another", "insp"));
        l.execute(new CoSignInspection("in-not-led", "expert", "agreed"));
        var started = of(l.cadences().on(judged), "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(started.last()).as("in-1 started, its item recorded: not complete; in-not-led complete, not led by "
                + "the principal").isNull();
        assertThat(started.behind()).isTrue();
        days(2);
        l.execute(new SignOffInspection("in-1", "all clear", "insp"));
        days(2);
        l.execute(new CoSignInspection("in-1", "expert", "agreed"));
        assertThat(of(l.cadences().on(judged), "chem", Cadence.LEADER_LED_INSPECTION).last())
                .as("signed off, one of its two co-signers has signed").isNull();
        // the principal changes before it completes: it was led by the principal of its day, as its start says
        l.execute(new AppointPrincipal("chem", "chem-rep"));
        long before = l.head().size();
        days(1);
        var last = l.execute(new CoSignInspection("in-1", "chem-rep", "acknowledged"));
        var complete = of(l.cadences().on(judged), "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(complete.last()).isEqualTo(REGISTERED.plusDays(5));
        assertThat(complete.lastIndex()).isEqualTo(index(last));
        assertThat(complete.behind()).isFalse();
        assertThat(l.cadences().today()).isEqualTo(l.cadences().on(today()));
        assertThat(of(((CadenceView) l.cadences()).on(judged, before, "chem"), "chem", Cadence.LEADER_LED_INSPECTION)
                .last()).as("as the ledger stood before it (the grades' reading)").isNull();
    }

    @Test
    void aStoreWhoseStartedInspectionsCounted_rebuildsItsCadencesOnceAsItIsUpgraded() throws Exception {
        Ledger l = park();
        inspect(l, "in-done", "chem-gm");
        var done = l.execute(new SignOffInspection("in-done", "all clear", "insp"));
        days(10);
        var startedOnly = l.execute(new StartInspection("in-open", "chem", "monthly check", "insp", "chem-gm",
                List.of(), List.of(new ChecklistItem("1", null, "exits clear"))));
        long size = l.head().size();
        ledger.close();
        ledger = null;
        // the store as a version before schema version 23 left it: every inspection led by the principal counted on
        // the day it was started (the later one, only started, decided)
        try (Connection c = store.getConnection()) {
            Sql.update(c, "DROP TABLE cadence_inspection");
            Sql.update(c, "DELETE FROM \"ledger_schema_history\" WHERE CAST(\"version\" AS INTEGER) >= 23");
            Sql.update(c, "DELETE FROM cadence_record WHERE kind = 'LEADER_LED_INSPECTION'");
            Sql.update(c, "INSERT INTO cadence_record (enterprise_id, kind, held_on, ledger_index, entry_hash) "
                    + "VALUES ('chem', 'LEADER_LED_INSPECTION', ?, ?, ?)", today(), index(startedOnly),
                    startedOnly.entries().get(0).entryHash());
        }
        var upgraded = of(open().cadences().today(), "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(upgraded.last()).isEqualTo(REGISTERED);
        assertThat(upgraded.lastIndex()).isEqualTo(index(done));
        assertThat(upgraded.dueBy()).isEqualTo(REGISTERED.plusMonths(1));
        assertThat(ledger.head().size()).as("a rebuild of the projections writes no entry").isEqualTo(size);
        assertThat(ledger.verify().holds()).isTrue();
    }

    @Test
    void aDrill_inTheFutureOrRecordedByAnotherEnterprisesStaff_isRefused() {
        Ledger l = park();
        l.execute(new RegisterPerson("pack-staff", "Staff", "pack", Set.of(Role.ENTERPRISE_STAFF)));
        long size = l.head().size();
        assertThatThrownBy(() -> l.execute(new RecordEvacuationDrill("chem", REGISTERED.plusDays(1), "d", "chem-gm")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> l.execute(new RecordEvacuationDrill("chem", REGISTERED, "d", "pack-staff")))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("own staff");
        assertThat(l.head().size()).isEqualTo(size);
    }
}
