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
                {"A:P1D,A:P2D", "given twice"}, {"A:-P1D", "must not be negative"}}) {
            assertThatThrownBy(() -> EscalationLadder.parse(bad[0])).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(bad[1])
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("ledger.escalation.steps");
        }
    }
}
