package io.hazardledger.integrity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Named non-canonical lines the one-pass check refuses. */
class CanonicalLineTest {

    private static String entry() throws Exception {
        return new String(EntryCodec.encode(4, Hashes.ZERO_HASH, new EntryContent("ev-1", "Hazard", "hz-1", 0,
                "HazardReopened", null, "2026-11-29T10:41:14.123Z", "{}",
                "{\"hazardId\":\"hz-1\",\"reason\":\"tab\\there / slash \u00e9\",\"n\":12}")), StandardCharsets.UTF_8);
    }

    @Test
    void theCodecsOutput_isCanonical() throws Exception {
        CanonicalLine line = CanonicalLine.scan(entry().getBytes(StandardCharsets.UTF_8));
        assertThat(line.canonical()).as(line.error()).isTrue();
        assertThat(line.index()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "space after a comma|,\"n\":12|, \"n\":12",
            "escaped slash|/ slash|\\/ slash",
            "unicode escape of a printable character|\\u00e9|\\u00e9",
            "tab written as a \\u escape|\\t|\\u0009",
            "leading zero|\"n\":12|\"n\":012",
            "members out of order|\"hazardId\":\"hz-1\",\"n\":12|\"n\":12,\"hazardId\":\"hz-1\"",
            "version 2|\"version\":1|\"version\":2",
            "trailing garbage|\"version\":1}|\"version\":1}x"})
    void nonCanonicalLines_areRefused(String name, String from, String to) throws Exception {
        String e = entry();
        String raw = from.equals("\\u00e9") ? e.replace("\u00e9", "\\u00e9") : e.replace(from, to);
        assertThat(raw).as(name).isNotEqualTo(e);
        CanonicalLine line = CanonicalLine.scan(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(line.canonical()).as(name).isFalse();
        assertThat(line.needsFullCheck()).as(name).isFalse();
    }

    /** The payload object and 63 arrays in it: as deep as the codec writes; one array more is refused by both. */
    @Test
    void nesting_stopsWhereTheCodecsDoes() throws Exception {
        String deepest = "{\"a\":" + "[".repeat(63) + "1" + "]".repeat(63) + "}";
        CanonicalLine line = scanWith("{}", deepest);
        assertThat(line.canonical()).as(line.error()).isTrue();
        String deeper = "{\"a\":" + "[".repeat(64) + "1" + "]".repeat(64) + "}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scanWith("{}", deeper))
                .isInstanceOf(EntryCodec.MalformedEntryException.class);
        String line65 = new String(EntryCodec.encode(0, Hashes.ZERO_HASH, new EntryContent("ev-1", "Hazard", "hz-1", 0,
                "T", null, "2026-11-29T10:41:14.123Z", "{}", deepest)), StandardCharsets.UTF_8)
                .replace("[1]", "[[1]]");
        CanonicalLine refused = CanonicalLine.scan(line65.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.canonical()).isFalse();
        assertThat(refused.error()).isEqualTo("nested too deeply");
    }

    @Test
    void aFraction_asksForTheFullCheck() throws Exception {
        String raw = entry().replace("\"n\":12", "\"n\":1.5");
        CanonicalLine line = CanonicalLine.scan(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(line.needsFullCheck()).isTrue();
    }

    @Test
    void nonAsciiMemberNames_areOrderedByUtf16CodeUnits() throws Exception {
        String e = new String(EntryCodec.encode(0, Hashes.ZERO_HASH, new EntryContent("ev-1", "Hazard", "hz-1", 0,
                "T", null, "2026-11-29T10:41:14.123Z", "{}",
                "{\"\u20ac\":1,\"z\":2,\"\u00e9\":3,\"a\\\"b\":4,\"\ud83d\ude00\":5,\"\ue000\":6}")), StandardCharsets.UTF_8);
        assertThat(CanonicalLine.scan(e.getBytes(StandardCharsets.UTF_8)).canonical()).as(e).isTrue();
        String swapped = e.replace("\"z\":2,\"\u00e9\":3", "\"\u00e9\":3,\"z\":2");
        assertThat(swapped).isNotEqualTo(e);
        assertThat(CanonicalLine.scan(swapped.getBytes(StandardCharsets.UTF_8)).canonical()).isFalse();
        String astral = e.replace("\"\ud83d\ude00\":5,\"\ue000\":6", "\"\ue000\":6,\"\ud83d\ude00\":5");
        assertThat(astral).isNotEqualTo(e);
        assertThat(CanonicalLine.scan(astral.getBytes(StandardCharsets.UTF_8)).canonical()).isFalse();
    }

    private static CanonicalLine scanWith(String metadata, String payload) throws Exception {
        return CanonicalLine.scan(EntryCodec.encode(0, Hashes.ZERO_HASH, new EntryContent("ev-1", "Hazard", "hz-1", 0,
                "T", null, "2026-11-29T10:41:14.123Z", metadata, payload)));
    }

    @Test
    void aSignedStatement_isSeenOnlyAsAMemberOfMetadata() throws Exception {
        assertThat(scanWith("{\"ledgerSignature\":{\"v\":1},\"traceId\":\"t\"}", "{}").mayBeSigned()).isTrue();
        assertThat(scanWith("{\"a\":1,\"ledgerSignature\":\"x\"}", "{}").mayBeSigned()).isTrue();
        assertThat(scanWith("{\"x\":{\"ledgerSignature\":1}}", "{}").mayBeSigned()).as("nested").isFalse();
        assertThat(scanWith("{}", "{\"ledgerSignature\":1}").mayBeSigned()).as("in the payload").isFalse();
        assertThat(scanWith("{\"ledgerSignatures\":1}", "{}").mayBeSigned()).as("another name").isFalse();
        assertThat(scanWith("{\"t\":\"ledgerSignature\"}", "{}").mayBeSigned()).as("a value").isFalse();
    }

    @Test
    void theLink_isComparedWithTheHashBytes() throws Exception {
        byte[] previous = Hashes.leafHashBytes("an earlier entry".getBytes(StandardCharsets.UTF_8));
        String hex = java.util.HexFormat.of().formatHex(previous);
        CanonicalLine line = CanonicalLine.scan(EntryCodec.encode(7, hex, new EntryContent("ev-1", "Hazard", "hz-1", 0,
                "T", null, "2026-11-29T10:41:14.123Z", "{}", "{}")));
        assertThat(line.canonical()).isTrue();
        assertThat(line.prevHashIs(previous)).isTrue();
        assertThat(line.prevHash()).isEqualTo(hex);
        byte[] other = previous.clone();
        other[31] ^= 1;
        assertThat(line.prevHashIs(other)).isFalse();
        assertThat(line.prevHashIs(new byte[32])).isFalse();
    }

    @Test
    void integersFrom2To53_askForTheFullCheck_andATruncatedEscape_isRefused() throws Exception {
        String e = entry();
        for (String n : new String[]{"9007199254740992", "9999999999999999", "-9007199254740993", "12345678901234567"}) {
            CanonicalLine line = CanonicalLine.scan(e.replace("\"n\":12", "\"n\":" + n).getBytes(StandardCharsets.UTF_8));
            assertThat(line.needsFullCheck()).as(n).isTrue();
        }
        assertThat(CanonicalLine.scan(e.replace("\"n\":12", "\"n\":9007199254740991")
                .getBytes(StandardCharsets.UTF_8)).canonical()).isTrue();
        CanonicalLine truncated = CanonicalLine.scan("{\"aggregateId\":\"\\u00".getBytes(StandardCharsets.UTF_8));
        assertThat(truncated.canonical()).isFalse();
        assertThat(truncated.error()).isNotNull();
    }

    @Test
    void theSmallestLong_isWrittenAsTheCanonicaliserWritesIt() throws Exception {
        String e = new String(EntryCodec.encode(0, Hashes.ZERO_HASH, new EntryContent("ev-1", "Hazard", "hz-1",
                Long.MIN_VALUE, "T", null, "2026-11-29T10:41:14.123Z", "{}", "{}")), StandardCharsets.UTF_8);
        assertThat(e).contains("\"aggregateSequence\":-9223372036854776000");
    }
}
