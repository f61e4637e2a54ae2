package io.hazardledger.integrity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CanonicalJson} writes the same characters as the RFC 8785 reference library for random JSON texts, spelled
 * in random non-canonical ways (white space, escapes, number spellings), and refuses what RFC 8259 refuses.
 */
@net.jqwik.api.Tag("store-independent")   // not run again on PostgreSQL (.ci/run)
class CanonicalJsonProperties {

    @Property(tries = 1000)
    void sameCharactersAsTheReferenceLibrary(@ForAll("texts") String json) throws IOException {
        assertSameAsReference(json);
    }

    @Property(tries = 1000)
    void numbers_asTheReferenceWritesThem(@ForAll("numbers") String number) throws IOException {
        assertSameAsReference("{\"n\":" + number + ",\"a\":[" + number + "]}");
    }

    /** The reference's characters, or an IOException from both (numbers beyond doubles, such as 1e400). */
    private static void assertSameAsReference(String json) throws IOException {
        String reference;
        try {
            reference = new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException refused) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(json)).isInstanceOf(IOException.class);
            return;
        }
        assertThat(CanonicalJson.canonicalize(json)).isEqualTo(reference);
    }

    @Example
    void rfc8785Examples() throws IOException {
        // RFC 8785 section 3.2.2.3's sorting example and a few of Appendix B's numbers
        assertThat(CanonicalJson.canonicalize("{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
                + "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
                + "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}"))
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O "
                        + "With Diaeresis\",\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter "
                        + "Dalet With Dagesh\"}");
        assertThat(CanonicalJson.canonicalize("[1E30,4.50,2e-3,0.000001,1e-7,-0,9007199254740993,"
                + "333333333.33333329,1e21,1e20]"))
                .isEqualTo("[1e+30,4.5,0.002,0.000001,1e-7,0,9007199254740992,333333333.3333333,1e+21,100000000000000000000]");
    }

    /**
     * What the reference reads beyond Jackson's default limits (numbers, names) reads here too; nesting stops at 64
     * objects and arrays (no event the ledger writes comes near), so that no stored text can overflow a reader's stack.
     */
    @Example
    void noSizeLimitsTheReferenceDoesNotHave_butTheDepth() throws IOException {
        assertSameAsReference("{\"n\":0." + "0".repeat(1200) + "1,\"m\":" + "9".repeat(300) + "}");
        assertSameAsReference("{\"" + "x".repeat(60_000) + "\":1,\"a\":2}");
        assertSameAsReference("[".repeat(63) + "{\"b\":1,\"a\":2}" + "]".repeat(63));
        for (int depth : new int[]{65, 100_000}) {
            String deep = "[".repeat(depth - 1) + "{\"b\":1,\"a\":2}" + "]".repeat(depth - 1);
            assertThatThrownBy(() -> CanonicalJson.canonicalize(deep)).as("%d deep", depth)
                    .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
        }
    }

    @Example
    void refusesWhatRfc8259Refuses() {
        for (String bad : List.of("{\"a\":01}", "{\"a\":-01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":NaN}",
                "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{\"a\":1}{}", "{'a':1}", "{\"a\":1,}", "{\"a\":\"\u0001\"}",
                "{/*c*/\"a\":1}", "", "{\"a\":[1,2}", "{\"a\":1e400}")) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> doubles = Arbitraries.longs().map(Double::longBitsToDouble)
                .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).map(d -> Double.toString(d));
        Arbitrary<String> integers = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(BigInteger::toString);
        Arbitrary<String> near53 = Arbitraries.longs().between((1L << 53) - 5, (1L << 53) + 5)
                .flatMap(v -> Arbitraries.of(String.valueOf(v), String.valueOf(-v)));
        Arbitrary<String> spelled = Combinators.combine(Arbitraries.integers().between(-999, 999),
                        Arbitraries.strings().numeric().ofMaxLength(4), Arbitraries.integers().between(-330, 330),
                        Arbitraries.of("e", "E", "e+", "E-"))
                .as((i, fraction, exponent, e) -> i + (fraction.isEmpty() ? "" : "." + fraction)
                        + (e.endsWith("-") || e.endsWith("+") ? e + Math.abs(exponent) : e + exponent));
        return Arbitraries.oneOf(doubles, integers, near53, spelled);
    }

    @Provide
    Arbitrary<String> texts() {
        return value(3).filter(json -> json.startsWith("{") || json.startsWith("[")); // the library reads no bare value
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(string(), new CanonicalJsonProperties().numbers(),
                Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = Combinators.combine(value(depth - 1).list().ofMaxSize(4), space())
                .as((items, sp) -> "[" + sp + String.join(sp + "," + sp, items) + sp + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.maps(rawText(), value(depth - 1)).ofMaxSize(5), space())
                .as((members, sp) -> {
                    StringBuilder s = new StringBuilder("{").append(sp);
                    members.forEach((name, v) -> {
                        if (s.length() > 1 + sp.length()) {
                            s.append(',').append(sp);
                        }
                        s.append(spell(name)).append(sp).append(':').append(sp).append(v);
                    });
                    return s.append(sp).append('}').toString();
                });
        return Arbitraries.frequencyOf(Tuple.of(5, leaf), Tuple.of(1, array), Tuple.of(3, object));
    }

    private static Arbitrary<String> space() {
        return Arbitraries.of("", "", " ", "\n  ", "\t");
    }

    private static Arbitrary<String> string() {
        return rawText().map(CanonicalJsonProperties::spell);
    }

    /** A JSON string for {@code s}, each character written plainly or as a \\u escape at random (by its value). */
    private static String spell(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20 || (ch * 31 + i) % 5 == 0) {
                out.append(String.format("\\u%04X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    /** Unicode text biased towards what JSON must escape or sort with care (that of the entry properties). */
    private static Arbitrary<String> rawText() {
        return EntryCodecProperties.text();
    }
}
