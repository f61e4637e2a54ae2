package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.hazardledger.directory.Refusals.invalidInput;
import static io.hazardledger.directory.Refusals.unknownEnterprise;
import static io.hazardledger.directory.Refusals.unknownPerson;
import static io.hazardledger.hazard.Hazards.CRITERION;
import static io.hazardledger.hazard.Hazards.ENTERPRISE;
import static io.hazardledger.hazard.Hazards.FOUND_AT;
import static io.hazardledger.hazard.Hazards.HAZARD;
import static io.hazardledger.hazard.Hazards.NOBODY;
import static io.hazardledger.hazard.Hazards.NOW;
import static io.hazardledger.hazard.Hazards.REPORTER;
import static io.hazardledger.hazard.Hazards.evidence;
import static io.hazardledger.hazard.Hazards.report;
import static io.hazardledger.hazard.Hazards.reported;

/** Reporting a hazard (事故隐患上报): references must exist, a major hazard cites its criterion, no future finds. */
class HazardReportTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    @Test
    void report_generalHazardWithoutCriterionRef_isRecorded() {
        fixture.givenCurrentTime(NOW)
               .when(report(HazardLevel.GENERAL, null))
               .expectSuccessfulHandlerExecution()
               .expectEvents(reported(HazardLevel.GENERAL));
    }

    @Test
    void report_majorHazardCitingItsCriterion_isRecorded() {
        fixture.givenCurrentTime(NOW)
               .when(report(HazardLevel.MAJOR, CRITERION))
               .expectEvents(reported(HazardLevel.MAJOR));
    }

    @Test
    void report_majorHazardWithoutCriterionRef_isRejected() {
        fixture.givenCurrentTime(NOW)
               .when(report(HazardLevel.MAJOR, null))
               .expectException(InvalidInputException.class)
               .expectException(invalidInput("criterionRef"))
               .expectNoEvents();
    }

    @Test
    void report_majorHazardWithBlankCriterionRef_isRejected() {
        fixture.givenCurrentTime(NOW)
               .when(report(HazardLevel.MAJOR, "   "))
               .expectException(invalidInput("criterionRef"))
               .expectNoEvents();
    }

    @Test
    void report_unknownEnterprise_isRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new ReportHazard(HAZARD, "ent-unknown", HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                       "fire safety", "Tank farm B", "Flange leak", null, FOUND_AT, REPORTER, List.of()))
               .expectException(unknownEnterprise("enterpriseId"))
               .expectExceptionMessage("enterpriseId: no enterprise with id 'ent-unknown'")
               .expectNoEvents();
    }

    @Test
    void report_unknownReporter_isRejected() {
        fixture.givenCurrentTime(NOW)
               .when(new ReportHazard(HAZARD, ENTERPRISE, HazardLevel.GENERAL, HazardSource.SELF_INSPECTION, null,
                       "fire safety", "Tank farm B", "Flange leak", null, FOUND_AT, NOBODY, List.of()))
               .expectException(unknownPerson("reportedBy"))
               .expectNoEvents();
    }

    @Test
    void report_foundAtMoreThanFiveMinutesAheadOfTheClock_isRejected() {
        fixture.givenCurrentTime(NOW)
               .when(reportFoundAt(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
               .expectException(invalidInput("foundAt"))
               .expectExceptionMessage("foundAt: must not be in the future")
               .expectNoEvents();
    }

    @Test
    void report_foundAtWithinFiveMinutesClockSkew_isRecorded() {
        ReportHazard cmd = reportFoundAt(NOW.plus(Duration.ofMinutes(5)));
        fixture.givenCurrentTime(NOW)
               .when(cmd)
               .expectEvents(new HazardReported(HAZARD, ENTERPRISE, HazardLevel.GENERAL, HazardSource.WHISTLEBLOWER,
                       null, "fire safety", "Tank farm B", "Flange leak", null, cmd.foundAt(), REPORTER,
                       List.of(evidence("before"))));
    }

    private static ReportHazard reportFoundAt(Instant foundAt) {
        return new ReportHazard(HAZARD, ENTERPRISE, HazardLevel.GENERAL, HazardSource.WHISTLEBLOWER, null,
                "fire safety", "Tank farm B", "Flange leak", null, foundAt, REPORTER, List.of(evidence("before")));
    }
}
