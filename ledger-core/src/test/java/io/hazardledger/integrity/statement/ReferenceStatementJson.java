package io.hazardledger.integrity.statement;

import io.hazardledger.integrity.sig.Statement;

import java.util.Map;
import java.util.TreeMap;

/**
 * A naive statement encoder written from docs/FORMAT.md sections 2 and 12.4 without looking at {@link Statement}:
 * Python's {@code json.dumps(statement, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} in Java. Members
 * in a {@link TreeMap} (String order is UTF-16 code unit order, RFC 8785 section 3.2.3), no white space, strings
 * escaped by hand as RFC 8785 section 3.2.2.2 says.
 */
final class ReferenceStatementJson {

    private ReferenceStatementJson() {
    }

    /** The statement object's members, {@code version} as the integer 1 and the other eight as strings. */
    static Map<String, Object> members(Statement s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("version", 1);
        m.put("action", s.action());
        m.put("aggregateId", s.aggregateId());
        m.put("contentSha256", s.contentSha256());
        m.put("prevEntryHash", s.prevEntryHash());
        m.put("signerId", s.signerId());
        m.put("keyId", s.keyId());
        m.put("claimedAt", s.claimedAt());
        m.put("mode", s.mode());
        return m;
    }

    /** Sorted compact JSON of a statement. */
    static String sortedCompact(Statement s) {
        return sortedCompact(members(s));
    }

    /** Sorted compact JSON of a flat object whose values are strings or integers. */
    static String sortedCompact(Map<String, ?> object) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> e : new TreeMap<>(object).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(string(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof String str) {
                out.append(string(str));
            } else if (v instanceof Integer || v instanceof Long) {
                out.append(v);
            } else {
                throw new IllegalArgumentException("not a string or an integer: " + e.getKey() + "=" + v);
            }
        }
        return out.append('}').toString();
    }

    /** A JSON string as RFC 8785 writes it. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
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
                        out.append("\\u00").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
