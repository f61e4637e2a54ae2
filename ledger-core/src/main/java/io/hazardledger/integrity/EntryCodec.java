package io.hazardledger.integrity;

import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;

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

    private EntryCodec() {
    }

    /**
     * The canonical entry bytes.
     *
     * @throws MalformedEntryException when the stored metadata or payload is not valid JSON
     */
    public static byte[] encode(long index, String prevHash, EntryContent c) throws MalformedEntryException {
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
        json.append(",\"metadata\":").append(c.metadataJson())
            .append(",\"payload\":").append(c.payloadJson())
            .append('}');
        try {
            return new JsonCanonicalizer(json.toString()).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new MalformedEntryException("event " + c.eventId() + " has metadata or payload that is not valid JSON: "
                    + e.getMessage());
        }
    }

    /** Appends {@code s} as a JSON string; the canonicaliser re-escapes it per RFC 8785 afterwards. */
    private static void quote(StringBuilder out, String s) {
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
        out.append('"');
    }

    /** The stored event cannot be encoded as an entry. */
    public static final class MalformedEntryException extends Exception {
        public MalformedEntryException(String message) {
            super(message);
        }
    }
}
