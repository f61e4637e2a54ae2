package io.hazardledger.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8785 (JCS) canonical form of a JSON text, the same characters as the reference library
 * ({@code org.erdtman.jcs.JsonCanonicalizer}, which the property tests hold it to), read with Jackson's streaming
 * parser in one pass: members sorted by their names' UTF-16 code units, strings in RFC 8785's escaping, integers below
 * 2^53 as decimal digits and every other number as ECMAScript writes the double it denotes (the library's own
 * routine). Strict input: RFC 8259 JSON only (no leading zeros, comments, NaN, unescaped control characters or
 * trailing text), no member name twice in one object. Unlike the reference it also reads a lone value at the top
 * (a string, a number…); the ledger's callers require an object.
 */
public final class CanonicalJson {

    /** 2^53: integers of smaller magnitude are exact doubles, written as plain decimal digits. */
    private static final long EXACT = 1L << 53;
    /**
     * How deep objects and arrays may nest in an event's metadata or payload, the object itself the first: far deeper
     * than any the ledger writes, and shallow enough for every reader's stack (a stored payload nested 100,000 deep
     * overflowed it). The offline verifier holds an entry's metadata and payload to the same ({@code CanonicalLine}).
     */
    public static final int MAX_DEPTH = 64;

    /**
     * Strict about RFC 8259, without Jackson's size limits but the depth (the reference has none: text the ledger
     * stored under it must still read) and without its table of member names (whose hash-collision guard refuses
     * some texts).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    private CanonicalJson() {
    }

    /**
     * The canonical form of {@code json}.
     *
     * @throws IOException when {@code json} is not one valid JSON value
     */
    public static String canonicalize(String json) throws IOException {
        StringBuilder out = new StringBuilder(json.length());
        canonicalize(json, out);
        return out.toString();
    }

    /**
     * Appends the canonical form of {@code json} to {@code out} (left as it was before the value when {@code json} is
     * refused).
     *
     * @throws IOException when {@code json} is not one valid JSON value
     */
    public static void canonicalize(String json, StringBuilder out) throws IOException {
        int start = out.length();
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            value(p, first, out);
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON value at " + p.currentLocation().getCharOffset());
            }
        } catch (IOException | RuntimeException e) {
            out.setLength(start);
            throw e;
        }
    }

    /**
     * The canonical form of {@code json}, which must be one JSON object, without its members named in {@code omitted}
     * (at its top level only; a nested member of such a name stays). The omitted members' values are read, and must
     * be valid JSON, but not written.
     *
     * @throws IOException when {@code json} is not one valid JSON object
     */
    public static String canonicalizeWithout(String json, java.util.Set<String> omitted) throws IOException {
        StringBuilder out = new StringBuilder(json.length());
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            object(p, out, omitted);
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON value at " + p.currentLocation().getCharOffset());
            }
        }
        return out.toString();
    }

    private static void value(JsonParser p, JsonToken t, StringBuilder out) throws IOException {
        switch (t) {
            case START_OBJECT -> object(p, out, java.util.Set.of());
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(p, item, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> JsonText.quoteCanonical(out, p.getText());
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    long v = p.getLongValue();
                    if (v < EXACT && v > -EXACT) {
                        out.append(v);
                        return;
                    }
                }
                out.append(NumberToJSON.serializeNumber(p.getDoubleValue()));
            }
            case VALUE_NUMBER_FLOAT -> out.append(NumberToJSON.serializeNumber(p.getDoubleValue()));
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IOException("unexpected " + t + " at " + p.currentLocation().getCharOffset());
        }
    }

    /**
     * An object's members, each written canonically where it stands, then put in order by name if they came in
     * another (names are unique: the parser checks).
     */
    private static void object(JsonParser p, StringBuilder out, java.util.Set<String> omitted) throws IOException {
        int open = out.length();
        out.append('{');
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean sorted = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            if (omitted.contains(name)) {
                value(p, p.nextToken(), new StringBuilder()); // read (so checked as JSON), not written
                continue;
            }
            if (!names.isEmpty()) {
                out.append(',');
                // String order is UTF-16 code unit order, as RFC 8785 sorts
                sorted &= names.get(names.size() - 1).compareTo(name) < 0;
            }
            names.add(name);
            starts.add(out.length());
            JsonText.quoteCanonical(out, name).append(':');
            value(p, p.nextToken(), out);
        }
        if (!sorted) {
            int n = names.size();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String members = out.substring(open + 1); // each member's text, at starts[i] - open - 1
            out.setLength(open + 1);
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (k > 0) {
                    out.append(',');
                }
                int from = starts.get(i) - open - 1;
                int to = i + 1 < n ? starts.get(i + 1) - open - 2 : members.length();
                out.append(members, from, to);
            }
        }
        out.append('}');
    }
}
