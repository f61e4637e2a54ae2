package io.hazardledger.tamper;

import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.store.LedgerTables;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/** Rows the ledger never wrote, forged through plain JDBC. */
final class ForgedRows {

    private ForgedRows() {
    }

    /**
     * Inserts an event row copied from an existing one under another aggregate id, sequence number and event id.
     * Parameters: aggregate id, sequence number, new event id, the event id to copy.
     */
    static final String INSERT_EVENT_LIKE = "INSERT INTO ledger_domain_event (aggregate_identifier, sequence_number, type, "
            + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
            + "SELECT ?, ?, type, ?, meta_data, payload, payload_revision, payload_type, time_stamp "
            + "FROM ledger_domain_event WHERE event_identifier = ?";

    /**
     * Forges a second HazardReported for the aggregate of the last entry, and a well-formed entry for it at index
     * {@code size}, chained to the last entry's hash exactly as the ledger would have written it. The head is
     * left alone.
     */
    static void appendBeyondTheHead(LedgerTables db, long size) throws SQLException, EntryCodec.MalformedEntryException {
        forge(db, size, db.entryHash(size - 1), db.eventIdAt(size - 1), 1L, "forged-event");
    }

    /**
     * Forges a copy of the first entry's event and a well-formed entry for it at index -1, before the first entry,
     * chained to the all-zero hash as a first entry is.
     */
    static void forgeBeforeTheFirst(LedgerTables db) throws SQLException, EntryCodec.MalformedEntryException {
        forge(db, -1, Hashes.ZERO_HASH, db.eventIdAt(0), 1_000_000L, "forged-first-event");
    }

    private static void forge(LedgerTables db, long index, String prevHash, String copied, long sequence, String eventId)
            throws SQLException, EntryCodec.MalformedEntryException {
        String aggregateId = (String) db.scalar("SELECT aggregate_identifier FROM ledger_domain_event WHERE event_identifier = ?", copied);
        db.update(INSERT_EVENT_LIKE, aggregateId, sequence, eventId, copied);
        List<Object> e = db.query("SELECT event_identifier, type, aggregate_identifier, sequence_number, payload_type, "
                + "payload_revision, time_stamp, meta_data, payload FROM ledger_domain_event WHERE event_identifier = ?",
                eventId).get(0);
        EntryContent forged = new EntryContent((String) e.get(0), (String) e.get(1), (String) e.get(2),
                ((Number) e.get(3)).longValue(), (String) e.get(4), (String) e.get(5), (String) e.get(6),
                new String((byte[]) e.get(7), StandardCharsets.UTF_8), new String((byte[]) e.get(8), StandardCharsets.UTF_8));
        byte[] entry = EntryCodec.encode(index, prevHash, forged);
        db.update("INSERT INTO ledger_entry (ledger_index, event_id, aggregate_id, event_type, entry_hash, entry) "
                + "VALUES (?, ?, ?, ?, ?, ?)", index, forged.eventId(), aggregateId, forged.eventType(), Hashes.leafHash(entry), entry);
    }
}
