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
import static io.hazardledger.hazard.Hazards.evidence;
import static io.hazardledger.hazard.Hazards.planned;
import static io.hazardledger.hazard.Hazards.reported;
import static io.hazardledger.hazard.Hazards.submit;
import static io.hazardledger.hazard.Hazards.submitted;
import static io.hazardledger.hazard.Hazards.verified;

/** Submitting a rectification as done: only against a plan, numbered, and with evidence for a major hazard. */
class HazardSubmissionTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    @Test
    void submit_plannedRectification_isSubmissionNumberOne() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(submit())
               .expectEvents(submitted(1));
    }

    @Test
    void submit_afterFailedVerification_isSubmissionNumberTwo() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false))
               .when(submit())
               .expectEvents(submitted(2));
    }

    @Test
    void submit_majorHazardWithoutEvidence_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(submit(FITTER, List.of()))
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("evidence-required"))
               .expectNoEvents();
    }

    @Test
    void submit_generalHazardWithoutEvidence_isAccepted() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.GENERAL), planned(DUE))
               .when(submit(FITTER, List.of()))
               .expectEvents(submitted(1, FITTER, List.of()));
    }

    @Test
    void submit_beforePlan_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.GENERAL))
               .when(submit())
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void submit_whileTheLastSubmissionAwaitsVerification_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))
               .when(submit(FITTER, List.of(evidence("after-again"))))
               .expectException(ruleViolation("illegal-transition"))
               .expectNoEvents();
    }

    @Test
    void submit_byUnknownPerson_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE))
               .when(submit(NOBODY, List.of(evidence("after"))))
               .expectException(unknownPerson("submittedBy"))
               .expectNoEvents();
    }
}
