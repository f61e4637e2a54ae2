package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The escalation ladder as configured: its default, and a wrong setting refused with a message that names it. */
class EscalationLadderTest {

    @Test
    void theDefault_isTheThreeYearPlansLadder() {
        EscalationLadder ladder = EscalationLadder.defaults();
        assertThat(ladder.steps()).extracting(EscalationLadder.Step::name)
                .containsExactly("NOTICE_LETTER", "CIRCULAR", "SUMMONS", "PUBLIC_EXPOSURE");
        assertThat(ladder.steps()).extracting(EscalationLadder.Step::afterOverdue)
                .containsExactly(Duration.ZERO, Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30));
        assertThat(ladder.step(0)).isEmpty();
        assertThat(ladder.step(5)).isEmpty();
        assertThat(EscalationLadder.parse(" ").steps()).isEmpty();
    }

    @Test
    void aWrongLadder_isRefused_namingTheSettingAndTheStep() {
        for (String[] bad : new String[][]{{"NOTICE", "NAME:DURATION"}, {"NOTICE:7 days", "not an ISO-8601 duration"},
                {"notice:P1D", "A-Z, 0-9 and _"}, {"A:P7D,B:P1D", "in the order of their delays"},
                {"A:P1D,A:P2D", "given twice"}, {"A:-P1D", "must not be negative"},
                // a delay that would leave the calendar (its time could not be computed, and the overdue entry with it)
                {"NOTICE_LETTER:PT9223372036854775807S", "at most 36525 days"}, {"A:P36526D", "at most 36525 days"},
                // the plan's steps in another order: exposure before the notice letter
                {"PUBLIC_EXPOSURE:P0D,NOTICE_LETTER:P7D", "NOTICE_LETTER comes after PUBLIC_EXPOSURE"},
                {"CIRCULAR:P0D,OWN_STEP:P1D,NOTICE_LETTER:P2D", "NOTICE_LETTER comes after CIRCULAR"},
                {"NOTICE_LETTER:P1M", "months and years have no fixed length"}}) {
            assertThatThrownBy(() -> EscalationLadder.parse(bad[0])).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(bad[1])
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ledger.escalation.steps");
        }
    }

    @Test
    void aParksOwnSteps_goBesideThePlans_andTheLongestDelayIsAHundredYears() {
        EscalationLadder ladder = EscalationLadder.parse("NOTICE_LETTER:P0D,REINSPECTION:P3D,CIRCULAR:P7D,"
                + "SUSPENSION:P20D,PUBLIC_EXPOSURE:P36525D");
        assertThat(ladder.steps()).extracting(EscalationLadder.Step::name).containsExactly("NOTICE_LETTER",
                "REINSPECTION", "CIRCULAR", "SUSPENSION", "PUBLIC_EXPOSURE");
        assertThat(ladder.step(5).orElseThrow().afterOverdue()).isEqualTo(Duration.ofDays(36_525));
    }
}
