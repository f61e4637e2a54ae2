package io.hazardledger.store.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored instants are read exactly as {@link Instant#parse} reads them: the same instant, or the same refusal. */
class StoredInstantsProperties {

    @Provide
    Arbitrary<String> storedForms() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        // Instant.toString (Axon's form: 0, 3, 6 or 9 digits), and any width of fraction from 1 to 9 digits
        return Combinators.combine(instants, Arbitraries.integers().between(-1, 9)).as((instant, width) -> {
            if (width < 0) {
                return instant.toString();
            }
            String whole = instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            String nanos = String.format("%09d", instant.getNano());
            return width == 0 ? whole : whole.substring(0, whole.length() - 1) + "." + nanos.substring(0, width) + "Z";
        });
    }

    @Property(tries = 3000)
    void readsEveryStoredFormAsInstantParseDoes(@ForAll("storedForms") String text) {
        assertThat(StoredInstants.direct(text)).as("read without the formatter").isEqualTo(Instant.parse(text));
        assertThat(StoredInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    /** The stored form with one character changed, or cut short, or lengthened: whatever Instant.parse makes of it. */
    @Provide
    Arbitrary<String> damagedForms() {
        Arbitrary<String> stored = storedForms();
        Arbitrary<Character> any = Arbitraries.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', ':', '.', 'T',
                't', 'Z', 'z', ' ', '+', 'x', '\u0661');
        Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 2);
        return Combinators.combine(stored, Arbitraries.integers().between(0, 31), any, kinds)
                .as((s, at, ch, how) -> {
                    int i = Math.min(at, s.length() - 1);
                    return switch (how) {
                        case 0 -> s.substring(0, i) + ch + s.substring(i + 1);
                        case 1 -> s.substring(0, i);
                        default -> s.substring(0, i) + ch + s.substring(i);
                    };
                });
    }

    @Property(tries = 5000)
    void readsAnyOtherTextAsInstantParseDoes(@ForAll("damagedForms") String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            assertThatThrownBy(() -> StoredInstants.parse(text)).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            return;
        }
        assertThat(StoredInstants.parse(text)).isEqualTo(expected);
    }

    @Example
    void fieldsOutOfRange_areInstantParsesToRefuseOrRead() {
        for (String text : new String[] {"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01T24:00:00Z",
                "2026-12-01T23:60:00Z", "2026-12-31T23:59:60Z", "2026-12-01T00:00:00.Z",
                "2026-12-01T00:00:00.1234567890Z",
                "2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "2100-02-29T00:00:00Z", "0000-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z"}) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = StoredInstants.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }
}
