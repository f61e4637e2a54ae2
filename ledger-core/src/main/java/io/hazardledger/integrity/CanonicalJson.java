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
     * Strict about RFC 8259, without Jackson's size limits (the reference has none: text the ledger stored under it
     * must still read) and without its table of member names (whose hash-collision guard refuses some texts).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    /** A thread's room to copy an object's members aside while putting them in order (kept up to 64 K chars). */
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[1024]);

    private CanonicalJson() {
    }

    /**
     * Reads trees as strictly as {@link #canonicalize(String)} reads text (RFC 8259 only, no member name twice, nothing
     * after the value) and within Jackson's default limits (nesting, number, string and name lengths), as the ledger's
     * own reading of payloads is: what either refuses is left to the reading of the text.
     */
    private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
            new com.fasterxml.jackson.databind.ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * {@code json} read as a tree, as strictly as {@link #canonicalize(String)} reads it (RFC 8259 only, no member name
     * twice) but within Jackson's default limits, each number as {@link #canonicalize(JsonNode, StringBuilder)} needs
     * it; null when it is not exactly one JSON value, or is beyond those limits (read its text then). On any thread.
     */
    public static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = TREES.readTree(json);
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException | RuntimeException notOneValue) {
            return null;
        }
    }

    /**
     * Appends the canonical form of a tree {@link #tree} read: the same characters {@link #canonicalize(String)} gives
     * for the text it was read from (CanonicalJsonProperties holds the two to the reference). Left as it was when the
     * tree holds what JSON cannot write (a number out of the double's range).
     *
     * @throws IOException when the tree holds a value RFC 8785 cannot write
     */
    public static void canonicalize(com.fasterxml.jackson.databind.JsonNode tree, StringBuilder out)
            throws IOException {
        int start = out.length();
        try {
            node(tree, out);
        } catch (IOException | RuntimeException e) {
            out.setLength(start);
            throw e;
        }
    }

    private static void node(com.fasterxml.jackson.databind.JsonNode n, StringBuilder out) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                int size = n.size();
                String[] names = new String[size];
                java.util.Iterator<String> it = n.fieldNames();
                boolean sorted = true;
                for (int i = 0; i < size; i++) {
                    names[i] = it.next();
                    // String order is UTF-16 code unit order, as RFC 8785 sorts
                    sorted &= i == 0 || names[i - 1].compareTo(names[i]) < 0;
                }
                if (!sorted) {
                    java.util.Arrays.sort(names);
                }
                out.append('{');
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    JsonText.quoteCanonical(out, names[i]).append(':');
                    node(n.get(names[i]), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    node(n.get(i), out);
                }
                out.append(']');
            }
            case STRING -> JsonText.quoteCanonical(out, n.textValue());
            case NUMBER -> {
                if ((n.isInt() || n.isLong()) && n.longValue() < EXACT && n.longValue() > -EXACT) {
                    out.append(n.longValue());
                } else if (n.isIntegralNumber() || n.isDouble()) {
                    out.append(NumberToJSON.serializeNumber(n.doubleValue()));
                } else {
                    throw new IOException("a number read otherwise than as a double: " + n.getClass().getSimpleName());
                }
            }
            case BOOLEAN -> out.append(n.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IOException("not a JSON value: " + n.getNodeType());
        }
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

    private static void value(JsonParser p, JsonToken t, StringBuilder out) throws IOException {
        switch (t) {
            case START_OBJECT -> object(p, out);
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
    private static void object(JsonParser p, StringBuilder out) throws IOException {
        int open = out.length();
        out.append('{');
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean sorted = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
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
            // each member's text, at starts[i] - open - 1, copied aside (not as a String, which would be compressed)
            int length = out.length() - open - 1;
            char[] members = SCRATCH.get();
            if (members.length < length) {
                members = new char[Math.max(length, 2 * members.length)];
                if (members.length <= 1 << 16) {
                    SCRATCH.set(members);
                }
            }
            out.getChars(open + 1, out.length(), members, 0);
            out.setLength(open + 1);
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (k > 0) {
                    out.append(',');
                }
                int from = starts.get(i) - open - 1;
                int to = i + 1 < n ? starts.get(i + 1) - open - 2 : length;
                out.append(members, from, to - from);
            }
        }
        out.append('}');
    }
}
