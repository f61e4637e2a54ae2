package io.hazardledger.hazard;

import io.hazardledger.RuleViolationException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.hazardledger.directory.Refusals.ruleViolation;
import static io.hazardledger.directory.Refusals.unknownPerson;
import static io.hazardledger.hazard.Hazards.DUE;
import static io.hazardledger.hazard.Hazards.NOBODY;
import static io.hazardledger.hazard.Hazards.NOW;
import static io.hazardledger.hazard.Hazards.REPORT_DAY;
import static io.hazardledger.hazard.Hazards.plan;
import static io.hazardledger.hazard.Hazards.planned;
import static io.hazardledger.hazard.Hazards.reported;
import static org.hamcrest.Matchers.containsString;

/** Planning the rectification (五落实): a known owner and a due date no earlier than the day of the report. */
class HazardPlanTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    @Test
    void plan_reportedHazard_recordsThePlan() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(DUE))
               .expectEvents(planned(DUE));
    }

    @Test
    void plan_dueDateBeforeTheDayFound_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(REPORT_DAY.minusDays(1)))
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("due-date-before-found"))
               .expectExceptionMessage(containsString("the due date 2026-11-01 lies before"))
               .expectNoEvents();
    }

    /** A due date decades away would keep the hazard from ever being overdue: a year from today at most. */
    @Test
    void plan_dueDateMoreThanAYearAhead_isRejected_aYearAheadAccepted() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(LocalDate.of(2199, 12, 31)))
               .expectException(ruleViolation("due-date-too-far"))
               .expectExceptionMessage(containsString("dueDate 2199-12-31 lies more than P1Y after today (2026-11-02):"
                       + " the latest allowed is 2027-11-02"))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(REPORT_DAY.plusYears(1).plusDays(1)))
               .expectException(ruleViolation("due-date-too-far"))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(REPORT_DAY.plusYears(1)))
               .expectEvents(planned(REPORT_DAY.plusYears(1)));
    }

    @Test
    void plan_dueDateOnTheDayFound_isAccepted() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(REPORT_DAY))
               .expectEvents(planned(REPORT_DAY));
    }

    /** Found and reported at 04:00 on 2 Nov in Shanghai, which is still 1 Nov in UTC: the park's day counts. */
    @Test
    void plan_dayFoundIsTheDayInTheParkTimeZone_notInUtc() {
        Instant earlyMorningInShanghai = Instant.parse("2026-11-01T20:00:00Z");
        fixture.givenCurrentTime(earlyMorningInShanghai)
               .andGiven(reported(HazardLevel.MAJOR, earlyMorningInShanghai))
               .when(plan(LocalDate.of(2026, 11, 1)))
               .expectException(ruleViolation("due-date-before-found"))
               .expectNoEvents();
    }

    /**
     * Found on 30 Oct, recorded on 2 Nov (a paper register being digitised): the due date is anchored on the day the
     * hazard was found, so 31 Oct is accepted (and the hazard is overdue at once).
     */
    @Test
    void plan_dueDateAfterTheDayFound_butBeforeTheDayRecorded_isAccepted() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR, Instant.parse("2026-10-30T02:00:00Z")))
               .when(plan(LocalDate.of(2026, 10, 31)))
               .expectEvents(planned(LocalDate.of(2026, 10, 31)));
    }

    @Test
    void plan_unknownOwner_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(plan(NOBODY, DUE))
               .expectException(unknownPerson("ownerId"))
               .expectNoEvents();
    }

    @Test
    void plan_twice_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(plan(DUE.plusDays(10)))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }
}
