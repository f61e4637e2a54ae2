package io.hazardledger.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A naive ledger entry encoder written from {@code docs/FORMAT.md} alone, to cross-check {@link EntryCodec}.
 * It parses metadata and payload with Jackson, puts the twelve members in a {@link TreeMap} and writes
 * RFC 8785 JSON itself. Numbers: integers of magnitude at most 2^53 only, enough for ledger data; any other
 * number is refused with {@link UnsupportedOperationException}, never approximated.
 */
final class ReferenceEntryEncoder {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final BigInteger MAX_EXACT = BigInteger.TWO.pow(53);

    private ReferenceEntryEncoder() {
    }

    /** The input cannot become an entry: FORMAT.md section 2, item 6 ({@code malformed-event}). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** FORMAT.md sections 1 and 2: the entry bytes. */
    static byte[] encode(long index, String prevHash, EntryContent c) {
        // String.compareTo compares UTF-16 code units, which is the member order RFC 8785 section 3.2.3 asks for.
        Map<String, Object> entry = new TreeMap<>();
        entry.put("version", 1L);
        entry.put("index", index);
        entry.put("prevHash", prevHash);
        entry.put("eventId", c.eventId());
        entry.put("aggregateType", c.aggregateType() == null ? "" : c.aggregateType());
        entry.put("aggregateId", c.aggregateId());
        entry.put("aggregateSequence", c.aggregateSequence());
        entry.put("eventType", c.eventType());
        entry.put("payloadRevision", c.payloadRevision());
        entry.put("recordedAt", c.recordedAt());
        entry.put("metadata", isBlank(c.metadataJson()) ? new TreeMap<>() : object(c.metadataJson(), "metadata"));
        entry.put("payload", object(c.payloadJson(), "payload"));
        StringBuilder out = new StringBuilder();
        write(out, entry);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** FORMAT.md section 3: lowercase hex SHA-256(0x00 || entry). */
    static String leafHash(byte[] entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0x00);
            sha.update(entry);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isBlank(String json) {
        return json == null || json.chars().allMatch(ch -> ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r');
    }

    private static Map<String, Object> object(String json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new Malformed(what + " is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Malformed(what + " is not one JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value(node);
        return map;
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return integer(node);
    }

    private static long integer(JsonNode number) {
        if (!Double.isFinite(number.doubleValue())) {
            throw new Malformed("number out of the double range: " + number);
        }
        BigInteger value;
        if (number.isIntegralNumber()) {
            value = number.bigIntegerValue();
        } else if (number.doubleValue() == Math.rint(number.doubleValue())) {
            value = number.decimalValue().toBigInteger();   // 1.0, 1e2, -0.0
        } else {
            throw new UnsupportedOperationException("the reference encoder writes integers only: " + number);
        }
        if (value.abs().compareTo(MAX_EXACT) > 0) {
            throw new UnsupportedOperationException("the reference encoder writes integers up to 2^53 only: " + number);
        }
        return value.longValueExact();
    }

    private static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Long) {
            out.append(v);
        } else if (v instanceof String s) {
            quote(out, s);
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                quote(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
                first = false;
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }

    /** RFC 8785 section 3.2.2.2, as FORMAT.md section 2 item 3 sums it up. */
    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(ch).append(s.charAt(++i));
                    } else if (Character.isSurrogate(ch)) {
                        throw new Malformed("a lone surrogate U+" + Integer.toHexString(ch) + " is not Unicode");
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
