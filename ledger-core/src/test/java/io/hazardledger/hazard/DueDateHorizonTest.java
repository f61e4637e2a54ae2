package io.hazardledger.hazard;

import io.hazardledger.InvalidInputException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The horizon's setting: an ISO 8601 period from one day to a hundred years, each refusal naming the setting. */
@Tag("store-independent")
class DueDateHorizonTest {

    @Test
    void theSetting_readsPeriodsWithinItsBounds_andRefusesOthersNamingIt() {
        assertThat(DueDateHorizon.parse("").ahead()).isEqualTo(Period.ofYears(1));
        assertThat(DueDateHorizon.parse(" P18M ").ahead()).isEqualTo(Period.ofMonths(18));
        assertThat(DueDateHorizon.parse("P100Y").ahead()).isEqualTo(Period.ofYears(100));
        for (String bad : new String[] {"P0D", "-P1Y", "P101Y", "P999999999Y", "one year", "PT24H"}) {
            assertThatThrownBy(() -> DueDateHorizon.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("ledger.rectification.due-date-horizon"));
        }
    }
}
