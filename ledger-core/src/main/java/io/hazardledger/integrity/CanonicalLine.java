package io.hazardledger.integrity;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One streaming pass over an entry's bytes that checks they are RFC 8785 canonical JSON of the restricted kind the
 * ledger writes (objects, arrays, strings, integers, true/false/null) and picks out the top-level members a verifier
 * needs. A line with a non-integer number is reported as {@link #needsFullCheck()} so that the caller falls back
 * to the full canonicaliser.
 */
public final class CanonicalLine {

    private final byte[] b;
    private final int end;
    private int i;
    private boolean fallback;
    private String error;
    private long index = -1;
    private int prevHashStart = -1;
    private int prevHashEnd = -1;
    /** The recordedAt string's inside, when it is plain ASCII; -1 otherwise. */
    private int recordedAtStart = -1;
    private int recordedAtEnd = -1;
    /** A prevHash that is not a plain ASCII string, as written (it can never equal a hash). */
    private String prevHashText;
    private boolean inMetadata;
    private boolean signed;
    private String eventType;
    /** The aggregateId value's bytes, as written (a string with its quotes); decoded only when asked for. */
    private int aggregateIdStart = -1;
    private int aggregateIdEnd = -1;

    /** The members of an entry, in canonical order (section 1 of FORMAT.md). */
    private static final String[] MEMBERS = {"aggregateId", "aggregateSequence", "aggregateType", "eventId", "eventType",
            "index", "metadata", "payload", "payloadRevision", "prevHash", "recordedAt", "version"};
    private static final byte[][] MEMBER_BYTES = java.util.Arrays.stream(MEMBERS)
            .map(m -> m.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final int AGGREGATE_ID = 0;
    private static final int EVENT_TYPE = 4;
    private static final int INDEX = 5;
    private static final int METADATA = 6;
    private static final int PAYLOAD = 7;
    private static final int PREV_HASH = 9;
    private static final int RECORDED_AT = 10;
    private static final int VERSION = 11;
    private static final byte[] LEDGER_SIGNATURE = "ledgerSignature".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CanonicalLine(byte[] bytes, int from, int to) {
        this.b = bytes;
        this.i = from;
        this.end = to;
    }

    /** Scans the line; see {@link #canonical()}, {@link #needsFullCheck()} and the accessors. */
    public static CanonicalLine scan(byte[] line) {
        return scan(line, 0, line.length);
    }

    /**
     * Scans the line held in {@code bytes[from, to)}. The scan accepts a line only when it ends exactly at {@code to},
     * so a malformed line can never be accepted by reading into the bytes after it.
     */
    public static CanonicalLine scan(byte[] bytes, int from, int to) {
        CanonicalLine c = new CanonicalLine(bytes, from, to);
        try {
            c.topLevel();
            if (c.error == null && c.i != to) {
                c.error = c.i < to ? "bytes after the entry object" : "the entry ends early";
            }
        } catch (IndexOutOfBoundsException e) {
            c.error = "the entry ends early";
        }
        return c;
    }

    /** True when the line is canonical (and {@link #needsFullCheck()} is false). */
    public boolean canonical() {
        return error == null && !fallback;
    }

    /** True when the line holds something this scanner does not judge (a non-integer number). */
    public boolean needsFullCheck() {
        return error == null && fallback;
    }

    /** Why the line is not canonical, or null. */
    public String error() {
        return error;
    }

    public long index() {
        return index;
    }

    /** The prevHash member as written (null when the scan stopped before it). */
    public String prevHash() {
        if (prevHashStart >= 0) {
            return new String(b, prevHashStart, prevHashEnd - prevHashStart, StandardCharsets.US_ASCII);
        }
        return prevHashText;
    }

    /** Whether the prevHash member is the lowercase hex of {@code hash}, compared without building strings. */
    public boolean prevHashIs(byte[] hash) {
        if (prevHashStart < 0 || prevHashEnd - prevHashStart != hash.length * 2) {
            return false;
        }
        for (int k = 0; k < hash.length; k++) {
            int v = hash[k] & 0xff;
            if (b[prevHashStart + 2 * k] != HEX_DIGITS[v >>> 4] || b[prevHashStart + 2 * k + 1] != HEX_DIGITS[v & 0xf]) {
                return false;
            }
        }
        return true;
    }

    public String eventType() {
        return eventType;
    }

    /**
     * The aggregateId member, decoded (null when the scan stopped before it); a value that is no string (no entry the
     * ledger writes) as Jackson's {@code asText()} gives it: a number's or literal's JSON text, and "" for an object or
     * an array.
     */
    public String aggregateId() {
        if (aggregateIdStart < 0) {
            return null;
        }
        if (b[aggregateIdStart] == '{' || b[aggregateIdStart] == '[') {
            return "";
        }
        if (b[aggregateIdStart] != '"') {
            return new String(b, aggregateIdStart, aggregateIdEnd - aggregateIdStart, StandardCharsets.UTF_8);
        }
        return new CanonicalLine(b, aggregateIdStart, aggregateIdEnd).string();
    }

    /** Hands the recordedAt member, when it is a plain ASCII string, to {@code steps} as entry {@code index}'s. */
    public void recordedAtTo(ClockSteps steps, long index) {
        if (recordedAtStart >= 0) {
            steps.accept(index, b, recordedAtStart, recordedAtEnd);
        }
    }

    /** Whether the metadata object has a {@code ledgerSignature} member (then the caller parses the entry). */
    public boolean mayBeSigned() {
        return signed;
    }

    private void topLevel() {
        if (i >= end || b[i] != '{') {
            error = "an entry is a JSON object";
            return;
        }
        i++;
        int member = 0;
        while (error == null) {
            if (b[i] == '}') {
                i++;
                if (member != MEMBERS.length) {
                    error = "the entry lacks member \"" + MEMBERS[member] + "\"";
                }
                return;
            }
            if (member > 0 && !expect(',')) {
                return;
            }
            int keyStart = i + 1;
            boolean plain = plainAscii();
            if (error != null) {
                return;
            }
            if (member >= MEMBERS.length || !plain || !equalsBytes(keyStart, i - 1, MEMBER_BYTES[member])) {
                String key = plain ? new String(b, keyStart, i - 1 - keyStart, StandardCharsets.US_ASCII)
                        : new String(b, keyStart, Math.max(0, i - 1 - keyStart), StandardCharsets.UTF_8);
                error = "member \"" + key + "\" where canonical order expects \""
                        + (member < MEMBERS.length ? MEMBERS[member] : "the end") + "\"";
                return;
            }
            if (!expect(':')) {
                return;
            }
            int valueStart = i;
            switch (member) {
                case AGGREGATE_ID -> {
                    value(1);
                    aggregateIdStart = valueStart;
                    aggregateIdEnd = i;
                }
                case EVENT_TYPE -> eventType = string();
                case INDEX -> index = integer();
                case METADATA -> {
                    if (b[valueStart] != '{') {
                        error = "metadata is not an object";
                        return;
                    }
                    inMetadata = true;
                    value(1);
                    inMetadata = false;
                }
                case PAYLOAD -> {
                    if (b[valueStart] != '{') {
                        error = "payload is not an object";
                        return;
                    }
                    value(1);
                }
                case PREV_HASH -> {
                    if (plainAscii()) {
                        prevHashStart = valueStart + 1;
                        prevHashEnd = i - 1;
                    } else if (error == null) {
                        prevHashText = new String(b, valueStart, i - valueStart, StandardCharsets.UTF_8);
                    }
                }
                case RECORDED_AT -> {
                    if (b[valueStart] != '"') {
                        value(1);   // judged as any other value; a time is a string, so no clock step is read
                    } else if (plainAscii()) {
                        recordedAtStart = valueStart + 1;
                        recordedAtEnd = i - 1;
                    }
                }
                case VERSION -> {
                    if (integer() != EntryCodec.VERSION && error == null) {
                        error = "the entry version is not " + EntryCodec.VERSION;
                    }
                }
                default -> value(1);
            }
            member++;
        }
    }

    private boolean equalsBytes(int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (b[from + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private void value(int depth) {
        byte c = b[i];
        if (depth > CanonicalJson.MAX_DEPTH && (c == '{' || c == '[')) {   // as CanonicalJson: 64 containers deep
            error = "nested too deeply";
            return;
        }
        if (c == '{') {
            i++;
            int lastStart = -1;
            int lastEnd = -1;
            String last = null;
            boolean first = true;
            while (error == null) {
                if (b[i] == '}') {
                    i++;
                    return;
                }
                if (!first && !expect(',')) {
                    return;
                }
                first = false;
                int keyStart = i + 1;
                boolean plain = plainAscii();
                if (error != null) {
                    return;
                }
                int keyEnd = i - 1;
                if (inMetadata && depth == 1 && plain && equalsBytes(keyStart, keyEnd, LEDGER_SIGNATURE)) {
                    signed = true;
                }
                if (plain && lastStart >= 0 && last == null) {
                    // ASCII names: UTF-16 order is byte order
                    if (compareBytes(lastStart, lastEnd, keyStart, keyEnd) >= 0) {
                        error = "members out of order or repeated at " + keyStart;
                        return;
                    }
                } else if (lastStart >= 0 || last != null) {
                    String previous = last != null ? last : new String(b, lastStart, lastEnd - lastStart, StandardCharsets.UTF_8);
                    String key = new String(b, keyStart, keyEnd - keyStart, StandardCharsets.UTF_8);
                    if (!plain) {
                        i = keyStart - 1;
                        key = string();
                        if (error != null) {
                            return;
                        }
                    }
                    if (compareUtf16(previous, key) >= 0) {
                        error = "members out of order or repeated: \"" + key + "\" after \"" + previous + "\"";
                        return;
                    }
                    if (!plain) {
                        last = key;
                        lastStart = -1;
                        if (!expect(':')) {
                            return;
                        }
                        value(depth + 1);
                        continue;
                    }
                } else if (!plain) {
                    i = keyStart - 1;
                    last = string();
                    if (error != null) {
                        return;
                    }
                    if (!expect(':')) {
                        return;
                    }
                    value(depth + 1);
                    continue;
                }
                last = null;
                lastStart = keyStart;
                lastEnd = keyEnd;
                if (!expect(':')) {
                    return;
                }
                value(depth + 1);
            }
        } else if (c == '[') {
            i++;
            boolean first = true;
            while (error == null) {
                if (b[i] == ']') {
                    i++;
                    return;
                }
                if (!first && !expect(',')) {
                    return;
                }
                first = false;
                value(depth + 1);
            }
        } else if (c == '"') {
            skipString();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else {
            error = "unexpected character '" + (char) c + "' at " + i;
        }
    }

    private boolean expect(char c) {
        if (b[i] != c) {
            error = "expected '" + c + "' at " + i;
            return false;
        }
        i++;
        return true;
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                error = "expected " + word + " at " + i;
                return;
            }
        }
        i += word.length();
    }

    /** An integer in canonical form; anything else (fraction, exponent) asks for the full check. */
    private long integer() {
        int start = i;
        boolean earlier = fallback;
        fallback = false;
        number();
        boolean notWhole = fallback;
        fallback = earlier || notWhole;
        if (error != null || notWhole) {
            return -1;
        }
        try {
            return Long.parseLong(new String(b, start, i - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            error = "the index is not a whole number";
            return -1;
        }
    }

    private void number() {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
            if (b[i] >= '0' && b[i] <= '9') {
                error = "a number with a leading zero at " + start;
                return;
            }
        } else if (b[i] >= '1' && b[i] <= '9') {
            while (b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        } else {
            error = "malformed number at " + start;
            return;
        }
        if (b[i] == '.' || b[i] == 'e' || b[i] == 'E') {
            fallback = true;
            while (b[i] == '.' || b[i] == 'e' || b[i] == 'E' || b[i] == '+' || b[i] == '-' || (b[i] >= '0' && b[i] <= '9')) {
                i++;
            }
            return;
        }
        if (i - start == 2 && b[start] == '-' && b[start + 1] == '0') {
            error = "-0 is written 0";
            return;
        }
        int digits = i - start - (b[start] == '-' ? 1 : 0);
        if (digits > 16 || (digits == 16 && Math.abs(Long.parseLong(
                new String(b, start, i - start, StandardCharsets.US_ASCII))) >= 1L << 53)) {
            fallback = true; // from 2^53 on the canonical form is the double's
        }
    }

    /**
     * Skips a string of printable ASCII without escapes and answers true; for any other string answers false after
     * checking it in full with {@link #string()} (which leaves {@code i} after it).
     */
    private boolean plainAscii() {
        if (b[i] != '"') {
            error = "expected a string at " + i;
            return false;
        }
        int p = plainRun(i + 1);
        if (b[p] == '"') {
            i = p + 1;
            return true;
        }
        string();
        return false;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    /**
     * The first position from {@code p} of a byte that ends a plain run inside a string: '"', '\\', a control
     * character or a non-ASCII byte. Eight bytes a step while they lie before the line's end: each test below is
     * exact about whether the word holds such a byte ({@code (v - 0x01..) & ~v & 0x80..} is non-zero iff a byte of v
     * is zero; with 0x20.. iff a byte is below 0x20), and the byte loop then finds which.
     */
    private int plainRun(int p) {
        while (p + Long.BYTES <= end) {
            long x = (long) LONGS.get(b, p);
            long quote = x ^ QUOTES;
            long backslash = x ^ BACKSLASHES;
            long special = (x & HIGHS) | ((x - SPACES) & ~x & HIGHS) | ((quote - ONES) & ~quote & HIGHS)
                    | ((backslash - ONES) & ~backslash & HIGHS);
            if (special != 0) {
                break;
            }
            p += Long.BYTES;
        }
        while (true) {
            int c = b[p] & 0xff;
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                return p;
            }
            p++;
        }
    }

    private int compareBytes(int aStart, int aEnd, int bStart, int bEnd) {
        int n = Math.min(aEnd - aStart, bEnd - bStart);
        for (int k = 0; k < n; k++) {
            int d = (b[aStart + k] & 0xff) - (b[bStart + k] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return (aEnd - aStart) - (bEnd - bStart);
    }

    /** Checks a string value in canonical form without keeping it (see {@link #string()}). */
    private void skipString() {
        int p = plainRun(i + 1);
        if (b[p] == '"') {
            i = p + 1;
            return;
        }
        // a string with escapes or non-ASCII: the full check, nothing kept
        string(false);
    }

    /** A string in canonical form (RFC 8785 §3.2.2.2); returns it decoded. */
    private String string() {
        return string(true);
    }

    /** Checks a string in canonical form; decodes it only when {@code keep}. */
    private String string(boolean keep) {
        if (b[i] != '"') {
            error = "expected a string at " + i;
            return null;
        }
        i++;
        int start = i;
        boolean plain = true;
        StringBuilder out = null;
        while (true) {
            int c = b[i] & 0xff;
            if (c == '"') {
                String s = !keep ? null : plain ? new String(b, start, i - start, StandardCharsets.UTF_8) : out.toString();
                i++;
                return s;
            }
            if (c < 0x20) {
                error = "an unescaped control character in a string at " + i;
                return null;
            }
            if (c == '\\') {
                if (plain) {
                    out = keep ? new StringBuilder(new String(b, start, i - start, StandardCharsets.UTF_8)) : null;
                    plain = false;
                }
                byte e = b[i + 1];
                switch (e) {
                    case '"' -> { if (out != null) { out.append('"'); } }
                    case '\\' -> { if (out != null) { out.append('\\'); } }
                    case 'b' -> { if (out != null) { out.append('\b'); } }
                    case 'f' -> { if (out != null) { out.append('\f'); } }
                    case 'n' -> { if (out != null) { out.append('\n'); } }
                    case 'r' -> { if (out != null) { out.append('\r'); } }
                    case 't' -> { if (out != null) { out.append('\t'); } }
                    case 'u' -> {
                        String hex = new String(b, i + 2, 4, StandardCharsets.US_ASCII);
                        int v;
                        try {
                            v = Integer.parseInt(hex, 16);
                        } catch (NumberFormatException ex) {
                            error = "a malformed \\u escape at " + i;
                            return null;
                        }
                        if (v >= 0x20 || v == 0x08 || v == 0x09 || v == 0x0a || v == 0x0c || v == 0x0d
                                || !hex.equals(String.format("%04x", v))) {
                            error = "a \\u escape that canonical JSON writes otherwise at " + i;
                            return null;
                        }
                        if (out != null) {
                            out.append((char) v);
                        }
                        i += 4;
                    }
                    default -> {
                        error = "an escape that canonical JSON does not use at " + i;
                        return null;
                    }
                }
                i += 2;
                continue;
            }
            if (c >= 0x80) {
                int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : -1;
                if (len < 0 || c > 0xf4) {
                    error = "invalid UTF-8 at " + i;
                    return null;
                }
                if (!validUtf8(i, len)) {
                    error = "invalid UTF-8 at " + i;
                    return null;
                }
                if (!keep) {
                    i += len;
                    continue;
                }
                String ch = new String(b, i, len, StandardCharsets.UTF_8);
                boolean replacementChar = len == 3 && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBF && b[i + 2] == (byte) 0xBD;
                if ((ch.indexOf('\uFFFD') >= 0 && !replacementChar) || ch.getBytes(StandardCharsets.UTF_8).length != len) {
                    error = "invalid UTF-8 at " + i;
                    return null;
                }
                if (out != null) {
                    out.append(ch);
                }
                i += len;
                continue;
            }
            if (out != null) {
                out.append((char) c);
            }
            i++;
        }
    }

    /** One UTF-8 sequence of {@code len} bytes at {@code p}: no overlong form, no surrogate, at most U+10FFFF. */
    private boolean validUtf8(int p, int len) {
        int c0 = b[p] & 0xff;
        for (int k = 1; k < len; k++) {
            if ((b[p + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        int cp;
        if (len == 2) {
            cp = ((c0 & 0x1f) << 6) | (b[p + 1] & 0x3f);
            return cp >= 0x80;
        }
        if (len == 3) {
            cp = ((c0 & 0x0f) << 12) | ((b[p + 1] & 0x3f) << 6) | (b[p + 2] & 0x3f);
            return cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff);
        }
        cp = ((c0 & 0x07) << 18) | ((b[p + 1] & 0x3f) << 12) | ((b[p + 2] & 0x3f) << 6) | (b[p + 3] & 0x3f);
        return cp >= 0x10000 && cp <= 0x10ffff;
    }

    /** RFC 8785 member order: by UTF-16 code units. */
    private static int compareUtf16(String a, String b) {
        return a.compareTo(b);
    }
}
