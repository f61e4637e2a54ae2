package io.hazardledger.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ratio the load harness reports over several rounds: their median. */
class CommandLoadMedianTest {

    @Test
    void median_ofAnOddCount_isTheMiddleValue_ofAnEvenCount_theMeanOfTheTwoMiddleOnes() {
        assertThat(CommandLoad.median(new double[] {0.903, 0.742, 0.929})).isEqualTo(0.903);
        assertThat(CommandLoad.median(new double[] {0.903, 0.896, 0.929, 0.742, 0.740, 0.945, 0.867, 0.920}))
                .isCloseTo(0.8995, within(1e-9));
        assertThat(CommandLoad.median(new double[] {0.7})).isEqualTo(0.7);
    }

    @Test
    void median_leavesTheRoundsInTheirOrder() {
        double[] rounds = {0.9, 0.6, 0.8};
        CommandLoad.median(rounds);
        assertThat(rounds).containsExactly(0.9, 0.6, 0.8);
    }
}
