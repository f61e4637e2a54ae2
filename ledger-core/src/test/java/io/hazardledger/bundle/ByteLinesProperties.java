package io.hazardledger.bundle;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time newline search agrees with a byte-by-byte search on any bytes and any range. */
class ByteLinesProperties {

    @Property(tries = 2000)
    void newlineSearch_agreesWithTheNaiveSearch(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 3) Integer> kinds,
                                               @ForAll @IntRange(min = 0, max = 80) int a,
                                               @ForAll @IntRange(min = 0, max = 80) int b) {
        // bytes drawn from '\n', a byte one bit away from it, 0x8A (its high-bit twin) and a letter
        byte[] bytes = new byte[kinds.size()];
        byte[] alphabet = {'\n', 0x0B, (byte) 0x8A, 'x'};
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = alphabet[kinds.get(k)];
        }
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        int expected = -1;
        for (int p = from; p < to; p++) {
            if (bytes[p] == '\n') {
                expected = p;
                break;
            }
        }
        assertThat(ByteLines.indexOfNewline(bytes, from, to)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void anchoredSearch_agreesWithTheNaiveSearch(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 2) Integer> kinds,
                                                @ForAll @IntRange(min = 0, max = 80) int a,
                                                @ForAll @IntRange(min = 0, max = 80) int b,
                                                @ForAll @IntRange(min = 0, max = 2) int anchor) {
        byte[] needle = {'a', 'K', 'b'};
        byte[] bytes = new byte[kinds.size()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = needle[kinds.get(k)];
        }
        int from = Math.min(Math.min(a, b), bytes.length);
        int to = Math.min(Math.max(a, b), bytes.length);
        int expected = -1;
        for (int p = from; p + needle.length <= to && expected < 0; p++) {
            if (bytes[p] == needle[0] && bytes[p + 1] == needle[1] && bytes[p + 2] == needle[2]) {
                expected = p;
            }
        }
        assertThat(ByteLines.indexOfAnchored(bytes, from, to, needle, anchor)).isEqualTo(expected);
    }
}
