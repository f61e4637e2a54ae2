package io.hazardledger.hazard;

import io.hazardledger.RuleViolationException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hazardledger.directory.Refusals.ruleViolation;
import static io.hazardledger.directory.Refusals.unknownPerson;
import static io.hazardledger.hazard.Hazards.DUE;
import static io.hazardledger.hazard.Hazards.FITTER;
import static io.hazardledger.hazard.Hazards.NOBODY;
import static io.hazardledger.hazard.Hazards.NOW;
import static io.hazardledger.hazard.Hazards.OWNER;
import static io.hazardledger.hazard.Hazards.VERIFIER;
import static io.hazardledger.hazard.Hazards.closeOut;
import static io.hazardledger.hazard.Hazards.closedOut;
import static io.hazardledger.hazard.Hazards.evidence;
import static io.hazardledger.hazard.Hazards.planned;
import static io.hazardledger.hazard.Hazards.reported;
import static io.hazardledger.hazard.Hazards.submit;
import static io.hazardledger.hazard.Hazards.submitted;
import static io.hazardledger.hazard.Hazards.verified;
import static io.hazardledger.hazard.Hazards.verify;

/** On-site acceptance (验收) of the latest submission, never by the person who owns or did the rectification. */
class HazardVerificationTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    @Test
    void verify_passed_isRecordedForTheLatestSubmission() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .when(verify(true, VERIFIER))
               .expectEvents(verified(1, true));
    }

    @Test
    void verify_passed_allowsTheNextCloseOut() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .andGivenCommands(verify(true, VERIFIER))
               .when(closeOut())
               .expectEvents(closedOut(1));
    }

    @Test
    void verify_failed_isRecordedForTheLatestSubmission() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false), submitted(2))
               .when(verify(false, VERIFIER))
               .expectEvents(verified(2, false));
    }

    @Test
    void verify_failed_sendsTheHazardBackToItsOwnerForResubmission() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .andGivenCommands(verify(false, VERIFIER))
               .when(submit(FITTER, List.of(evidence("after"))))
               .expectEvents(submitted(2));
    }

    @Test
    void verify_byTheRectificationOwner_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .when(verify(true, OWNER))
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("verifier-is-owner"))
               .expectNoEvents();
    }

    @Test
    void verify_byThePersonWhoSubmitted_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1, FITTER, List.of(evidence("after"))))
               .when(verify(true, FITTER))
               .expectException(ruleViolation("verifier-is-submitter"))
               .expectNoEvents();
    }

    @Test
    void verify_byWhoeverSubmittedTheLatestSubmission_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false),
                       submitted(2, VERIFIER, List.of(evidence("after-2"))))
               .when(verify(true, VERIFIER))
               .expectException(ruleViolation("verifier-is-submitter"))
               .expectNoEvents();
    }

    @Test
    void verify_whenNothingWasSubmitted_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(verify(true, VERIFIER))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void verify_afterFailedVerificationWithoutResubmission_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false))
               .when(verify(true, VERIFIER))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void verify_aSubmissionThatAlreadyPassed_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, true))
               .when(verify(true, VERIFIER))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void verify_byUnknownPerson_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .when(verify(true, NOBODY))
               .expectException(unknownPerson("verifierId"))
               .expectNoEvents();
    }

    /** A failed verification, a resubmission by someone else: whoever submitted the first try still may not verify. */
    @Test
    void verify_byWhoeverSubmittedAnEarlierTry_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1, Hazards.OFFICE, List.of(evidence("try-1"))),
                       verified(1, false), submitted(2))
               .when(verify(true, Hazards.OFFICE))
               .expectException(ruleViolation("verifier-is-submitter"))
               .expectNoEvents();
    }
}
