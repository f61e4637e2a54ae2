package io.hazardledger.hazard;

import io.hazardledger.RuleViolationException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.hazardledger.directory.Refusals.ruleViolation;
import static io.hazardledger.directory.Refusals.unknownPerson;
import static io.hazardledger.hazard.Hazards.DUE;
import static io.hazardledger.hazard.Hazards.HAZARD;
import static io.hazardledger.hazard.Hazards.NOBODY;
import static io.hazardledger.hazard.Hazards.NOW;
import static io.hazardledger.hazard.Hazards.extend;
import static io.hazardledger.hazard.Hazards.extended;
import static io.hazardledger.hazard.Hazards.planned;
import static io.hazardledger.hazard.Hazards.reported;
import static io.hazardledger.hazard.Hazards.submitted;
import static io.hazardledger.hazard.Hazards.verified;
import static org.hamcrest.Matchers.containsString;

/** Deadline extension (延期): only of a planned rectification, only later, and recorded with the old due date. */
class HazardDeadlineExtensionTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    @Test
    void extend_toLaterDate_recordsPreviousAndNewDueDate() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(DUE.plusDays(14)))
               .expectEvents(extended(DUE, DUE.plusDays(14)));
    }

    @Test
    void extend_whileSubmissionAwaitsVerification_isAccepted() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .when(extend(DUE.plusDays(14)))
               .expectEvents(extended(DUE, DUE.plusDays(14)));
    }

    @Test
    void extend_again_startsFromTheExtendedDueDate() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), extended(DUE, DUE.plusDays(14)))
               .when(extend(DUE.plusDays(21)))
               .expectEvents(extended(DUE.plusDays(14), DUE.plusDays(21)));
    }

    @Test
    void extend_toEarlierDate_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(DUE.minusDays(1)))
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("extension-not-later"))
               .expectExceptionMessage(containsString("later than " + DUE))
               .expectNoEvents();
    }

    /** One extension to 2199 would keep the hazard from ever being overdue or escalated. */
    @Test
    void extend_moreThanAYearAhead_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(java.time.LocalDate.of(2199, 12, 31)))
               .expectException(ruleViolation("due-date-too-far"))
               .expectExceptionMessage(containsString("newDueDate 2199-12-31 lies more than P1Y after today"))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(Hazards.REPORT_DAY.plusYears(1).plusDays(1)))
               .expectException(ruleViolation("due-date-too-far"))
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(Hazards.REPORT_DAY.plusYears(1)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void extend_toTheSameDueDate_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(extend(DUE))
               .expectException(ruleViolation("extension-not-later"))
               .expectNoEvents();
    }

    @Test
    void extend_notLaterThanAnEarlierExtension_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), extended(DUE, DUE.plusDays(14)))
               .when(extend(DUE.plusDays(7)))
               .expectException(ruleViolation("extension-not-later"))
               .expectNoEvents();
    }

    @Test
    void extend_beforePlan_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR))
               .when(extend(DUE))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void extend_afterPassedVerification_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, true))
               .when(extend(DUE.plusDays(14)))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void extend_approvedByUnknownPerson_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(new ExtendDeadline(HAZARD, DUE.plusDays(14), "spare part on back order", NOBODY))
               .expectException(unknownPerson("approverId"))
               .expectNoEvents();
    }

    /** Extending to a date that has already passed would make the extension itself overdue. */
    @Test
    void extend_toADateAlreadyPassed_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(io.hazardledger.hazard.HazardLevel.MAJOR, NOW.minus(java.time.Duration.ofDays(40))),
                       planned(Hazards.REPORT_DAY.minusDays(20)))
               .when(extend(Hazards.REPORT_DAY.minusDays(1)))
               .expectException(ruleViolation("extension-into-the-past"))
               .expectNoEvents();
    }

    /** Separation of duties: the owner of a rectification does not grant themself more time for it. */
    @Test
    void extend_approvedByTheRectificationsOwner_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(new ExtendDeadline(HAZARD, DUE.plusDays(14), "spare part on back order", Hazards.OWNER))
               .expectException(ruleViolation("approver-is-owner"))
               .expectExceptionMessage(containsString("not be the rectification owner (" + Hazards.OWNER + ")"))
               .expectNoEvents();
    }
}
