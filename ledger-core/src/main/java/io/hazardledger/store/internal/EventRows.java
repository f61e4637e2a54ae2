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
                timestamp, metadata == null ? null : new String(metadata, StandardCharsets.UTF_8),
                new String(payload, StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
