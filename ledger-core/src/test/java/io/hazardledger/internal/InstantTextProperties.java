package io.hazardledger.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The read models' text of an instant is {@link Instant#toString}'s, to the character, for every instant. */
class InstantTextProperties {

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 253_402_300_799L),                        // the years written directly
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.longs().between(253_402_300_790L, 253_402_300_810L),         // around the year 10000
                Arbitraries.longs().between(-10, 10));                                   // around 1970
        // whole seconds, milliseconds, microseconds and nanoseconds, as each prints its own width of fraction
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return seconds.flatMap(s -> nanos.map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Property(tries = 5000)
    void writesEveryInstantAsToStringDoes(@ForAll("instants") Instant instant) {
        assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }

    @Example
    void theFormsAReplayWrites() {
        for (String text : new String[] {"2026-12-01T06:14:47.568Z", "2026-11-28T09:30:00Z", "1970-01-01T00:00:00Z",
                "2026-02-28T23:59:59.000001Z", "2024-02-29T12:00:00.000000001Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(InstantText.of(Instant.parse(text))).isEqualTo(text);
        }
        assertThat(InstantText.of(null)).isNull();
    }
}
