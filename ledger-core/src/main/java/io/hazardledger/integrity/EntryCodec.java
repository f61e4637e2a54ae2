package io.hazardledger.integrity;

import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a ledger entry as its exact bytes: the RFC 8785 (JCS) canonical JSON of
 * <pre>
 * {"version":1,"index":N,"prevHash":"hex64","eventId":"…","aggregateType":"…","aggregateId":"…",
 *  "aggregateSequence":N,"eventType":"…","payloadRevision":null|"…","recordedAt":"…",
 *  "metadata":{…},"payload":{…}}
 * </pre>
 * (members sorted by JCS, no white space, UTF-8). See {@code docs/FORMAT.md}.
 */
public final class EntryCodec {

    /** The entry format version written in every entry. */
    public static final int VERSION = 1;

    /** 2^53: integers below it are exact doubles, which RFC 8785 writes as plain decimal digits. */
    private static final long EXACT = 1L << 53;

    private EntryCodec() {
    }

    /**
     * The canonical entry bytes.
     *
     * @throws MalformedEntryException when the stored metadata or payload is not valid JSON
     */
    public static byte[] encode(long index, String prevHash, EntryContent c) throws MalformedEntryException {
        if (beyondExact(index, c)) {
            return throughCanonicaliser(index, prevHash, c);
        }
        StringBuilder json = new StringBuilder(256 + c.payloadJson().length() + c.metadataJson().length());
        write(json, index, prevHash, c);
        String canonical = json.toString();
        rejectLoneSurrogates(c.eventId(), canonical);
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an integer of the entry is beyond 2^53, which only the canonicaliser writes as RFC 8785 wants. */
    private static boolean beyondExact(long index, EntryContent c) {
        return index >= EXACT || index <= -EXACT || c.aggregateSequence() >= EXACT || c.aggregateSequence() <= -EXACT;
    }

    /** A builder a thread reuses for {@link #matches}; replaced when one entry made it large. */
    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(4096));

    /**
     * Whether {@code stored} are exactly the bytes {@link #encode} gives (false also when it would refuse the event):
     * the check a verification makes of every entry, comparing as it encodes instead of building the bytes.
     */
    public static boolean matches(long index, String prevHash, EntryContent c, byte[] stored) {
        if (beyondExact(index, c)) {
            try {
                return java.util.Arrays.equals(throughCanonicaliser(index, prevHash, c), stored);
            } catch (MalformedEntryException e) {
                return false;
            }
        }
        StringBuilder json = BUILDER.get();
        json.setLength(0);
        try {
            write(json, index, prevHash, c);
            return sameUtf8(json, stored);
        } catch (MalformedEntryException e) {
            return false;
        } finally {
            if (json.capacity() > 1 << 20) {
                BUILDER.remove();
            }
        }
    }

    /**
     * Appends the entry: the members in RFC 8785 order (all names are ASCII), strings in its escaping, integers below
     * 2^53 as decimal digits, metadata and payload in their own canonical form, the canonicaliser's output without
     * parsing the whole entry a second time. EntryCodecProperties holds it to the independent reference.
     */
    private static void write(StringBuilder json, long index, String prevHash, EntryContent c)
            throws MalformedEntryException {
        json.append("{\"aggregateId\":");
        JsonText.quoteCanonical(json, c.aggregateId());
        json.append(",\"aggregateSequence\":").append(c.aggregateSequence()).append(",\"aggregateType\":");
        JsonText.quoteCanonical(json, c.aggregateType());
        json.append(",\"eventId\":");
        JsonText.quoteCanonical(json, c.eventId());
        json.append(",\"eventType\":");
        JsonText.quoteCanonical(json, c.eventType());
        json.append(",\"index\":").append(index).append(",\"metadata\":");
        object(json, c.eventId(), "metadata", c.metadataJson());
        json.append(",\"payload\":");
        object(json, c.eventId(), "payload", c.payloadJson());
        json.append(",\"payloadRevision\":");
        if (c.payloadRevision() == null) {
            json.append("null");
        } else {
            JsonText.quoteCanonical(json, c.payloadRevision());
        }
        json.append(",\"prevHash\":");
        JsonText.quoteCanonical(json, prevHash);
        json.append(",\"recordedAt\":");
        JsonText.quoteCanonical(json, c.recordedAt());
        json.append(",\"version\":").append(VERSION).append('}');
    }

