package io.hazardledger.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FORMAT.md section 6's clock-step rule, value by value, through both ways in: the text (as {@code verify} reads the
 * events) and the bytes of a bundle line's plain string (as {@code verify-bundle} reads them). Both give the same.
 */
class ClockStepsRuleTest {

    /** The steps of these recorded times, entry i being the i-th, given as text and as bytes; both must agree. */
    private static List<VerifiedLedger.ClockStep> steps(String... times) {
        ClockSteps asText = new ClockSteps();
        ClockSteps asBytes = new ClockSteps();
        for (int i = 0; i < times.length; i++) {
            asText.accept(i, times[i]);
            if (times[i] != null) {
                byte[] b = ("\"" + times[i] + "\"").getBytes(StandardCharsets.UTF_8);
                asBytes.accept(i, b, 1, b.length - 1);
            }
        }
        assertThat(asBytes.steps()).as("the bytes' steps").isEqualTo(asText.steps());
        return asText.steps();
    }

    private static List<Long> indexes(List<VerifiedLedger.ClockStep> steps) {
        return steps.stream().map(VerifiedLedger.ClockStep::index).toList();
    }

    @Test
    void aStepBackOfMoreThanAMinute_isListedAtTheFirstEntryOfItsRun() {
        List<VerifiedLedger.ClockStep> s = steps("2026-12-07T10:00:00.000Z", "2026-12-07T09:00:00.000Z",
                "2026-12-07T09:00:30.000Z", "2026-12-07T10:00:01.000Z", "2026-12-07T09:58:00.500Z");
        assertThat(indexes(s)).containsExactly(1L, 4L);
        assertThat(s.get(0)).isEqualTo(new VerifiedLedger.ClockStep(1, "2026-12-07T09:00:00.000Z",
                "2026-12-07T10:00:00.000Z", 3600));
        assertThat(s.get(1).secondsBack()).as("rounded down").isEqualTo(120);
    }

    @Test
    void aMinuteOrLessBack_orTheSameSecond_isNoStep_andEndsARun() {
        assertThat(steps("2026-12-07T10:01:00.000Z", "2026-12-07T10:00:00.000Z", "2026-12-07T10:00:59.999Z"))
                .isEmpty();
        // the same second ends a run: the next entry a step behind starts a new one
        assertThat(indexes(steps("2026-12-07T10:00:00.900Z", "2026-12-07T09:00:00.000Z", "2026-12-07T10:00:00.100Z",
                "2026-12-07T09:00:01.000Z"))).containsExactly(1L, 3L);
    }

    @Test
    void aValueNotOfTheStoredForm_isPassedOver_andChangesNothing() {
        String[] notStored = {"2026-13-99T99:99:99.999Z", "2026-02-29T10:00:00.000Z", "2026-12-07T24:00:00.000Z",
                "2026-12-07T10:00:60.000Z", "2026-12-07T1\t:00:00.000Z", "2026-12-07T10:00:00.000+", "2026-12-07 10:00",
                "２026-12-07T10:00:00.000Z", "2026-12-07T10:00:00Z", null};
        for (String value : notStored) {
            // first, it does not become the latest time; between, it neither ends nor starts a run
            assertThat(indexes(steps(value, "2026-12-07T10:00:00.000Z", "2026-12-07T08:00:00.000Z")))
                    .as("first: %s", value).containsExactly(2L);
            assertThat(indexes(steps("2026-12-07T10:00:00.000Z", "2026-12-07T08:00:00.000Z", value,
                    "2026-12-07T08:00:01.000Z"))).as("within a run: %s", value).containsExactly(1L);
        }
        assertThat(indexes(steps("2024-02-29T10:00:00.000Z", "2024-02-29T08:00:00.000Z")))
                .as("29 February of a leap year is a time").containsExactly(1L);
    }

    @Test
    void onlyTheFirstHundredStepsAreListed() {
        String[] times = new String[300];
        for (int i = 0; i < times.length; i++) {
            times[i] = i % 2 == 0 ? "2026-12-07T10:00:00.000Z" : "2026-12-07T08:00:00.000Z";
        }
        List<VerifiedLedger.ClockStep> s = steps(times);
        assertThat(s).hasSize(ClockSteps.LISTED);
        assertThat(s.get(99).index()).isEqualTo(199);
    }
}
