package io.hazardledger.integrity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass canonical check agrees with the RFC 8785 canonicaliser: every entry the codec writes passes it with
 * its index and prevHash read back, and no line it accepts differs from its own canonical form.
 */
class CanonicalLineProperties {

    @Provide
    Arbitrary<EntryContent> contents() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20)
                .filter(s -> s.chars().noneMatch(ch -> Character.isSurrogate((char) ch)));
        Arbitrary<String> payload = Combinators.combine(text, text, Arbitraries.longs().between(-1_000_000, 1_000_000),
                        Arbitraries.of("true", "false", "null"))
                .as((a, b2, n, lit) -> "{\"b\":" + quote(b2) + ",\"a\":" + quote(a) + ",\"n\":" + n + ",\"l\":" + lit
                        + ",\"arr\":[" + n + "," + quote(a) + ",{\"z\":1,\"y\":[]}]}");
        return Combinators.combine(text, text, payload, Arbitraries.of("{}", "{\"traceId\":\"t\",\"correlationId\":\"c\"}"))
                .as((id, type, p, m) -> new EntryContent("ev-" + id, "Hazard", "agg-" + id, 3, "T" + type, null,
                        "2026-11-29T10:41:14.123Z", m, p));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    @Property(tries = 300)
    void everyEncodedEntry_isCanonical_andItsIndexAndLinkAreReadBack(@ForAll("contents") EntryContent c,
                                                                     @ForAll("indexes") long index) throws Exception {
        byte[] bytes = EntryCodec.encode(index, Hashes.ZERO_HASH, c);
        CanonicalLine line = CanonicalLine.scan(bytes);
        assertThat(line.canonical()).as(line.error() + " in " + new String(bytes, StandardCharsets.UTF_8)).isTrue();
        assertThat(line.index()).isEqualTo(index);
        assertThat(line.prevHash()).isEqualTo(Hashes.ZERO_HASH);
        assertThat(line.eventType()).isEqualTo(c.eventType());
    }

    @Provide
    Arbitrary<Long> indexes() {
        return Arbitraries.longs().between(0, 1L << 40);
    }

    @Property(tries = 2000)
    void aLineItAccepts_isItsOwnCanonicalForm(@ForAll("contents") EntryContent c, @ForAll("positions") int position,
                                             @ForAll("bytes") byte replacement) throws Exception {
        byte[] bytes = EntryCodec.encode(7, Hashes.ZERO_HASH, c);
        byte[] mutated = Arrays.copyOf(bytes, bytes.length);
        mutated[Math.floorMod(position, bytes.length)] = replacement;
        CanonicalLine line = CanonicalLine.scan(mutated);
        if (line.canonical()) {
            String text = new String(mutated, StandardCharsets.UTF_8);
            assertThat(new JsonCanonicalizer(text).getEncodedUTF8()).as(text).isEqualTo(mutated);
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Byte> bytes() {
        return Arbitraries.of((byte) ' ', (byte) '"', (byte) '\\', (byte) '0', (byte) '1', (byte) 'a', (byte) '{',
                (byte) '}', (byte) ',', (byte) ':', (byte) 0x0a, (byte) 0xc3, (byte) 0x80, (byte) 'u', (byte) '/',
                (byte) 'e', (byte) '.');
    }
}