    /**
     * Whether {@code stored} is the UTF-8 encoding of {@code s}; false when {@code s} holds an unpaired surrogate
     * (which {@link #encode} refuses).
     */
    private static boolean sameUtf8(CharSequence s, byte[] stored) {
        int j = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                if (j >= stored.length || stored[j++] != ch) {
                    return false;
                }
            } else if (ch < 0x800) {
                if (j + 2 > stored.length || stored[j++] != (byte) (0xc0 | ch >> 6) || stored[j++] != (byte) (0x80 | ch & 0x3f)) {
                    return false;
                }
            } else if (Character.isSurrogate(ch)) {
                if (!Character.isHighSurrogate(ch) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                if (j + 4 > stored.length || stored[j++] != (byte) (0xf0 | cp >> 18)
                        || stored[j++] != (byte) (0x80 | cp >> 12 & 0x3f) || stored[j++] != (byte) (0x80 | cp >> 6 & 0x3f)
                        || stored[j++] != (byte) (0x80 | cp & 0x3f)) {
                    return false;
                }
            } else if (j + 3 > stored.length || stored[j++] != (byte) (0xe0 | ch >> 12)
                    || stored[j++] != (byte) (0x80 | ch >> 6 & 0x3f) || stored[j++] != (byte) (0x80 | ch & 0x3f)) {
                return false;
            }
        }
        return j == stored.length;
    }

    /** Integers beyond 2^53 are written as the canonicaliser writes doubles: the whole entry goes through it. */
    private static byte[] throughCanonicaliser(long index, String prevHash, EntryContent c)
            throws MalformedEntryException {
        StringBuilder json = new StringBuilder(256 + c.payloadJson().length() + c.metadataJson().length());
        json.append("{\"version\":").append(VERSION)
            .append(",\"index\":").append(index)
            .append(",\"prevHash\":");
        quote(json, prevHash);
        json.append(",\"eventId\":");
        quote(json, c.eventId());
        json.append(",\"aggregateType\":");
        quote(json, c.aggregateType());
        json.append(",\"aggregateId\":");
        quote(json, c.aggregateId());
        json.append(",\"aggregateSequence\":").append(c.aggregateSequence())
            .append(",\"eventType\":");
        quote(json, c.eventType());
        json.append(",\"payloadRevision\":");
        if (c.payloadRevision() == null) {
            json.append("null");
        } else {
            quote(json, c.payloadRevision());
        }
        json.append(",\"recordedAt\":");
        quote(json, c.recordedAt());
        json.append(",\"metadata\":").append(object(c.eventId(), "metadata", c.metadataJson()))
            .append(",\"payload\":").append(object(c.eventId(), "payload", c.payloadJson()))
            .append('}');
        String canonical;
        try {
            canonical = new JsonCanonicalizer(json.toString()).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new MalformedEntryException("event " + c.eventId() + " cannot be encoded: " + e.getMessage());
        }
        rejectLoneSurrogates(c.eventId(), canonical);
        return canonical.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks that {@code json} is exactly one JSON object (RFC 8259: no leading zeros, no member twice) and appends
     * its canonical form to {@code out}, so that stored text can never add members to the entry around it.
     */
    private static void object(StringBuilder out, String eventId, String member, String json)
            throws MalformedEntryException {
        int start = out.length();
        try {
            CanonicalJson.canonicalize(json, out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int nul = json.indexOf('\u0000');
            if (nul >= 0) {   // where the stored bytes were not UTF-8 (EventRows.utf8), or held a raw U+0000
                throw new MalformedEntryException("event " + eventId + " has " + member + " that is not UTF-8 JSON "
                        + "text: it holds a byte that is not UTF-8 (or a raw U+0000) at character " + nul);
            }
            throw new MalformedEntryException("event " + eventId + " has " + member + " that is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new MalformedEntryException("event " + eventId + " has " + member + " that is not valid JSON: "
                    + e.getMessage());
        }
        if (out.charAt(start) != '{') {
            throw new MalformedEntryException("event " + eventId + " has " + member + " that is not a JSON object");
        }
    }

    /** {@link #object(StringBuilder, String, String, String)} on its own. */
    private static String object(String eventId, String member, String json) throws MalformedEntryException {
        StringBuilder out = new StringBuilder(json.length());
        object(out, eventId, member, json);
        return out.toString();
    }

    /** RFC 8785 (I-JSON) strings hold no unpaired surrogates; UTF-8 would turn them into '?'. */
    private static void rejectLoneSurrogates(String eventId, String s) throws MalformedEntryException {
        if (JsonText.hasLoneSurrogate(s)) {
            throw new MalformedEntryException("event " + eventId + " has a string with an unpaired surrogate");
        }
    }

    private static void quote(StringBuilder out, String s) {
        JsonText.quote(out, s);
    }

    /** The stored event cannot be encoded as an entry. */
    public static final class MalformedEntryException extends Exception {
        public MalformedEntryException(String message) {
            super(message);
        }
    }
}
