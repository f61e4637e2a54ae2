package io.hazardledger.supervision;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.RuleViolationException;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.RecordEvacuationDrill;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.StartInspection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan's cadences: a leader-led inspection at least quarterly (monthly in a high-risk sector), an evacuation drill
 * yearly (half-yearly in a high-risk sector), counted from the latest one, or from the enterprise's registration;
 * behind from the day after the last day it was due, with the entry that proves the latest one.
 */
class CadencesTest {

    static final ZoneId PARK = ZoneId.of("Asia/Shanghai");
    /** The day the enterprises were registered (entries are recorded at the real time), read from the first entry. */
    LocalDate REGISTERED;

    @TempDir
    Path dir;

    Ledger ledger;

    @AfterEach
    void close() {
        ledger.close();
    }

    private Ledger park() {
        ledger = Ledger.builder().dataSource(TestLedgers.store(dir))
                .clock(Clock.system(PARK)).build();
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
        ledger.execute(new AppointPrincipal("chem", "chem-gm"));
        return ledger;
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
    void theLatestLeaderLedInspectionAndDrill_startTheNextPeriod_andAreProvedByTheirEntries() {
        Ledger l = park();
        var inspected = l.execute(new StartInspection("in-1", "chem", "monthly check", "insp", "chem-gm", List.of(),
                List.of(new ChecklistItem("1", null, "exits clear"))));
        l.execute(new StartInspection("in-2", "chem", "not led", "insp", null, List.of(),
                List.of(new ChecklistItem("1", null, "exits clear"))));
        var drilled = l.execute(new RecordEvacuationDrill("chem", REGISTERED.minusDays(3), "whole site, 120 people",
                "chem-gm"));
        List<CadenceStatus> later = l.cadences().on(REGISTERED.plusDays(40));
        var inspection = of(later, "chem", Cadence.LEADER_LED_INSPECTION);
        assertThat(inspection.last()).isEqualTo(REGISTERED);
        assertThat(inspection.lastIndex()).isEqualTo(inspected.entries().get(0).index());
        assertThat(inspection.lastEntryHash()).isEqualTo(inspected.entries().get(0).entryHash());
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
