package io.hazardledger.hazard;

import io.hazardledger.RuleViolationException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.hazardledger.directory.Refusals.ruleViolation;
import static io.hazardledger.directory.Refusals.unknownPerson;
import static io.hazardledger.hazard.Hazards.DUE;
import static io.hazardledger.hazard.Hazards.HAZARD;
import static io.hazardledger.hazard.Hazards.NOBODY;
import static io.hazardledger.hazard.Hazards.NOW;
import static io.hazardledger.hazard.Hazards.closeOut;
import static io.hazardledger.hazard.Hazards.closedOut;
import static io.hazardledger.hazard.Hazards.planned;
import static io.hazardledger.hazard.Hazards.reported;
import static io.hazardledger.hazard.Hazards.submitted;
import static io.hazardledger.hazard.Hazards.verified;
import static org.junit.jupiter.api.Named.named;

/** Close-out (销号) only after the latest submission passed verification: no closure without verification. */
class HazardCloseOutTest {

    private FixtureConfiguration<Hazard> fixture;

    @BeforeEach
    void setUp() {
        fixture = Hazards.fixture();
    }

    static Stream<Named<List<Object>>> historiesWithoutPassedVerification() {
        return Stream.of(
                named("reported", List.of(reported(HazardLevel.MAJOR))),
                named("planned", List.of(reported(HazardLevel.MAJOR), planned(DUE))),
                named("submitted", List.of(reported(HazardLevel.MAJOR), planned(DUE), submitted(1))),
                named("after failed verification",
                        List.of(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false))),
                named("resubmitted after failed verification",
                        List.of(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false),
                                submitted(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("historiesWithoutPassedVerification")
    void closeOut_withoutPassedVerification_isRejected(List<Object> history) {
        fixture.givenCurrentTime(NOW)
               .andGiven(history)
               .when(closeOut())
               .expectException(RuleViolationException.class)
               .expectException(ruleViolation("close-out-without-passed-verification"))
               .expectNoEvents();
    }

    @Test
    void closeOut_afterPassedVerification_isRecorded() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, true))
               .when(closeOut())
               .expectEvents(closedOut(1));
    }

    @Test
    void closeOut_afterSecondSubmissionPassed_citesTheSecondSubmission() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, false),
                       submitted(2), verified(2, true))
               .when(new CloseOutHazard(HAZARD, null, Hazards.OFFICE))
               .expectEvents(new HazardClosedOut(HAZARD, 2, null, Hazards.OFFICE));
    }

    @Test
    void closeOut_byUnknownPerson_isRejected() {
        fixture.givenCurrentTime(NOW)
               .andGiven(reported(HazardLevel.MAJOR), planned(DUE), submitted(1), verified(1, true))
               .when(new CloseOutHazard(HAZARD, null, NOBODY))
               .expectException(unknownPerson("closedBy"))
               .expectNoEvents();
    }
}
