package io.hazardledger.store.internal;

import io.hazardledger.integrity.EntryContent;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads Axon's stored event rows ({@code ledger_domain_event}) into {@link EntryContent}. The write path and
 * the verifier both build entries from these rows, so an entry is always a function of what is stored.
 */
final class EventRows {

    /** Columns selected, prefixed {@code e.}; {@link #read} expects them in this order from column {@code first}. */
    static final String COLUMNS = "e.event_identifier, e.type, e.aggregate_identifier, e.sequence_number, "
            + "e.payload_type, e.payload_revision, e.time_stamp, e.meta_data, e.payload";

    private EventRows() {
    }

    static EntryContent read(ResultSet rs, int first) throws SQLException {
        String eventId = rs.getString(first);
        if (eventId == null) {
            return null;
        }
        return content(eventId, rs.getString(first + 1), rs.getString(first + 2), rs.getLong(first + 3),
                rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6), rs.getBytes(first + 7),
                rs.getBytes(first + 8));
    }

    /** The entry content of an event row with these column values (as stored, or as about to be inserted). */
    static EntryContent content(String eventId, String type, String aggregateId, long sequence, String payloadType,
                                String payloadRevision, String timestamp, byte[] metadata, byte[] payload) {
        return new EntryContent(eventId, nullToEmpty(type), aggregateId, sequence, payloadType, payloadRevision,
                timestamp, metadata == null ? null : utf8(metadata), utf8(payload));
    }

    /**
     * A stored JSON column as text. Bytes that are not UTF-8 (the ledger's serializer writes none) are not read as
     * U+FFFD, which a text may hold itself: a replaced character that was one before would then go unnoticed, while
     * Axon reads the bytes otherwise (refusing them, or an overlong {@code C1 81} as "A"). Each such byte becomes
     * U+0000 instead, which JSON allows nowhere unescaped, so the column is no JSON and the entry is
     * {@code malformed-event} at its index. (Not a lone surrogate, as Python's "surrogateescape": after a stored
     * {@code \uD83D} escape, an escaped byte {@code A9} would complete a valid pair.)
     */
    static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;   // nothing was replaced: the usual case, decoded once
        }
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        while (true) {
            java.nio.charset.CoderResult r = decoder.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            for (int i = 0; i < r.length(); i++) {   // malformed (UTF-8 has nothing unmappable): no JSON any more
                in.get();
                out.put('\u0000');
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
