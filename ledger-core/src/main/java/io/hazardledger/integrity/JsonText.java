package io.hazardledger.integrity;

/** Small text rules shared by the ledger's formats: valid Unicode, and JSON string quoting before canonicalisation. */
public final class JsonText {

    private JsonText() {
    }

    /** True when {@code s} holds a surrogate that is not part of a pair (not valid Unicode; RFC 8785 refuses it). */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code s} as a JSON string; a canonicaliser re-escapes it per RFC 8785 afterwards. */
    public static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"');
    }

    /**
     * Appends {@code s} as an RFC 8785 string (section 3.2.2.2): '"' and '\\' escaped, the control characters
     * U+0008, U+0009, U+000A, U+000C and U+000D as \\b \\t \\n \\f \\r, the other ones below U+0020 as
     * \\u00xx in lowercase hex, everything else as it is.
     */
    public static StringBuilder quoteCanonical(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        while (plain < s.length()) {
            char ch = s.charAt(plain);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                break;
            }
            plain++;
        }
        out.append(s, 0, plain); // most strings have nothing to escape: appended at once
        for (int i = plain; i < s.length(); i++) {
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
                        out.append("\\u00").append(HEX_DIGITS.charAt(ch >> 4)).append(HEX_DIGITS.charAt(ch & 0xf));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final String HEX_DIGITS = "0123456789abcdef";
}
